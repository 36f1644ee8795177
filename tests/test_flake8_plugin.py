"""flake8 itself runs the plugin: same locations as the CLI, and flake8's own noqa/select."""
from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fixture_cases import bad_cases
from flake8_gpt2 import gate
from flake8_gpt2.frontends.plugin import Plugin

EXAMPLES = Path(__file__).parent / "writeup_examples"


def flake8(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "flake8", "--select", "GPT", *args], capture_output=True, text=True, cwd=cwd
    )


@pytest.mark.parametrize("target", sorted({c.transformers for c in bad_cases()} - {None}) + [None])
def test_flake8_reports_every_fixture_where_its_header_says(target):
    """Each fixture under the version it targets (the version-free ones with the default)."""
    cases = [c for c in bad_cases() if c.transformers == target]
    root = cases[0].path.parents[2]
    option = [f"--gpt2-transformers-version={target}"] if target else []
    done = flake8(*option, *(str(c.path.relative_to(root)) for c in cases), cwd=root)
    assert done.returncode == 1, done.stderr
    reported = sorted(
        (line.split(":")[0], line.split(" ")[1], int(line.split(":")[1]), int(line.split(":")[2]))
        for line in done.stdout.splitlines()
    )
    expected = sorted(
        (str(c.path.relative_to(root)), code, line, column) for c in cases for code, line, column in c.finds
    )
    assert reported == expected


def test_flake8_honours_noqa_and_ignore(tmp_path):
    case = next(c for c in bad_cases() if c.id == "GPT001/batch_of_text")
    lines = case.path.read_text().splitlines(keepends=True)
    lines[case.finds[0][1] - 1] = lines[case.finds[0][1] - 1].rstrip("\n") + "  # noqa: GPT001\n"
    (tmp_path / "a.py").write_text("".join(lines))
    assert flake8("a.py", cwd=tmp_path).stdout == ""
    shutil.copy(case.path, tmp_path / "b.py")
    assert flake8("--extend-ignore", "GPT001", "b.py", cwd=tmp_path).stdout == ""


def test_writeup_examples_are_flagged_where_expected(tmp_path):
    for path in EXAMPLES.glob("writeup_example_*.py"):
        shutil.copy(path, tmp_path / path.name)
    done = flake8("--format", "%(path)s:%(row)d: %(code)s", ".", cwd=tmp_path)
    assert sorted(done.stdout.split()) == sorted(
        [
            "./writeup_example_1.py:13:", "GPT001",
            "./writeup_example_2.py:12:", "GPT003",
            "./writeup_example_3.py:12:", "GPT003",
            "./writeup_example_3.py:20:", "GPT002",
        ]
    )


def test_a_file_the_plugin_cannot_analyse_is_reported_not_crashed():
    # nested deeper than libcst's walk recurses (flake8's own parser still accepts it)
    lines = ["import transformers\n", "x = " + " + ".join(['"a"'] * 600) + "\n"]
    findings = list(Plugin(None, lines).run())
    assert [(line, column, message.split()[0]) for line, column, message, _ in findings] == [(1, 0, "GPT000")]
    assert "could not analyse this file: maximum recursion depth exceeded" in findings[0][2]


def test_code_libcst_refuses_is_reported_with_its_place_on_one_line():
    lines = ["import transformers\n", "x = (1,\n", "def f(): pass\n"]
    [(line, column, message, _)] = list(Plugin(None, lines).run())
    assert (line, column) == (1, 0)
    assert message.startswith("GPT000 flake8-gpt2 could not analyse this file: syntax error at line 3, column 1: ")
    assert message.count("error at") == 1 and "\n" not in message


def test_the_plugin_gates_once_with_flake8s_own_tree(monkeypatch):
    source = "from transformers import GPT2LMHeadModel\nmodel = GPT2LMHeadModel.from_pretrained('gpt2')\nmodel('hi')\n"
    tree = ast.parse(source)

    def parsed_again(source):
        raise AssertionError("the gate parsed the file again")

    monkeypatch.setattr(gate, "_python_tree", parsed_again)
    findings = list(Plugin(tree, source.splitlines(keepends=True)).run())
    assert [message.split()[0] for _, _, message, _ in findings] == ["GPT001"]
