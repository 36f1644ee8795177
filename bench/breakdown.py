"""Where the plugin's time goes on one tree, in one process: the gate, libcst's parse, and the
analysis with every rule on top of the parse.

    python bench/breakdown.py TREE
"""
from __future__ import annotations

import ast
import sys
import time
from pathlib import Path

from flake8_gpt2.engine import lint_module
from flake8_gpt2.gate import may_hold_findings
from flake8_gpt2.parsing import parse_module


def seconds(action, items) -> float:
    start = time.perf_counter()
    for item in items:
        action(item)
    return time.perf_counter() - start


def main(tree: Path) -> None:
    sources = [path.read_bytes() for path in sorted(tree.rglob("*.py"))]
    gate = seconds(may_hold_findings, sources)
    passing = [source for source in sources if may_hold_findings(source)]
    ast_parse = seconds(ast.parse, passing)
    cst_parse = analysis = 0.0
    for source in passing:  # one module at a time, as in flake8: many held at once slow the GC
        start = time.perf_counter()
        module = parse_module(source)
        parsed = time.perf_counter()
        lint_module(module, code=source.decode(module.encoding))
        cst_parse += parsed - start
        analysis += time.perf_counter() - parsed
    print(
        f"{tree.name}: {len(passing)} of {len(sources)} files pass the gate ({gate * 1000:.0f} ms for all); "
        f"on those, ast.parse {ast_parse:.2f}s, libcst parse {cst_parse:.2f}s, "
        f"analysis + every rule {analysis:.2f}s = {analysis / cst_parse:.2f}x the libcst parse"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
