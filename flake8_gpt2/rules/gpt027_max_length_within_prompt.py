"""GPT027: generate(max_length=N) where the prompt alone is N tokens or more."""
from __future__ import annotations

from typing import Iterator, Optional

import libcst as cst

from ..analysis import RuleContext
from ..analysis.calls import ModelCall
from ..analysis.values import Encoding
from ..knowledge import GENERATE
from ..parameter_names import MAX_LENGTH, MAX_NEW_TOKENS
from ..rule import FixAvailability, Rule
from ..violation import Fix, Replace, Violation


class MaxLengthWithinPrompt(Rule):
    code = "GPT027"
    name = "max-length-within-prompt"
    title = "generate(max_length=N) with a prompt of N tokens or more: max_new_tokens was meant"
    fix_availability = FixAvailability.ALWAYS
    fix_summary = "safe"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        max_length = call.keyword(MAX_LENGTH)
        if call.method != GENERATE or max_length is None or not isinstance(max_length.value, cst.Integer):
            return
        if call.keyword(MAX_NEW_TOKENS) is not None:
            return
        prompt = _prompt_length(call, context)
        limit = int(max_length.value.value)
        if prompt is None or prompt < limit:
            return
        yield Violation(
            self.code,
            f"max_length={limit} counts the prompt too, which is {prompt} tokens or more: generate() raises "
            f"ValueError; to add {limit} tokens pass max_new_tokens={limit}",
            call.node,
            # the call raised on every run
            Fix((Replace(max_length.keyword, cst.Name(MAX_NEW_TOKENS)),), safe=True),
        )


def _prompt_length(call: ModelCall, context: RuleContext) -> Optional[int]:
    """The least length of the prompt's rows: from `**encoding` or the encoding's ids."""
    for arg in call.node.args:
        value = context.value_of(arg.value) if arg.star == "**" else None
        if isinstance(value, Encoding):
            return value.min_length
    return None
