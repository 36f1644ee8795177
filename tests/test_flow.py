"""What the analysis knows a value is, and how it follows values through scopes and flow: it keeps
a value only where every path agrees, and whatever it cannot prove stays silent."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from flake8_gpt2.pipeline import lint_source

FLOW_FILES = sorted((Path(__file__).parent / "flow").glob("*.py"))


MARK = re.compile(r"# flagged: (GPT\d{3}(?: GPT\d{3})*)$")


@pytest.mark.parametrize("path", FLOW_FILES, ids=lambda p: p.stem)
def test_flagged_exactly_where_marked(path):
    source = path.read_text(encoding="utf-8")
    marked = [
        (number, code)
        for number, line in enumerate(source.splitlines(), start=1)
        for match in [MARK.search(line)]
        if match
        for code in match.group(1).split()
    ]
    assert [(f.line, f.code) for f in lint_source(source)] == marked
