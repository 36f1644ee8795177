"""GPT010: a 1-D tensor of ids given to a model, which expects (batch, sequence)."""
from __future__ import annotations

from typing import Iterator

import libcst as cst

from ..analysis import Analysis, ModelCall
from ..knowledge import has_lm_head
from ..rule import Rule
from ..values import Ids, Model
from ..violation import Fix, Replace, Violation


class IdsWithoutBatchDimension(Rule):
    code = "GPT010"
    name = "ids-without-batch-dimension"
    fix_availability = "always"

    def check_model_call(self, call: ModelCall, analysis: Analysis) -> Iterator[Violation]:
        arg = call.input_arg()
        if arg is None:
            return
        ids = analysis.value_of(arg.value)
        if not isinstance(ids, Ids) or ids.is_list:
            return
        shown = analysis.short_code_of(arg.value) or "ids"
        batched = cst.Call(cst.Attribute(arg.value, cst.Name("unsqueeze")), [cst.Arg(cst.Integer("0"))])
        model = analysis.value_of(call.model_node)
        # a language-model head or generate() raises on 1-D ids; a base model runs and returns
        # outputs without a batch dimension, which later code may index as they are
        raises = call.method == "generate" or (
            isinstance(model, Model) and model.class_name is not None and has_lm_head(model.class_name)
        )
        yield Violation(
            self.code,
            f"a 1-D tensor of ids, and the model expects (batch, sequence); add the batch dimension: "
            f"{shown}.unsqueeze(0)",
            call.node,
            Fix((Replace(arg.value, batched),), safe=raises),
        )
