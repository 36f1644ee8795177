"""GPT002: input embeddings given where the model expects token ids."""
from __future__ import annotations

from typing import Iterator, Optional

import libcst as cst

from ..analysis import RuleContext
from ..analysis.calls import ModelCall
from ..analysis.values import Embeddings
from ..fixes import keyword_arg
from ..parameter_names import INPUTS_EMBEDS
from ..rule import FixAvailability, Rule
from ..violation import Fix, Replace, Violation


class EmbeddingsAsIds(Rule):
    code = "GPT002"
    name = "embeddings-passed-as-input-ids"
    title = "embeddings passed as input_ids"
    fix_availability = FixAvailability.SOMETIMES
    fix_summary = "safe"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        arg = call.input_holding(Embeddings)
        if arg is None:
            return
        value = context.short_code_of(arg.value) or "embeddings"
        yield Violation(
            self.code,
            f"embeddings passed as input_ids, which must be token ids; "
            f"pass them by keyword: {call.callee_code}(inputs_embeds={value})",
            call.node,
            self._fix(call, arg),
        )

    @staticmethod
    def _fix(call: ModelCall, arg: cst.Arg) -> Optional[Fix]:
        if call.keyword(INPUTS_EMBEDS) is not None:
            return None
        if arg.keyword is not None:
            renamed = arg.with_changes(keyword=cst.Name(INPUTS_EMBEDS))
        elif len(call.positional) == 1:
            renamed = keyword_arg(INPUTS_EMBEDS, arg.value).with_changes(
                comma=arg.comma, whitespace_after_arg=arg.whitespace_after_arg
            )
        else:
            return None  # a keyword cannot come before the positional arguments that follow
        # the call raises on every run before the fix, so no working behaviour can change
        return Fix((Replace(arg, renamed),), safe=True)
