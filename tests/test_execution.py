"""Every rule proven by execution on real transformers GPT-2 classes (a tiny checkpoint built
offline): each bad fixture fails with the exception its header (and docs page) names, each fixed
fixture and each clean file runs."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fixture_cases import Case, bad_cases, clean_files

CASES = bad_cases()
EXAMPLES = sorted((Path(__file__).parent / "writeup_examples").glob("writeup_example_*.py"))


@pytest.fixture(scope="module")
def outcomes(run_scripts, tmp_path_factory):
    fixed_examples = tmp_path_factory.mktemp("examples")
    for example in EXAMPLES:
        shutil.copy(example, fixed_examples / example.name)
    subprocess.run(
        [sys.executable, "-m", "flake8_gpt2.frontends.cli", "--fix", "--unsafe-fixes", str(fixed_examples)],
        capture_output=True,
        check=True,
    )
    scripts = [c.path for c in CASES] + [c.fixed_path for c in CASES] + clean_files()
    scripts += EXAMPLES + sorted(fixed_examples.glob("*.py"))
    results = run_scripts(scripts)
    results["fixed_examples"] = fixed_examples
    return results


def describe(outcome) -> str:
    return f"{outcome.exc_type}: {outcome.exc_message}\n{outcome.stdout[-2000:]}\n{outcome.stderr[-2000:]}"


def only_where_it_fails(case: Case) -> None:
    if not case.fails_on_installed_version():
        pytest.skip(f"targets transformers {case.transformers}, which is not the one installed")


@pytest.mark.parametrize("case", [c for c in CASES if c.silent], ids=lambda c: c.id)
def test_silent_bad_fixture_runs_and_misbehaves_as_documented(case: Case, outcomes):
    only_where_it_fails(case)
    bad, fixed = outcomes[case.path.resolve()], outcomes[case.fixed_path.resolve()]
    assert bad.ok and fixed.ok, describe(bad) + describe(fixed)
    assert bad.stdout.strip() and fixed.stdout.strip()
    if "prints the same" in case.message:
        assert bad.stdout == fixed.stdout
    else:
        assert bad.stdout != fixed.stdout


@pytest.mark.parametrize("case", [c for c in CASES if not c.silent], ids=lambda c: c.id)
def test_bad_fixture_fails_as_documented(case: Case, outcomes):
    only_where_it_fails(case)
    outcome = outcomes[case.path.resolve()]
    exception, message = case.failure_on_installed_version()
    assert not outcome.ok, describe(outcome)
    assert outcome.exc_type == exception, describe(outcome)
    assert outcome.exc_message.startswith(message), describe(outcome)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_fixed_fixture_runs(case: Case, outcomes):
    outcome = outcomes[case.fixed_path.resolve()]
    assert outcome.ok, describe(outcome)
    assert "caught" not in outcome.stdout


@pytest.mark.parametrize("path", clean_files(), ids=lambda p: p.stem)
def test_clean_file_runs(path: Path, outcomes):
    outcome = outcomes[path.resolve()]
    assert outcome.ok, describe(outcome)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_writeup_example_fails_before_and_runs_after_the_fixer(example: Path, outcomes):
    before = outcomes[example.resolve()]
    assert not before.ok, describe(before)
    after = outcomes[(outcomes["fixed_examples"] / example.name).resolve()]
    assert after.ok, describe(after)
    assert "ValueError caught" not in after.stdout
