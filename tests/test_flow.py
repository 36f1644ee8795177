"""What the analysis knows a value is, and how it follows values through scopes and flow: it keeps
a value only where every path agrees, and whatever it cannot prove stays silent."""
from __future__ import annotations

from pathlib import Path

import pytest

from flake8_gpt2.pipeline import lint_source

FLOW_FILES = sorted((Path(__file__).parent / "flow").glob("*.py"))


@pytest.mark.parametrize("path", FLOW_FILES, ids=lambda p: p.stem)
def test_flagged_exactly_where_marked(path):
    source = path.read_text(encoding="utf-8")
    marked = [n for n, line in enumerate(source.splitlines(), start=1) if line.endswith("# flagged")]
    assert [f.line for f in lint_source(source)] == marked
