"""Applying fixes: the edits of findings whose edits do not overlap, in one pass over the tree.
`pipeline.fix_module` loops it to a fixed point."""
from __future__ import annotations

import bisect
from typing import Dict, List, Sequence, Tuple

import libcst as cst

from .libcst_internals import code_with_edits
from .positions import spans
from .violation import Finding, Fix, InsertAfter, Replace


def apply_fixes(module: cst.Module, findings: Sequence[Finding]) -> Tuple[bytes, List[Finding]]:
    """The code of `module` with the fixes of `findings` applied, and the findings fixed; a fix
    that overlaps one applied before it waits for the next pass, where it is found again."""
    chosen = _without_overlaps(module, findings)
    replacements, insertions = _edits([f.fix for f in chosen if f.fix is not None])
    return code_with_edits(module, replacements, insertions).encode(module.encoding), chosen


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


def _edits(fixes: Sequence[Fix]) -> Tuple[Dict[int, cst.CSTNode], Dict[int, List[cst.CSTNode]]]:
    """The replacement of each replaced node and the statements added after each statement, by the
    id of the node they edit (the findings hold those nodes, so the ids stay theirs)."""
    replacements: Dict[int, cst.CSTNode] = {}
    added: Dict[int, List[InsertAfter]] = {}
    for fix_ in fixes:
        for edit in fix_.edits:
            if isinstance(edit, Replace):
                replacements[id(edit.target)] = edit.replacement
            else:
                after = added.setdefault(id(edit.statement), [])
                # two fixes that need the same line (GPT001 and GPT003 both set a pad token)
                if all(edit.code != other.code for other in after):
                    after.append(edit)
    return replacements, {key: [edit.as_statement() for edit in after] for key, after in added.items()}
