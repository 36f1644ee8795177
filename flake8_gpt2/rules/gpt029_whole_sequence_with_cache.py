"""GPT029: the whole sequence fed again together with the cache that already holds it."""
from __future__ import annotations

from typing import Iterator, Optional

from ..analysis import RuleContext
from ..analysis.calls import ModelCall
from ..analysis.values import GrownSequence, ModelCache
from ..knowledge import CACHE_NAMES, FORWARD
from ..rule import FixAvailability, Rule
from ..violation import Fix, Replace, Violation


class WholeSequenceWithCache(Rule):
    code = "GPT029"
    name = "whole-sequence-with-cache"
    title = "the whole sequence fed again with the cache of its start (only the new tokens go in)"
    fix_availability = FixAvailability.SOMETIMES
    fix_summary = "unsafe"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        cache = _cache_given(call, context)
        if call.method != FORWARD or cache is None or call.input is None:
            return
        ids = call.input_value
        grown = isinstance(ids, GrownSequence) and ids.base is cache.ids
        if not grown and ids is not cache.ids:
            return
        code = context.short_code_of(call.input.value) or "the sequence"
        # the tokens the cache lacks, when the call grows the sequence right here or by one name
        fix = Fix((Replace(call.input.value, ids.added),), safe=False) if isinstance(ids, GrownSequence) else None
        yield Violation(
            self.code,
            f"{code} starts with the tokens whose keys and values the cache already holds: the model "
            f"sees them twice; give only the new tokens with past_key_values",
            call.node,
            # what the model computes changes (the point), and so may the positions of later steps
            fix,
        )


def _cache_given(call: ModelCall, context: RuleContext) -> Optional[ModelCache]:
    for name in CACHE_NAMES:
        arg = call.keyword(name)
        value = context.value_of(arg.value) if arg is not None else None
        if isinstance(value, ModelCache) and value.ids is not None:
            return value
    return None
