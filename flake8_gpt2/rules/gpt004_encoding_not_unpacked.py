"""GPT004: a tokenizer's whole encoding (or a batch) given where token ids go."""
from __future__ import annotations

from typing import Iterator, Optional

import libcst as cst

from ..analysis import RuleContext
from ..analysis.calls import ModelCall
from ..analysis.syntax import keyword
from ..analysis.values import Encoding
from ..fixes import unpacked_in_place, with_keyword
from ..parameter_names import INPUT_IDS, PYTORCH_TENSORS, RETURN_DICT, RETURN_TENSORS
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
        encoding = call.input_value
        assert isinstance(encoding, Encoding)
        if encoding.from_chat_template:
            message = (
                f"apply_chat_template returns a BatchEncoding (ids and mask) in transformers 5, not ids; "
                f'ask for return_dict=True, return_tensors="pt" and unpack it: {call.callee_code}(**{shown})'
            )
        else:
            message = (
                f"a whole encoding passed as input_ids; unpack it, so that its ids and mask each reach "
                f"their parameter: {call.callee_code}(**{shown})"
            )
        yield Violation(self.code, message, call.node, self._fix(call, arg, context))

    @staticmethod
    def _fix(call: ModelCall, arg: cst.Arg, context: RuleContext) -> Optional[Fix]:
        encoding = call.input_value
        assert isinstance(encoding, Encoding)
        if encoding.from_chat_template:
            return _chat_template_fix(call, arg, encoding, context)
        unpack = unpacked_in_place(call, arg, arg.value)
        if unpack is None:
            return None
        # the same encoding given to another parameter (`labels=enc`) gets its ids there
        others = [
            Replace(other.value, _ids_of(other.value))
            for other in call.node.args
            if other is not arg and other.keyword is not None and context.value_of(other.value) is call.input_value
        ]
        # the call raises on every run before the fix; it names only what the call names
        return Fix((unpack, *others), safe=True, sound_in_any_walk=True)


def _ids_of(encoding: cst.BaseExpression) -> cst.Subscript:
    return cst.Subscript(encoding, [cst.SubscriptElement(cst.Index(cst.SimpleString(f'"{INPUT_IDS}"')))])


def _chat_template_fix(call: ModelCall, arg: cst.Arg, encoding: Encoding, context: RuleContext) -> Optional[Fix]:
    """Unpacked, with `return_dict=True` (the dict on transformers 4 too) and `return_tensors="pt"`
    added to the apply_chat_template call where missing: in place when the call is the argument,
    else where it was made, if this is the encoding's only use."""
    template = encoding.tokenizer_call
    if template is None:
        return None
    portable = template
    if keyword(template, RETURN_DICT) is None:
        portable = with_keyword(portable, RETURN_DICT, cst.Name("True"))
    if not encoding.has_tensors:
        portable = with_keyword(portable, RETURN_TENSORS, cst.SimpleString(f'"{PYTORCH_TENSORS}"'))
    if arg.value is template:
        unpack = unpacked_in_place(call, arg, portable)
        return Fix((unpack,), safe=True) if unpack is not None else None
    unpack = unpacked_in_place(call, arg, arg.value)
    if unpack is None or not context.made_here(encoding):
        return None
    edits = (unpack, Replace(template, portable)) if portable is not template else (unpack,)
    # the call raised on every run before the fix; elsewhere the ids may be what the code needs
    return Fix(edits, safe=True, holds=context.read_at_most_once(encoding))
