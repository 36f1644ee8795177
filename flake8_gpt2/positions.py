"""Where the nodes of findings start, at the cost of the statements that hold them.

libcst's PositionProvider generates code for the whole module with a position recorded for every
node: for a file with a single finding that costs about as much as the analysis of the file. The
lines before a top-level statement are counted from plain generated code instead, and positions
are recorded only inside the top-level statements that hold findings. Where many statements hold
findings, one pass over the whole module costs less than a pass per statement."""
from __future__ import annotations

import re
from typing import Dict, Mapping, Sequence, Tuple

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

# how libcst's PositionProvider counts lines
_NEWLINE = re.compile(r"\r\n?|\n")
# statements holding findings past which one pass over the whole module is cheaper (and measured so
# on a 20,000-line file with a finding on each line)
_MANY = 32


def module_positions(module: cst.Module) -> Mapping[cst.CSTNode, CodeRange]:
    """libcst's positions of every node of `module`; the fixer asks again for the module the rules
    just located findings in, so the last module's are kept."""
    if _last[0] is not module:
        _last[:] = [module, MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)]
    return _last[1]


_last: list = [None, None]


def start_positions(
    module: cst.Module, nodes_by_statement: Dict[cst.BaseStatement, Sequence[cst.CSTNode]]
) -> Dict[cst.CSTNode, Tuple[int, int]]:
    """(line, 0-based column) of each node, given the top-level statements of `module` that hold
    them."""
    found: Dict[cst.CSTNode, Tuple[int, int]] = {}
    statements_left = len(nodes_by_statement)
    if statements_left > _MANY and statements_left * 8 > len(module.body):
        positions = module_positions(module)
        for nodes in nodes_by_statement.values():
            for node in nodes:
                start = positions[node].start
                found[node] = (start.line, start.column)
        return found
    lines_before = len(_NEWLINE.findall("".join(module.code_for_node(line) for line in module.header)))
    for statement in module.body:
        nodes = nodes_by_statement.get(statement)
        if nodes is not None:
            # a module of its own keeps the file's newline and indentation; a top-level statement
            # starts at column 0, so its columns are the file's
            alone = module.with_changes(header=(), body=(statement,), footer=(), has_trailing_newline=True)
            positions = MetadataWrapper(alone, unsafe_skip_copy=True).resolve(PositionProvider)
            for node in nodes:
                start = positions[node].start
                found[node] = (lines_before + start.line, start.column)
            statements_left -= 1
            if not statements_left:
                break
        lines_before += len(_NEWLINE.findall(module.code_for_node(statement)))
    return found
