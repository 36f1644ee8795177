"""The shape every rule has. The registry (`registry.py`) finds the rules; this module imports none."""
from __future__ import annotations

import enum
from typing import ClassVar, Iterator

from .analysis import (
    Assignment,
    CollatorCall,
    ConversionCall,
    LastLogitsRead,
    ModelCall,
    PipelineCall,
    RuleContext,
    TokenizerCall,
    TrainerCall,
    TransformersCall,
)
from .violation import Violation


class FixAvailability(enum.Enum):
    """Whether the rule's findings carry a fix, as on its docs page ("Fix is sometimes available.")."""

    ALWAYS = "always"
    SOMETIMES = "sometimes"
    NEVER = "never"


class Rule:
    """One rule: its code, a slug, its one-line title and fix summary (for the rule tables), and
    checks on the calls the analysis classified. A rule overrides the checks it needs."""

    code: ClassVar[str]
    name: ClassVar[str]
    title: ClassVar[str]
    fix_availability: ClassVar[FixAvailability] = FixAvailability.NEVER
    fix_summary: ClassVar[str] = ""  # which fixes are safe, in a few words

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        return iter(())

    def check_tokenizer_call(self, call: TokenizerCall, context: RuleContext) -> Iterator[Violation]:
        return iter(())

    def check_trainer_call(self, call: TrainerCall, context: RuleContext) -> Iterator[Violation]:
        return iter(())

    def check_collator_call(self, call: CollatorCall, context: RuleContext) -> Iterator[Violation]:
        return iter(())

    def check_last_logits_read(self, read: LastLogitsRead, context: RuleContext) -> Iterator[Violation]:
        return iter(())

    def check_conversion_call(self, call: ConversionCall, context: RuleContext) -> Iterator[Violation]:
        return iter(())

    def check_pipeline_call(self, call: PipelineCall, context: RuleContext) -> Iterator[Violation]:
        return iter(())

    def check_transformers_call(self, call: TransformersCall, context: RuleContext) -> Iterator[Violation]:
        return iter(())

    def check_assignment(self, assignment: Assignment, context: RuleContext) -> Iterator[Violation]:
        return iter(())
