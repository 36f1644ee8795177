"""Where the nodes of findings start, at the cost of generating the code of the statements that hold
them.

libcst's PositionProvider records a position for every node as it generates the module's code,
about five times the cost of generating the code alone: for a file with a few findings that is
more than the analysis of the file. Here only the top-level statements that hold findings are
generated, plainly, with the nodes of findings noting where in that text they start, and each
statement's text is found in the file's code, where it occurs once; their line and column are
counted as PositionProvider counts them. Without the file's code, or when a statement's text occurs
more than once, the module's code is generated up to the last statement that holds a finding. The
fixer's spans (where edits start and end) come from one plain code generation of the module."""
from __future__ import annotations

import re
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

import libcst as cst
from libcst._nodes.internal import CodegenState
from libcst.metadata import CodePosition, CodeRange, MetadataWrapper, PositionProvider

# how libcst's PositionProvider counts lines
_NEWLINE = re.compile(r"\r\n?|\n")
_NOTHING = nullcontext()


def module_positions(module: cst.Module) -> Mapping[cst.CSTNode, CodeRange]:
    """libcst's positions of every node of `module`, for what plain code generation cannot place (a
    decorated definition starts at its first decorator)."""
    return MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)


def start_positions(
    module: cst.Module, nodes_by_statement: Dict[cst.BaseStatement, Sequence[cst.CSTNode]], code: Optional[str] = None
) -> Dict[cst.CSTNode, Tuple[int, int]]:
    """(line, 0-based column) of each node, given the top-level statements of `module` that hold
    them; `code`: the code `module` was parsed from, when the caller has it."""
    if code is not None:
        found = _found_in_code(module, nodes_by_statement, code)
        if found is not None:
            return found
    targets = [node for nodes in nodes_by_statement.values() for node in nodes]
    state = _locator(module, targets)
    # the code up to the last statement that holds a finding: what comes after moves nothing
    last = max(index for index, statement in enumerate(module.body) if statement in nodes_by_statement)
    for part in (*module.header, *module.body[: last + 1]):
        part._codegen(state)
    if state.hoisted:
        return _from_libcst(module, targets)
    return state.starts()


def _found_in_code(
    module: cst.Module, nodes_by_statement: Dict[cst.BaseStatement, Sequence[cst.CSTNode]], code: str
) -> Optional[Dict[cst.CSTNode, Tuple[int, int]]]:
    """The positions from each holding statement's own text and its place in `code`, found in the
    order of the module from where the statement before it ended: at the length of the code between
    them when that code is short to generate, else where the text occurs once from there on. None
    when a statement's text is not where it should be, or not once. Each part of `code` is looked
    at a bounded number of times: the cost is linear in the file, whatever the number of findings."""
    if code.startswith("\ufeff"):
        code = code[1:]  # libcst's code leaves out the byte-order mark
    order = {id(statement): index for index, statement in enumerate(module.body)}
    if any(id(statement) not in order for statement in nodes_by_statement):
        return None
    found: Dict[cst.CSTNode, Tuple[int, int]] = {}
    # where the text of the last statement placed ends, and the newline left out of that text
    cursor, newline = 0, ""
    line, counted = 1, 0  # the line at offset `counted`
    between: List[cst.CSTNode] = list(module.header)  # the nodes from there to the next statement
    previous = -1
    for statement in sorted(nodes_by_statement, key=lambda statement: order[id(statement)]):
        index = order[id(statement)]
        between.extend(module.body[previous + 1:index])
        state = _locator(module, nodes_by_statement[statement])
        statement._codegen(state)
        if state.hoisted:
            return _from_libcst(module, [node for nodes in nodes_by_statement.values() for node in nodes])
        # the module's last newline may not be in the file
        tokens = _without_last_newline(state.tokens)
        text = "".join(tokens)
        start = _placed(module, code, text, cursor + len(newline), between)
        if start is None:
            return None
        line += len(_NEWLINE.findall(code, counted, start))
        counted = start
        found.update(state.starts(first_line=line))
        cursor, newline, previous = start + len(text), "".join(state.tokens[len(tokens):]), index
        between = []
    return found


# at most this many statements between two that hold findings are generated to place the second
_GENERATED_BETWEEN = 16


def _placed(module: cst.Module, code: str, text: str, cursor: int, between: List[cst.CSTNode]) -> Optional[int]:
    """Where `text` starts in `code`: after `cursor` and the code of the nodes `between`."""
    if len(between) <= _GENERATED_BETWEEN:
        state = _locator(module, ())
        for part in between:
            part._codegen(state)
        start = cursor + sum(len(token) for token in state.tokens)
        return start if code.startswith(text, start) else None
    start = code.find(text, cursor)
    if start < 0 or code.find(text, start + 1) >= 0:
        return None
    return start


def _without_last_newline(tokens: List[str]) -> List[str]:
    return tokens[:-1] if tokens and _NEWLINE.fullmatch(tokens[-1]) else tokens


def _locator(module: cst.Module, targets: Iterable[cst.CSTNode]) -> "_Locator":
    return _Locator(default_indent=module.default_indent, default_newline=module.default_newline, targets=targets)


def spans(
    module: cst.Module, nodes: Iterable[cst.CSTNode]
) -> Dict[cst.CSTNode, Tuple[Tuple[int, int], Tuple[int, int]]]:
    """Where each node starts and ends, as libcst's PositionProvider gives them (for the fixer,
    which must tell whether edits overlap), from one plain code generation of the module."""
    targets = list(nodes)
    state = _SpanLocator(default_indent=module.default_indent, default_newline=module.default_newline, targets=targets)
    for part in (*module.header, *module.body):
        part._codegen(state)
    if state.hoisted:
        positions = module_positions(module)
        return {node: (_pair(positions[node].start), _pair(positions[node].end)) for node in targets}
    return state.spans()


def _pair(position: CodePosition) -> Tuple[int, int]:
    return (position.line, position.column)


def _from_libcst(module: cst.Module, targets: Iterable[cst.CSTNode]) -> Dict[cst.CSTNode, Tuple[int, int]]:
    """For a node whose position libcst takes from a child of its own (a decorated definition)."""
    positions = module_positions(module)
    return {node: _pair(positions[node].start) for node in targets}


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
            newlines = list(_NEWLINE.finditer(text))
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
