"""GPT004: a tokenizer's whole encoding (or a batch) given where token ids go."""
from __future__ import annotations

from typing import Iterator

from ..analysis import ModelCall, RuleContext
from ..analysis.values import Encoding
from ..fixes import unpacked_in_place
from ..rule import FixAvailability, Rule
from ..violation import Fix, Violation


class EncodingNotUnpacked(Rule):
    code = "GPT004"
    name = "encoding-not-unpacked"
    title = "whole encoding (or batch) passed as input_ids"
    fix_availability = FixAvailability.SOMETIMES
    fix_summary = "safe"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        arg = call.input_holding(Encoding)
        if arg is None:
            return
        unpack = unpacked_in_place(call, arg, arg.value)
        shown = context.short_code_of(arg.value) or "encoding"
        yield Violation(
            self.code,
            f"a whole encoding passed as input_ids; unpack it, so that its ids and mask each reach "
            f"their parameter: {call.callee_code}(**{shown})",
            call.node,
            # the call raises on every run before the fix
            Fix((unpack,), safe=True) if unpack is not None else None,
        )
