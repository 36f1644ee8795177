"""Edits the way editors take them: the difference between a source and its fixed version as a few
small replacements, and `# noqa: CODE` added where flake8 reads it for a line."""
from __future__ import annotations

import bisect
import difflib
import io
import itertools
import re
import tokenize
from dataclasses import dataclass
from typing import Callable, Iterator, List, Sequence, Tuple

from flake8.defaults import NOQA_INLINE_REGEXP

# the line breaks of the Language Server Protocol, libcst and Python's tokenizer; not those of
# str.splitlines, which also breaks at form feeds and Unicode line separators
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_TRAILING_SEPARATORS = re.compile(r"[,\s]+$")


class Lines:
    """A text, its lines (each with its line break; the last is what follows the last break), and
    the offset where each starts."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines: List[str] = []
        start = 0
        for match in _LINE_BREAK.finditer(text):
            self.lines.append(text[start:match.end()])
            start = match.end()
        self.lines.append(text[start:])
        self.starts = list(itertools.accumulate((len(line) for line in self.lines), initial=0))

    def position(self, offset: int) -> Tuple[int, int]:
        """(0-based line, column in code points) of an offset."""
        line = min(bisect.bisect_right(self.starts, offset) - 1, len(self.lines) - 1)
        return line, offset - self.starts[line]

    def content(self, line: int) -> str:
        """Line `line` (0-based) without its line break."""
        return _LINE_BREAK.sub("", self.lines[line])


@dataclass(frozen=True)
class Edit:
    """text[start:end] becomes `new_text`; offsets are into the text before any edit."""

    start: int
    end: int
    new_text: str


def apply(text: str, edits: Sequence[Edit]) -> str:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[:edit.start] + edit.new_text + text[edit.end:]
    return text


# a changed region, by the lines of the text before: [first, end), 0-based; first == end for lines
# inserted before line `first`
Keep = Callable[[int, int], bool]


def changes(before: Lines, after: str, keep: Keep = lambda first, end: True) -> List[Edit]:
    """The edits that make `after` of `before`: one per changed region of lines that `keep`
    accepts, trimmed to the characters that differ (an editor then keeps the cursor and marks)."""
    old, new = before.lines, Lines(after).lines
    edits = []
    for first, end, new_first, new_end in _changed_regions(old, new):
        if keep(first, end):
            replacement = "".join(new[new_first:new_end])
            edits.append(_trimmed(before.text, before.starts[first], before.starts[end], replacement))
    return edits


def _changed_regions(old: List[str], new: List[str]) -> Iterator[Tuple[int, int, int, int]]:
    for tag, first, end, new_first, new_end in difflib.SequenceMatcher(None, old, new, False).get_opcodes():
        if tag == "replace" and end - first == new_end - new_first:
            # each line on its own: fixes on adjacent lines are then told apart
            for line in range(end - first):
                yield first + line, first + line + 1, new_first + line, new_first + line + 1
        elif tag != "equal":
            yield first, end, new_first, new_end


def _trimmed(text: str, start: int, end: int, new_text: str) -> Edit:
    old_text = text[start:end]
    prefix = _common_prefix_length(old_text, new_text)
    suffix = _common_prefix_length(old_text[prefix:][::-1], new_text[prefix:][::-1])
    # never between the two characters of a \r\n line break, where no editor position is
    if prefix and old_text[prefix - 1] == "\r":
        prefix -= 1
    if suffix and old_text[len(old_text) - suffix] == "\n":
        suffix -= 1
    return Edit(start + prefix, end - suffix, new_text[prefix:len(new_text) - suffix])


def _common_prefix_length(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))


def noqa_edit(text: Lines, line: int, code: str) -> Edit:
    """`# noqa: CODE` for a finding reported on `line` (1-based): `code` added to the `# noqa:`
    list flake8 reads for that line, or a new comment at the end of the line, or of the last line of
    the multi-line string or backslash continuation it is part of (where flake8 reads it too)."""
    first, last = _token_group(text, line)
    joined = "".join(text.lines[first - 1:last])
    existing = NOQA_INLINE_REGEXP.search(joined)
    if existing is not None and existing.group("codes"):
        after_codes = existing.start("codes") + len(_TRAILING_SEPARATORS.sub("", existing.group("codes")))
        offset = text.starts[first - 1] + after_codes
        return Edit(offset, offset, f",{code}")
    offset = text.starts[last - 1] + len(text.content(last - 1))
    return Edit(offset, offset, f"  # noqa: {code}")


def _token_group(text: Lines, line: int) -> Tuple[int, int]:
    """The lines, as flake8 groups them for `# noqa`, that hold `line`: the lines from one end of
    a physical line outside strings (a NL or NEWLINE token) to the next."""
    first = None
    try:
        for kind, _, (start, _), (end, _), _ in tokenize.generate_tokens(io.StringIO(text.text).readline):
            if kind in (tokenize.ENDMARKER, tokenize.DEDENT):
                continue
            first = start if first is None else first
            if kind in (tokenize.NL, tokenize.NEWLINE):
                if first <= line <= end:
                    return first, end
                if line < first:
                    break
                first = None
    except (tokenize.TokenError, SyntaxError):
        pass
    return line, line
