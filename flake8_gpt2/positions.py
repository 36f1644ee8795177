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

from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

import libcst as cst
from libcst.metadata import CodePosition, CodeRange, MetadataWrapper, PositionProvider

from .libcst_internals import NEWLINE, generate, locator, span_locator


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
    state = locator(module, targets)
    # the code up to the last statement that holds a finding: what comes after moves nothing
    last = max(index for index, statement in enumerate(module.body) if statement in nodes_by_statement)
    generate(state, (*module.header, *module.body[: last + 1]))
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
        state = locator(module, nodes_by_statement[statement])
        generate(state, (statement,))
        if state.hoisted:
            return _from_libcst(module, [node for nodes in nodes_by_statement.values() for node in nodes])
        # the module's last newline may not be in the file
        tokens = _without_last_newline(state.tokens)
        text = "".join(tokens)
        start = _placed(module, code, text, cursor + len(newline), between)
        if start is None:
            return None
        line += len(NEWLINE.findall(code, counted, start))
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
        state = locator(module, ())
        generate(state, between)
        start = cursor + sum(len(token) for token in state.tokens)
        return start if code.startswith(text, start) else None
    start = code.find(text, cursor)
    if start < 0 or code.find(text, start + 1) >= 0:
        return None
    return start


def _without_last_newline(tokens: List[str]) -> List[str]:
    return tokens[:-1] if tokens and NEWLINE.fullmatch(tokens[-1]) else tokens


def spans(
    module: cst.Module, nodes: Iterable[cst.CSTNode]
) -> Dict[cst.CSTNode, Tuple[Tuple[int, int], Tuple[int, int]]]:
    """Where each node starts and ends, as libcst's PositionProvider gives them (for the fixer,
    which must tell whether edits overlap), from one plain code generation of the module."""
    targets = list(nodes)
    state = span_locator(module, targets)
    generate(state, (*module.header, *module.body))
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
