"""GPT051: a causal LM run with labels that are one class id per sequence, or floats, where its loss
takes a token id per position."""
from __future__ import annotations

from typing import Iterator

from ..analysis import RuleContext
from ..analysis.calls import ModelCall
from ..analysis.predicates import input_batch, language_model_labels
from ..analysis.tensors import shape_code
from ..analysis.values import NumberTensor
from ..parameter_names import SHIFT_LABELS
from ..rule import Rule
from ..violation import Violation

_FIXES = "for a class per text load AutoModelForSequenceClassification; to train on the text, pass labels=input_ids"


class CausalLmGivenSequenceLabels(Rule):
    code = "GPT051"
    name = "causal-lm-given-sequence-labels"
    title = "causal LM given one label per sequence (or float labels) where it takes a token id per position"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        labels = language_model_labels(call)
        model = call.model
        if labels is None or model.wrapper is not None or model.custom_code:
            return
        if call.setting(SHIFT_LABELS) is not None or call.spreads_unknown:
            return  # labels shifted by the caller, or keywords the analysis cannot see
        tensor = context.value_of(labels.value)
        if not isinstance(tensor, NumberTensor) or tensor.may_change:
            return
        shown = context.short_code_of(labels.value) or "labels"
        if tensor.floats:
            yield Violation(
                self.code,
                f"labels={shown} hold floats, but {model.class_name}'s loss takes a token id per position "
                f"(int64, shaped like input_ids), so it raises; {_FIXES}",
                call.node,
            )
            return
        batch = input_batch(call, context.value_of)
        if batch is None or batch.rows is None or tensor.shape not in ((batch.rows,), (batch.rows, 1)):
            return
        longer_than_one_token = batch.min_length is not None and batch.min_length >= 2
        if not longer_than_one_token and (tensor.shape != (batch.rows,) or batch.rows < 2):
            return  # a row of one token each: (rows, 1) may be its token ids
        rows = f"{batch.rows} row{'s' if batch.rows > 1 else ''}"
        # on one-token texts a (rows,) tensor fits the flattened logits and fails nothing
        outcome = "raises ValueError"
        if not longer_than_one_token:
            outcome += " (or, on one-token texts, scores each row against the next row's label)"
        yield Violation(
            self.code,
            f"labels={shown} hold one label per sequence (shape {shape_code(tensor.shape)} for {rows}), but "
            f"{model.class_name} predicts each next token and its labels are token ids shaped like input_ids: "
            f"the loss {outcome}; {_FIXES}",
            call.node,
        )
