"""GPT001: raw text given to a model, which only takes token ids."""
from __future__ import annotations

from typing import Iterator, List, Optional

import libcst as cst

from ..analysis import ModelCall, RuleContext
from ..analysis.values import Text, Tokenizer
from ..fixes import keyword_arg, set_pad_token, unpacked_in_place
from ..rule import FixAvailability, Rule
from ..violation import Edit, Fix, Violation


class TextToModel(Rule):
    code = "GPT001"
    name = "text-passed-to-model"
    title = "text passed to a model"
    fix_availability = FixAvailability.SOMETIMES
    fix_summary = "safe for one string, unsafe for a batch"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        text = call.input_value
        if not isinstance(text, Text):
            return
        assert call.input is not None
        tokenizers = context.tokenizers_in_reach()
        # with one tokenizer in reach the fix can name it; with several, which one is a guess
        known = tokenizers[0] if len(tokenizers) == 1 else None
        padding = ", padding=True" if text.is_batch else ""
        shown = context.short_code_of(call.input.value) or "text"
        yield Violation(
            self.code,
            f"text passed to a model, which takes token ids; tokenize it first: "
            f'{call.callee_code}(**{known[0] if known else "tokenizer"}({shown}, return_tensors="pt"{padding}))',
            call.node,
            self._fix(call, call.input, text, *known) if known else None,
        )

    @staticmethod
    def _fix(call: ModelCall, arg: cst.Arg, text: Text, name: str, tokenizer: Tokenizer) -> Optional[Fix]:
        tokenizer_args = [cst.Arg(arg.value), keyword_arg("return_tensors", cst.SimpleString('"pt"'))]
        edits: List[Edit] = []
        safe = True
        if text.is_batch:
            tokenizer_args.append(keyword_arg("padding", cst.Name("True")))
            # padding a batch depends on the tokenizer's pad token and side: not provably the same
            safe = False
            if tokenizer.lacks_pad_token:
                pad = set_pad_token(tokenizer)
                if pad is None:
                    return None
                edits.append(pad)
        unpack = unpacked_in_place(call, arg, cst.Call(func=cst.parse_expression(name), args=tokenizer_args))
        if unpack is None:
            return None
        return Fix((*edits, unpack), safe)
