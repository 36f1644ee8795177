"""A fix as text edits, for tools that apply fixes themselves (JSON, SARIF): each edit replaces
the text between two positions (1-based lines, 1-based columns in characters) with new text.

The fixes carry libcst nodes; positions need the module they belong to, so the file is analysed
once more here, only for output formats that carry edits."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Dict, List, Mapping, Optional, Sequence, Tuple

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider, WhitespaceInclusivePositionProvider

from .engine import lint_module
from .settings import Settings
from .violation import Finding, Fix, InsertAfter, Replace

Position = Tuple[int, int]  # line, column: both 1-based
# a line as libcst counts lines
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


@dataclass(frozen=True)
class TextEdit:
    start: Position
    end: Position
    content: str


def text_edits(
    source: bytes, findings: Sequence[Finding], selects: Callable[[str], bool], settings: Settings
) -> List[Optional[Tuple[TextEdit, ...]]]:
    """The edits of each finding's fix (None for a finding without one), `findings` being what
    `fixer.check` reported for `source`."""
    if all(finding.fix is None for finding in findings):
        return [None] * len(findings)
    module = cst.parse_module(source)
    by_place: Dict[Tuple[str, str, int, int], List[Fix]] = {}
    for found in lint_module(module, settings):
        if selects(found.code) and found.fix is not None:
            by_place.setdefault(_place(found), []).append(found.fix)
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    inclusive = wrapper.resolve(WhitespaceInclusivePositionProvider)
    starts = wrapper.resolve(PositionProvider)
    lines = _LINE.findall(module.code)
    edits: List[Optional[Tuple[TextEdit, ...]]] = []
    for finding in findings:
        fixes = by_place.get(_place(finding)) if finding.fix is not None else None
        if not fixes:
            edits.append(None)
            continue
        fix = fixes.pop(0)
        edits.append(tuple(_text_edit(edit, module, inclusive, starts, lines) for edit in fix.edits))
    return edits


def _place(finding: Finding) -> Tuple[str, str, int, int]:
    return (finding.code, finding.message, finding.line, finding.column)


def _text_edit(edit: object, module: cst.Module, inclusive: Mapping, starts: Mapping, lines: List[str]) -> TextEdit:
    if isinstance(edit, Replace):
        where = inclusive[edit.target]
        return TextEdit(_position(where.start), _position(where.end), module.code_for_node(edit.replacement))
    assert isinstance(edit, InsertAfter)
    first = starts[edit.statement].start
    indentation = lines[first.line - 1][: first.column]
    end = inclusive[edit.statement].end
    text = f"{indentation}{edit.code}{module.default_newline}"
    if end.column:  # the statement is the file's last line, without a newline
        text = module.default_newline + text[: -len(module.default_newline)]
    return TextEdit(_position(end), _position(end), text)


def _position(position: object) -> Position:
    return (position.line, position.column + 1)  # type: ignore[attr-defined]
