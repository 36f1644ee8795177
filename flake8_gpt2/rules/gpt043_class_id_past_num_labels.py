"""GPT043: a sequence classifier loaded with a literal num_labels given a literal class id past it."""
from __future__ import annotations

from typing import Iterator, List, Optional

import libcst as cst

from ..analysis import RuleContext
from ..analysis.calls import ModelCall
from ..analysis.predicates import classifier_as_loaded
from ..analysis.syntax import argument, keyword, literal_int
from ..analysis.values import LibraryName
from ..facts.families import family_of_class
from ..knowledge import TENSOR_MAKERS
from ..parameter_names import CONFIG, DATA, LABELS, NUM_LABELS, PROBLEM_TYPE
from ..rule import Rule
from ..violation import Violation

# what else may change how the head reads its labels (a regression or a multi-label problem)
_LOSS_SETTERS = (PROBLEM_TYPE, CONFIG)


class ClassIdPastNumLabels(Rule):
    code = "GPT043"
    name = "class-id-past-num-labels"
    title = "class id as large as the classifier's num_labels"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        loaded = classifier_as_loaded(call, _LOSS_SETTERS)
        if loaded is None or call.model.wrapper is not None:
            return
        num_labels_arg = keyword(loaded.call, NUM_LABELS)
        num_labels = literal_int(num_labels_arg.value) if num_labels_arg is not None else None
        labels = call.passes(LABELS)
        class_ids = _literal_class_ids(labels.value, context) if labels is not None else None
        # one label is a regression (mean squared error), which takes any value
        if num_labels is None or num_labels < 2 or not class_ids or max(class_ids) < num_labels:
            return
        architecture = call.model.architecture
        family = family_of_class(architecture)
        named = f"{family.name}'s {architecture}" if family is not None else architecture
        yield Violation(
            self.code,
            f"class id {max(class_ids)} is past the {num_labels} classes {named} was loaded with "
            f"(ids 0 to {num_labels - 1}); load it with num_labels={max(class_ids) + 1}, or map the "
            "labels to ids from 0",
            call.node,
        )


def _literal_class_ids(node: cst.BaseExpression, context: RuleContext) -> Optional[List[int]]:
    """The ids of `torch.tensor([0, 2, 1])`, a list of int literals, of one dimension."""
    if not isinstance(node, cst.Call) or len(node.args) != 1:
        return None
    maker = context.value_of(node.func)
    ids = argument(node, DATA, 0)
    if not isinstance(maker, LibraryName) or maker.path not in TENSOR_MAKERS or ids is None:
        return None
    if not isinstance(ids.value, (cst.List, cst.Tuple)) or not ids.value.elements:
        return None
    values = [literal_int(item.value) if isinstance(item, cst.Element) else None for item in ids.value.elements]
    return None if any(value is None or value < 0 for value in values) else values
