"""The transformers version the linted code targets: read from the settings, else from the package
metadata of the transformers installed beside the linter (never imported), else the newest known.
What the version-dependent fixtures give under the other major version (the ground truth's other
column); the fixtures' own headers give what they find under their own."""
from __future__ import annotations

import importlib.metadata
import subprocess
import sys

import pytest

from fixture_cases import FIXTURES
from flake8_gpt2 import target
from flake8_gpt2.pipeline import lint_source
from flake8_gpt2.settings import Settings
from flake8_gpt2.target import NEWEST_MAJOR, Target, major_of
from test_settings import run

# fixture: what it gives under the other major version (code, line) - the 4.x column of the ground
# truth for the 5.x cases: apply_chat_template gave the ids, lists that GPT008 flags where a model
# takes them and that len() and torch.tensor() take as they are
OTHER_VERSION = {
    ("GPT004/chat_template_generate", "4.57"): [("GPT008", 12)],
    ("GPT004/chat_template_input_ids", "4.57"): [("GPT008", 11)],
    ("GPT008/chat_template_unpacked", "4.57"): [("GPT008", 11)],
    ("GPT015/chat_template_len", "4.57"): [],
    ("GPT015/chat_template_tensor", "4.57"): [],
    ("GPT015/chat_template_tensor_llama", "4.57"): [],
    ("GPT005/cache_keyword_transformers4", "5.24"): [],
    ("GPT003/pythia_tokenizer_transformers4", "5.24"): [],
    ("GPT025/attentions_empty_under_sdpa", "4.57"): [],  # 4.x falls back to eager attention
    # what transformers 5 removed is right in 4.x code (evaluation_strategy was gone in 4.46 already,
    # and 4.x releases before it took it; 4.57's cache object is indexed and iterated as pairs)
    **{
        (f"{code}/{path.stem}", "4.57"): []
        for code in ("GPT016", "GPT017", "GPT018", "GPT032")
        for path in (FIXTURES / code).glob("*.py")
        if not path.name.endswith(".fixed.py")
    },
}


@pytest.mark.parametrize("case, version", sorted(OTHER_VERSION))
def test_version_dependent_fixtures_under_the_other_version(case, version):
    source = (FIXTURES / f"{case}.py").read_bytes()
    found = [(f.code, f.line) for f in lint_source(source, Settings(transformers_version=version))]
    assert found == OTHER_VERSION[case, version]


def test_major_versions():
    assert major_of("4.57.6") == 4
    assert major_of("5.0.0.dev0") == 5
    assert major_of("4") == 4
    assert major_of(None) == NEWEST_MAJOR


def test_the_default_is_the_installed_version_read_from_metadata():
    installed = importlib.metadata.version("transformers")
    assert Target.of(Settings()).transformers_major == major_of(installed)
    assert Target.of(Settings(transformers_version="4.57")).transformers_major == 4


def test_without_transformers_installed_the_newest_known(monkeypatch):
    monkeypatch.setattr(target, "installed_transformers_version", lambda: None)
    assert Target.of(Settings()).transformers_major == NEWEST_MAJOR


def test_reading_the_version_imports_no_transformers():
    probe = (
        "import sys; from flake8_gpt2.target import Target; from flake8_gpt2.settings import Settings; "
        "Target.of(Settings()); assert 'transformers' not in sys.modules and 'torch' not in sys.modules"
    )
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True).returncode == 0


CHAT = b'''from transformers import AutoModelForCausalLM, AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3.2-1B-Instruct")
chat = tokenizer.apply_chat_template([{"role": "user", "content": "Hi"}])
print(len(chat))
'''


@pytest.mark.parametrize(
    "config_file, text",
    [
        ("setup.cfg", "[flake8]\ngpt2-transformers-version = 4.57\n"),
        (".flake8", "[flake8]\ngpt2_transformers_version = 4\n"),
        ("pyproject.toml", '[tool.flake8-gpt2]\ntransformers-version = "4.57"\n'),
    ],
)
def test_the_target_version_read_from_config(tmp_path, config_file, text):
    (tmp_path / "script.py").write_bytes(CHAT)
    command = ["-m", "flake8_gpt2.frontends.cli", "--gpt2-transformers-version=5.24", "script.py"]
    assert "GPT015" in run(command, tmp_path).stdout
    (tmp_path / config_file).write_text(text)
    fixer = run(["-m", "flake8_gpt2.frontends.cli", "script.py"], tmp_path)
    assert fixer.returncode == 0 and "GPT015" not in fixer.stdout, fixer.stdout + fixer.stderr
    if config_file != "pyproject.toml":
        flake8 = run(["-m", "flake8", "--select", "GPT", "script.py"], tmp_path)
        assert flake8.returncode == 0, flake8.stdout + flake8.stderr
    # the command line wins over the files
    fixer = run(["-m", "flake8_gpt2.frontends.cli", "--gpt2-transformers-version=5", "script.py"], tmp_path)
    assert "GPT015" in fixer.stdout


@pytest.mark.parametrize(
    "args, files",
    [
        (["--gpt2-transformers-version=latest"], {}),
        ([], {"pyproject.toml": "[tool.flake8-gpt2]\ntransformers-version = 4.57\n"}),
        ([], {"setup.cfg": "[flake8]\ngpt2-transformers-version = four\n"}),
    ],
)
def test_a_bad_version_is_one_line_and_status_2(tmp_path, args, files):
    (tmp_path / "script.py").write_bytes(CHAT)
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    done = run(["-m", "flake8_gpt2.frontends.cli", *args, "script.py"], tmp_path)
    assert done.returncode == 2 and "transformers-version must be a version" in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_flake8_refuses_a_bad_version_in_one_line(tmp_path):
    (tmp_path / "script.py").write_bytes(CHAT)
    done = run(["-m", "flake8", "--select", "GPT", "--gpt2-transformers-version=x", "script.py"], tmp_path)
    assert done.returncode != 0 and "must be a version" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr
