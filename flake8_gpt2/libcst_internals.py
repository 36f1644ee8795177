"""Everything that leans on libcst's internals, in one place, checked against the libcst versions
named in CHECKED_AGAINST (tests/test_libcst_internals.py fails on any other, so an upgrade is
checked before it lands):

- a parse without the validation every node makes of itself as libcst's parser builds it
  (`CSTNode.__post_init__`): a tree of libcst's own parser is valid by construction, and the
  validation is about a seventh of the parse;
- plain code generation (`CSTNode._codegen` with a `CodegenState` of our own) that notes where
  chosen nodes start and end, as libcst's PositionProvider counts them, at a fifth of its cost;
- the code of a module with nodes replaced and statements added, generated without building the
  edited tree (`CSTNode._codegen` swapped while it runs), at about a third of a transformer's cost.

Each has a public-API fallback or a test that compares it with the public API: the parse gives the
same tree as `libcst.parse_module` (tests/test_parsing.py), the positions equal PositionProvider's
on every fixture in every newline style (tests/test_positions.py), the edited code equals a
transformer's on every fixture (tests/test_fixer.py)."""
from __future__ import annotations

import re
import threading
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Tuple, Union

import libcst as cst
from libcst._nodes.internal import CodegenState

# the minor versions of libcst these internals were checked against
CHECKED_AGAINST = ("1.9",)

# how libcst's PositionProvider counts lines
NEWLINE = re.compile(r"\r\n?|\n")
_NOTHING = nullcontext()
_VALIDATING_INIT = getattr(cst.CSTNode, "__post_init__", None)


def parse_without_validation(source: Union[str, bytes]) -> cst.Module:
    """`libcst.parse_module(source)`, its nodes not validating themselves while its parser runs."""
    if _VALIDATING_INIT is None:  # a libcst that no longer validates here
        return cst.parse_module(source)
    cst.CSTNode.__post_init__ = _unchecked  # type: ignore[method-assign]
    try:
        return cst.parse_module(source)
    finally:
        cst.CSTNode.__post_init__ = _VALIDATING_INIT  # type: ignore[method-assign]


def _unchecked(self: cst.CSTNode) -> None:
    pass


def generate(state: "_Locator", parts: Iterable[cst.CSTNode]) -> None:
    """The plain code of `parts`, in order, into `state.tokens`."""
    for part in parts:
        part._codegen(state)


def locator(module: cst.Module, targets: Iterable[cst.CSTNode]) -> "_Locator":
    """A code generation state that notes where each target starts."""
    return _Locator(default_indent=module.default_indent, default_newline=module.default_newline, targets=targets)


def span_locator(module: cst.Module, targets: Iterable[cst.CSTNode]) -> "_SpanLocator":
    """A code generation state that notes where each target starts and ends."""
    return _SpanLocator(default_indent=module.default_indent, default_newline=module.default_newline, targets=targets)


@dataclass
class _Locator(CodegenState):
    """Plain code generation that notes, for each target node, how many tokens came before it
    (and, with `ends`, before its end)."""

    targets: Iterable[cst.CSTNode] = ()
    ends: bool = False
    marks: Dict[int, int] = field(default_factory=dict)
    end_marks: Dict[int, int] = field(default_factory=dict)
    hoisted: bool = False
    _nodes: Dict[int, cst.CSTNode] = field(default_factory=dict)
    _ended_by: Dict[int, List[int]] = field(default_factory=dict)  # a node that ends targets: their keys

    def __post_init__(self) -> None:
        self._nodes = {id(node): node for node in self.targets}

    def record_syntactic_position(  # type: ignore[override]
        self, node: cst.CSTNode, *, start_node: Optional[cst.CSTNode] = None, end_node: Optional[cst.CSTNode] = None
    ) -> AbstractContextManager:
        # called at every node: a shared empty context costs a fraction of a generator's
        key = id(node)
        ending = self._ended_by.pop(key, []) if self.ends else []  # targets that end where this node ends
        if key in self._nodes:
            self.marks[key] = len(self.tokens)
            self.hoisted = self.hoisted or start_node is not None
            if self.ends:
                ending.append(key)
        if not ending:
            return _NOTHING
        if end_node is not None:
            # libcst ends a node where its `end_node` ends (a statement line: before its newline)
            self._ended_by.setdefault(id(end_node), []).extend(ending)
            return _NOTHING
        return _EndMark(self, ending)

    def line_columns(self, token_indices: Dict[int, int], first_line: int = 1) -> Dict[cst.CSTNode, Tuple[int, int]]:
        """(line, column) of each target at its token index, with the generated text starting at
        column 0 of `first_line`."""
        found: Dict[cst.CSTNode, Tuple[int, int]] = {}
        line, column, counted = first_line, 0, 0
        for key, index in sorted(token_indices.items(), key=lambda item: item[1]):
            text = "".join(self.tokens[counted:index])
            newlines = list(NEWLINE.finditer(text))
            if newlines:
                line += len(newlines)
                column = len(text) - newlines[-1].end()
            else:
                column += len(text)
            counted = index
            found[self._nodes[key]] = (line, column)
        return found

    def starts(self, first_line: int = 1) -> Dict[cst.CSTNode, Tuple[int, int]]:
        return self.line_columns(self.marks, first_line)


