"""Rewrites of a Python file that keep what it means: renamed variables, comments and blank lines
inside brackets, arguments split over lines, trailing commas, CRLF, tab indentation, a byte-order
mark. Each is checked against the file's `ast`: a rewrite that would change the code is dropped.
"""
from __future__ import annotations

import ast
import builtins
import io
import tokenize
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Dict, List, Optional, Sequence, Tuple

# what a layout rewrite puts after an opening bracket or a comma inside brackets
BREAKS = ("\n", "  # a comment\n", "\n\n    ", "  # one\n\n  # two\n\t")
_OPENING = {"(", "[", "{"}
_CLOSING = {")", "]", "}"}


def shape(text: str, renames: Optional[Dict[str, str]] = None) -> str:
    """The code's meaning, positions aside; `renames` applied to its names."""
    tree = ast.parse(text)
    renames = renames or {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            node.id = renames.get(node.id, node.id)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            node.names = [renames.get(name, name) for name in node.names]
    return ast.dump(tree)


def _tokens(text: str) -> List[tokenize.TokenInfo]:
    return list(tokenize.generate_tokens(io.StringIO(text).readline))


def _offsets(text: str) -> List[int]:
    """Where each line starts in `text`, by 1-based line number."""
    starts = [0, 0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    return starts


@dataclass(frozen=True)
class Points:
    """Where a file can take each rewrite without changing its meaning, each tried alone."""

    renamable: Tuple[str, ...]  # variable names
    breaks: Tuple[int, ...]  # offsets after an opening bracket or a comma inside brackets
    commas: Tuple[int, ...]  # offsets before a closing bracket that can take a trailing comma


@lru_cache(maxsize=None)
def points(text: str) -> Points:
    starts = _offsets(text)
    breaks, commas = [], []
    depth = 0
    previous = None
    for token in _tokens(text):
        offset = starts[token.start[0]] + token.start[1]
        end = starts[token.end[0]] + token.end[1]
        if token.type == tokenize.OP and token.string in _OPENING:
            depth += 1
        if token.type == tokenize.OP and token.string in _CLOSING:
            depth -= 1
            if previous is not None and previous.string not in _OPENING | {","}:
                commas.append(offset)
        if depth > 0 and token.type == tokenize.OP and token.string in _OPENING | {","}:
            breaks.append(end)
        if token.type not in (tokenize.NL, tokenize.COMMENT):
            previous = token
    return Points(
        renamable=tuple(name for name in _variables(text) if _means_the_same(text, *_renamed(text, [name]))),
        breaks=tuple(at for at in breaks if _means_the_same(text, insert(text, {at: "\n"}))),
        commas=tuple(at for at in commas if _means_the_same(text, insert(text, {at: ","}))),
    )


def _means_the_same(before: str, after: str, renames: Optional[Dict[str, str]] = None) -> bool:
    try:
        return shape(after) == shape(before, renames)
    except SyntaxError:
        return False


def _variables(text: str) -> List[str]:
    """Names the file assigns and could rename everywhere: not imported, not builtins, never a
    keyword argument, attribute or parameter of the same name, never inside an f-string."""
    tree = ast.parse(text)
    assigned, kept = set(), set(dir(builtins))
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            assigned.add(node.id)
        elif isinstance(node, ast.alias):
            kept.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, ast.keyword) and node.arg:
            kept.add(node.arg)
        elif isinstance(node, ast.Attribute):
            kept.add(node.attr)
        elif isinstance(node, ast.arg):
            kept.add(node.arg)
    strings = [token.string for token in _tokens(text) if token.type == tokenize.STRING]
    in_f_strings = " ".join(string for string in strings if "f" in string[:2].lower())
    return sorted(name for name in assigned - kept if name not in in_f_strings)


def _renamed(text: str, names: Sequence[str]) -> Tuple[str, Dict[str, str]]:
    renames = {name: name + "_r" for name in names}
    return rename(text, renames), renames


def rename(text: str, renames: Dict[str, str]) -> str:
    """Every NAME token in `renames` that is not an attribute (after a dot) renamed."""
    starts = _offsets(text)
    edits = {}
    previous = None
    for token in _tokens(text):
        if token.type == tokenize.NAME and token.string in renames and not (previous and previous.string == "."):
            edits[starts[token.start[0]] + token.start[1]] = (len(token.string), renames[token.string])
        if token.type not in (tokenize.NL, tokenize.COMMENT):
            previous = token
    out, last = [], 0
    for at in sorted(edits):
        length, new = edits[at]
        out += [text[last:at], new]
        last = at + length
    return "".join(out) + text[last:]


def insert(text: str, additions: Dict[int, str]) -> str:
    out, last = [], 0
    for at in sorted(additions):
        out += [text[last:at], additions[at]]
        last = at
    return "".join(out) + text[last:]


def with_tabs(text: str) -> str:
    """Each indentation of four spaces a tab, outside multi-line strings."""
    inside_strings = set()
    for token in _tokens(text):
        if token.type == tokenize.STRING:
            inside_strings.update(range(token.start[0] + 1, token.end[0] + 1))
    lines = text.splitlines(keepends=True)
    for number, line in enumerate(lines, start=1):
        spaces = len(line) - len(line.lstrip(" "))
        if number not in inside_strings and spaces:
            lines[number - 1] = "\t" * (spaces // 4) + " " * (spaces % 4) + line[spaces:]
    return "".join(lines)


@dataclass(frozen=True)
class Mutation:
    """A choice of rewrites, drawn by the fuzz tests."""

    renamed: Sequence[str] = ()
    breaks: Dict[int, str] = field(default_factory=dict)
    commas: Sequence[int] = ()
    tabs: bool = False
    crlf: bool = False
    bom: bool = False

    def apply(self, text: str) -> Tuple[bytes, Dict[str, str]]:
        """The rewritten file's bytes and its renames. Offsets refer to the original text: the
        insertions come first, the renames after them (a rename changes no offset before it)."""
        additions = dict(self.breaks)
        for at in self.commas:
            additions[at] = "," + additions.get(at, "")
        text = insert(text, additions)
        text, renames = _renamed(text, self.renamed)
        if self.tabs:
            tabbed = with_tabs(text)
            if _means_the_same(text, tabbed):
                text = tabbed
        if self.crlf:
            text = text.replace("\r\n", "\n").replace("\n", "\r\n")
        if self.bom:
            text = "\ufeff" + text
        return text.encode("utf-8"), renames

    @property
    def keeps_lines(self) -> bool:
        return not self.breaks
