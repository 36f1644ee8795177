"""GPT003: padding with a GPT-2 tokenizer, which has no pad token."""
from __future__ import annotations

from typing import Iterator

import libcst as cst

from ..analysis import CollatorCall, RuleContext, TokenizerCall
from ..analysis.syntax import literal_string
from ..analysis.values import Tokenizer
from ..fixes import set_pad_token
from ..knowledge import PADDING_VALUES
from ..rule import FixAvailability, Rule
from ..violation import Fix, Violation


def asks_to_pad(call: TokenizerCall) -> bool:
    if call.method == "pad":
        return True
    padding = call.keyword("padding")
    if padding is None:
        return False
    value = padding.value
    if isinstance(value, cst.Name):
        return value.value == "True"
    return literal_string(value) in PADDING_VALUES


class PaddingWithoutPadToken(Rule):
    code = "GPT003"
    name = "padding-without-pad-token"
    title = "padding with a GPT-2 tokenizer that has no pad token"
    fix_availability = FixAvailability.SOMETIMES
    fix_summary = "unsafe"

    def check_tokenizer_call(self, call: TokenizerCall, context: RuleContext) -> Iterator[Violation]:
        if call.tokenizer.lacks_pad_token and asks_to_pad(call):
            yield self._violation(call.node, call.tokenizer, "padding with")

    def check_collator_call(self, call: CollatorCall, context: RuleContext) -> Iterator[Violation]:
        arg = call.argument("tokenizer", 0)
        tokenizer = context.value_of(arg.value) if arg is not None else None
        if isinstance(tokenizer, Tokenizer) and tokenizer.lacks_pad_token:
            yield self._violation(call.node, tokenizer, f"{call.class_name} pads with")

    def _violation(self, node: cst.Call, tokenizer: Tokenizer, what: str) -> Violation:
        name = tokenizer.bound_as or "tokenizer"
        pad = set_pad_token(tokenizer)
        return Violation(
            self.code,
            f"{what} a GPT-2 tokenizer, which has no pad token; "
            f"set one after loading it: {name}.pad_token = {name}.eos_token",
            node,
            # the pad token changes how this tokenizer pads everywhere after it
            Fix((pad,), safe=False) if pad is not None else None,
        )
