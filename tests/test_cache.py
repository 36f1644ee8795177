"""The command's cache: a second run reads what the first found; any change that could change a
report misses; the folder is marked as a cache; damaged entries, parallel runs and a folder that
cannot be written never change a result."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from flake8_gpt2.frontends import cli
from flake8_gpt2.frontends.cache import CACHEDIR_TAG
from flake8_gpt2.frontends.cli import main
from test_cli import BAD, FIXED_SAFE


@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FLAKE8_GPT2_CACHE_DIR")  # the default: ./.flake8_gpt2_cache
    (tmp_path / "a.py").write_bytes(BAD)
    (tmp_path / "b.py").write_bytes(BAD.replace(b"Hello", b"Bye"))
    return tmp_path


def run(capsys, *args):
    status = main(["--jobs", "1", *map(str, args)])
    out, err = capsys.readouterr()
    return status, out, err


def entries(tree: Path):
    return sorted((tree / ".flake8_gpt2_cache").rglob("*.json"))


def test_a_second_run_reads_the_first_ones_findings(tree, capsys, monkeypatch):
    first = run(capsys, ".", "--output-format", "json")
    assert first[0] == 1 and len(entries(tree)) == 2
    assert (tree / ".flake8_gpt2_cache" / "CACHEDIR.TAG").read_text() == CACHEDIR_TAG
    assert (tree / ".flake8_gpt2_cache" / ".gitignore").read_text().splitlines()[-1] == "*"
    monkeypatch.setattr(cli, "_analysed", lambda *a, **k: pytest.fail("analysed again"))
    assert run(capsys, ".", "--output-format", "json") == first  # the fixes' edits too


def test_what_changes_a_report_misses(tree, capsys):
    run(capsys, ".")
    (tree / "a.py").write_bytes(BAD + b"model('again')\n")
    assert "a.py:7:1: GPT001" in run(capsys, ".")[1]
    assert "GPT003" not in run(capsys, ".", "--extend-ignore", "GPT003")[1]
    assert '+model(**tokenizer("Bye world", return_tensors="pt"))' in run(capsys, "--diff", "b.py")[1]
    (tree / "c.py").write_bytes(b"from loading import load\nload('gpt2')('text')\n")
    assert "c.py" not in run(capsys, "c.py")[1]
    assert "c.py:2:1: GPT001" in run(capsys, "c.py", "--gpt2-model-names", "load")[1]


def test_fix_after_a_check_and_a_check_after_a_fix(tree, capsys):
    run(capsys, ".")
    assert run(capsys, "--fix", ".")[0] == 1  # GPT003 (unsafe) is left
    assert (tree / "a.py").read_bytes() == FIXED_SAFE
    status, out, _ = run(capsys, ".")
    assert [line.split()[1] for line in out.splitlines()] == ["GPT003", "GPT003"]


def test_no_cache_reads_and_writes_nothing(tree, capsys, monkeypatch):
    run(capsys, "--no-cache", ".")
    assert not (tree / ".flake8_gpt2_cache").exists()
    run(capsys, ".")
    calls = []
    original = cli._analysed
    monkeypatch.setattr(cli, "_analysed", lambda *a: calls.append(a) or original(*a))
    run(capsys, "--no-cache", ".")
    assert len(calls) == 2


def test_damaged_entries_are_analysed_again(tree, capsys):
    first = run(capsys, ".")
    for number, entry in enumerate(entries(tree)):
        entry.write_bytes([b"", b'{"findings": [{"code": 5}]', b"\xff\xfe"][number % 3] + b'{"findings": 1}')
    assert run(capsys, ".") == first
    assert all(json.loads(entry.read_bytes())["findings"] for entry in entries(tree))  # written again


def test_a_cache_folder_that_cannot_be_made_is_no_cache(tree, capsys):
    (tree / "blocked").write_text("a file, not a folder")
    first = run(capsys, ".", "--cache-dir", tree / "blocked" / "cache")
    assert first[0] == 1 and "GPT001" in first[1] and "Traceback" not in first[2]


def test_parallel_runs_share_the_cache(tree):
    """Two commands with two workers each, on 40 files at once: every entry whole, every report right."""
    for n in range(40):
        (tree / f"f{n}.py").write_bytes(BAD.replace(b"Hello", b"Hello %d" % n))
    command = [sys.executable, "-m", "flake8_gpt2", "--jobs", "2", "--output-format", "concise", "."]
    runs = [subprocess.Popen(command, cwd=tree, stdout=subprocess.PIPE) for _ in range(2)]
    outputs = [process.communicate()[0] for process in runs]
    again = subprocess.run(command, cwd=tree, capture_output=True).stdout
    assert outputs[0] == outputs[1] == again and again.count(b"GPT001") == 42
    assert len(entries(tree)) == 42
    assert not [p for p in (tree / ".flake8_gpt2_cache").rglob("*") if p.name.endswith(".tmp")]
    assert all(json.loads(entry.read_bytes()) for entry in entries(tree))


def test_standard_input_is_not_cached(tree, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", type("In", (), {"buffer": __import__("io").BytesIO(BAD)})())
    assert run(capsys, "-")[0] == 1
    assert entries(tree) == []


def test_git_ignores_the_cache_folder(tree, capsys):
    if subprocess.run(["git", "--version"], capture_output=True).returncode != 0:
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q"], cwd=tree, check=True)
    run(capsys, ".")
    status = subprocess.run(["git", "status", "--porcelain"], cwd=tree, capture_output=True, text=True).stdout
    assert ".flake8_gpt2_cache" not in status and "a.py" in status
    assert os.path.isdir(tree / ".flake8_gpt2_cache")
