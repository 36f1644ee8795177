"""`flake8-gpt2 rule`: every rule's page ships in the package, and the command prints it."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from flake8_gpt2.cli import main
from flake8_gpt2.plugin import ANALYSIS_ERROR
from flake8_gpt2.registry import all_rules
from flake8_gpt2.rule_docs import pages, url

ROOT = Path(__file__).resolve().parents[1]
CODES = sorted([*all_rules(), ANALYSIS_ERROR])


def test_the_package_holds_every_page_of_docs_rules():
    found = pages()
    assert list(found) == CODES
    for code, page in found.items():
        assert page == (ROOT / "docs" / "rules" / f"{code}.md").read_text(encoding="utf-8")


def test_rule_prints_the_page(capsys):
    assert main(["rule", "gpt002"]) == 0
    assert capsys.readouterr().out == (ROOT / "docs" / "rules" / "GPT002.md").read_text(encoding="utf-8")


def test_rule_all_lists_codes_and_names(capsys):
    assert main(["rule", "--all"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == CODES
    assert "GPT001  text-passed-to-model" in lines


def test_unknown_rule_is_refused(capsys):
    assert main(["rule", "GPT099"]) == 2
    assert "unknown rule GPT099" in capsys.readouterr().err


def test_a_file_named_rule_is_linted_as_dot_slash_rule(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    Path("rule").write_bytes(b'from transformers import AutoModel\nAutoModel.from_pretrained("gpt2")("text")\n')
    assert main(["./rule"]) == 1
    assert capsys.readouterr().out.startswith("./rule:2:1: GPT001")


def test_urls_name_the_pages_in_the_repository():
    assert url("GPT002").endswith("/blob/main/docs/rules/GPT002.md")


def test_the_wheel_ships_the_pages(tmp_path):
    source = tmp_path / "source"
    for name in ("pyproject.toml", "README.md"):
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "docs" / "rules", source / "docs" / "rules")
    shutil.copytree(
        ROOT / "flake8_gpt2", source / "flake8_gpt2", symlinks=True, ignore=shutil.ignore_patterns("__pycache__")
    )
    # setuptools is in the test extra: the build needs no network
    build = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(tmp_path), "."]
    done = subprocess.run(build, cwd=source, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    (wheel,) = tmp_path.glob("flake8_gpt2-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert all(f"flake8_gpt2/rule_pages/{code}.md" in names for code in CODES)
