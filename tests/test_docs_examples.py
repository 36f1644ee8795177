"""The Example and Use instead blocks of every rule's page, linted: the example is flagged with its
rule and no other, the code to use instead is silent. The blocks leave out their imports and the
names every page uses (`model`, `tokenizer`, `texts`), so each is linted after the same prelude."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from flake8_gpt2.pipeline import lint_source
from flake8_gpt2.registry import all_rules

PAGES = Path(__file__).resolve().parents[1] / "docs" / "rules"
PRELUDE = """\
import torch
from datasets import Dataset, load_dataset
from torch.utils.data import DataLoader
from transformers import (
    AutoModelForCausalLM, AutoTokenizer, DataCollatorForLanguageModeling, DataCollatorWithPadding,
    GPT2LMHeadModel, GPT2Model, GPT2Tokenizer, GPT2TokenizerFast, Trainer, TrainingArguments,
)

tokenizer = GPT2Tokenizer.from_pretrained("gpt2")
model = GPT2LMHeadModel.from_pretrained("gpt2")
texts = ["This is some sample text.", "Another piece of sample text, a bit longer."]
"""


def block(page: str, section: str) -> str:
    match = re.search(rf"^## {section}\n```python\n(.*?)^```", page, re.MULTILINE | re.DOTALL)
    assert match, f"no python block under '## {section}'"
    return PRELUDE + match.group(1)


@pytest.mark.parametrize("code", sorted(all_rules()))
def test_the_example_is_flagged_with_its_rule(code):
    page = (PAGES / f"{code}.md").read_text(encoding="utf-8")
    assert {f.code for f in lint_source(block(page, "Example"))} == {code}


@pytest.mark.parametrize("code", sorted(all_rules()))
def test_the_code_to_use_instead_is_silent(code):
    page = (PAGES / f"{code}.md").read_text(encoding="utf-8")
    assert lint_source(block(page, "Use instead")) == []
