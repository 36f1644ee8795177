"""The fixer as a libcst codemod: `python -m libcst.tool codemod ... flake8_gpt2.frontends.codemod.FixGPT2Inputs`."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = b'''from transformers import GPT2Tokenizer
from mylib import load_model

tokenizer = GPT2Tokenizer.from_pretrained("gpt2")
model = load_model()
model("Hello world")
'''


def codemod(path: Path, cwd: Path, *extra: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "libcst.tool", "codemod", "-x", "--no-format", *extra]
    command += ["flake8_gpt2.frontends.codemod.FixGPT2Inputs", str(path)]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def test_the_codemod_reads_the_configuration_beside_the_file_not_in_the_working_directory(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / "setup.cfg").write_text("[flake8]\ngpt2-model-names = load_model\n")
    script = project / "script.py"
    script.write_bytes(SCRIPT)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = codemod(script, elsewhere)
    assert result.returncode == 0, result.stderr
    assert script.read_bytes() == SCRIPT.replace(
        b'model("Hello world")', b'model(**tokenizer("Hello world", return_tensors="pt"))'
    )


def test_the_codemod_skips_a_file_with_nothing_to_fix(tmp_path):
    script = tmp_path / "script.py"
    script.write_bytes(SCRIPT)  # without the configuration, load_model() is unknown
    result = codemod(script, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Skipped 1 files" in result.stderr
    assert script.read_bytes() == SCRIPT
