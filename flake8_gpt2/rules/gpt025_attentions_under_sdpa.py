"""GPT025: output_attentions=True on a model that runs SDPA attention, which returns none."""
from __future__ import annotations

from typing import Iterator

import libcst as cst

from ..analysis import RuleContext
from ..analysis.calls import ModelCall
from ..analysis.syntax import is_name
from ..fixes import with_keyword
from ..parameter_names import ATTN_IMPLEMENTATION, EAGER_ATTENTION, OUTPUT_ATTENTIONS
from ..rule import FixAvailability, Rule
from ..violation import Fix, Replace, Violation


class AttentionsUnderSdpa(Rule):
    code = "GPT025"
    name = "attentions-under-sdpa"
    title = "output_attentions=True under the default SDPA attention (transformers 5): no attentions"
    fix_availability = FixAvailability.ALWAYS
    fix_summary = "unsafe"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        asked = call.keyword(OUTPUT_ATTENTIONS)
        loaded = call.model.loaded
        if asked is None or not is_name(asked.value, "True") or loaded is None or not loaded.default_attention:
            return
        if not context.target.sdpa_gives_no_attentions:
            return
        eager = with_keyword(loaded.call, ATTN_IMPLEMENTATION, cst.SimpleString(f'"{EAGER_ATTENTION}"'))
        yield Violation(
            self.code,
            "output_attentions=True on a model loaded with the default SDPA attention gives an empty "
            'tuple of attentions in transformers 5; load it with attn_implementation="eager"',
            call.node,
            # every forward pass of the model then runs the slower eager attention
            Fix((Replace(loaded.call, eager),), safe=False),
        )
