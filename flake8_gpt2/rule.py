"""The shape every rule has. The registry (`registry.py`) finds the rules; this module imports none."""
from __future__ import annotations

import enum
from typing import Any, ClassVar

from .analysis import CHECKS


class FixAvailability(enum.Enum):
    """Whether the rule's findings carry a fix, as on its docs page ("Fix is sometimes available.")."""

    ALWAYS = "always"
    SOMETIMES = "sometimes"
    NEVER = "never"


class Rule:
    """One rule: its code, a slug, its one-line title and fix summary (for the rule tables), and
    checks on the calls the analysis classified. A rule defines the checks it needs, each named in
    `analysis.calls.CHECKS` with the view it is given: `check_model_call(self, call: ModelCall,
    context: RuleContext) -> Iterator[Violation]`."""

    code: ClassVar[str]
    name: ClassVar[str]
    title: ClassVar[str]
    fix_availability: ClassVar[FixAvailability] = FixAvailability.NEVER
    fix_summary: ClassVar[str] = ""  # which fixes are safe, in a few words

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # a misspelt check would never be called
        unknown = sorted(name for name in vars(cls) if name.startswith("check_") and name not in CHECKS.values())
        if unknown:
            names = ", ".join(unknown)
            raise TypeError(f"{cls.__name__} defines {names}, which no view in analysis.calls.CHECKS names")
