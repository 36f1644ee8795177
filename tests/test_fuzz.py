"""Property tests on generated and rewritten code, with a fixed budget so CI time stays bounded:
the checker never raises on code libcst parses, every fix parses, changes only the code its
fixes name, and a second run changes nothing; rewriting a fixture without changing what it means
(`mutations.py`) does not change what is found.

FLAKE8_GPT2_FUZZ=20 runs twenty times the examples (a long run); the default takes about a minute.
"""
from __future__ import annotations

import ast
import os
from pathlib import Path
from typing import List, Set, Tuple

import hypothesmith
import libcst as cst
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from libcst.metadata import MetadataWrapper, PositionProvider

from flake8_gpt2.engine import lint_module
from flake8_gpt2.pipeline import FileResult, check, fix
from flake8_gpt2.violation import Replace
from mutations import BREAKS, Mutation, points, shape

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("GPT*/*.py"))
BUDGET = float(os.environ.get("FLAKE8_GPT2_FUZZ", "1"))
IMPORTS = "from transformers import AutoModelForCausalLM, AutoTokenizer, GPT2LMHeadModel, GPT2Tokenizer\n"


def budget(examples: int) -> settings:
    return settings(
        max_examples=max(1, int(examples * BUDGET)),
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


def every_code(code: str) -> bool:
    return True


def summary(result: FileResult, with_lines: bool) -> List[Tuple[str, int]]:
    return sorted((f.code, f.line if with_lines else 0) for f in result.findings)


def fixable_lines(source: bytes) -> Tuple[Set[int], Set[int]]:
    """The lines the fixes of `source`'s findings replace, and the lines after which they insert."""
    module = cst.parse_module(source)
    positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    replaced, inserted_after = set(), set()
    for finding in lint_module(module):
        for edit in finding.fix.edits if finding.fix else ():
            if isinstance(edit, Replace):
                where = positions[edit.target]
                replaced.update(range(where.start.line, where.end.line + 1))
            else:
                inserted_after.add(positions[edit.statement].end.line)
    return replaced, inserted_after


def assert_fix_is_sound(source: bytes) -> FileResult:
    """The fix (unsafe ones included) parses, touches only the lines its fixes name, and is a fixed
    point."""
    result = fix(source, every_code, unsafe=True)
    ast.parse(result.source)
    cst.parse_module(result.source)
    assert fix(result.source, every_code, unsafe=True).source == result.source, "a second run changed the code"
    if result.source != source:
        replaced, inserted_after = fixable_lines(source)
        before, after = source.splitlines(keepends=True), result.source.splitlines(keepends=True)
        assert_touches_only(before, after, replaced, inserted_after)
    return result


def assert_touches_only(before: List[bytes], after: List[bytes], replaced: Set[int], inserted_after: Set[int]) -> None:
    """`after` is `before` with only the lines in `replaced` (1-based) changed and lines added only
    beside them or after the lines in `inserted_after`: the runs of lines no fix names are found
    whole, in order, in `after`, with anything between them. (A line diff cannot tell this: it may pair a
    blank line the fix kept with one the fix wrote, and call the kept one changed.)"""
    runs: List[Tuple[int, List[bytes]]] = []  # (first line, lines) of each run no fix names
    for number, line in enumerate(before, 1):
        if number in replaced:
            continue
        if runs and runs[-1][0] + len(runs[-1][1]) == number and number - 1 not in inserted_after:
            runs[-1][1].append(line)
        else:
            runs.append((number, [line]))
    cursor = 0
    for index, (first, lines) in enumerate(runs):
        end = first + len(lines) - 1
        if first == 1 and 0 not in inserted_after:
            found = 0 if after[:len(lines)] == lines else -1  # nothing may come before the first line
        elif index == len(runs) - 1 and end == len(before) and end not in inserted_after:
            # nor after the last
            found = len(after) - len(lines) if after[len(after) - len(lines):] == lines else -1
        else:
            # the earliest place leaves the most room for the runs after it
            places = range(cursor, len(after) - len(lines) + 1)
            found = next((i for i in places if after[i:i + len(lines)] == lines), -1)
        assert found >= cursor, f"lines {first}-{end} changed"
        cursor = found + len(lines)


def test_a_kept_blank_line_is_not_called_changed():
    # FLAKE8_GPT2_FUZZ=10 found it: two line breaks (with blank lines) added to GPT023's fixture
    text = (Path(__file__).parent / "fixtures" / "GPT023" / "shifted_labels.py").read_text(encoding="utf-8")
    breaks = {411: "\n\n    ", 419: "\n\n    "}
    source, _ = Mutation(renamed=(), breaks=breaks, commas=(), tabs=False, crlf=False, bom=False).apply(text)
    assert_fix_is_sound(source)


@st.composite
def mutated_fixtures(draw):
    path = draw(st.sampled_from(FIXTURES))
    text = path.read_text(encoding="utf-8")
    where = points(text)
    breaks = draw(st.lists(st.sampled_from(where.breaks), unique=True, max_size=4)) if where.breaks else []
    mutation = Mutation(
        renamed=draw(st.lists(st.sampled_from(where.renamable), unique=True)) if where.renamable else (),
        breaks={at: draw(st.sampled_from(BREAKS)) for at in breaks},
        commas=draw(st.lists(st.sampled_from(where.commas), unique=True, max_size=4)) if where.commas else (),
        tabs=draw(st.booleans()),
        crlf=draw(st.booleans()),
        bom=draw(st.booleans()),
    )
    return path, text, mutation


@budget(150)
@given(mutated_fixtures())
def test_a_rewritten_fixture_gives_the_same_findings_and_a_sound_fix(case):
    path, text, mutation = case
    source, renames = mutation.apply(text)
    # a combination of rewrites each safe alone may not be
    assume(shape(source.decode("utf-8-sig")) == shape(text, renames))
    original = path.read_bytes()
    found = check(source, every_code)
    assert summary(found, mutation.keeps_lines) == summary(check(original, every_code), mutation.keeps_lines)
    fixed = assert_fix_is_sound(source)
    expected = fix(original, every_code, unsafe=True)
    assert sorted(f.code for f in fixed.fixed) == sorted(f.code for f in expected.fixed)
    assert sorted(f.code for f in fixed.findings) == sorted(f.code for f in expected.findings)
    if mutation.bom:
        assert fixed.source.startswith(b"\xef\xbb\xbf")
    if mutation.crlf:
        assert b"\n" not in fixed.source.replace(b"\r\n", b"")


def parses_with_libcst(text: str) -> bool:
    try:
        cst.parse_module(text)
    except cst.ParserSyntaxError:
        return False
    return True


@budget(60)
@given(hypothesmith.from_grammar())
def test_generated_code_never_makes_the_checker_raise(text):
    source = (IMPORTS + text).encode("utf-8")
    assume(parses_with_libcst(IMPORTS + text))
    check(source, every_code)
    assert_fix_is_sound(source)


@budget(60)
@given(hypothesmith.from_node())
def test_generated_syntax_trees_never_make_the_checker_raise(text):
    source = (IMPORTS + text).encode("utf-8")
    check(source, every_code)
    assert_fix_is_sound(source)


@budget(60)
@given(st.sampled_from(FIXTURES), hypothesmith.from_grammar(), st.integers(min_value=0))
def test_generated_code_spliced_into_a_fixture_never_makes_the_checker_raise(path, text, at):
    """The fixture's models and tokenizers meet generated code: findings may change, crashes not."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    starts = [n for n, line in enumerate(lines) if line[:1] not in (" ", "\t", ")", "]", "}", "")]
    at = starts[at % len(starts)]
    spliced = "".join(lines[:at]) + text + ("" if text.endswith("\n") else "\n") + "".join(lines[at:])
    try:
        ast.parse(spliced)
    except SyntaxError:
        assume(False)
    assume(parses_with_libcst(spliced))
    source = spliced.encode("utf-8")
    check(source, every_code)
    assert_fix_is_sound(source)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda path: f"{path.parent.name}/{path.stem}")
def test_every_fixture_has_room_for_rewrites(path):
    """The fuzzing reaches every fixture with rewrites that keep its meaning."""
    where = points(path.read_text(encoding="utf-8"))
    assert where.breaks and where.commas
