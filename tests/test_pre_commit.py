"""The pre-commit hooks, run by pre-commit itself (`pre-commit try-repo`) on a new git repository.

pre-commit builds the hooks' environment by installing this project from a copy of it, which
needs the package index (the build's setuptools, flake8, libcst): one environment, for both hooks.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from project_copy import copy_project

BAD = b'''from transformers import GPT2LMHeadModel, GPT2Tokenizer

tokenizer = GPT2Tokenizer.from_pretrained("gpt2")
model = GPT2LMHeadModel.from_pretrained("gpt2")
model("Hello world")
'''
FIXED = BAD.replace(b'model("Hello world")', b'model(**tokenizer("Hello world", return_tensors="pt"))')

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("pre_commit") is None or shutil.which("git") is None,
    reason="pre-commit (in the test extra) and git are needed to run the hooks",
)


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def new_repository(path: Path) -> Path:
    path.mkdir()
    git("init", "-q", cwd=path)
    git("config", "user.email", "test@example.com", cwd=path)
    git("config", "user.name", "test", cwd=path)
    return path


def test_both_hooks_run_by_pre_commit(tmp_path):
    hooks = copy_project(new_repository(tmp_path / "flake8-gpt2"))
    git("add", ".", cwd=hooks)
    git("commit", "-q", "-m", "hooks", cwd=hooks)

    user = new_repository(tmp_path / "user")
    (user / "script.py").write_bytes(BAD)
    (user / "notes.txt").write_bytes(BAD)
    # pre-commit names every file; --force-exclude in both hooks keeps the excludes
    (user / "setup.cfg").write_text("[flake8]\nextend-exclude = vendored\n")
    (user / "vendored").mkdir()
    (user / "vendored" / "theirs.py").write_bytes(BAD)
    git("add", ".", cwd=user)
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hooks), "--all-files", "--color", "never"],
        cwd=user,
        capture_output=True,
        text=True,
        env={**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")},
        timeout=900,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    report, fix = output.split("flake8-gpt2 (fix)", 1)
    assert "script.py:5:1: GPT001 text passed to a model" in report and "Failed" in report
    assert "notes.txt" not in output
    assert "files were modified by this hook" in fix
    assert (user / "script.py").read_bytes() == FIXED
    assert "theirs.py" not in output and (user / "vendored" / "theirs.py").read_bytes() == BAD
