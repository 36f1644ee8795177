"""GPT010: a 1-D tensor of ids given to a model, which expects (batch, sequence)."""
from __future__ import annotations

from typing import Iterator

import libcst as cst

from ..analysis import RuleContext
from ..analysis.calls import ModelCall
from ..analysis.values import Ids
from ..facts.families import has_lm_head
from ..rule import FixAvailability, Rule
from ..violation import Fix, Replace, Violation


class IdsWithoutBatchDimension(Rule):
    code = "GPT010"
    name = "ids-without-batch-dimension"
    title = "1-D ids without a batch dimension"
    fix_availability = FixAvailability.ALWAYS
    fix_summary = "safe for LM heads, unsafe for base models"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        ids, arg = call.input_value, call.input
        if not isinstance(ids, Ids) or ids.is_list or arg is None:
            return
        shown = context.short_code_of(arg.value) or "ids"
        batched = cst.Call(cst.Attribute(arg.value, cst.Name("unsqueeze")), [cst.Arg(cst.Integer("0"))])
        class_name = call.model.class_name
        # a language-model head or generate() raises on 1-D ids; a base model runs and returns
        # outputs without a batch dimension, which later code may index as they are
        raises = call.method == "generate" or (class_name is not None and has_lm_head(class_name))
        yield Violation(
            self.code,
            f"a 1-D tensor of ids, and the model expects (batch, sequence); add the batch dimension: "
            f"{shown}.unsqueeze(0)",
            call.node,
            Fix((Replace(arg.value, batched),), safe=raises),
        )
