"""A model family is data: a family the linter has never heard of, added as rows of
flake8_gpt2/facts/families.py (and its generated forward signatures) and nothing else, is flagged by
every rule exactly where GPT-2 and Llama 3 are.

Each fixture written for GPT-2 or Llama 3.2 is rewritten for "Acme", a family with GPT-2's and
Llama 3's facts under other names; its findings must land on the same lines and columns, with the
same fix labels. Without Acme's rows, the rewritten fixtures must lose their family findings."""
from __future__ import annotations

import re
from dataclasses import replace

import pytest

from fixture_cases import bad_cases
from flake8_gpt2 import model_signatures
from flake8_gpt2.facts import families
from flake8_gpt2.pipeline import lint_source

ACME = replace(
    families.GPT2,
    name="Acme",
    class_prefix="Acme",
    lm_head_suffix="ForCausalLM",
    padless_tokenizer_classes=("AcmeTokenizer",),
)
ACME_CHAT = replace(families.LLAMA, name="AcmeChat", class_prefix="AcmeChat")
GPT2_ROW = families.checkpoints_of("gpt2")
LLAMA3_ROW = families.checkpoints_of("meta-llama/Llama-3.2-1B")
ACME_ROWS = (
    replace(GPT2_ROW, patterns=("acme-ai/acme-1b",), family=ACME),
    replace(LLAMA3_ROW, patterns=("acme-ai/acme-chat-1b*",), family=ACME_CHAT),
)

_RENAMES = (
    (re.compile(r"""(["'])(?:openai-community/)?gpt2(?:-medium|-large|-xl)?\1"""), r"\1acme-ai/acme-1b\1"),
    (re.compile(r"""(["'])meta-llama/Llama-3\.2-1B"""), r"\1acme-ai/acme-chat-1b"),
    (re.compile(r"\bGPT2LMHeadModel\b"), "AcmeForCausalLM"),
    (re.compile(r"\bGPT2(Model|ForSequenceClassification|Config|PreTrainedModel)\b"), r"Acme\1"),
    (re.compile(r"\bGPT2TokenizerFast\b|\bGPT2Tokenizer\b"), "AcmeTokenizer"),
    (re.compile(r"\bLlama(ForCausalLM|ForSequenceClassification|Model)\b"), r"AcmeChat\1"),
)


def rewritten_for_acme(source: str) -> str:
    for pattern, replacement in _RENAMES:
        source = pattern.sub(replacement, source)
    return source


def located(source: str, case) -> list:
    return [(f.code, f.line, f.column, f.fix is not None and f.fix.safe) for f in lint_source(source, case.settings)]


def _names_gpt2_or_llama(case) -> bool:
    source = case.path.read_text(encoding="utf-8")
    return rewritten_for_acme(source) != source


CASES = [c for c in bad_cases() if _names_gpt2_or_llama(c)]


@pytest.fixture
def acme(monkeypatch):
    monkeypatch.setattr(families, "FAMILIES", (*families.FAMILIES, ACME, ACME_CHAT))
    monkeypatch.setattr(families, "CHECKPOINTS", (*ACME_ROWS, *families.CHECKPOINTS))
    for family, like in ((ACME, families.GPT2), (ACME_CHAT, families.LLAMA)):
        for class_name, keywords in list(model_signatures.FORWARD_KEYWORDS.items()):
            if families.family_of_class(class_name) is like:
                name = family.class_prefix + class_name[len(like.class_prefix):]
                name = name.replace("LMHeadModel", "ForCausalLM")
                monkeypatch.setitem(model_signatures.FORWARD_KEYWORDS, name, keywords)
    families.checkpoints_of.cache_clear()
    yield
    families.checkpoints_of.cache_clear()


def test_the_rewrite_covers_the_family_fixtures():
    assert len(CASES) > 90


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_a_family_added_as_rows_is_flagged_where_gpt2_and_llama_are(case, acme):
    source = case.path.read_text(encoding="utf-8")
    assert located(rewritten_for_acme(source), case) == located(source, case)


def test_without_its_rows_the_family_is_unknown():
    """The rewrite leaves nothing that would name GPT-2 or Llama 3: the family findings go."""
    families.checkpoints_of.cache_clear()
    lost = []
    for case in CASES:
        source = case.path.read_text(encoding="utf-8")
        if located(rewritten_for_acme(source), case) != located(source, case):
            lost.append(case.id)
    assert {case.split("/")[0] for case in lost} >= {"GPT003", "GPT014", "GPT020", "GPT025", "GPT026", "GPT028"}
