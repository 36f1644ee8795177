"""GPT023: labels shifted by hand for a model that shifts them itself."""
from __future__ import annotations

from typing import Iterator, Optional, Tuple

import libcst as cst

from ..analysis import RuleContext
from ..analysis.calls import ModelCall
from ..analysis.predicates import language_model_labels
from ..analysis.syntax import code_of
from ..rule import FixAvailability, Rule
from ..violation import Fix, Replace, Violation


class LabelsShiftedByHand(Rule):
    code = "GPT023"
    name = "labels-shifted-by-hand"
    title = "labels shifted by hand for a model that shifts them itself"
    fix_availability = FixAvailability.SOMETIMES
    fix_summary = "unsafe"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        labels = language_model_labels(call)
        if labels is None or call.input is None:
            return
        shifted_ids, shifted_labels = _sliced(call.input.value), _sliced(labels.value)
        if shifted_ids is None or shifted_labels is None:
            return
        (ids, ids_slice), (labels_base, labels_slice) = shifted_ids, shifted_labels
        if ids_slice != ":-1" or labels_slice != "1:" or code_of(ids) != code_of(labels_base):
            return
        # other arguments (a mask) were cut to the shifted length as well: only the author can mend them
        alone = len(call.node.args) == 2
        yield Violation(
            self.code,
            f"labels shifted by hand: {call.model.class_name} shifts the labels itself, so the loss is computed on "
            f"the token two ahead; pass the same ids as input and labels",
            call.node,
            # the loss, and what a training run learns, change
            Fix((Replace(call.input.value, ids), Replace(labels.value, labels_base)), safe=False) if alone else None,
        )


def _sliced(node: cst.BaseExpression) -> Optional[Tuple[cst.BaseExpression, str]]:
    """`x[:, 1:]` or `x[..., 1:]`: `x` and the code of the slice of the last dimension."""
    if not isinstance(node, cst.Subscript) or len(node.slice) != 2:
        return None
    first, last = node.slice[0].slice, node.slice[1].slice
    whole = isinstance(first, cst.Slice) and first.lower is None and first.upper is None and first.step is None
    ellipsis = isinstance(first, cst.Index) and isinstance(first.value, cst.Ellipsis)
    if not (whole or ellipsis) or not isinstance(last, cst.Slice) or last.step is not None:
        return None
    return node.value, code_of(last).replace(" ", "")
