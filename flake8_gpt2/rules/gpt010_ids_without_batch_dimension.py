"""GPT010: a 1-D tensor of ids given to a model, which expects (batch, sequence)."""
from __future__ import annotations

from typing import Iterator, Optional

import libcst as cst

from ..analysis import RuleContext
from ..analysis.calls import ModelCall
from ..analysis.values import Ids, NumberTensor, Value
from ..facts.families import has_lm_head
from ..knowledge import GENERATE, UNSQUEEZE
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
        if arg is None or not (_one_dimensional_ids(ids) or _one_row_of_literal_ids(ids)):
            return
        shown = context.short_code_of(arg.value) or "ids"
        batched = cst.Call(cst.Attribute(arg.value, cst.Name(UNSQUEEZE)), [cst.Arg(cst.Integer("0"))])
        class_name = call.model.class_name
        # a language-model head or generate() raises on 1-D ids; a base model runs and returns
        # outputs without a batch dimension, which later code may index as they are
        raises = call.method == GENERATE or (class_name is not None and has_lm_head(class_name))
        yield Violation(
            self.code,
            f"a 1-D tensor of ids, and the model expects (batch, sequence); add the batch dimension: "
            f"{shown}.unsqueeze(0)",
            call.node,
            Fix((Replace(arg.value, batched),), safe=raises),
        )


def _one_dimensional_ids(ids: Optional[Value]) -> bool:
    return isinstance(ids, Ids) and not ids.is_list


def _one_row_of_literal_ids(ids: Optional[Value]) -> bool:
    """`torch.tensor([385, 363, 381])`: integer literals in one row, unchanged since."""
    if not isinstance(ids, NumberTensor) or ids.may_change or ids.floats is not False:
        return False
    return ids.shape is not None and len(ids.shape) == 1
