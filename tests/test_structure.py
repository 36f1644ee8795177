"""The shape of the package: rules independent of each other, modules and classes of a readable size."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "flake8_gpt2"
RULES = PACKAGE / "rules"


def _imported_modules(path: Path):
    """The dotted names of the modules `path` imports, relative ones resolved against its package."""
    package = path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = list(package[: len(package) - node.level + 1]) if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            yield module
            yield from (f"{module}.{alias.name}" for alias in node.names)  # `from . import gpt001_...`


def test_no_rule_imports_another():
    rule_modules = {f"flake8_gpt2.rules.{path.stem}" for path in RULES.glob("*.py") if path.stem != "__init__"}
    for path in RULES.glob("*.py"):
        others = rule_modules - {f"flake8_gpt2.rules.{path.stem}"}
        imported = set(_imported_modules(path))
        shared = imported & others
        assert not shared, f"{path.name} imports {sorted(shared)}: share what rules ask in analysis/predicates.py"
