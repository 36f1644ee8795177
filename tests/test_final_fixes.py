"""A fix declared final (`Fix.final`) holds no new finding in its output: applied alone, or with
every other final fix of the file, the next pass finds what the first found, less what was fixed
(same rule, line and message). The fixer relies on it to end without a second pass
(`pipeline._fixed`); every fixture, clean file, flow file and example is checked here, with the
transformers versions the fixtures target."""
from __future__ import annotations

import ast
import gc
from collections import Counter
from pathlib import Path
from typing import List, Sequence

import pytest

from flake8_gpt2 import pipeline
from flake8_gpt2.engine import lint_module
from flake8_gpt2.fixer import apply_fixes
from flake8_gpt2.parsing import parse_module
from flake8_gpt2.pipeline import fix
from flake8_gpt2.settings import Settings
from flake8_gpt2.violation import Finding

from fixture_cases import FIXTURES

ROOT = Path(__file__).parent.parent
FILES = sorted(
    path
    for path in [*FIXTURES.glob("*/*.py"), *(ROOT / "tests" / "flow").glob("*.py"), *(ROOT / "examples").glob("*.py")]
    if not path.name.endswith(".fixed.py")
)
VERSIONS = (Settings(), Settings(transformers_version="4.57"))
# the stress benchmark's finding-dense shape, where the fixer ends without a second pass
DENSE = """from transformers import GPT2LMHeadModel, GPT2Tokenizer

tokenizer = GPT2Tokenizer.from_pretrained("gpt2")
model = GPT2LMHeadModel.from_pretrained("gpt2")
value = 1
model("Hello")
model('Hello, again')
if value:
    model(input_ids="Hi")
"""


def _kept(findings: Sequence[Finding]) -> Counter:
    return Counter((f.code, f.line, f.message) for f in findings)


def _finals(source: bytes, settings: Settings) -> List[Finding]:
    return [f for f in lint_module(parse_module(source), settings) if f.fix is not None and f.fix.final]


def _probed(source: bytes) -> List[bytes]:
    """`source`, and `source` with `name("probe")` added at its end for each module-level name bound
    to a call (a model, among others): a final fix at the end of each file, whatever came before."""
    tree = ast.parse(source)
    names = [
        target.id
        for statement in tree.body
        if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call)
        for target in statement.targets
        if isinstance(target, ast.Name)
    ]
    ending = b"" if source.endswith(b"\n") else b"\n"
    return [source, *(source + ending + f'{name}("probe")\n'.encode() for name in dict.fromkeys(names))]


@pytest.mark.parametrize("path", FILES, ids=lambda path: f"{path.parent.name}/{path.name}")
@pytest.mark.parametrize("settings", VERSIONS, ids=lambda settings: settings.transformers_version or "default")
def test_a_final_fix_leaves_exactly_the_other_findings(path, settings):
    for source in _probed(path.read_bytes()):
        _check_final_fixes(source, settings)


def _check_final_fixes(source: bytes, settings: Settings) -> None:
    module = parse_module(source)
    before = lint_module(module, settings)
    finals = [f for f in before if f.fix is not None and f.fix.final]
    for chosen in [*([finding] for finding in finals), finals if len(finals) > 1 else []]:
        if not chosen:
            continue
        fixed, applied = apply_fixes(module, chosen)
        after = lint_module(parse_module(fixed), settings)
        assert _kept(after) == _kept(before) - _kept(applied), [f.code for f in applied]


def test_the_dense_shape_has_only_final_fixes_and_ends_in_one_pass():
    source = DENSE.encode()
    finals = _finals(source, Settings())
    assert [f.line for f in finals] == [6, 7, 9]
    result = fix(source, lambda code: True, unsafe=False)
    assert result.module is None and result.findings == [] and len(result.fixed) == 3
    assert fix(result.source, lambda code: True, unsafe=False).source == result.source
    assert lint_module(parse_module(result.source), Settings()) == []


@pytest.mark.parametrize(
    "call",
    [
        'model("Hello", labels=ids)',  # a keyword a rule reads beside the input
        'model.generate("Hello")',
        'model(["Hello", "Hi"])',  # a batch: padding
        'text = "Hello"\nmodel(text)',  # a name: text of other origins (a chat template's) too
        'model(f"Hello {value}")',
    ],
)
def test_fixes_of_other_calls_are_not_final(call):
    source = DENSE.replace('model("Hello")', f"ids = [1]\n{call}").encode()
    first = next(f for f in lint_module(parse_module(source), Settings()) if f.code == "GPT001")
    assert first.fix is not None and not first.fix.final


def test_output_cpython_does_not_take_is_parsed_by_libcst_as_before(monkeypatch):
    source = DENSE.encode()
    ended = fix(source, lambda code: True, unsafe=False)
    monkeypatch.setattr(pipeline, "_python_parses", lambda source: False)
    checked = fix(source, lambda code: True, unsafe=False)
    assert checked.module is not None and checked.source == ended.source and checked.findings == []


def test_the_parse_of_the_output_leaves_the_collector_as_it_found_it():
    assert gc.isenabled()
    assert pipeline._python_parses(b"x = 1\n") and gc.isenabled()
    assert not pipeline._python_parses(b"x = (\n") and gc.isenabled()
    gc.disable()
    try:
        assert pipeline._python_parses(b"x = 1\n") and not gc.isenabled()
    finally:
        gc.enable()
