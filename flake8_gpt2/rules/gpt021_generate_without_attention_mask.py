"""GPT021: generate() on a padded batch without its attention mask, when the pad token is eos."""
from __future__ import annotations

from typing import Iterator, Optional

import libcst as cst

from ..analysis import ModelCall, RuleContext
from ..analysis.batches import padded_input
from ..analysis.syntax import code_of, literal_string
from ..fixes import with_keyword
from ..rule import FixAvailability, Rule
from ..violation import Fix, Replace, Violation


class GenerateWithoutAttentionMask(Rule):
    code = "GPT021"
    name = "generate-without-attention-mask"
    title = "generate() on a padded batch without its attention mask (pad token = eos)"
    fix_availability = FixAvailability.SOMETIMES
    fix_summary = "unsafe"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        if call.method != "generate":
            return
        given = padded_input(call, context.value_of)
        if given is None or given.with_mask or given.encoding.padding is None:
            return
        tokenizer = given.encoding.padding.tokenizer
        if tokenizer is None or not tokenizer.settings.pad_is_eos:
            return
        mask = _mask_beside(call.input.value) if call.input is not None else None
        yield Violation(
            self.code,
            "generate() on a padded batch without its attention mask attends to the pad tokens (the "
            "pad token is eos, so it cannot tell them apart); pass attention_mask= with the ids",
            call.node,
            # the generated tokens change
            Fix((Replace(call.node, with_keyword(call.node, "attention_mask", mask)),), safe=False)
            if mask is not None
            else None,
        )


def _mask_beside(ids: cst.BaseExpression) -> Optional[cst.BaseExpression]:
    """`enc["attention_mask"]` for `enc["input_ids"]`, `enc.attention_mask` for `enc.input_ids`."""
    if isinstance(ids, cst.Attribute) and ids.attr.value == "input_ids":
        return ids.with_changes(attr=cst.Name("attention_mask"))
    if isinstance(ids, cst.Subscript) and len(ids.slice) == 1 and isinstance(ids.slice[0].slice, cst.Index):
        if literal_string(ids.slice[0].slice.value) == "input_ids":
            return cst.parse_expression(f'{code_of(ids.value)}["attention_mask"]')
    return None
