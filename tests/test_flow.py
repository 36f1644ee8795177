"""Scopes and flow: the analysis keeps a value only where every path agrees."""
from __future__ import annotations

from pathlib import Path

from flake8_gpt2.engine import lint_source

FLOW = Path(__file__).parent / "flow" / "scopes_and_flow.py"


def test_flagged_exactly_where_marked():
    source = FLOW.read_text(encoding="utf-8")
    marked = [n for n, line in enumerate(source.splitlines(), start=1) if line.endswith("# flagged")]
    assert [f.line for f in lint_source(source)] == marked
