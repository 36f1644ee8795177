"""GPT022: language-model labels that are the ids of a padded batch, pads and all."""
from __future__ import annotations

from typing import Iterator

import libcst as cst

from ..analysis import RuleContext
from ..analysis.calls import LossCall, ModelCall
from ..analysis.predicates import token_labels
from ..analysis.syntax import may_pass
from ..analysis.values import PaddedIds
from ..facts.families import has_seq2seq_lm_head
from ..fixes import mask_beside
from ..knowledge import LOSS_SKIPS_TARGETS, MASKED_FILL
from ..rule import FixAvailability, Rule
from ..violation import Fix, Replace, Violation


class LabelsIncludePadding(Rule):
    code = "GPT022"
    name = "labels-include-padding"
    title = "labels (or a hand-written loss's targets) are the ids of a padded batch, so the pads count in the loss"
    fix_availability = FixAvailability.SOMETIMES
    fix_summary = "unsafe"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        given = token_labels(call, context.value_of)
        if given is None:
            return
        labels, value = given
        if not isinstance(value, PaddedIds) or value.pads_may_be_replaced:
            return
        unpacked = labels.star == "**"  # `**enc` of an encoding of targets (`text_target=`)
        shown = context.short_code_of(labels.value) or "encoding"
        shown = f'{shown}["labels"]' if unpacked else shown
        mask = None if unpacked else mask_beside(labels.value)
        where = "attention_mask == 0"
        if mask is None and has_seq2seq_lm_head(call.model.class_name or ""):
            # an encoder-decoder's tokenizer pads with a token of its own, never its eos
            padding = value.encoding.padding
            tokenizer = padding.tokenizer if padding is not None else None
            where = f"{shown} == {context.name_of(tokenizer, 'tokenizer') if tokenizer else 'tokenizer'}.pad_token_id"
        yield Violation(
            self.code,
            f"labels are the ids of a padded batch, so the loss is also trained on its pad tokens; "
            f"set them to -100: {shown}.masked_fill({where}, -100)",
            call.node,
            # the loss, and what a training run learns, change; the mask is read from the batch the
            # labels are read from, so the fix names nothing else
            Fix((Replace(labels.value, _masked(labels.value, mask)),), safe=False, sound_in_any_walk=True)
            if mask is not None
            else None,
        )

    def check_loss_call(self, call: LossCall, context: RuleContext) -> Iterator[Violation]:
        """A hand-written loss whose targets are the padded ids, with nothing told to skip the pads."""
        target = context.value_of(call.target.value) if call.target is not None else None
        if not isinstance(target, PaddedIds) or target.pads_may_be_replaced:
            return
        if any(may_pass(settings, LOSS_SKIPS_TARGETS) for settings in call.settings):
            return
        shown = context.short_code_of(call.target.value) if call.target is not None else None
        yield Violation(
            self.code,
            f"the loss's targets ({shown or 'target'}) are the ids of a padded batch, so the pad tokens "
            f"count in it; set them to -100 where the attention mask is 0 "
            f"(ids.masked_fill(attention_mask == 0, -100)), which cross_entropy ignores",
            call.node,
        )


def _masked(ids: cst.BaseExpression, mask: cst.BaseExpression) -> cst.BaseExpression:
    """`ids.masked_fill(mask == 0, -100)`."""
    no_token = cst.Comparison(mask, [cst.ComparisonTarget(cst.Equal(), cst.Integer("0"))])
    args = [cst.Arg(no_token), cst.Arg(cst.UnaryOperation(cst.Minus(), cst.Integer("100")))]
    return cst.Call(cst.Attribute(ids, cst.Name(MASKED_FILL)), args)
