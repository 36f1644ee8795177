"""GPT004: a tokenizer's whole encoding (or a batch) given where token ids go."""
from __future__ import annotations

from typing import Iterator, Optional

import libcst as cst

from ..analysis import ModelCall, RuleContext
from ..analysis.values import Encoding
from ..fixes import unpacked_in_place
from ..rule import FixAvailability, Rule
from ..violation import Fix, Replace, Violation


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
        shown = context.short_code_of(arg.value) or "encoding"
        yield Violation(
            self.code,
            f"a whole encoding passed as input_ids; unpack it, so that its ids and mask each reach "
            f"their parameter: {call.callee_code}(**{shown})",
            call.node,
            self._fix(call, arg, context),
        )

    @staticmethod
    def _fix(call: ModelCall, arg: cst.Arg, context: RuleContext) -> Optional[Fix]:
        unpack = unpacked_in_place(call, arg, arg.value)
        if unpack is None:
            return None
        # the same encoding given to another parameter (`labels=enc`) gets its ids there
        others = [
            Replace(other.value, _ids_of(other.value))
            for other in call.node.args
            if other is not arg and other.keyword is not None and context.value_of(other.value) is call.input_value
        ]
        # the call raises on every run before the fix
        return Fix((unpack, *others), safe=True)


def _ids_of(encoding: cst.BaseExpression) -> cst.Subscript:
    return cst.Subscript(encoding, [cst.SubscriptElement(cst.Index(cst.SimpleString('"input_ids"')))])
