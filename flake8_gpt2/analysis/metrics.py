"""What a Trainer's evaluation hands to `compute_metrics`: an `EvalPrediction` whose predictions are
the model's logits where the Trainer does not generate, and whose label ids are padded with -100
where the Trainer's collator pads labels so (`DataCollatorForSeq2Seq`, unless told another label pad
id; the Trainer pads them with -100 again where batches differ in length)."""
from __future__ import annotations

from typing import Optional

import libcst as cst

from .. import knowledge, parameter_names
from ..facts.calls import COMPUTE_METRICS, TRAINER, callback_slot
from .syntax import argument, keyword, literal_bool, literal_int, literal_string, may_pass, unpacks
from .values import (
    Evaluate,
    EvalPrediction,
    LibraryName,
    PredictedLogits,
    TrainingArgs,
    TransformersName,
    TransformersObject,
    Value,
)


def metrics_function(trainer: cst.Call) -> Optional[cst.Name]:
    """The name given as a Trainer call's `compute_metrics`, if the call gives one."""
    given = argument(trainer, *callback_slot(TRAINER, COMPUTE_METRICS)) if trainer.args else None
    return given.value if given is not None and type(given.value) is cst.Name else None


def prediction_given(trainer: cst.Call, callee: Optional[Value], evaluate: Evaluate) -> Optional[EvalPrediction]:
    """What the Trainer `trainer` (a call of `callee`) makes calls its `compute_metrics` with, where
    the analysis knows its predictions are logits or its labels are padded with -100."""
    if not (isinstance(callee, TransformersName) and callee.name in knowledge.TRAINERS) or unpacks(trainer):
        return None
    logits = _predicted_logits(trainer, callee.name, evaluate)
    labels_padded = _labels_padded_with_ignore_index(trainer, evaluate)
    if logits is None and not labels_padded:
        return None
    numpy_name = next((name for name in knowledge.NUMPY_NAMES if is_numpy(evaluate(cst.Name(name)))), None)
    return EvalPrediction(numpy_name, logits, labels_padded)


def _predicted_logits(trainer: cst.Call, trainer_class: str, evaluate: Evaluate) -> Optional[PredictedLogits]:
    """The logits, where the Trainer does not generate: a `Trainer`, or a `Seq2SeqTrainer` whose
    arguments do not ask it to; and no `preprocess_logits_for_metrics` turns them into ids."""
    given = argument(trainer, parameter_names.ARGS, 1)
    arguments = evaluate(given.value) if given is not None else None
    if may_pass(trainer, [knowledge.PREPROCESS_LOGITS]) or not isinstance(arguments, TrainingArgs):
        return None
    if arguments.attribute_set or unpacks(arguments.call):
        return None
    if trainer_class != knowledge.SEQ2SEQ_TRAINER:
        return PredictedLogits(None)
    generates = keyword(arguments.call, knowledge.PREDICT_WITH_GENERATE)
    if generates is not None and literal_bool(generates.value) is not False:
        return None
    return PredictedLogits(arguments.call)


def _labels_padded_with_ignore_index(trainer: cst.Call, evaluate: Evaluate) -> bool:
    given = argument(trainer, *callback_slot(TRAINER, parameter_names.DATA_COLLATOR))
    collator = evaluate(given.value) if given is not None else None
    if not (isinstance(collator, TransformersObject) and collator.class_name == knowledge.SEQ2SEQ_COLLATOR):
        return False
    made_by = collator.made_by
    if made_by is None or unpacks(made_by):
        return False
    label_pad = keyword(made_by, knowledge.LABEL_PAD_TOKEN_ID)
    return label_pad is None or _is_ignore_index(label_pad.value)


def is_numpy(value: Optional[Value]) -> bool:
    return isinstance(value, LibraryName) and value.path == knowledge.NUMPY


def _is_ignore_index(node: cst.BaseExpression) -> bool:
    """`-100`."""
    if not (isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus)):
        return False
    return literal_int(node.expression) == -knowledge.IGNORE_INDEX


def labels_may_share_one_length(module: cst.Module) -> bool:
    """Whether some call of the module pads every text to one length (`padding="max_length"`,
    `pad_to_max_length=True`), and no code of it writes -100 into what it makes: then a collator may
    have no label padding to add, and the labels no -100. Read from the module's code alone, when a
    rule asks (rarely)."""
    facts = _LabelPadding()
    module.visit(facts)
    return facts.pads_to_one_length and not facts.writes_ignore_index


class _LabelPadding(cst.CSTVisitor):
    """-100 written as a list element, a branch of `x if c else y`, a positional argument
    (`masked_fill(mask, -100)`) or an assigned value; a comparison with it (`labels != -100`) or a
    keyword (`ignore_index=-100`) writes nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.pads_to_one_length = False
        self.writes_ignore_index = False

    def _note(self, *values: cst.BaseExpression) -> bool:
        self.writes_ignore_index = self.writes_ignore_index or any(_is_ignore_index(value) for value in values)
        return not self.writes_ignore_index

    def visit_Element(self, node: cst.Element) -> bool:
        return self._note(node.value)

    def visit_IfExp(self, node: cst.IfExp) -> bool:
        return self._note(node.body, node.orelse)

    def visit_Arg(self, node: cst.Arg) -> bool:
        if node.keyword is None:
            return self._note(node.value)
        wanted = knowledge.FIXED_LENGTH_PADDING.get(node.keyword.value)
        if wanted is not None:
            given = literal_bool(node.value) if isinstance(wanted, bool) else literal_string(node.value)
            self.pads_to_one_length = self.pads_to_one_length or given == wanted
        return not self.writes_ignore_index

    def visit_Assign(self, node: cst.Assign) -> bool:
        return self._note(node.value)
