"""One libcst walk per module, with every rule batched in it."""
from __future__ import annotations

import dataclasses
from typing import Dict, Iterable, List, Optional, Sequence, Tuple, Union

import libcst as cst

from .analysis import Analysis, Read
from .gate import may_hold_findings
from .positions import start_positions
from .rule import Rule, all_rules
from .settings import Settings
from .violation import Finding, Violation


class _Linter(Analysis):
    def __init__(self, rules: Sequence[Rule], settings: Settings) -> None:
        super().__init__(settings)
        self._rules = rules
        self._pending: List[Tuple[Violation, Tuple[Read, ...], cst.BaseStatement]] = []

    def on_call(self, node: cst.Call) -> None:
        self._check(node)
        # after the rules: a call that hands a tokenizer over is checked with the tokenizer's
        # state before that call
        super().on_call(node)

    def _check(self, node: cst.Call) -> None:
        callee = self.value_of(node.func)
        if callee is not None:
            for rule in self._rules:
                self._collect(rule.check_call(node, callee, self))
        model_call = self.model_call(node)
        if model_call is not None:
            for rule in self._rules:
                self._collect(rule.check_model_call(model_call, self))
        tokenizer_call = self.tokenizer_call(node)
        if tokenizer_call is not None:
            for rule in self._rules:
                self._collect(rule.check_tokenizer_call(tokenizer_call, self))

    def _collect(self, violations: Iterable[Violation]) -> None:
        for violation in violations:
            # taken after the rule ran, so the reads it made are included
            self._pending.append((violation, self.current_reads(), self.top_statement))

    def violations(self) -> Dict[cst.BaseStatement, List[Violation]]:
        """What holds once the whole module is seen, by the top-level statement that holds it: a
        finding inside a function that relied on a global or an attribute is dropped if a later
        statement changed what it relied on."""
        found: Dict[cst.BaseStatement, List[Violation]] = {}
        for violation, reads, statement in self._pending:
            if all(read.still_holds() for read in reads):
                if violation.fix is not None and not violation.fix.holds():
                    violation = dataclasses.replace(violation, fix=None)
                found.setdefault(statement, []).append(violation)
        return found


def lint_module(
    module: cst.Module, settings: Settings = Settings(), rules: Optional[Sequence[Rule]] = None
) -> List[Finding]:
    linter = _Linter(list(all_rules().values()) if rules is None else rules, settings)
    linter.walk(module)
    violations = linter.violations()
    if not violations:
        return []
    positions = start_positions(module, {statement: [v.node for v in found] for statement, found in violations.items()})
    findings = []
    for found in violations.values():
        for violation in found:
            line, column = positions[violation.node]
            findings.append(Finding(violation.code, violation.message, line, column, violation.fix))
    findings.sort(key=lambda f: (f.line, f.column, f.code))
    return findings


def lint_source(source: Union[str, bytes], settings: Settings = Settings()) -> List[Finding]:
    """Findings for one file's code. Raises libcst.ParserSyntaxError when it does not parse."""
    if not may_hold_findings(source, settings):
        return []
    return lint_module(cst.parse_module(source), settings)
