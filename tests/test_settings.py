"""Configuration, project-defined models and file-level suppression, in flake8 and the fixer."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from flake8_gpt2.pipeline import lint_source
from flake8_gpt2.settings import Settings

FACTORY_USER = b'''from myproject.loading import load_model

model = load_model("gpt2")
model("Hello world")
'''


def codes(source: bytes, settings: Settings = Settings()):
    return [(f.code, f.line) for f in lint_source(source, settings)]


def test_configured_factory_by_dotted_path_and_by_name():
    assert codes(FACTORY_USER) == []
    assert codes(FACTORY_USER, Settings(frozenset({"myproject.loading.load_model"}))) == [("GPT001", 4)]
    assert codes(FACTORY_USER, Settings(frozenset({"load_model"}))) == [("GPT001", 4)]


def run(args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=cwd)


@pytest.mark.parametrize(
    "config_file, text",
    [
        ("setup.cfg", "[flake8]\ngpt2-model-names = myproject.loading.load_model\n"),
        ("tox.ini", "[flake8]\ngpt2_model_names =\n    other\n    load_model\n"),
        (".flake8", "[flake8]\ngpt2-model-names = load_model\n"),
    ],
)
def test_flake8_and_the_fixer_read_the_same_flake8_config(tmp_path, config_file, text):
    (tmp_path / config_file).write_text(text)
    (tmp_path / "script.py").write_bytes(FACTORY_USER)
    flake8 = run(["-m", "flake8", "--select", "GPT", "script.py"], tmp_path)
    assert "script.py:4:1: GPT001" in flake8.stdout, flake8.stderr
    fixer = run(["-m", "flake8_gpt2.frontends.cli", "script.py"], tmp_path)
    assert "script.py:4:1: GPT001" in fixer.stdout, fixer.stderr


def test_the_fixer_reads_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.flake8-gpt2]\nmodel-names = ["load_model"]\n')
    (tmp_path / "script.py").write_bytes(FACTORY_USER)
    assert "GPT001" in run(["-m", "flake8_gpt2.frontends.cli", "script.py"], tmp_path).stdout


def test_pyproject_selects_ignores_and_excludes_as_ruff_users_write_it(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.flake8-gpt2]\nmodel-names = ["load_model"]\nselect = ["GPT0"]\nignore = ["GPT003"]\n'
        'exclude = ["vendored"]\n'
    )
    padding = b"import transformers\ntransformers.GPT2Tokenizer.from_pretrained('gpt2')(['a', 'b c'], padding=True)\n"
    (tmp_path / "script.py").write_bytes(FACTORY_USER + padding)
    (tmp_path / "vendored").mkdir()
    (tmp_path / "vendored" / "theirs.py").write_bytes(FACTORY_USER)
    done = run(["-m", "flake8_gpt2.frontends.cli", "--output-format", "concise", "."], tmp_path)
    # GPT003 ignored, vendored/ excluded
    assert [line.split()[:2] for line in done.stdout.splitlines()] == [["./script.py:4:1:", "GPT001"]], done.stderr
    # the flake8 file's value wins, as for transformers-version
    (tmp_path / "setup.cfg").write_text("[flake8]\nignore = GPT001\n")
    done = run(["-m", "flake8_gpt2.frontends.cli", "--output-format", "concise", "."], tmp_path)
    assert [line.split()[1] for line in done.stdout.splitlines()] == ["GPT003"], done.stdout + done.stderr
    (tmp_path / "pyproject.toml").write_text('[tool.flake8-gpt2]\nselect = ["GTP001"]\n')
    done = run(["-m", "flake8_gpt2.frontends.cli", "."], tmp_path)
    assert done.returncode == 2
    assert "[tool.flake8-gpt2] select: unknown code GTP001 (did you mean GPT001?)" in done.stderr


def test_pyproject_is_read_with_tomli_below_python_3_11(tmp_path, monkeypatch):
    """Python 3.9 and 3.10 have no tomllib: the `tomli` dependency (marked for them) reads it."""
    import tomllib
    import types

    from flake8_gpt2 import settings

    read = []
    tomli = types.SimpleNamespace(
        loads=lambda text: read.append(text) or tomllib.loads(text), TOMLDecodeError=tomllib.TOMLDecodeError
    )
    monkeypatch.setitem(sys.modules, "tomli", tomli)
    monkeypatch.setattr(settings.sys, "version_info", (3, 10, 0))
    (tmp_path / "pyproject.toml").write_text('[tool.flake8-gpt2]\nmodel-names = ["load_model"]\n')
    assert settings.from_config_files(tmp_path).model_names == {"load_model"} and read
    project = (Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    assert "\"tomli>=1.1; python_version < '3.11'\"" in project


def test_a_broken_config_is_an_error_not_a_crash(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.flake8-gpt2\n")
    (tmp_path / "script.py").write_bytes(FACTORY_USER)
    done = run(["-m", "flake8_gpt2.frontends.cli", "script.py"], tmp_path)
    assert done.returncode == 2 and "bad configuration" in done.stderr and "Traceback" not in done.stderr


def test_project_subclass_and_annotated_factory_make_models():
    source = b'''from transformers import GPT2LMHeadModel, PreTrainedModel


class Tuned(GPT2LMHeadModel):
    pass


class OwnForward(GPT2LMHeadModel):
    def forward(self, text):
        return text


def build() -> PreTrainedModel:
    return Tuned.from_pretrained("gpt2")


Tuned.from_pretrained("gpt2")("a")
build()("b")
OwnForward.from_pretrained("gpt2")("c")
'''
    assert codes(source) == [("GPT001", 17), ("GPT001", 18)]


def test_skip_file_directive():
    source = b'from transformers import AutoModel\nAutoModel.from_pretrained("gpt2")("text")\n'
    assert codes(source) == [("GPT001", 2)]
    assert codes(b"# flake8-gpt2: skip-file\n" + source) == []


OWN_CHECKPOINT = b'''from transformers import AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("my-org/llama-3-tuned")
tokenizer(["a", "b c"], padding=True)
'''


def test_configured_checkpoints_without_pad_token():
    assert codes(OWN_CHECKPOINT) == []
    assert codes(OWN_CHECKPOINT, Settings(no_pad_token_checkpoints=frozenset({"my-org/llama-*"}))) == [("GPT003", 4)]
    assert codes(OWN_CHECKPOINT, Settings(no_pad_token_checkpoints=frozenset({"other/*"}))) == []


@pytest.mark.parametrize(
    "config_file, text",
    [
        ("setup.cfg", "[flake8]\ngpt2-no-pad-token-checkpoints = my-org/llama-*\n"),
        ("pyproject.toml", '[tool.flake8-gpt2]\nno-pad-token-checkpoints = ["my-org/llama-*"]\n'),
    ],
)
def test_no_pad_token_checkpoints_read_from_config(tmp_path, config_file, text):
    (tmp_path / config_file).write_text(text)
    (tmp_path / "script.py").write_bytes(OWN_CHECKPOINT)
    fixer = run(["-m", "flake8_gpt2.frontends.cli", "script.py"], tmp_path)
    assert "script.py:4:1: GPT003" in fixer.stdout, fixer.stderr
    if config_file == "setup.cfg":
        flake8 = run(["-m", "flake8", "--select", "GPT", "script.py"], tmp_path)
        assert "script.py:4:1: GPT003" in flake8.stdout, flake8.stderr


def test_no_pad_token_checkpoints_on_the_command_line(tmp_path):
    (tmp_path / "script.py").write_bytes(OWN_CHECKPOINT)
    option = "--gpt2-no-pad-token-checkpoints=my-org/*"
    assert "GPT003" in run(["-m", "flake8_gpt2.frontends.cli", option, "script.py"], tmp_path).stdout
    assert "GPT003" in run(["-m", "flake8", "--select", "GPT", option, "script.py"], tmp_path).stdout
