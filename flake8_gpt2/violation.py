"""What a rule reports: a violation, and the fix it carries (so report and fix cannot disagree)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional, Tuple, Union

import libcst as cst


@dataclass(frozen=True)
class Replace:
    target: cst.CSTNode
    replacement: cst.CSTNode


@dataclass(frozen=True)
class InsertAfter:
    """New statements on the lines right after `statement`, at its indentation."""

    statement: cst.SimpleStatementLine
    code: str  # one line of code, without newline

    def as_statement(self) -> cst.SimpleStatementLine:
        statement = cst.parse_statement(self.code + "\n")
        assert isinstance(statement, cst.SimpleStatementLine)
        return statement


Edit = Union[Replace, InsertAfter]


@dataclass(frozen=True)
class Fix:
    """Edits that resolve a violation. `safe` in ruff's sense: a safe fix keeps what the code
    means; an unsafe one may change behaviour beyond the failing call (the rule's page says how)."""

    edits: Tuple[Edit, ...]
    safe: bool
    # checked once the whole module is seen, for fixes that need it (a value used nowhere else)
    holds: Callable[[], bool] = lambda: True
    # its output holds no new finding: applied alone, the next pass finds what this one found less
    # this fix's finding (tests/test_final_fixes.py, over every fixture and flow file); a pass whose
    # findings were all fixed by final fixes is the last, without a parse and check of its output
    final: bool = False
    # it names only what the flagged code names or what was bound before the function ran, so it
    # holds where a function's body is walked again with what its calls pass
    sound_in_any_walk: bool = False


@dataclass(frozen=True)
class Violation:
    code: str
    message: str
    node: cst.CSTNode  # reported at the line and column where it starts
    fix: Optional[Fix] = None
    # the message once the whole module is seen, for advice that depends on what comes later
    final_message: Optional[Callable[[], str]] = None
    # whether it is a violation, once the whole module is seen (a fact later code may prove)
    holds: Callable[[], bool] = lambda: True
    # it rests on what its values are, not on their state (a removed method of any tokenizer)
    on_identity_only: bool = False


@dataclass(frozen=True)
class Finding:
    """A violation located in the source: line is 1-based, column 0-based (as flake8 takes them)."""

    code: str
    message: str
    line: int
    column: int
    fix: Optional[Fix]

    @property
    def text(self) -> str:
        return f"{self.code} {self.message}"
