"""bench/equivalence.py: a record holds what the linter of a checkout finds and fixes, and compare
shows every difference of two records."""
from __future__ import annotations

import copy
import importlib.util
import json
from pathlib import Path

import pytest

EQUIVALENCE = Path(__file__).resolve().parent.parent / "bench" / "equivalence.py"
_spec = importlib.util.spec_from_file_location("equivalence", EQUIVALENCE)
assert _spec is not None and _spec.loader is not None
equivalence = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(equivalence)

SCRIPT = """from transformers import GPT2LMHeadModel, GPT2TokenizerFast
tokenizer = GPT2TokenizerFast.from_pretrained("gpt2")
model = GPT2LMHeadModel.from_pretrained("gpt2")
batch = tokenizer(["a", "bc"], return_tensors="pt", padding=True)
"""


@pytest.fixture(scope="module")
def record(tmp_path_factory) -> dict:
    """One record of this checkout (a worker process), copied by the tests that change it."""
    tmp_path = tmp_path_factory.mktemp("equivalence")
    folder = tmp_path / "code"
    folder.mkdir()
    (folder / "script.py").write_text(SCRIPT)
    (folder / "broken.py").write_text("import transformers\ndef (:\n")
    (folder / "notes.txt").write_text("not code")
    out = tmp_path / "record.json"
    assert equivalence.main(["record", "--tree", str(EQUIVALENCE.parent.parent), "--out", str(out), str(folder)]) == 0
    return json.loads(out.read_text())


def test_a_record_holds_findings_fixed_code_and_errors_of_every_code_file(record):
    files = record["files"]
    assert sorted(files) == ["code/broken.py", "code/script.py"]
    script = files["code/script.py"]
    assert [row[0] for row in script["findings"]] == ["GPT003"]
    assert "tokenizer.pad_token = tokenizer.eos_token" in script["fixed_text"]
    assert files["code/broken.py"]["error"].startswith("ParserSyntaxError")
    assert files["code/broken.py"]["fix_error"].startswith("ParserSyntaxError")


def test_compare_finds_nothing_in_a_record_and_its_copy(record):
    assert equivalence.compare(record, copy.deepcopy(record)) == []


def test_compare_shows_every_kind_of_difference(record):
    old, new = copy.deepcopy(record), copy.deepcopy(record)
    script = new["files"]["code/script.py"]
    script["findings"][0][2] += 1  # another line
    script["fixed_text"] = script["fixed_text"].replace("eos_token", "unk_token")
    script["fixed"] = "another hash"
    new["files"]["code/broken.py"]["error"] = "RecursionError: "
    old["files"]["code/gone.py"] = new["files"]["code/new.py"] = {"path": "", "input": "", "findings": []}
    report = "\n".join(equivalence.compare(old, new))
    assert "  error: 'ParserSyntaxError: " in report and "-> 'RecursionError: '" in report
    assert "code/gone.py: only in the old record" in report
    assert "code/new.py: only in the new record" in report
    assert '    - ["GPT003", null, 4,' in report and '    + ["GPT003", null, 5,' in report
    assert "-tokenizer.pad_token = tokenizer.eos_token" in report
    assert "+tokenizer.pad_token = tokenizer.unk_token" in report


def test_findings_in_another_order_are_a_difference(record):
    old = copy.deepcopy(record)
    old["files"]["code/script.py"]["findings"].append(["GPT001", None, 1, 0, "m", None])
    new = copy.deepcopy(old)
    new["files"]["code/script.py"]["findings"].reverse()
    assert equivalence.compare(old, new) == ["code/script.py:", "  findings: the same, in another order"]
