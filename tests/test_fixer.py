"""The fixer generates the edited code without building the edited tree
(libcst_internals.code_with_edits); here it equals, byte for byte, the code of the tree a libcst
transformer builds from the same edits, on every fixture, with every fix chosen in one pass."""
from __future__ import annotations

from typing import Dict, List

import libcst as cst
import pytest

from flake8_gpt2.fixer import apply_fixes
from flake8_gpt2.parsing import parse_module
from flake8_gpt2.pipeline import reported
from flake8_gpt2.violation import Finding, InsertAfter, Replace

from fixture_cases import bad_cases


class _Reference(cst.CSTTransformer):
    """Edits as a transformer makes them: a replaced node's own edits below it are dropped."""

    def __init__(self, findings: List[Finding]) -> None:
        super().__init__()
        self.replacements: Dict[int, cst.CSTNode] = {}
        self.added: Dict[int, List[str]] = {}
        for finding in findings:
            assert finding.fix is not None
            for edit in finding.fix.edits:
                if isinstance(edit, Replace):
                    self.replacements[id(edit.target)] = edit.replacement
                elif edit.code not in self.added.setdefault(id(edit.statement), []):
                    self.added[id(edit.statement)].append(edit.code)

    def on_leave(self, original_node, updated_node):  # type: ignore[no-untyped-def]
        if id(original_node) in self.replacements:
            return self.replacements[id(original_node)]
        if id(original_node) in self.added:
            statements = [InsertAfter(original_node, code).as_statement() for code in self.added[id(original_node)]]
            return cst.FlattenSentinel([updated_node, *statements])
        return updated_node


@pytest.mark.parametrize("case", bad_cases(), ids=lambda case: case.id)
def test_the_fixed_code_is_the_code_of_the_tree_a_transformer_edits(case):
    source = case.path.read_bytes()
    module = parse_module(source)
    findings = [f for f in reported(module, source, lambda code: True, case.settings) if f.fix is not None]
    if not findings:
        pytest.skip("no fix")
    fixed, chosen = apply_fixes(module, findings)
    assert fixed == module.visit(_Reference(chosen)).bytes
