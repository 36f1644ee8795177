"""What holds the project together: one docs page per rule, README and CI in step."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from fixture_cases import bad_cases
from flake8_gpt2.frontends.plugin import ANALYSIS_ERROR
from flake8_gpt2.registry import all_rules

ROOT = Path(__file__).resolve().parents[1]
SECTIONS = ("## What it does", "## Why is this bad?", "## Example", "## Use instead")
CODES = [*all_rules(), ANALYSIS_ERROR]


@pytest.mark.parametrize("code", CODES)
def test_every_rule_has_a_docs_page_in_ruffs_layout(code):
    page = (ROOT / "docs" / "rules" / f"{code}.md").read_text(encoding="utf-8")
    assert page.startswith("# ") and f"({code})" in page.splitlines()[0]
    for section in SECTIONS:
        assert section in page
    rule = all_rules().get(code)
    if rule is not None and rule.fix_availability.value != "never":
        assert "## Fix safety" in page
        assert f"Fix is {rule.fix_availability.value} available." in page
    assert f"[{code}" in (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    assert f"[{code}](docs/rules/{code}.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", bad_cases(), ids=lambda c: c.id)
def test_docs_page_names_the_exception_its_fixture_raises(case):
    page = (ROOT / "docs" / "rules" / f"{case.path.parent.name}.md").read_text(encoding="utf-8")
    assert case.silent or all(f"{exception}: {message}" in page for exception, message in case.failures)


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(python3 -m venv .*)\n```", readme)
    assert len(commands) == 2, "README holds the two set-up commands"
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_writeup_examples_are_the_shared_ones():
    shared = ROOT.parent / "shared" / "examples"
    ours = sorted((ROOT / "tests" / "writeup_examples").glob("*.py"))
    assert [p.name for p in ours] == [f"writeup_example_{n}.py" for n in (1, 2, 3)]
    if shared.is_dir():  # beside the checkout in CI; a plain clone has only its own copies
        assert all(p.read_bytes() == (shared / p.name).read_bytes() for p in ours)


def test_the_project_passes_its_own_flake8_with_the_plugin_installed():
    """The project's own code is clean flake8, and real model-calling code (this linter, its tests
    and benchmarks) gives the GPT rules nothing to say."""
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "."], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_rule_tables_are_generated_from_the_registry():
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "generate_rule_tables.py"), "--check"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_module_below_the_rules_imports_them():
    for path in (ROOT / "flake8_gpt2").rglob("*.py"):
        if path.parent.name == "rules" or path.name == "registry.py":
            continue
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*from \.+rules\b|^\s*from \. import rules\b", source, re.MULTILINE), path
