"""The shape of the package: rules independent of each other, modules and classes of a readable size."""
from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import libcst as cst
import pytest

from flake8_gpt2 import engine
from flake8_gpt2.analysis import calls
from flake8_gpt2.rule import Rule
from flake8_gpt2.violation import Violation

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


@dataclass(frozen=True)
class _PrintCall:
    node: cst.Call


def test_a_view_added_to_the_table_reaches_the_rules_that_check_it(monkeypatch):
    monkeypatch.setitem(calls.CHECKS, _PrintCall, "check_print_call")
    monkeypatch.setattr(engine, "classify", lambda parts, evaluator: [_PrintCall(parts.node)])

    class FlagsPrint(Rule):
        code, name, title = "GPT999", "flags-print", "a print"

        def check_print_call(self, call, context):
            yield Violation(self.code, "a print", call.node)

    findings = engine.lint_module(cst.parse_module("x = 1\nprint(x)\n"), rules=[FlagsPrint()])
    assert [(f.code, f.line, f.column) for f in findings] == [("GPT999", 2, 0)]


def test_a_check_no_view_names_is_refused():
    with pytest.raises(TypeError, match="check_model_cal\\b"):
        class Misspelt(Rule):
            def check_model_cal(self, call, context):
                return iter(())


MODULE_LINES = 400
CLASS_LINES = 250


def test_no_module_or_class_is_too_long_to_read():
    too_long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        name = path.relative_to(PACKAGE.parent)
        lines = len(source.splitlines())
        if lines > MODULE_LINES:
            too_long.append(f"{name}: {lines} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ClassDef):
                first = min([node.lineno, *(decorator.lineno for decorator in node.decorator_list)])
                size = node.end_lineno - first + 1
                if size > CLASS_LINES:
                    too_long.append(f"{name}: class {node.name}, {size} lines")
    assert not too_long, f"split by responsibility (modules ≤ {MODULE_LINES}, classes ≤ {CLASS_LINES}): {too_long}"
