"""One libcst walk per module, with every rule batched in it."""
from __future__ import annotations

import dataclasses
import re
from typing import Iterable, List, Optional, Sequence, Tuple, Union

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from .analysis import Analysis, Read
from .rule import Rule, all_rules
from .settings import Settings
from .violation import Finding, Violation

# Every rule needs a value proven to come from transformers, so a file that never imports it
# cannot hold a finding, and is skipped before libcst parses it.
_IMPORTS_TRANSFORMERS = r"^[ \t]*(?:from[ \t]+transformers\b|import[ \t]+[^\n#]*\btransformers\b)"
_IMPORTS_IN_TEXT = re.compile(_IMPORTS_TRANSFORMERS, re.MULTILINE)
_IMPORTS_IN_BYTES = re.compile(_IMPORTS_TRANSFORMERS.encode(), re.MULTILINE)
_SKIP_FILE = r"^[ \t]*#[ \t]*flake8-gpt2:[ \t]*skip-file\b"
_SKIP_IN_TEXT = re.compile(_SKIP_FILE, re.MULTILINE)
_SKIP_IN_BYTES = re.compile(_SKIP_FILE.encode(), re.MULTILINE)


def may_hold_findings(source: Union[str, bytes], settings: Settings = Settings()) -> bool:
    """False for a file that has no way to hold a finding, or that says `# flake8-gpt2: skip-file`."""
    text = isinstance(source, str)
    if (_SKIP_IN_TEXT if text else _SKIP_IN_BYTES).search(source) is not None:  # type: ignore[arg-type]
        return False
    if (_IMPORTS_IN_TEXT if text else _IMPORTS_IN_BYTES).search(source) is not None:  # type: ignore[arg-type]
        return True
    # a configured model name can make models in a file that never imports transformers
    text = source.decode("latin-1") if isinstance(source, bytes) else source
    return any(name.rsplit(".", 1)[-1] in text for name in settings.model_names)


class _Linter(Analysis):
    def __init__(self, rules: Sequence[Rule], settings: Settings) -> None:
        super().__init__(settings)
        self._rules = rules
        self._pending: List[Tuple[Violation, Tuple[Read, ...]]] = []

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
            self._pending.append((violation, self.current_reads()))

    def violations(self) -> List[Violation]:
        """What holds once the whole module is seen: a finding inside a function that relied on
        a global or an attribute is dropped if a later statement changed what it relied on."""
        found = []
        for violation, reads in self._pending:
            if all(read.still_holds() for read in reads):
                if violation.fix is not None and not violation.fix.holds():
                    violation = dataclasses.replace(violation, fix=None)
                found.append(violation)
        return found


def lint_module(
    module: cst.Module, settings: Settings = Settings(), rules: Optional[Sequence[Rule]] = None
) -> List[Finding]:
    linter = _Linter(list(all_rules().values()) if rules is None else rules, settings)
    linter.walk(module)
    violations = linter.violations()
    if not violations:
        return []
    # positions are costly to compute, so only files with findings pay for them
    positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    findings = []
    for violation in violations:
        start = positions[violation.node].start
        findings.append(Finding(violation.code, violation.message, start.line, start.column, violation.fix))
    findings.sort(key=lambda f: (f.line, f.column, f.code))
    return findings


def lint_source(source: Union[str, bytes], settings: Settings = Settings()) -> List[Finding]:
    """Findings for one file's code. Raises libcst.ParserSyntaxError when it does not parse."""
    if not may_hold_findings(source, settings):
        return []
    return lint_module(cst.parse_module(source), settings)
