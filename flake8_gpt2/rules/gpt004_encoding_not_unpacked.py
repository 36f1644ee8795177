"""GPT004: a tokenizer's whole encoding (or a batch) given where token ids go."""
from __future__ import annotations

from typing import Iterator

from ..analysis import Analysis, ModelCall
from ..fixes import unpacked_in_place
from ..rule import Rule
from ..values import Encoding
from ..violation import Fix, Violation


class EncodingNotUnpacked(Rule):
    code = "GPT004"
    name = "encoding-not-unpacked"
    fix_availability = "sometimes"

    def check_model_call(self, call: ModelCall, analysis: Analysis) -> Iterator[Violation]:
        arg = call.input_arg()
        if arg is None or not isinstance(analysis.value_of(arg.value), Encoding):
            return
        unpack = unpacked_in_place(call, arg, arg.value)
        callee = analysis.code_of(call.node.func)
        shown = analysis.short_code_of(arg.value) or "encoding"
        yield Violation(
            self.code,
            f"a whole encoding passed as input_ids; unpack it, so that its ids and mask each reach "
            f"their parameter: {callee}(**{shown})",
            call.node,
            # the call raises on every run before the fix
            Fix((unpack,), safe=True) if unpack is not None else None,
        )
