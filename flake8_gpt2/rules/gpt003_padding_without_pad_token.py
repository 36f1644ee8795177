"""GPT003: padding with a GPT-2 tokenizer, which has no pad token."""
from __future__ import annotations

from typing import Iterator, Optional

import libcst as cst

from ..analysis import Analysis, TokenizerCall, literal_string
from ..fixes import set_pad_token
from ..knowledge import PADDING_VALUES
from ..rule import Rule
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
    fix_availability = "sometimes"

    def check_tokenizer_call(self, call: TokenizerCall, analysis: Analysis) -> Iterator[Violation]:
        if not call.tokenizer.lacks_pad_token or not asks_to_pad(call):
            return
        name = call.tokenizer.bound_as or "tokenizer"
        yield Violation(
            self.code,
            f"padding with a GPT-2 tokenizer, which has no pad token; "
            f"set one after loading it: {name}.pad_token = {name}.eos_token",
            call.node,
            self._fix(call),
        )

    @staticmethod
    def _fix(call: TokenizerCall) -> Optional[Fix]:
        pad = set_pad_token(call.tokenizer)
        # the pad token changes how this tokenizer pads everywhere after it
        return Fix((pad,), safe=False) if pad is not None else None
