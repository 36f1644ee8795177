"""GPT020: a decoder-only model generating from a batch padded on the right."""
from __future__ import annotations

from typing import Iterator, Optional

import libcst as cst

from ..analysis import RuleContext
from ..analysis.batches import padded_input
from ..analysis.calls import LastLogitsRead, ModelCall
from ..analysis.syntax import may_pass
from ..analysis.values import Encoding
from ..facts.families import is_text_decoder_class
from ..fixes import with_keyword
from ..knowledge import GENERATE
from ..parameter_names import LEFT, PADDING_SIDE, RIGHT
from ..rule import FixAvailability, Rule
from ..violation import Fix, Replace, Violation


class RightPaddedGeneration(Rule):
    code = "GPT020"
    name = "right-padded-generation"
    title = "decoder-only model generating (or reading the last logits) from a batch padded on the right"
    fix_availability = FixAvailability.SOMETIMES
    fix_summary = "unsafe"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        class_name = call.model.class_name
        if call.method != GENERATE or class_name is None or not is_text_decoder_class(class_name):
            return
        given = padded_input(call, context.value_of)
        if given is None or given.encoding.padding is None or given.encoding.padding.side != RIGHT:
            return
        tokenizer = given.encoding.padding.tokenizer
        name = context.name_of(tokenizer, "tokenizer") if tokenizer is not None else "tokenizer"
        if tokenizer is not None and tokenizer.settings.padding_side == LEFT:
            advice = f'`{name}.padding_side = "left"` comes after this batch was encoded; set it before'
        else:
            advice = f'pad on the left: `{name}.padding_side = "left"` before encoding'
        fix = _left_padding(given.encoding)
        yield Violation(
            self.code,
            f"generate() on a batch padded on the right continues the shorter rows from their pad "
            f"tokens; {advice}",
            call.node,
            # the generated tokens change, and so does anything else done with this batch
            Fix((fix,), safe=False) if fix is not None else None,
        )

    def check_last_logits_read(self, read: LastLogitsRead, context: RuleContext) -> Iterator[Violation]:
        padding = read.logits.batch.padding
        if padding is None or padding.side != RIGHT:
            return
        shown = context.short_code_of(read.node) or "logits[:, -1]"
        yield Violation(
            self.code,
            f"{shown} of a batch padded on the right reads a pad position for every shorter row; "
            f"read each row's last token: logits[torch.arange(len(logits)), attention_mask.sum(1) - 1]",
            read.node,
        )


def _left_padding(encoding: Encoding) -> Optional[Replace]:
    """`padding_side="left"` added to the tokenizer call that made the batch."""
    node: Optional[cst.Call] = encoding.tokenizer_call
    if node is None or may_pass(node, [PADDING_SIDE]):
        return None
    return Replace(node, with_keyword(node, PADDING_SIDE, cst.SimpleString(f'"{LEFT}"')))
