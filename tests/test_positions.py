"""Positions computed statement by statement agree with libcst's PositionProvider over the whole
module, for every call of every fixture, in every newline style, with and without the file's code."""
from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from fixture_cases import bad_cases, clean_files
from flake8_gpt2.positions import _found_in_code, spans, start_positions

FILES = [c.path for c in bad_cases()] + clean_files() + sorted((Path(__file__).parent / "flow").glob("*.py"))


class _Every(cst.CSTVisitor):
    """Every node but the decorated definitions and the nodes that hold one, which the spans leave
    to libcst."""

    def __init__(self) -> None:
        self.found = []
        self._holding = set()

    def on_visit(self, node: cst.CSTNode) -> bool:
        return not _is_decorated(node)

    def on_leave(self, original_node: cst.CSTNode) -> None:
        if _is_decorated(original_node) or any(id(child) in self._holding for child in original_node.children):
            self._holding.add(id(original_node))
        elif not isinstance(original_node, cst.Module):
            self.found.append(original_node)


def _is_decorated(node: cst.CSTNode) -> bool:
    return isinstance(node, (cst.FunctionDef, cst.ClassDef)) and bool(node.decorators)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_spans_match_libcsts(newline):
    for path in FILES:
        source = "# header\n" + path.read_text(encoding="utf-8") + "x = (1,\n     2);  # no newline at the end"
        module = cst.parse_module(source.replace("\n", newline))
        expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
        visitor = _Every()
        module.visit(visitor)
        got = spans(module, visitor.found)
        assert len(visitor.found) > 100, path
        for node in visitor.found:
            where = expected[node]
            assert got[node] == ((where.start.line, where.start.column), (where.end.line, where.end.column)), path


class _Calls(cst.CSTVisitor):
    def __init__(self) -> None:
        self.found = []

    def visit_Call(self, node: cst.Call) -> None:
        self.found.append(node)


def calls_by_statement(module: cst.Module):
    by_statement = {}
    for statement in module.body:
        visitor = _Calls()
        statement.visit(visitor)
        if visitor.found:
            by_statement[statement] = visitor.found
    return by_statement


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_start_positions_match_libcsts(newline):
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        source = "# header comment\n\n" + text + "\n# trailing comment without newline"
        module = cst.parse_module(source.replace("\n", newline))
        expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
        wanted = calls_by_statement(module)
        for code in (None, source.replace("\n", newline), "\ufeff" + source.replace("\n", newline)):
            got = start_positions(module, wanted, code)
            for calls in wanted.values():
                for call in calls:
                    assert got[call] == (expected[call].start.line, expected[call].start.column), path


def test_only_some_statements_asked():
    module = cst.parse_module("a()\n\n\ndef f():\n    b(\n        c())\n\nd()\n")
    last = module.body[-1]
    call = last.body[0].value
    assert start_positions(module, {last: [call]}) == {call: (8, 0)}


def test_statements_found_in_the_code():
    code = "a()\n\n\ndef f():\n    b(\n        c())\n\nd()"  # no newline at the end
    module = cst.parse_module(code)
    function, last = module.body[1], module.body[-1]
    inner = function.body.body[0].body[0].value.args[0].value
    assert _found_in_code(module, {function: [inner], last: [last.body[0].value]}, code) == {
        inner: (6, 8),
        last.body[0].value: (8, 0),
    }


def test_a_statement_written_twice_is_located_by_the_code_before_it():
    code = "import x\nf()\ng()\nf()\n"
    module = cst.parse_module(code)
    second = module.body[3]
    call = second.body[0].value
    assert _found_in_code(module, {second: [call]}, code) == {call: (4, 0)}


@pytest.mark.parametrize("between", [1, 40])
def test_a_statement_written_twice_far_apart_is_located_from_the_module(between):
    # many statements between: the text is searched for, and found twice
    code = "f()\n" + "g()\n" * between + "f()\n"
    module = cst.parse_module(code)
    second = module.body[-1]
    call = second.body[0].value
    assert start_positions(module, {second: [call]}, code) == {call: (between + 2, 0)}
    if between > 16:
        assert _found_in_code(module, {second: [call]}, code) is None


def test_many_statements_with_findings_are_placed_in_one_pass():
    code = "".join(f"x{n} = f({n})\n" if n % 3 else f"# {n}\n\nf({n})\n" for n in range(300))
    module = cst.parse_module(code)
    holding = {statement: [statement.body[0]] for statement in module.body[::2]}
    positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    expected = {node: (positions[node].start.line, positions[node].start.column) for (node,) in holding.values()}
    assert _found_in_code(module, holding, code) == expected
