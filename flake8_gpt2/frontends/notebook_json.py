"""Editing a notebook's JSON text in place: the `source` of some cells replaced, every other byte
kept (indentation, key order, escaping, the form of each source), which `json.dump` would not."""
from __future__ import annotations

import json
import re
from json.decoder import scanstring
from typing import Callable, Dict, List, Tuple

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def with_sources(text: str, changed: Dict[int, str]) -> str:
    """`text` with the `source` of each changed cell replaced, in the form and layout it had."""
    spans = _source_spans(text)
    ensure_ascii = text.isascii()
    parts = []
    position = 0
    for index in sorted(changed):
        start, end = spans[index]
        parts += [text[position:start], _source_value(text, start, end, changed[index], ensure_ascii)]
        position = end
    return "".join(parts) + text[position:]


def _source_value(text: str, start: int, end: int, new: str, ensure_ascii: bool) -> str:
    if text[start] == '"':
        return json.dumps(new, ensure_ascii=ensure_ascii)
    items, _ = _array(text, start)
    # unchanged lines keep their exact escaping
    written = {json.loads(text[s:e]): text[s:e] for s, e in reversed(items)}
    lines = [written[line] if line in written else json.dumps(line, ensure_ascii=ensure_ascii) for line in
             new.splitlines(keepends=True)]
    opening, separator, closing = "", ", ", ""
    if items:
        opening, closing = text[start + 1:items[0][0]], text[items[-1][1]:end - 1]
        separator = text[items[0][1]:items[1][0]] if len(items) > 1 else "," + (opening or " ")
    return "[" + opening + separator.join(lines) + closing + "]" if lines else "[]"


def _skip(text: str, index: int) -> int:
    return _WHITESPACE.match(text, index).end()  # type: ignore[union-attr]


def _value_end(text: str, start: int) -> int:
    return _DECODER.raw_decode(text, start)[1]


def _object_end(text: str, index: int, visit: Callable[[str, int], int]) -> int:
    """Walks the JSON object at `index`: `visit(key, start)` returns where that member's value ends."""
    index = _skip(text, index + 1)
    while text[index] != "}":
        key, index = scanstring(text, index + 1)
        index = _skip(text, visit(key, _skip(text, _skip(text, index) + 1)))
        if text[index] == ",":
            index = _skip(text, index + 1)
    return index + 1


def _array(text: str, index: int, visit: Callable[[int], int] = lambda start: -1) -> Tuple[List[Tuple[int, int]], int]:
    """(start, end) of each item of the JSON array at `index`, and where the array ends;
    `visit(start)` may walk an item and give its end."""
    items = []
    index = _skip(text, index + 1)
    while text[index] != "]":
        end = visit(index)
        end = end if end >= 0 else _value_end(text, index)
        items.append((index, end))
        index = _skip(text, end)
        if text[index] == ",":
            index = _skip(text, index + 1)
    return items, index + 1


def _source_spans(text: str) -> Dict[int, Tuple[int, int]]:
    """(start, end) of the `source` value of each cell, by its index in the list of cells."""
    spans: Dict[int, Tuple[int, int]] = {}
    cells_seen: List[int] = []

    def cell(start: int) -> int:
        index = len(cells_seen)
        cells_seen.append(start)

        def member(key: str, value_start: int) -> int:
            value_end = _value_end(text, value_start)
            if key == "source":
                spans[index] = (value_start, value_end)
            return value_end

        return _object_end(text, start, member)

    def top(key: str, start: int) -> int:
        if key != "cells":
            return _value_end(text, start)
        cells_seen.clear()  # a repeated key: the last one counts, as for json.loads
        return _array(text, start, cell)[1]

    _object_end(text, _skip(text, 0), top)
    return spans
