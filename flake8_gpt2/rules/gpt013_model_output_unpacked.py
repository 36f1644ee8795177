"""GPT013: a model's output unpacked like a tuple (it is a dict), or its first item read as the
logits where it is the loss."""
from __future__ import annotations

from typing import Iterator, List, Optional, Sequence

import libcst as cst

from ..analysis import RuleContext
from ..analysis.calls import Assignment
from ..analysis.syntax import literal_int
from ..analysis.values import ModelOutput
from ..parameter_names import LOGITS, LOGITS_IN_NAMES, LOSS
from ..rule import FixAvailability, Rule
from ..violation import Fix, Replace, Violation

# the first fields of a causal LM's output, in the order a slice gives them, by whether labels were
# passed; a target named after its field says the slice gives what the code expects
_FIRST_FIELDS = {True: (LOSS, LOGITS_IN_NAMES), False: (LOGITS_IN_NAMES,)}


class ModelOutputUnpacked(Rule):
    code = "GPT013"
    name = "model-output-unpacked"
    title = "model output unpacked like a tuple, or its loss read as logits"
    fix_availability = FixAvailability.SOMETIMES
    fix_summary = "safe where the names match the output's fields, else unsafe"

    def check_assignment(self, assignment: Assignment, context: RuleContext) -> Iterator[Violation]:
        value = assignment.value
        unpacked = [target for target in assignment.targets if isinstance(target, (cst.Tuple, cst.List))]
        output = context.value_of(value) if unpacked else None
        for target in unpacked:
            if isinstance(output, ModelOutput):
                yield Violation(
                    self.code,
                    "a model's output is a ModelOutput, a dict: unpacking it binds its keys ('loss', 'logits' "
                    "...) as strings, or raises 'too many values to unpack'; slice it first (out[:2]) or read "
                    "its attributes (out.loss, out.logits)",
                    target,
                    _slice_fix(value, target.elements, output),
                )
        names_logits = any(isinstance(t, cst.Name) and LOGITS_IN_NAMES in t.value.lower() for t in assignment.targets)
        first = _first_item_read_as_logits(value, names_logits, context)
        if first is not None:
            yield Violation(
                self.code,
                f"{context.short_code_of(first) or 'the first item of the output'} is the loss, since labels= "
                "was passed, not the logits; read .logits",
                first,
                Fix((Replace(first, cst.Attribute(first.value, cst.Name(LOGITS))),), safe=False),
            )


def _slice_fix(value: cst.BaseExpression, elements: Sequence[cst.BaseElement], output: ModelOutput) -> Optional[Fix]:
    """`a, b = out[:2]`: the output's first values, as the tuple the code was written for gave them."""
    if not isinstance(value, (cst.Call, cst.Name, cst.Attribute)):
        return None
    if any(isinstance(element, cst.StarredElement) for element in elements):
        return None
    sliced = cst.Subscript(
        value, [cst.SubscriptElement(cst.Slice(lower=None, upper=cst.Integer(str(len(elements)))))]
    )
    return Fix((Replace(value, sliced),), safe=_names_match_fields(elements, output))


def _names_match_fields(elements: Sequence[cst.BaseElement], output: ModelOutput) -> bool:
    fields = _FIRST_FIELDS.get(output.labels) if output.labels is not None else None
    if fields is None or len(elements) > len(fields):
        return False
    return all(
        isinstance(element.value, cst.Name) and field in element.value.value.lower()
        for element, field in zip(elements, fields)
    )


def _first_item_read_as_logits(
    value: cst.BaseExpression, names_logits: bool, context: RuleContext
) -> Optional[cst.Subscript]:
    """`out[0]` of an output with labels, assigned to a name that says logits, or indexed further
    (`out[0][:, -1]`, which a 0-d loss cannot be)."""
    if names_logits and _is_first_item_with_labels(value, context):
        assert isinstance(value, cst.Subscript)
        return value
    for outer, inner in _primary_chain(value):
        if isinstance(outer, cst.Subscript) and _is_first_item_with_labels(inner, context):
            assert isinstance(inner, cst.Subscript)
            return inner
    return None


def _primary_chain(node: cst.BaseExpression) -> List[tuple]:
    """Each (expression, the expression it is made from) down `a.b(...)[i].c`."""
    pairs = []
    while True:
        if isinstance(node, cst.Call):
            inner = node.func
        elif isinstance(node, (cst.Subscript, cst.Attribute)):
            inner = node.value
        else:
            return pairs
        pairs.append((node, inner))
        node = inner


def _is_first_item_with_labels(node: cst.BaseExpression, context: RuleContext) -> bool:
    if not (isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index)):
        return False
    if literal_int(node.slice[0].slice.value) != 0:
        return False
    output = context.value_of(node.value)
    return isinstance(output, ModelOutput) and output.labels is True
