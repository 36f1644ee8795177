"""bench/sweep.py: notebooks become code that keeps its cells' places, and a git snapshot is swept
without touching the repository."""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

SWEEP = Path(__file__).resolve().parent.parent / "bench" / "sweep.py"
_spec = importlib.util.spec_from_file_location("sweep", SWEEP)
assert _spec is not None and _spec.loader is not None
sweep = sys.modules["sweep"] = importlib.util.module_from_spec(_spec)  # dataclasses look it up
_spec.loader.exec_module(sweep)

SCRIPT = """from transformers import GPT2LMHeadModel, GPT2TokenizerFast
tokenizer = GPT2TokenizerFast.from_pretrained("gpt2")
model = GPT2LMHeadModel.from_pretrained("gpt2")
enc = tokenizer("Hello world", return_tensors="pt")
out = model(enc["input_ids"], enc["attention_mask"])
"""


def notebook(*cells: str) -> bytes:
    return json.dumps(
        {"cells": [{"cell_type": "markdown", "source": ["# title"]}]
         + [{"cell_type": "code", "source": cell.splitlines(keepends=True)} for cell in cells]}
    ).encode()


def test_magic_lines_become_pass_and_keep_their_indentation():
    assert sweep.python_of_cell(["!pip install transformers", "if True:", "    %time x = 1"]) == [
        "pass  # pip install transformers", "if True:", "    pass  # time x = 1"
    ]


@pytest.mark.parametrize("cell", [["%%bash", "ls -l"], ["%%writefile train.py", "import os"], ["print 'py2'"]])
def test_cells_that_are_no_python_are_left_out(cell):
    assert sweep.python_of_cell(cell) is None


def test_a_python_cell_magic_keeps_its_body():
    assert sweep.python_of_cell(["%%capture", "x = 1"]) == ["pass", "x = 1"]


def test_a_notebook_joins_its_code_cells_and_maps_lines_back_to_them():
    first, rest = SCRIPT.split("enc = ")
    cells = notebook("%pip install transformers\n" + first, "%%bash\nls", "enc = " + rest)
    unit = sweep.notebook_unit("o/r", "a.ipynb", cells)
    assert unit.cells_left_out == 1
    outcome = sweep.sweep_unit(unit)
    assert [code for code, _, _ in outcome.findings] == ["GPT009"]
    assert outcome.findings[0][2].startswith("cell 3 line 2: GPT009")
    assert outcome.changed and not outcome.problems


def test_a_notebook_that_is_no_json_gives_an_empty_unit():
    assert sweep.sweep_unit(sweep.notebook_unit("o/r", "a.ipynb", b"{not json")).findings == []


def test_a_snapshot_is_extracted_into_another_folder_and_swept(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    (work / "train.py").write_text(SCRIPT)
    (work / "notes.txt").write_text("not code")
    git = ["git", "-C", str(work), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run(["git", "init", "-q", str(work)], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "one"], check=True)
    git_dir = work / ".git"
    assert list(sweep.git_dirs([git_dir])) == [git_dir]
    out = tmp_path / "out"
    out.mkdir()
    commit, absent = sweep.extract(git_dir, out)
    assert len(commit) == 40 and absent == 0
    assert sorted(p.name for p in out.iterdir()) == ["train.py"]
    [unit] = sweep.units_of("o/r", out)
    outcome = sweep.sweep_unit(unit)
    assert outcome.analysed and outcome.fixed == 1 and outcome.changed and not outcome.problems
    assert (work / "train.py").read_text() == SCRIPT
