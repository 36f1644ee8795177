"""The shape every rule has, and the registry that finds them."""
from __future__ import annotations

import importlib
import pkgutil
from typing import ClassVar, Dict, Iterator

import libcst as cst

from .analysis import Analysis, ModelCall, TokenizerCall
from .values import Value
from .violation import Violation


class Rule:
    """One rule: its code, a slug, and checks on the calls the analysis classified.

    `fix_availability` is "always", "sometimes" or "never", as on the rule's docs page.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    fix_availability: ClassVar[str] = "never"

    def check_model_call(self, call: ModelCall, analysis: Analysis) -> Iterator[Violation]:
        return iter(())

    def check_tokenizer_call(self, call: TokenizerCall, analysis: Analysis) -> Iterator[Violation]:
        return iter(())

    def check_call(self, call: cst.Call, callee: Value, analysis: Analysis) -> Iterator[Violation]:
        """Any other call whose callee the analysis knows (a Trainer, a data collator ...)."""
        return iter(())


_RULES: Dict[str, Rule] = {}


def all_rules() -> Dict[str, Rule]:
    """Every rule in `flake8_gpt2.rules`, by code, sorted."""
    if not _RULES:
        from . import rules

        for info in pkgutil.iter_modules(rules.__path__):
            module = importlib.import_module(f"{rules.__name__}.{info.name}")
            for value in vars(module).values():
                if isinstance(value, type) and issubclass(value, Rule) and value is not Rule:
                    if value.code in _RULES:
                        raise RuntimeError(f"two rules claim {value.code}")
                    _RULES[value.code] = value()
    return dict(sorted(_RULES.items()))
