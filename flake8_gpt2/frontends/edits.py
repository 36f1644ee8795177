"""A fix as text edits, for tools that apply fixes themselves (JSON, SARIF): each edit replaces
the text between two positions (1-based lines, 1-based columns in characters) with new text.

The fixes carry libcst nodes of the module the pipeline parsed; their positions are resolved in it,
only for the output formats that carry edits."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Mapping, Optional, Tuple

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider, WhitespaceInclusivePositionProvider

from ..pipeline import FileResult
from ..violation import InsertAfter, Replace

Position = Tuple[int, int]  # line, column: both 1-based
# a line as libcst counts lines
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


@dataclass(frozen=True)
class TextEdit:
    start: Position
    end: Position
    content: str


def text_edits(result: FileResult) -> List[Optional[Tuple[TextEdit, ...]]]:
    """The edits of each finding's fix in `result` (None for a finding without one)."""
    module = result.module
    if module is None or all(finding.fix is None for finding in result.findings):
        return [None] * len(result.findings)
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    inclusive = wrapper.resolve(WhitespaceInclusivePositionProvider)
    starts = wrapper.resolve(PositionProvider)
    lines = _LINE.findall(module.code)
    return [
        None if f.fix is None else tuple(_text_edit(edit, module, inclusive, starts, lines) for edit in f.fix.edits)
        for f in result.findings
    ]


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
