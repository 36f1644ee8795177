"""Every fixture: the exact findings, the exact fixed code, fix labels, idempotence."""
from __future__ import annotations

import os

import pytest

from fixture_cases import TARGETS, Case, bad_cases, clean_files
from flake8_gpt2.pipeline import lint_source
from flake8_gpt2.pipeline import fix
from flake8_gpt2.registry import all_rules
from flake8_gpt2.settings import Settings

CASES = bad_cases()
UPDATE = os.environ.get("FLAKE8_GPT2_UPDATE_FIXTURES") == "1"


def everything(code: str) -> bool:
    return True


def located(source: bytes, settings: Settings = Settings()):
    return [(f.code, f.line, f.column + 1) for f in lint_source(source, settings)]


@pytest.mark.parametrize(
    "case, target", [(c, t) for c in CASES for t in c.targets], ids=lambda x: x.id if isinstance(x, Case) else x
)
def test_findings(case: Case, target: str) -> None:
    assert located(case.path.read_bytes(), Settings(transformers_version=target)) == list(case.finds)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_fix_labels(case: Case) -> None:
    fixes = [f.fix for f in lint_source(case.path.read_bytes(), case.settings)]
    if case.fix == "none":
        assert fixes == [None] * len(fixes)
    else:
        assert all(f is not None and f.safe == (case.fix == "safe") for f in fixes)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_fixed_code(case: Case) -> None:
    source = case.path.read_bytes()
    result = fix(source, everything, unsafe=True, settings=case.settings)
    if case.fix == "none":
        assert result.source == source
        assert case.fixed_path.exists(), "a report-only case needs a hand-written fixed file"
        return
    if UPDATE:
        case.fixed_path.write_bytes(result.source)
    assert result.source.decode() == case.fixed_path.read_text(encoding="utf-8")
    assert result.findings == []


@pytest.mark.parametrize("case", [c for c in CASES if c.fix == "unsafe"], ids=lambda c: c.id)
def test_unsafe_fixes_need_opting_in(case: Case) -> None:
    source = case.path.read_bytes()
    assert fix(source, everything, unsafe=False, settings=case.settings).source == source


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_fixed_code_is_clean_and_stable(case: Case, target: str) -> None:
    """The fixed code is right whichever version it runs on."""
    fixed = case.fixed_path.read_bytes()
    settings = Settings(transformers_version=target)
    assert located(fixed, settings) == []
    assert fix(fixed, everything, unsafe=True, settings=settings).source == fixed


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("path", clean_files(), ids=lambda p: p.stem)
def test_clean_code_is_silent(path, target: str) -> None:
    assert located(path.read_bytes(), Settings(transformers_version=target)) == []


def test_every_rule_has_fixtures() -> None:
    codes = {case.path.parent.name for case in CASES}
    assert codes == set(all_rules())


def test_the_fixer_over_every_bad_fixture_at_once_gives_code_that_parses_and_is_stable():
    for case in CASES:
        once = fix(case.path.read_bytes(), everything, unsafe=True, settings=case.settings).source
        compile(once, str(case.path), "exec")
        assert fix(once, everything, unsafe=True, settings=case.settings).source == once, case.id


@pytest.mark.parametrize("code", sorted(all_rules()))
def test_select_and_ignore_work_for_every_rule(code):
    case = next(c for c in CASES if c.path.parent.name == code)
    source = case.path.read_bytes()
    only = fix(source, lambda c: c == code, unsafe=True)
    assert {f.code for f in only.fixed + only.findings} == {code}
    ignored = fix(source, lambda c: c != code, unsafe=True)
    assert code not in {f.code for f in ignored.fixed + ignored.findings}


def test_a_fix_uses_no_tokenizer_that_a_local_name_hides():
    source = b"""from transformers import GPT2LMHeadModel, GPT2Tokenizer
tokenizer = GPT2Tokenizer.from_pretrained("gpt2")
model = GPT2LMHeadModel.from_pretrained("gpt2")


def hidden(tokenizer):
    model("hi")


def visible():
    model("hi")
"""
    result = fix(source, everything, unsafe=True)
    assert [(f.line, f.fix is None) for f in result.fixed + result.findings] == [(11, False), (7, True)]
    assert b'    model("hi")\n\n\ndef visible' in result.source


def test_gpt001_loads_no_tokenizer_under_a_name_in_use_or_for_a_checkpoint_it_cannot_read():
    source = b"""import sys

from transformers import AutoModelForCausalLM

model = AutoModelForCausalLM.from_pretrained("gpt2")
other = AutoModelForCausalLM.from_pretrained(sys.argv[1])
model("hi")
other("hi")


def later():
    tokenizer = None
    model("hi")
    return tokenizer
"""
    # a function that binds the name locally cannot use the module's; the module's own code can
    assert [(f.line, f.fix is None) for f in lint_source(source)] == [(7, False), (8, True), (13, True)]
    taken = source.replace(b"model(\"hi\")\nother", b"tokenizer = 1\nmodel(\"hi\")\nother")
    assert [f.fix for f in lint_source(taken)] == [None, None, None]


def test_gpt006_leaves_a_trainer_alone_when_its_collator_batch_is_not_known():
    source = b"""from transformers import GPT2LMHeadModel, Trainer

model = GPT2LMHeadModel.from_pretrained("gpt2")


def as_tuple(rows):
    return rows, rows


def spread(rows):
    return {**rows[0]}


def unknown(rows):
    return make(rows)


for collate in (as_tuple, spread, unknown):
    Trainer(model=model, data_collator=collate)
Trainer(model=model, data_collator=as_tuple)
Trainer(model=model, data_collator=spread)
Trainer(model=model, data_collator=unknown)
Trainer(model=model, data_collator=lambda rows: {"input_ids": rows})
"""
    assert lint_source(source) == []


def test_gpt003_does_not_advise_eos_for_a_tokenizer_that_trains_later():
    """Its fix (pad = eos) is dropped once the LM collator is seen; its advice must change with it."""
    padding_only = b"""from transformers import AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("gpt2")
batch = tokenizer(["a", "bb"], padding=True, return_tensors="pt")
"""
    [finding] = lint_source(padding_only)
    assert finding.message.endswith("set one after loading it: tokenizer.pad_token = tokenizer.eos_token")
    assert finding.fix is not None
    trains_later = padding_only + b"collator = DataCollatorForLanguageModeling(tokenizer=tokenizer, mlm=False)\n"
    trains_later = trains_later.replace(
        b"import AutoTokenizer", b"import AutoTokenizer, DataCollatorForLanguageModeling"
    )
    padding, collator = lint_source(trains_later)
    assert (padding.code, padding.line, padding.fix) == ("GPT003", 4, None)
    assert "not eos" in padding.message and "eos_token" not in padding.message
    assert 'tokenizer.add_special_tokens({"pad_token": "<|pad|>"})' in padding.message
    assert (collator.code, collator.line) == ("GPT003", 5)
