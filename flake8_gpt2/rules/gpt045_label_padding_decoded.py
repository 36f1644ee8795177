"""GPT045: label ids padded with -100 decoded, as `compute_metrics` gets them from a Trainer."""
from __future__ import annotations

from typing import Iterator, Optional

import libcst as cst

from ..analysis import RuleContext
from ..analysis.calls import DecodeCall
from ..analysis.metrics import is_numpy
from ..analysis.syntax import code_of, keyword, literal_bool
from ..analysis.values import LabelIds
from ..parameter_names import SKIP_SPECIAL_TOKENS
from ..rule import FixAvailability, Rule
from ..violation import Fix, Replace, Violation
from .. import knowledge


class LabelPaddingDecoded(Rule):
    code = "GPT045"
    name = "label-padding-decoded"
    title = "label ids padded with -100 decoded"
    fix_availability = FixAvailability.SOMETIMES
    fix_summary = "safe with skip_special_tokens=True, else unsafe"

    def check_decode_call(self, call: DecodeCall, context: RuleContext) -> Iterator[Violation]:
        labels = call.ids_value
        if not isinstance(labels, LabelIds) or labels.padding_may_be_replaced:
            return
        tokenizer = code_of(call.node.func.value) if isinstance(call.node.func, cst.Attribute) else "tokenizer"
        shown = context.short_code_of(call.ids) or "labels"
        yield Violation(
            self.code,
            f"{shown} holds -100 where the labels are padded ({knowledge.SEQ2SEQ_COLLATOR} pads them so), "
            f"which no token has: decoding raises OverflowError; put the pad id there first: "
            f"np.where({shown} != -100, {shown}, {tokenizer}.pad_token_id)",
            call.node,
            _fix(call, tokenizer, context),
            # labels all padded to one length before the collator hold no -100 to decode
            holds=lambda: not context.labels_may_share_one_length(),
        )


def _fix(call: DecodeCall, tokenizer: str, context: RuleContext) -> Optional[Fix]:
    if not isinstance(call.ids, (cst.Name, cst.Attribute, cst.Subscript)):
        return None  # evaluated twice by the fix
    numpy = call.ids_value.numpy_name if isinstance(call.ids_value, LabelIds) else None
    if numpy is None or not is_numpy(context.value_of(cst.Name(numpy))):
        return None
    ids = code_of(call.ids)
    unpadded = cst.parse_expression(
        f"{numpy}.where({ids} != {knowledge.IGNORE_INDEX}, {ids}, {tokenizer}.pad_token_id)"
    )
    skipped = keyword(call.node, SKIP_SPECIAL_TOKENS)
    # the pad ids decode to pad tokens, dropped only where special tokens are skipped
    return Fix(
        (Replace(call.ids, unpadded),),
        safe=skipped is not None and literal_bool(skipped.value) is True,
        # it names numpy as bound where the Trainer was made, and the tokenizer as the call does
        sound_in_any_walk=True,
    )
