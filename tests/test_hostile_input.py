"""What an attacker tried on the command (issue 24): a report to a folder that is missing, a diff
of a file in another encoding than UTF-8, code nested deeply, hard links and extended attributes,
a dangling symlink, a pipe named *.py, codecs Python does not know, a run out of memory."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from flake8_gpt2.frontends import cli
from flake8_gpt2.pipeline import check, fix
from test_cli import BAD, FIXED_SAFE, run

ROOT = Path(__file__).parent.parent


@pytest.fixture
def bad_file(tmp_path: Path) -> Path:
    path = tmp_path / "script.py"
    path.write_bytes(BAD)
    return path


@pytest.mark.parametrize("where", ["missing/report.txt", "."], ids=["missing-folder", "directory"])
def test_a_report_that_cannot_be_written_stops_the_run_before_any_fix(bad_file, capsys, where):
    status, out, err = run(capsys, "--fix", "--output-file", bad_file.parent / where, bad_file)
    assert status == 2
    assert err.startswith("flake8-gpt2: error: cannot write the report to ") and "Traceback" not in err
    assert bad_file.read_bytes() == BAD  # checked before --fix rewrote anything


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs the patch program (Debian: apt-get install patch)")
@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_a_diff_keeps_the_files_encoding_so_patch_applies_it(tmp_path, capsysbinary, encoding):
    source = (
        f"# -*- coding: {encoding} -*-\n"
        "from transformers import AutoModel, AutoTokenizer\n"
        "tok = AutoTokenizer.from_pretrained('gpt2')  # caf\xe9\n"
        "model = AutoModel.from_pretrained('gpt2')\n"
        "model('caf\xe9 \u2019')\n".replace("\u2019", "\u2019" if encoding == "cp1252" else "x")
    ).encode(encoding)
    path = tmp_path / "coded.py"
    path.write_bytes(source)
    assert cli.main(["--diff", str(path)]) == 1
    diff = capsysbinary.readouterr().out
    subprocess.run(["patch", "-p0", "-s"], input=diff, cwd="/", check=True)
    assert path.read_bytes() == fix(source, lambda code: code.startswith("GPT"), unsafe=False).source != source


DEEP_FILES = {
    "calls": "x = " + "f(" * 170 + "1" + ")" * 170,
    "brackets": "x = " + "(" * 190 + "1" + ")" * 190,
    "lambdas": "x = " + "lambda: " * 500 + "1",
}


@pytest.mark.parametrize("name", sorted(DEEP_FILES))
def test_a_fix_advertised_for_deeply_nested_code_is_applied(tmp_path, capsys, name):
    path = tmp_path / "deep.py"
    path.write_bytes(BAD + DEEP_FILES[name].encode() + b"\n")
    status, out, err = run(capsys, path)
    assert "GPT001" in out and "[fix: run with --fix]" in out and not err
    status, out, err = run(capsys, "--fix", path)
    assert status == 1 and "error" not in err  # GPT003's unsafe fix is left
    assert path.read_bytes() == FIXED_SAFE + DEEP_FILES[name].encode() + b"\n"


def test_code_nested_past_the_bound_is_refused_at_once():
    with pytest.raises(RecursionError):
        check(b"import transformers\nx = " + b"1+" * 20000 + b"1\n", lambda code: True)


@pytest.mark.skipif(not hasattr(os, "link"), reason="needs hard links")
def test_a_fix_keeps_hard_links(bad_file, capsys):
    other = bad_file.parent / "other_name.py"
    os.link(bad_file, other)
    assert run(capsys, "--fix", bad_file)[0] == 1
    assert other.read_bytes() == FIXED_SAFE and os.path.samefile(bad_file, other)
    assert sorted(os.listdir(bad_file.parent)) == ["other_name.py", "script.py"]  # no backup left


def test_a_fix_keeps_extended_attributes(bad_file, capsys):
    try:
        os.setxattr(bad_file, "user.origin", b"downloaded")
    except (AttributeError, OSError) as error:
        pytest.skip(f"no user extended attributes here: {error}")
    assert run(capsys, "--fix", bad_file)[0] == 1
    assert bad_file.read_bytes() == FIXED_SAFE
    assert os.getxattr(bad_file, "user.origin") == b"downloaded"


def test_a_dangling_symlink_is_reported_and_the_run_goes_on(tmp_path, bad_file, capsys):
    lock = tmp_path / ".#script.py"
    lock.symlink_to("user@host.1234:1700000000")  # an editor's lock file
    status, out, err = run(capsys, "--filename", "*.py", tmp_path)
    assert status == 1  # the findings of script.py; not an error
    assert f"{lock}: warning: a symbolic link to a missing file" in err
    assert "GPT001" in out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_named_like_a_python_file_is_not_read(tmp_path, bad_file):
    os.mkfifo(tmp_path / "pipe.py")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-m", "flake8_gpt2.frontends.cli", str(tmp_path)], capture_output=True, timeout=60, env=env
    )
    assert done.returncode == 2
    assert f"{tmp_path / 'pipe.py'}: error: not a regular file" in done.stderr.decode()
    assert b"GPT001" in done.stdout


def test_an_unknown_codec_is_read_as_flake8_reads_it_not_called_line_none(tmp_path, capsys):
    """flake8 reads such a file as latin-1 and checks it; so does the command (parsing.py)."""
    path = tmp_path / "codec.py"
    path.write_bytes(b"# -*- coding: klingon -*-\nimport transformers\n")
    status, _, err = run(capsys, path)
    assert (status, err) == (0, "")


def test_running_out_of_memory_is_not_called_deep_nesting(bad_file, capsys, monkeypatch):
    def exhausted(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(cli, "check", exhausted)
    status, _, err = run(capsys, bad_file)
    assert (status, err.splitlines()[0]) == (2, f"{bad_file}: error: out of memory while analysing it")


def test_a_notebook_cell_with_a_nul_byte_is_named_not_a_line_none(tmp_path, capsys):
    cells = [["import transformers\n", 'x = "a\0b"\n'], ["import transformers\n"]]
    notebook = {
        "cells": [
            {"cell_type": "code", "metadata": {}, "source": source, "outputs": [], "execution_count": None}
            for source in cells
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = tmp_path / "nul.ipynb"
    path.write_text(json.dumps(notebook))
    status, _, err = run(capsys, path)
    assert status == 2
    reason = "cannot read the code: source code string cannot contain null bytes"
    assert err.splitlines()[0] == f"{path}:cell 1: error: {reason} (cell skipped)"
