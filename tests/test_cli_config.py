"""The fixer reads flake8's configuration as flake8 does, and refuses what it cannot honour."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest

from flake8_gpt2.frontends.cli import main

ROOT = Path(__file__).resolve().parents[1]
# GPT001 (safe fix) on line 5, GPT003 (unsafe fix) on line 6
BAD = b'''from transformers import GPT2LMHeadModel, GPT2Tokenizer

tokenizer = GPT2Tokenizer.from_pretrained("gpt2")
model = GPT2LMHeadModel.from_pretrained("gpt2")
model("Hello world")
tokenizer(["a", "b c"], padding=True)
'''
# GPT008 (ids as lists) on line 7, GPT010 (1-D ids) on line 8
LISTS = b'''import torch
from transformers import GPT2LMHeadModel, GPT2TokenizerFast

tokenizer = GPT2TokenizerFast.from_pretrained("gpt2")
model = GPT2LMHeadModel.from_pretrained("gpt2")
encoded = tokenizer("Hello world")
output = model(**encoded)
logits = model(torch.tensor(tokenizer.encode("Hello world"))).logits
'''
SETUP_CFG = """[flake8]
max-line-length = 120
filename = *.py,*.pyw
extend-exclude = generated,legacy/old.py
extend-ignore = E203,W503,GPT008
per-file-ignores =
    scripts/*.py: GPT003
    tests/test_*.py: GPT0
    src/pkg/special.py: GPT001,E501
"""
TREE = {
    "src/pkg/__init__.py": b"",
    "src/pkg/app.py": BAD,
    "src/pkg/lists.py": LISTS,
    "src/pkg/special.py": BAD,
    "scripts/run.py": BAD,
    "tests/test_app.py": BAD,
    "generated/out.py": BAD,
    "legacy/old.py": BAD,
    "legacy/kept.py": LISTS,
    "tools/gui.pyw": BAD,
    "notes.txt": BAD,
}


def python(args: List[str], cwd: Path, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, input=stdin, capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)}
    )


def findings(done: subprocess.CompletedProcess) -> List[str]:
    return sorted(done.stdout.decode().splitlines())


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for name, content in TREE.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(content)
    (tmp_path / "setup.cfg").write_text(SETUP_CFG)
    return tmp_path


@pytest.mark.parametrize("folder", [".", "src"])
def test_flake8_and_the_fixer_report_the_same_findings(tree, folder):
    """The same tree, the same configuration (found upwards from a subfolder as well): the
    fixer's concise format is flake8's default format, line for line."""
    cwd = tree / folder
    flake8 = python(["-m", "flake8", "--select", "GPT", "."], cwd)
    fixer = python(["-m", "flake8_gpt2", "--output-format", "concise", "."], cwd)
    assert flake8.stderr == b"" and fixer.returncode == flake8.returncode == 1, fixer.stderr
    assert findings(fixer) == findings(flake8)
    # per-file-ignores patterns are relative to the current folder in flake8: src/pkg/special.py
    # does not match from src/
    assert len(findings(fixer)) == (8 if folder == "." else 5)


def test_the_configuration_decides_what_fix_rewrites(tree):
    python(["-m", "flake8_gpt2", "--fix", "--unsafe-fixes", "."], tree)
    assert (tree / "generated/out.py").read_bytes() == BAD  # excluded
    assert (tree / "tests/test_app.py").read_bytes() == BAD  # every GPT code ignored there
    assert b"pad_token" not in (tree / "scripts/run.py").read_bytes()  # GPT003 ignored there
    assert b"pad_token" in (tree / "src/pkg/app.py").read_bytes()


def test_this_repository_gives_the_same_for_both():
    flake8 = python(["-m", "flake8", "--select", "GPT", "."], ROOT)
    fixer = python(["-m", "flake8_gpt2", "--output-format", "concise", "."], ROOT)
    assert (flake8.returncode, findings(flake8)) == (0, [])
    assert (fixer.returncode, findings(fixer)) == (0, []), fixer.stderr


def test_command_line_options_override_the_file(tree):
    done = python(["-m", "flake8_gpt2", "--extend-ignore", "GPT003", "--per-file-ignores", "", "."], tree)
    codes = [line.split()[1] for line in findings(done)]
    assert (len(codes), set(codes)) == (9, {"GPT001", "GPT008", "GPT010"})  # the file's extend-ignore replaced
    isolated = python(["-m", "flake8_gpt2", "--isolated", "--output-format", "concise", "."], tree)
    assert len(findings(isolated)) == 16  # two in each of the eight *.py files with code
    (tree / "other.cfg").write_text("[flake8]\nexclude = src,scripts,tests,legacy\n")
    other = python(["-m", "flake8_gpt2", "--config", "other.cfg", "--output-format", "concise", "."], tree)
    assert {line.split(":")[0] for line in findings(other)} == {"./generated/out.py"}


def test_force_exclude_applies_the_excludes_to_named_files(tree):
    """As pre-commit names each file: `generated` excludes generated/out.py only with --force-exclude
    (ruff's meaning); without it, a named file is checked, as flake8 checks it."""
    named = ["generated/out.py", "legacy/old.py", "src/pkg/app.py", "./generated/../generated/out.py"]
    plain = python(["-m", "flake8_gpt2", "--output-format", "concise", *named], tree)
    # legacy/old.py: a path pattern, which flake8 applies to named files too
    assert {line.split(":")[0] for line in findings(plain)} == {*named} - {"legacy/old.py"}
    forced = python(["-m", "flake8_gpt2", "--force-exclude", "--output-format", "concise", *named], tree)
    assert {line.split(":")[0] for line in findings(forced)} == {"src/pkg/app.py"}
    fixed = python(["-m", "flake8_gpt2", "--fix", "--force-exclude", str(tree / "generated" / "out.py")], tree)
    assert fixed.returncode == 0 and (tree / "generated" / "out.py").read_bytes() == BAD
    inside = python(["-m", "flake8_gpt2", "--force-exclude", "--isolated", "--extend-exclude", "generated", "out.py"],
                    tree / "generated")
    assert inside.returncode == 1  # the folders above the current one are not matched


@pytest.mark.parametrize(
    "args, files, message",
    [
        (["--select", "GTP001"], {}, "--select: unknown code GTP001 (did you mean GPT001?)"),
        (["--extend-ignore", "E501"], {}, "--extend-ignore: unknown code E501; see `flake8-gpt2 rule --all`"),
        (["--ignore", "gpt001"], {}, "--ignore: 'gpt001' is not an error code"),
        (
            [],
            {"setup.cfg": "[flake8]\nper-file-ignores = a.py: GTP003\n"},
            "setup.cfg: per-file-ignores: unknown code GTP003",
        ),
        ([], {"tox.ini": "[flake8]\nextend-select = GPT099\n"}, "tox.ini: extend-select: unknown code GPT099"),
        (
            [],
            {".flake8": "[flake8]\nper-file-ignores = a.py GPT001\n"},
            ".flake8: per-file-ignores: Expected `per-file-ignores`",
        ),
        (
            [],
            {"pyproject.toml": "[tool.flake8-gpt2]\nmodel-names = 5\n"},
            "model-names must be a list of strings, not 5",
        ),
        (
            [],
            {"pyproject.toml": '[tool.flake8-gpt2]\nmodel-name = ["f"]\n'},
            "unknown key 'model-name' (did you mean 'model-names'?)",
        ),
        (["--config", "missing.cfg"], {}, "missing.cfg: no such configuration file"),
    ],
)
def test_unknown_codes_and_bad_values_are_refused_in_one_line(tmp_path, monkeypatch, capsys, args, files, message):
    monkeypatch.chdir(tmp_path)
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    (tmp_path / "script.py").write_bytes(BAD)
    assert main([*args, "script.py"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1 and message in err, err


def test_other_plugins_codes_in_the_flake8_file_are_theirs(tmp_path):
    (tmp_path / "setup.cfg").write_text("[flake8]\nextend-ignore = E203,W503,B950\nper-file-ignores = a.py: F401\n")
    (tmp_path / "script.py").write_bytes(BAD)
    assert python(["-m", "flake8_gpt2", "script.py"], tmp_path).returncode == 1


def test_a_configuration_that_selects_no_gpt_code_gets_a_warning(tmp_path):
    (tmp_path / "setup.cfg").write_text("[flake8]\nselect = E,W,F\n")
    (tmp_path / "script.py").write_bytes(BAD)
    done = python(["-m", "flake8_gpt2", "script.py"], tmp_path)
    assert (done.returncode, done.stdout) == (0, b"")
    assert done.stderr.decode().startswith("flake8-gpt2: warning: select and ignore leave no GPT code to report")
    assert python(["-m", "flake8_gpt2", "--select", "GPT", "script.py"], tmp_path).returncode == 1


def test_standard_input_is_named_by_stdin_filename(tree):
    done = python(["-m", "flake8_gpt2", "-", "--stdin-filename", "scripts/edited.py"], tree, BAD)
    assert done.returncode == 1
    assert [line.split()[1] for line in findings(done)] == ["GPT001"]  # GPT003 ignored in scripts/
    assert done.stdout.decode().startswith("scripts/edited.py:5:1: GPT001")
    unnamed = python(["-m", "flake8_gpt2", "-"], tree, BAD)
    assert unnamed.stdout.decode().startswith("stdin:5:1: GPT001")


def test_fix_on_standard_input_writes_the_code_to_standard_output(tree):
    done = python(["-m", "flake8_gpt2", "--fix", "-", "--stdin-filename", "src/x.py"], tree, BAD)
    fixed = b'model(**tokenizer("Hello world", return_tensors="pt"))'
    assert done.stdout == BAD.replace(b'model("Hello world")', fixed)
    assert b"src/x.py:6:1: GPT003" in done.stderr and done.returncode == 1
    excluded = python(["-m", "flake8_gpt2", "--fix", "-", "--stdin-filename", "legacy/old.py"], tree, BAD)
    assert (excluded.returncode, excluded.stdout) == (0, BAD)
    broken = python(["-m", "flake8_gpt2", "--fix", "-"], tree, b"import transformers\ndef f(:\n")
    assert (broken.returncode, broken.stdout) == (2, b"import transformers\ndef f(:\n")
    assert broken.stderr.decode().startswith("stdin: error: syntax error")


def test_python_dash_m_runs_the_command(tree):
    done = python(["-m", "flake8_gpt2", "--version"], tree)
    assert done.returncode == 0 and done.stdout.decode().startswith("flake8-gpt2 ")
