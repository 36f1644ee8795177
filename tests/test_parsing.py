"""The parse without node validation gives libcst's own tree, and validation is back afterwards."""
from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest

from fixture_cases import bad_cases, clean_files
from flake8_gpt2.parsing import parse_module

FILES = [c.path for c in bad_cases()] + clean_files() + sorted((Path(__file__).parent / "flow").glob("*.py"))


def test_the_same_tree_as_libcsts_parse():
    for path in FILES:
        source = path.read_bytes()
        module = parse_module(source)
        assert module.deep_equals(cst.parse_module(source)), path
        assert module.bytes == source, path


def test_nodes_made_after_the_parse_are_validated_again():
    parse_module("x = 1\n")
    with pytest.raises(cst.CSTValidationError):
        cst.Name("not a name")


def test_validation_is_back_after_a_syntax_error():
    with pytest.raises(cst.ParserSyntaxError):
        parse_module("def (:\n")
    with pytest.raises(cst.CSTValidationError):
        cst.Name("not a name")
