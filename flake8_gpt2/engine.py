"""The rules over the analysis: one walk of a module, every rule batched in it."""
from __future__ import annotations

import dataclasses
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple

import libcst as cst

from .analysis import CHECKS, RuleContext, Walker, classify
from .analysis.cache_reads import CacheRead, cache_read
from .analysis.calls import Assignment
from .analysis.evaluation import CallParts
from .analysis.reading_walk import ReadingWalker, ReadNode
from .analysis.scopes import Read
from .positions import start_positions
from .registry import all_rules
from .rule import Rule
from .settings import Settings
from .violation import Finding, Violation


class _Linter:
    def __init__(self, rules: Sequence[Rule], settings: Settings) -> None:
        # each kind of view is given to the rules that define its check, and only to them
        self._checks: Dict[type, List[Callable[..., Iterable[Violation]]]] = {
            kind: [getattr(rule, check) for rule in rules if hasattr(rule, check)] for kind, check in CHECKS.items()
        }
        on_assign = self._check_assignment if self._checks[Assignment] else None
        if self._checks[CacheRead]:
            self._walker: Walker = ReadingWalker(settings, self._check, on_assign, self._check_read)
        else:
            self._walker = Walker(settings, self._check, on_assign)
        self._context = RuleContext(self._walker.scopes, self._walker.evaluator, self._walker.references)
        # each violation, what it relied on, its top-level statement and the walk that found it
        self._pending: List[Tuple[Violation, Tuple[Read, ...], cst.BaseStatement, int]] = []

    def lint(self, module: cst.Module) -> Dict[cst.BaseStatement, List[Violation]]:
        self._context.module = module
        self._walker.walk(module)
        return self._violations()

    def _check(self, parts: CallParts) -> None:
        for call in classify(parts, self._walker.evaluator):
            for check in self._checks[type(call)]:
                self._collect(check(call, self._context))

    def _check_assignment(self, node: cst.Assign) -> None:
        assignment = Assignment(node)
        for check in self._checks[Assignment]:
            self._collect(check(assignment, self._context))

    def _check_read(self, node: ReadNode) -> None:
        read = cache_read(node, self._walker.evaluator.value_of)
        if read is not None:
            for check in self._checks[CacheRead]:
                self._collect(check(read, self._context))

    def _collect(self, violations: Iterable[Violation]) -> None:
        cursor = self._walker.cursor
        if cursor.returns_only:
            return
        for violation in violations:
            if violation.fix is not None and (cursor.one_call or cursor.again and not violation.fix.sound_in_any_walk):
                # a fix there could break the function's other calls, or name what is bound only
                # after the function is defined
                violation = dataclasses.replace(violation, fix=None)
            # taken after the rule ran, so the reads it made are included
            assert cursor.top is not None
            self._pending.append((violation, self._walker.scopes.reads(), cursor.top, cursor.again))

    def _violations(self) -> Dict[cst.BaseStatement, List[Violation]]:
        """What holds once the whole module is seen, by the top-level statement that holds it: a
        finding inside a function that relied on a global or an attribute is dropped if a later
        statement changed what it relied on."""
        found: Dict[cst.BaseStatement, List[Violation]] = {}
        # a body walked again (with what its calls pass) may find again what an earlier walk found:
        # a rule's findings on a node are those of the first walk where one of them still holds
        taken: Dict[Tuple[str, int], int] = {}
        held = _HeldNodes(self._context.module)
        for violation, reads, statement, walk in self._pending:
            key = (violation.code, id(violation.node))
            if taken.get(key, walk) != walk:
                continue
            if violation.holds() and all(_read_holds(read, violation) for read in reads):
                taken[key] = walk
                if violation.fix is not None and not violation.fix.holds():
                    violation = dataclasses.replace(violation, fix=None)
                if violation.final_message is not None:
                    violation = dataclasses.replace(violation, message=violation.final_message())
                found.setdefault(held.statement_of(violation.node, statement), []).append(violation)
        return found


def _read_holds(read: Read, violation: Violation) -> bool:
    if violation.on_identity_only and isinstance(read, Read):
        return read.still_the_same_object()
    return read.still_holds()


class _HeldNodes:
    """Which top-level statement holds a finding's node: mostly the one walked when it was found,
    but a call that stands for a run written earlier (the `dict(...)` of keywords a thread's
    `model.generate` gets, bound to a name in an earlier statement) is in that statement."""

    def __init__(self, module: cst.Module) -> None:
        self._module = module
        self._nodes: Dict[int, set] = {}

    def statement_of(self, node: cst.CSTNode, walked: cst.BaseStatement) -> cst.BaseStatement:
        if self._holds(walked, node):
            return walked
        return next((statement for statement in self._module.body if self._holds(statement, node)), walked)

    def _holds(self, statement: cst.BaseStatement, node: cst.CSTNode) -> bool:
        nodes = self._nodes.get(id(statement))
        if nodes is None:
            nodes = self._nodes[id(statement)] = set()
            pending: List[cst.CSTNode] = [statement]
            while pending:  # not recursive: code may be nested past the recursion limit
                current = pending.pop()
                nodes.add(id(current))
                pending.extend(current.children)
        return id(node) in nodes


def lint_module(
    module: cst.Module,
    settings: Settings = Settings(),
    rules: Optional[Sequence[Rule]] = None,
    code: Optional[str] = None,
) -> List[Finding]:
    """Every finding in a parsed module, located, in source order (no noqa: that is the caller's).
    `code`: the code `module` was parsed from, when the caller has it (findings are located faster)."""
    violations = _Linter(list(all_rules().values()) if rules is None else rules, settings).lint(module)
    if not violations:
        return []
    positions = start_positions(
        module, {statement: [v.node for v in found] for statement, found in violations.items()}, code
    )
    findings = []
    for found in violations.values():
        for violation in found:
            line, column = positions[violation.node]
            findings.append(Finding(violation.code, violation.message, line, column, violation.fix))
    findings.sort(key=lambda f: (f.line, f.column, f.code))
    return findings
