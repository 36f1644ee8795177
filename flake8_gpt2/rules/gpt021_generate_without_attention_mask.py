"""GPT021: generate() on a padded batch without its attention mask, when the pad token is eos."""
from __future__ import annotations

from typing import Iterator

from ..analysis import RuleContext
from ..analysis.batches import padded_input
from ..analysis.calls import ModelCall
from ..fixes import mask_beside, with_keyword
from ..knowledge import GENERATE
from ..parameter_names import ATTENTION_MASK
from ..rule import FixAvailability, Rule
from ..violation import Fix, Replace, Violation


class GenerateWithoutAttentionMask(Rule):
    code = "GPT021"
    name = "generate-without-attention-mask"
    title = "generate() on a padded batch without its attention mask (pad token = eos)"
    fix_availability = FixAvailability.SOMETIMES
    fix_summary = "unsafe"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        if call.method != GENERATE:
            return
        given = padded_input(call, context.value_of)
        if given is None or given.with_mask or given.encoding.padding is None:
            return
        tokenizer = given.encoding.padding.tokenizer
        if tokenizer is None or not tokenizer.settings.pad_is_eos:
            return
        mask = mask_beside(call.input.value) if call.input is not None else None
        yield Violation(
            self.code,
            "generate() on a padded batch without its attention mask attends to the pad tokens (the "
            "pad token is eos, so it cannot tell them apart); pass attention_mask= with the ids",
            call.node,
            # the generated tokens change
            Fix((Replace(call.node, with_keyword(call.node, ATTENTION_MASK, mask)),), safe=False)
            if mask is not None
            else None,
        )
