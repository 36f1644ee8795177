"""The real-report set (tests/realworld/README.md), proven by execution on the tiny checkpoints:
each bad.py fails as its case.json says (or, silent, prints something other than its clean.py),
each clean.py runs to its end, and the linter reports nothing on any clean.py. Whether bad.py is
caught is measured by bench/realworld.py, not asserted here."""
from __future__ import annotations

import pytest

from flake8_gpt2.pipeline import lint_source
from flake8_gpt2.settings import Settings
from realworld.cases import RealCase, real_cases

CASES = real_cases()


@pytest.fixture(scope="module")
def outcomes(run_scripts):
    return run_scripts([c.bad for c in CASES] + [c.clean for c in CASES])


def describe(outcome) -> str:
    return f"{outcome.exc_type}: {outcome.exc_message}\n{outcome.stdout[-2000:]}\n{outcome.stderr[-2000:]}"


def test_every_case_names_its_report_and_failure():
    for case in CASES:
        assert case.meta["url"].startswith("https://"), case.name
        assert case.meta["rule"] is None or case.meta["rule"].startswith("GPT"), case.name
        assert case.silent or {"exc_type", "message_contains"} <= set(case.failure), case.name


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_fails_as_reported_and_clean_runs(case: RealCase, outcomes):
    bad, clean = outcomes[case.bad.resolve()], outcomes[case.clean.resolve()]
    assert clean.ok, describe(clean)
    if case.silent:
        assert bad.ok, describe(bad)
        assert bad.stdout.strip() and bad.stdout != clean.stdout
    else:
        assert not bad.ok, describe(bad)
        assert bad.exc_type == case.failure["exc_type"], describe(bad)
        assert case.failure["message_contains"] in bad.exc_message, describe(bad)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_clean_has_no_finding(case: RealCase):
    assert lint_source(case.clean.read_bytes(), Settings(transformers_version="5")) == []
