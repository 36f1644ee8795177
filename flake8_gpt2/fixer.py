"""Apply fixes: non-overlapping edits per pass, re-parse, re-lint, until nothing is left to fix."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Dict, List, Sequence, Tuple

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from .engine import lint_module
from .gate import may_hold_findings
from .noqa import Suppressions
from .settings import Settings
from .violation import Finding, Fix, InsertAfter, Replace

MAX_PASSES = 10
Selects = Callable[[str], bool]


@dataclass
class FileResult:
    source: bytes
    findings: List[Finding] = field(default_factory=list)  # what is left, in `source`
    fixed: List[Finding] = field(default_factory=list)  # fixed, located in the original file


def check(source: bytes, selects: Selects, settings: Settings = Settings()) -> FileResult:
    """Findings of the selected rules that no `# noqa` suppresses. Raises on unparsable input."""
    if not may_hold_findings(source, settings):
        return FileResult(source)
    return FileResult(source, _reported(cst.parse_module(source), source, selects, settings))


def fix(source: bytes, selects: Selects, unsafe: bool, settings: Settings = Settings()) -> FileResult:
    """Applies safe fixes (and unsafe ones when asked) until a pass finds nothing to fix."""
    if not may_hold_findings(source, settings):
        return FileResult(source)
    module = cst.parse_module(source)
    fixed: List[Finding] = []
    for _ in range(MAX_PASSES):
        findings = _reported(module, source, selects, settings)
        fixable = [f for f in findings if f.fix is not None and (f.fix.safe or unsafe)]
        if not fixable:
            return FileResult(source, findings, fixed)
        chosen = _without_overlaps(module, fixable)
        # the edited module is re-parsed from its code: what is written must parse
        source = module.visit(_ApplyEdits([f.fix for f in chosen])).bytes
        module = cst.parse_module(source)
        fixed.extend(chosen)
    return FileResult(source, _reported(module, source, selects, settings), fixed)


def _reported(module: cst.Module, source: bytes, selects: Selects, settings: Settings) -> List[Finding]:
    """`source`: the code `module` was parsed from."""
    findings = [f for f in lint_module(module, settings) if selects(f.code)]
    if not findings:
        return findings
    suppressions = Suppressions(source.decode(module.encoding))
    return [f for f in findings if not suppressions.suppresses(f.line, f.code)]


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
