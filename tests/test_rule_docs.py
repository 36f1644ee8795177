"""`flake8-gpt2 rule`: every rule's page ships in the package, and the command prints it."""
from __future__ import annotations

from pathlib import Path

from flake8_gpt2.frontends.cli import main
from flake8_gpt2.frontends.plugin import ANALYSIS_ERROR
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
