"""Applying fixes: the edits of findings whose edits do not overlap, in one pass over the tree.
`pipeline.fix_module` loops it to a fixed point."""
from __future__ import annotations

import bisect
from typing import Dict, List, Sequence, Tuple

import libcst as cst

from .positions import spans
from .violation import Finding, Fix, InsertAfter, Replace


def apply_fixes(module: cst.Module, findings: Sequence[Finding]) -> Tuple[bytes, List[Finding]]:
    """The code of `module` with the fixes of `findings` applied, and the findings fixed; a fix
    that overlaps one applied before it waits for the next pass, where it is found again."""
    chosen = _without_overlaps(module, findings)
    return module.visit(_ApplyEdits([f.fix for f in chosen])).bytes, chosen  # type: ignore[misc]


def _without_overlaps(module: cst.Module, findings: Sequence[Finding]) -> List[Finding]:
    """The findings whose edits touch no code another chosen fix edits; the rest wait for the
    next pass, where they are found again in the edited code."""
    edits = [edit for finding in findings if finding.fix is not None for edit in finding.fix.edits]
    where = spans(module, [edit.target if isinstance(edit, Replace) else edit.statement for edit in edits])
    taken = _Ranges()
    chosen = []
    for finding in findings:
        assert finding.fix is not None
        ranges = [where[e.target] for e in finding.fix.edits if isinstance(e, Replace)]
        points = [where[e.statement][1] for e in finding.fix.edits if isinstance(e, InsertAfter)]
        if not any(taken.overlaps(*r) for r in ranges) and not any(taken.holds(p) for p in points):
            for r in ranges:
                taken.add(*r)
            chosen.append(finding)
    return chosen


Key = Tuple[int, int]


class _Ranges:
    """Ranges of code that do not overlap, sorted, so that each question is a binary search (a
    file with a finding on every line has tens of thousands)."""

    def __init__(self) -> None:
        self._starts: List[Key] = []
        self._ends: List[Key] = []

    def overlaps(self, start: Key, end: Key) -> bool:
        i = bisect.bisect_right(self._starts, start)
        # the ranges are disjoint, so only the neighbours on either side of `start` can overlap
        return (i > 0 and start < self._ends[i - 1]) or (i < len(self._starts) and self._starts[i] < end)

    def holds(self, point: Key) -> bool:
        """Whether `point` is strictly inside a range."""
        i = bisect.bisect_left(self._starts, point)
        return i > 0 and point < self._ends[i - 1]

    def add(self, start: Key, end: Key) -> None:
        i = bisect.bisect_right(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)


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
