"""The shape of the package: rules independent of each other, modules and classes of a readable size."""
from __future__ import annotations

import ast
import builtins
import keyword
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


# What a rule module may spell as a string literal that reads like a name (`str.isidentifier()`, after
# one pair of quotes is taken off: a fix writes `"pt"` as code): Python's own names (keywords and
# builtins: `is_name(x, "True")`, `"len"`), and the prose of messages: docstrings, f-strings, the class
# attributes below, and the word a message shows where the code has none to show (`shown or "text"`,
# `code if known else "tokenizer"`, `context.name_of(value, "tokenizer")`). Every other such literal is
# a name of transformers (or of torch, datasets ...): it is spelled once, in knowledge.py,
# parameter_names.py or facts/, and the rules import it.
PYTHON_NAMES = frozenset(keyword.kwlist) | frozenset(dir(builtins))
RULE_PROSE_ATTRIBUTES = frozenset({"code", "name", "title", "fix_summary"})


def _prose_literals(tree: ast.Module):
    """The string constants of a rule module that are prose, not names (see above)."""
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            yield body[0].value  # a docstring
        if isinstance(node, ast.JoinedStr):
            yield from ast.walk(node)
        elif isinstance(node, ast.ClassDef):
            for statement in node.body:
                targets = statement.targets if isinstance(statement, ast.Assign) else []
                if any(isinstance(target, ast.Name) and target.id in RULE_PROSE_ATTRIBUTES for target in targets):
                    yield from ast.walk(statement.value)
        elif isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
            yield node.values[-1]
        elif isinstance(node, ast.IfExp) and not isinstance(node.body, ast.Constant):
            yield node.orelse
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "name_of":
            yield from node.args[1:]


def test_rules_spell_no_transformers_name():
    spelled = []
    for path in sorted(RULES.glob("gpt*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        prose = {id(node) for node in _prose_literals(tree)}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Constant) or not isinstance(node.value, str) or id(node) in prose:
                continue
            name = node.value[1:-1] if node.value[:1] == node.value[-1:] and node.value[:1] in "'\"" else node.value
            if name.isidentifier() and name not in PYTHON_NAMES:
                spelled.append(f"{path.name}:{node.lineno}: {node.value!r}")
    assert not spelled, f"spell each name once, in knowledge.py, parameter_names.py or facts/, and import it: {spelled}"
