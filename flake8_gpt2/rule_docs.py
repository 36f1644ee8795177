"""`flake8-gpt2 rule GPT002` prints a rule's page; `flake8-gpt2 rule --all` lists the rules.

The pages are docs/rules/*.md, shipped in the package as `flake8_gpt2/rule_pages` (a link to
docs/rules in the repository, so there is one copy)."""
from __future__ import annotations

import argparse
import sys
from importlib import resources
from typing import Dict, Optional, Sequence

REPOSITORY_URL = "https://github.com/flake8-gpt2/flake8-gpt2"
RULES_URL = f"{REPOSITORY_URL}/blob/main/docs/rules/"


def url(code: str) -> str:
    return f"{RULES_URL}{code}.md"


def pages() -> Dict[str, str]:
    """Each page's text by code, in code order."""
    folder = resources.files(__package__).joinpath("rule_pages")
    found = {
        entry.name[: -len(".md")]: entry.read_text(encoding="utf-8")
        for entry in folder.iterdir()
        if entry.name.endswith(".md")
    }
    return dict(sorted(found.items()))


def title(page: str) -> str:
    """`# text-passed-to-model (GPT001)` gives `text-passed-to-model`."""
    return page.splitlines()[0].lstrip("# ").rsplit(" (", 1)[0]


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="flake8-gpt2 rule", description="Print a rule's documentation.")
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("code", nargs="?", help="a rule's code, such as GPT002")
    which.add_argument("--all", action="store_true", help="list every code and its name")
    options = parser.parse_args(argv)
    found = pages()
    if options.all:
        for code, page in found.items():
            print(f"{code}  {title(page)}")
        return 0
    page = found.get(options.code.upper())
    if page is None:
        print(f"flake8-gpt2 rule: error: unknown rule {options.code}; `flake8-gpt2 rule --all` lists them",
              file=sys.stderr)
        return 2
    sys.stdout.write(page)
    return 0
