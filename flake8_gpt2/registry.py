"""Every rule, found in `flake8_gpt2.rules`: one module per rule, no list to keep in step."""
from __future__ import annotations

import importlib
import pkgutil
from typing import Dict

from . import rules
from .rule import Rule

_RULES: Dict[str, Rule] = {}


def all_rules() -> Dict[str, Rule]:
    """Every rule, by code, sorted."""
    if not _RULES:
        for info in pkgutil.iter_modules(rules.__path__):
            module = importlib.import_module(f"{rules.__name__}.{info.name}")
            for value in vars(module).values():
                if isinstance(value, type) and issubclass(value, Rule) and value is not Rule:
                    if value.code in _RULES:
                        raise RuntimeError(f"two rules claim {value.code}")
                    _RULES[value.code] = value()
    return dict(sorted(_RULES.items()))
