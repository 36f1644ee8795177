"""Where the nodes of findings start, at the cost of plain code generation.

libcst's PositionProvider records a position for every node as it generates the module's code,
about five times the cost of generating the code alone: for a file with a few findings that is
more than the analysis of the file. Here the code is generated once, plainly, and only the nodes of
findings note where in the generated text they start; their line and column are counted from that
text, as PositionProvider counts them."""
from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Dict, Iterable, Iterator, Mapping, Optional, Sequence, Set, Tuple

import libcst as cst
from libcst._nodes.internal import CodegenState
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

# how libcst's PositionProvider counts lines
_NEWLINE = re.compile(r"\r\n?|\n")


def module_positions(module: cst.Module) -> Mapping[cst.CSTNode, CodeRange]:
    """libcst's positions of every node of `module` (for the fixer, which needs where edits end)."""
    return MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)


def start_positions(
    module: cst.Module, nodes_by_statement: Dict[cst.BaseStatement, Sequence[cst.CSTNode]]
) -> Dict[cst.CSTNode, Tuple[int, int]]:
    """(line, 0-based column) of each node, given the top-level statements of `module` that hold
    them."""
    targets = [node for nodes in nodes_by_statement.values() for node in nodes]
    state = _Locator(default_indent=module.default_indent, default_newline=module.default_newline, targets=targets)
    # the code up to the last statement that holds a finding: what comes after moves nothing
    last = max(index for index, statement in enumerate(module.body) if statement in nodes_by_statement)
    for part in (*module.header, *module.body[: last + 1]):
        part._codegen(state)
    if state.hoisted:
        # a node whose position libcst takes from a child of its own (a decorated definition):
        # leave it to libcst
        positions = module_positions(module)
        return {node: (positions[node].start.line, positions[node].start.column) for node in targets}
    return state.starts()


@dataclass
class _Locator(CodegenState):
    """Plain code generation that notes, for each target node, how many tokens came before it."""

    targets: Iterable[cst.CSTNode] = ()
    marks: Dict[int, int] = field(default_factory=dict)
    hoisted: bool = False
    _wanted: Set[int] = field(default_factory=set)
    _nodes: Dict[int, cst.CSTNode] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._nodes = {id(node): node for node in self.targets}
        self._wanted = set(self._nodes)

    @contextmanager
    def record_syntactic_position(
        self, node: cst.CSTNode, *, start_node: Optional[cst.CSTNode] = None, end_node: Optional[cst.CSTNode] = None
    ) -> Iterator[None]:
        if id(node) in self._wanted:
            self.marks[id(node)] = len(self.tokens)
            self.hoisted = self.hoisted or start_node is not None
        yield

    def starts(self) -> Dict[cst.CSTNode, Tuple[int, int]]:
        found: Dict[cst.CSTNode, Tuple[int, int]] = {}
        line, column, counted = 1, 0, 0
        for key, index in sorted(self.marks.items(), key=lambda item: item[1]):
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
