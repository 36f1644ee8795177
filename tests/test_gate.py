"""The gate that skips files before libcst: it skips what cannot hold a finding, and never a file
that can."""
from __future__ import annotations

import ast
from pathlib import Path

import libcst as cst
import pytest

from fixture_cases import bad_cases, clean_files
from flake8_gpt2.engine import lint_module
from flake8_gpt2.pipeline import lint_source
from flake8_gpt2.gate import may_hold_findings
from flake8_gpt2.settings import Settings

FLOW_FILES = sorted((Path(__file__).parent / "flow").glob("*.py"))


def summary(findings):
    return [(f.code, f.line, f.column, f.message, f.fix and f.fix.safe) for f in findings]


def test_the_gate_never_loses_a_finding():
    """Every fixture, fixed fixture, clean and flow file gives the same findings with the skip and
    without it."""
    cases = bad_cases()
    for path in [c.path for c in cases] + [c.fixed_path for c in cases] + clean_files() + FLOW_FILES:
        source = path.read_bytes()
        assert summary(lint_source(source)) == summary(lint_module(cst.parse_module(source))), path


@pytest.mark.parametrize(
    "source",
    [
        "import transformers\n",
        "import os, transformers.models.gpt2 as gpt2\n",
        "from transformers import GPT2LMHeadModel\n",
        "from transformers.models.gpt2.modeling_gpt2 import GPT2Model as Base\n",
        "def load():\n    from transformers import AutoTokenizer\n",
        "try:\n    pass\nexcept ImportError:\n    from transformers import Trainer\n",
        "class Wrapper:\n    if True:\n        from transformers import DataCollatorWithPadding\n",
        "from transformers import pipeline\n",
    ],
)
def test_files_that_import_what_the_analysis_follows_are_analysed(source):
    assert may_hold_findings(source)
    assert may_hold_findings(source, tree=ast.parse(source))


@pytest.mark.parametrize(
    "source",
    [
        "import torch\nmodel = torch.nn.Linear(2, 2)\n",
        '"""Example:\n\n    from transformers import AutoTokenizer\n"""\n',
        "from transformers.utils import logging, auto_docstring\n",
        "from transformers import GenerationConfig, AutoConfig, set_seed\n",
        "from .modeling_gpt2 import GPT2Model\n",
        "# flake8-gpt2: skip-file\nfrom transformers import GPT2LMHeadModel\n",
    ],
)
def test_files_that_cannot_hold_a_finding_are_skipped(source):
    assert not may_hold_findings(source)
    assert not may_hold_findings(source.encode())


def test_a_configured_model_name_opens_the_gate_without_transformers():
    source = "from myproject.models import build\nbuild()('text')\n"
    assert not may_hold_findings(source)
    assert may_hold_findings(source, Settings(frozenset({"myproject.models.build"})))


def test_a_file_ast_cannot_parse_goes_on_to_libcst_for_its_error():
    assert may_hold_findings("from transformers import GPT2Model\ndef broken(:\n")
