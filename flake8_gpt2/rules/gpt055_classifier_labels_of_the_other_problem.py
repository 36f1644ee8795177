"""GPT055: a sequence classifier of num_labels >= 2 given float class ids, or integer multi-hot rows:
the labels' dtype picks the other problem type than their shape is for."""
from __future__ import annotations

from typing import Iterator, Optional

import libcst as cst

from ..analysis import RuleContext
from ..analysis.calls import ModelCall
from ..analysis.predicates import classifier_as_loaded
from ..analysis.syntax import keyword, literal_int, short_code_of
from ..analysis.tensors import shape_code
from ..analysis.values import NumberTensor
from ..parameter_names import CONFIG, LABELS, NUM_LABELS, PROBLEM_TYPE
from ..rule import FixAvailability, Rule
from ..violation import Fix, Replace, Violation

# what else may set the problem type, which the labels' dtype picks only while the config has none
_PROBLEM_SETTERS = (PROBLEM_TYPE, CONFIG)
# expressions that `.float()` may follow as they are written
_CALLABLE_AS_WRITTEN = (cst.Name, cst.Attribute, cst.Call, cst.Subscript)


class ClassifierLabelsOfTheOtherProblem(Rule):
    code = "GPT055"
    name = "classifier-labels-of-the-other-problem"
    title = "sequence classifier given float class ids, or integer multi-hot labels"
    fix_availability = FixAvailability.SOMETIMES
    fix_summary = "unsafe"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        loaded = classifier_as_loaded(call, _PROBLEM_SETTERS)
        model = call.model
        if loaded is None or model.wrapper is not None:
            return
        given = keyword(loaded.call, NUM_LABELS)
        num_labels = literal_int(given.value) if given is not None else None
        labels = call.passes(LABELS)
        tensor = context.value_of(labels.value) if labels is not None else None
        # one label is a regression, which takes floats of any shape
        if num_labels is None or num_labels < 2 or not isinstance(tensor, NumberTensor) or tensor.may_change:
            return
        assert labels is not None
        shape = tensor.shape
        shown = short_code_of(labels.value) or "labels"
        classifier = model.architecture or model.class_name
        if tensor.floats and shape is not None and (len(shape) == 1 or (len(shape) == 2 and shape[1] != num_labels)):
            yield Violation(
                self.code,
                f"labels={shown} are floats of shape {shape_code(shape)}: with num_labels={num_labels} and no "
                f"problem_type, {classifier} takes float labels for multi-label scores, one per class (shape "
                f"(rows, {num_labels})), and the loss raises ValueError; pass class ids as integers (torch.long)",
                call.node,
            )
        elif tensor.floats is False and shape is not None and len(shape) == 2 and shape[1] == num_labels:
            yield Violation(
                self.code,
                f"labels={shown} are integer rows of {num_labels}, one per class (multi-hot): {classifier} takes "
                f"integer labels for one class id per text, so the loss raises ValueError (or reads each entry as "
                f"another row's class); pass them as floats (.float()) to train the multi-label loss",
                call.node,
                _as_floats(labels.value),
            )


def _as_floats(labels: cst.BaseExpression) -> Optional[Fix]:
    """`labels.float()`: float multi-hot rows pick the multi-label loss (binary cross-entropy)."""
    if not isinstance(labels, _CALLABLE_AS_WRITTEN) or labels.lpar:
        return None
    floats = cst.Call(cst.Attribute(labels, cst.Name("float")))
    # the loss the model computes changes: the point, but a training run learns another thing
    return Fix((Replace(labels, floats),), safe=False, sound_in_any_walk=True)
