"""What a Trainer's evaluation hands to `compute_metrics`: an `EvalPrediction` whose label ids are
padded with -100 where the Trainer's collator pads labels so (`DataCollatorForSeq2Seq`, unless told
another label pad id). The Trainer pads them with -100 again where batches differ in length."""
from __future__ import annotations

from typing import Optional

import libcst as cst

from .. import knowledge
from ..facts.calls import COMPUTE_METRICS, callback_slot
from .syntax import argument, keyword, literal_int, unpacks
from .values import Evaluate, EvalPrediction, LibraryName, TransformersName, TransformersObject, Value


def metrics_function(trainer: cst.Call) -> Optional[cst.Name]:
    """The name given as a Trainer call's `compute_metrics`, if the call gives one."""
    given = argument(trainer, *callback_slot("trainer", COMPUTE_METRICS)) if trainer.args else None
    return given.value if given is not None and type(given.value) is cst.Name else None


def prediction_given(trainer: cst.Call, evaluate: Evaluate) -> Optional[EvalPrediction]:
    """What the Trainer `trainer` makes calls its `compute_metrics` with, where its labels are known
    to be padded with -100."""
    callee = evaluate(trainer.func)
    if not (isinstance(callee, TransformersName) and callee.name in knowledge.TRAINERS):
        return None
    given = argument(trainer, *callback_slot("trainer", "data_collator"))
    collator = evaluate(given.value) if given is not None else None
    if not (isinstance(collator, TransformersObject) and collator.class_name == knowledge.SEQ2SEQ_COLLATOR):
        return None
    made_by = collator.made_by
    if made_by is None or unpacks(made_by):
        return None
    label_pad = keyword(made_by, knowledge.LABEL_PAD_TOKEN_ID)
    if label_pad is not None and not _is_ignore_index(label_pad.value):
        return None
    return EvalPrediction(next((name for name in knowledge.NUMPY_NAMES if is_numpy(evaluate(cst.Name(name)))), None))


def is_numpy(value: Optional[Value]) -> bool:
    return isinstance(value, LibraryName) and value.path == knowledge.NUMPY


def _is_ignore_index(node: cst.BaseExpression) -> bool:
    """`-100`."""
    if not (isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus)):
        return False
    return literal_int(node.expression) == -knowledge.IGNORE_INDEX