@dataclass
class _SpanLocator(_Locator):
    """Also the start and end of targets that libcst places by the code they own, whitespace
    included (nodes without a syntactic position of their own, as a closing parenthesis)."""

    ends: bool = True
    _owned_starts: Dict[int, int] = field(default_factory=dict)
    _owned_ends: Dict[int, int] = field(default_factory=dict)

    def before_codegen(self, node: cst.CSTNode) -> None:
        if id(node) in self._nodes:
            self._owned_starts[id(node)] = len(self.tokens)

    def after_codegen(self, node: cst.CSTNode) -> None:
        key = id(node)
        if key in self._nodes:
            self._owned_ends[key] = len(self.tokens)
        # an `end_node` with no syntactic position of its own ends where its code does
        for ended in self._ended_by.pop(key, ()):
            self.end_marks[ended] = len(self.tokens)

    def spans(self) -> Dict[cst.CSTNode, Tuple[Tuple[int, int], Tuple[int, int]]]:
        starts = self.line_columns({**self._owned_starts, **self.marks})
        ends = self.line_columns({**self._owned_ends, **self.end_marks})
        return {node: (starts[node], ends[node]) for node in self._nodes.values()}


class _EndMark:
    """Notes where the nodes that end with this one end."""

    __slots__ = ("_locator", "_keys")

    def __init__(self, locator: _Locator, keys: List[int]) -> None:
        self._locator, self._keys = locator, keys

    def __enter__(self) -> None:
        pass

    def __exit__(self, *exc_info: object) -> None:
        for key in self._keys:
            self._locator.end_marks[key] = len(self._locator.tokens)


def code_with_edits(
    module: cst.Module, replacements: Dict[int, cst.CSTNode], insertions: Dict[int, List[cst.CSTNode]]
) -> str:
    """The code of `module` transformed as a transformer would that returns the replacement of each
    node keyed (by id) in `replacements`, and each statement keyed in `insertions` followed by its
    statements, without building the transformed tree: one code generation in which each parent
    generates the replacement in place of its child, with the arguments it passes its child (a
    separating comma, a semicolon). Inside a replacement nothing is edited, as a transformer
    returning it discards the edits below the node it replaces."""
    state = _Substituting(
        default_indent=module.default_indent,
        default_newline=module.default_newline,
        replacements=replacements,
        insertions=insertions,
    )
    # one swap at a time: a thread that restored it would leave another's generation half edited
    with _SWAPPED:
        cst.CSTNode._codegen = _substituting_codegen  # type: ignore[method-assign]
        try:
            module._codegen(state)
        finally:
            cst.CSTNode._codegen = _PLAIN_CODEGEN  # type: ignore[method-assign]
    return "".join(state.tokens)


@dataclass
class _Substituting(CodegenState):
    replacements: Dict[int, cst.CSTNode] = field(default_factory=dict)
    insertions: Dict[int, List[cst.CSTNode]] = field(default_factory=dict)
    inside_replacement: bool = False


_PLAIN_CODEGEN = cst.CSTNode._codegen
_SWAPPED = threading.Lock()


def _substituting_codegen(self: cst.CSTNode, state: CodegenState, **kwargs: object) -> None:
    if not isinstance(state, _Substituting) or state.inside_replacement:
        _PLAIN_CODEGEN(self, state, **kwargs)
        return
    key = id(self)
    if key in state.replacements:
        state.inside_replacement = True
        try:
            _PLAIN_CODEGEN(state.replacements[key], state, **kwargs)
        finally:
            state.inside_replacement = False
        return
    _PLAIN_CODEGEN(self, state, **kwargs)
    for added in state.insertions.get(key, ()):
        added._codegen(state)  # new statements of the same block, right after this one
