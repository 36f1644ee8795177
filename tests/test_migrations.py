"""Every row of flake8_gpt2/facts/migrations.py, proven: a snippet made from the row is flagged with
its code for target 5 and not for target 4; its fix (a rename) gives the new form; run on the
transformers installed, the old form raises where that version removed it and the new form (or the
code without the keyword) runs. The 4.x column was run by hand in a 4.57.6 environment
(docs/transformers-5.md)."""
from __future__ import annotations

from typing import Dict, List, Tuple

import pytest

from flake8_gpt2.facts import migrations
from flake8_gpt2.pipeline import fix, lint_source
from flake8_gpt2.settings import Settings
from flake8_gpt2.target import installed_transformers_version, major_of

# a value each keyword row is given: what 4.x code passed
KEYWORD_VALUES = {
    "evaluation_strategy": '"no"',
    "no_cuda": "True",
    "push_to_hub_token": "None",
    "per_gpu_train_batch_size": "4",
    "per_gpu_eval_batch_size": "4",
    "overwrite_output_dir": "True",
    "logging_dir": '"out/logs"',
    "save_safetensors": "True",
    "use_mps_device": "False",
    "fp16_backend": '"auto"',
    "half_precision_backend": '"auto"',
    "warmup_ratio": "0.1",
    "group_by_length": "False",
    "adafactor": "False",
    "include_inputs_for_metrics": "False",
    "push_to_hub_model_id": "None",
    "push_to_hub_organization": "None",
    "torchdynamo": "None",
    "use_legacy_prediction_loop": "False",
    "tpu_num_cores": "None",
    "jit_mode_eval": "False",
    "past_index": "-1",
    "tokenizer": "tokenizer",
    "use_auth_token": "False",
}
_LOADED = """\
from transformers import AutoModelForCausalLM, AutoTokenizer, Trainer, TrainingArguments, pipeline

tokenizer = AutoTokenizer.from_pretrained("gpt2")
"""
_CALLS = {
    migrations.TRAINING_ARGUMENTS: 'made = TrainingArguments("out", report_to="none"{})',
    migrations.TRAINER: (
        'model = AutoModelForCausalLM.from_pretrained("gpt2")\n'
        'made = Trainer(model=model, args=TrainingArguments("out", use_cpu=True, report_to="none"){})'
    ),
    migrations.MODEL_LOADER: 'made = AutoModelForCausalLM.from_pretrained("gpt2"{})',
}
# each method row: the old call, and the same done without it
METHOD_CALLS = {
    "encode_plus": ('made = tokenizer.encode_plus("Hello world")', 'made = tokenizer("Hello world")'),
    "batch_encode_plus": (
        'made = tokenizer.batch_encode_plus(["Hello world", "Hi"])',
        'made = tokenizer(["Hello world", "Hi"])',
    ),
    "as_target_tokenizer": (
        'with tokenizer.as_target_tokenizer():\n    made = tokenizer(["Bonjour"])',
        'made = tokenizer(["Hello"], text_target=["Bonjour"])["labels"]',
    ),
    "build_inputs_with_special_tokens": (
        'made = tokenizer.build_inputs_with_special_tokens(tokenizer.encode("Hello world", add_special_tokens=False))',
        'made = tokenizer("Hello world")["input_ids"]',
    ),
    "prepare_seq2seq_batch": (
        'made = tokenizer.prepare_seq2seq_batch(["Hello"], ["Bonjour"])',
        'made = tokenizer(["Hello"], text_target=["Bonjour"])',
    ),
}
_RAISES = {"GPT016": "TypeError", "GPT017": "AttributeError", "GPT018": "KeyError"}
# (id, code, first failing major, old code, new code, whether the fixer gives the new code)
Row = Tuple[str, str, int, str, str, bool]


def _keyword_rows() -> List[Row]:
    rows = []
    for row in migrations.KEYWORDS:
        call = _CALLS[row.owner]
        old = call.format(f", {row.name}={KEYWORD_VALUES[row.name]}")
        new = call.format(f", {row.rename}={KEYWORD_VALUES[row.name]}" if row.rename else "")
        rows.append((f"{row.owner}-{row.name}", "GPT016", row.fails_from_major, old, new, row.rename is not None))
    return rows


def _method_rows() -> List[Row]:
    fixed = ("encode_plus", "batch_encode_plus")
    return [
        (row.name, "GPT017", row.fails_from_major, *METHOD_CALLS[row.name], row.name in fixed)
        for row in migrations.METHODS
    ]


def _task_rows() -> List[Row]:
    rows = []
    for row in migrations.TASKS:
        task = f"{row.task}en_to_de" if row.prefix else row.task
        old = f'made = pipeline("{task}", model="gpt2")'
        new = old.replace(task, "text-generation")
        rows.append((task, "GPT018", migrations.TASKS_FAIL_FROM_MAJOR, old, new, False))
    return rows


ROWS = _keyword_rows() + _method_rows() + _task_rows()


def _script(call: str) -> bytes:
    return f"{_LOADED}{call}\nprint(type(made).__name__)\n".encode()


def test_every_keyword_row_has_a_value():
    assert {row.name for row in migrations.KEYWORDS} == set(KEYWORD_VALUES)
    assert {row.name for row in migrations.METHODS} == set(METHOD_CALLS)


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row[0])
def test_the_row_is_flagged_for_target_5_only_and_fixed_where_safe(row: Row):
    _, code, fails_from, old, new, fixed = row
    assert fails_from == 5
    assert [f.code for f in lint_source(_script(old), Settings(transformers_version="5.24"))] == [code]
    assert lint_source(_script(old), Settings(transformers_version="4.57")) == []
    assert lint_source(_script(new), Settings(transformers_version="5.24")) == []
    result = fix(_script(old), lambda _: True, unsafe=False, settings=Settings(transformers_version="5.24"))
    assert result.source == (_script(new) if fixed else _script(old))


@pytest.fixture(scope="module")
def outcomes(run_scripts, tmp_path_factory) -> Dict[str, Tuple[object, object]]:
    folder = tmp_path_factory.mktemp("migrations")
    paths = {}
    for index, (name, _, _, old, new, _) in enumerate(ROWS):
        paths[name] = (folder / f"old_{index}.py", folder / f"new_{index}.py")
        paths[name][0].write_bytes(_script(old))
        paths[name][1].write_bytes(_script(new))
    ran = run_scripts([path for pair in paths.values() for path in pair])
    return {name: (ran[old.resolve()], ran[new.resolve()]) for name, (old, new) in paths.items()}


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row[0])
def test_the_old_form_raises_and_the_new_one_runs(row: Row, outcomes):
    name, code, fails_from, *_ = row
    old, new = outcomes[name]
    assert new.ok, f"{new.exc_type}: {new.exc_message}"
    if major_of(installed_transformers_version()) >= fails_from:
        assert (old.ok, old.exc_type) == (False, _RAISES[code]), old.exc_message
