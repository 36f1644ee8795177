"""Applying fixes: the edits of findings whose edits do not overlap, in one pass over the tree.
`pipeline.fix_module` loops it to a fixed point."""
from __future__ import annotations

from typing import Dict, List, Sequence, Tuple

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from .violation import Finding, Fix, InsertAfter, Replace


def apply_fixes(module: cst.Module, findings: Sequence[Finding]) -> Tuple[bytes, List[Finding]]:
    """The code of `module` with the fixes of `findings` applied, and the findings fixed; a fix
    that overlaps one applied before it waits for the next pass, where it is found again."""
    chosen = _without_overlaps(module, findings)
    return module.visit(_ApplyEdits([f.fix for f in chosen])).bytes, chosen  # type: ignore[misc]


def _without_overlaps(module: cst.Module, findings: Sequence[Finding]) -> List[Finding]:
    """The findings whose edits touch no code another chosen fix edits; the rest wait for the
    next pass, where they are found again in the edited code."""
    positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    taken: List[CodeRange] = []

    def overlaps(a: CodeRange, b: CodeRange) -> bool:
        return _key(a.start) < _key(b.end) and _key(b.start) < _key(a.end)

    chosen = []
    for finding in findings:
        assert finding.fix is not None
        ranges = [positions[e.target] for e in finding.fix.edits if isinstance(e, Replace)]
        points = [positions[e.statement].end for e in finding.fix.edits if isinstance(e, InsertAfter)]
        clash = any(overlaps(r, t) for r in ranges for t in taken) or any(
            _key(t.start) < _key(p) < _key(t.end) for p in points for t in taken
        )
        if not clash:
            taken.extend(ranges)
            chosen.append(finding)
    return chosen


def _key(position: object) -> Tuple[int, int]:
    return (position.line, position.column)  # type: ignore[attr-defined]


class _ApplyEdits(cst.CSTTransformer):
    def __init__(self, fixes: Sequence[Fix]) -> None:
        super().__init__()
        self._replacements: Dict[int, cst.CSTNode] = {}
        self._insertions: Dict[int, List[str]] = {}
        self._keep_alive = []  # ids are only unique while the nodes live
        for fix_ in fixes:
            for edit in fix_.edits:
                if isinstance(edit, Replace):
                    self._replacements[id(edit.target)] = edit.replacement
                    self._keep_alive.append(edit.target)
                else:
                    codes = self._insertions.setdefault(id(edit.statement), [])
                    self._keep_alive.append(edit.statement)
                    # two fixes that need the same line (GPT001 and GPT003 both set a pad token)
                    if edit.code not in codes:
                        codes.append(edit.code)

    def on_leave(self, original_node, updated_node):  # type: ignore[no-untyped-def]
        key = id(original_node)
        if key in self._replacements:
            return self._replacements[key]
        if key in self._insertions:
            added = [InsertAfter(original_node, code).as_statement() for code in self._insertions[key]]
            return cst.FlattenSentinel([updated_node, *added])
        return updated_node
