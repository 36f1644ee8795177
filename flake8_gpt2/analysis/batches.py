"""What a model call is given from a padded batch: the batch, and whether its attention mask goes
with it. For the rules about padding that only changes results (generation, labels)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

import libcst as cst

from .calls import ModelCall
from .values import Encoding, PaddedIds, Value

Evaluate = Callable[[cst.BaseExpression], Optional[Value]]


@dataclass(frozen=True)
class PaddedInput:
    encoding: Encoding  # its `padding` is known
    ids: Optional[PaddedIds]  # the ids passed on their own, or None for `**encoding`
    with_mask: bool  # the attention mask goes with them (or may, through `**`)


def padded_input(call: ModelCall, evaluate: Evaluate) -> Optional[PaddedInput]:
    """The padded batch whose ids `call` runs on: `**encoding`, or `encoding["input_ids"]` (or a name
    bound to it) in the input slot."""
    if isinstance(call.input_value, PaddedIds):
        with_mask = call.passes("attention_mask") is not None or call.unpacks
        return PaddedInput(call.input_value.encoding, call.input_value, with_mask)
    if call.input is not None:
        return None
    for arg in call.node.args:
        if arg.star == "**":
            value = evaluate(arg.value)
            if isinstance(value, Encoding) and value.padding is not None:
                return PaddedInput(value, None, with_mask=True)
    return None
