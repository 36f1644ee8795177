"""GPT052: a causal LM given labels encoded on their own to another length than its input ids, as
a seq2seq model's targets are."""
from __future__ import annotations

from typing import Iterator, Optional

from ..analysis import RuleContext
from ..analysis.calls import ModelCall, TrainerCall
from ..analysis.predicates import input_batch, language_model_labels, trained_causal_lm, trained_rows
from ..analysis.tokenization import exact_length
from ..analysis.values import Encoding, Model, PaddedIds
from ..facts.families import has_lm_head
from ..knowledge import FORWARD
from ..parameter_names import LABELS
from ..rule import Rule
from ..violation import Violation


class LabelsOfAnotherLength(Rule):
    code = "GPT052"
    name = "labels-of-another-length"
    title = "causal LM given labels encoded to another length than its input ids"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        model = call.model
        batch = input_batch(call, context.value_of)
        if batch is None or model.wrapper is not None or model.custom_code or call.spreads_unknown:
            return
        labels = language_model_labels(call)
        if labels is not None:
            given = context.value_of(labels.value)
            shown = context.short_code_of(labels.value)
            named = f"labels={shown}" if shown else "the labels"
            ids = given.encoding if isinstance(given, PaddedIds) else None
        elif call.method == FORWARD and has_lm_head(model.class_name or "") and call.keyword(LABELS) is None:
            named, ids = "the labels", batch.labels  # those the code put in the encoding given by `**`
        else:
            return
        lengths = _lengths(batch, ids) if ids is not None else None
        if lengths is not None:
            yield Violation(self.code, _message(named, model, *lengths), call.node)

    def check_trainer_call(self, call: TrainerCall, context: RuleContext) -> Iterator[Violation]:
        model = trained_causal_lm(call, context.value_of)
        if model is None:
            return
        rows = trained_rows(call, context.value_of)
        lengths = _lengths(rows, rows.labels) if rows is not None and rows.labels is not None else None
        if lengths is not None:
            yield Violation(self.code, _message("the train_dataset's labels", model, *lengths), call.node)


def _lengths(inputs: Encoding, labels: Encoding) -> Optional[tuple]:
    """The two lengths, where both are proven and differ."""
    if labels is inputs:
        return None
    inputs_length, labels_length = exact_length(inputs), exact_length(labels)
    if inputs_length is None or labels_length is None or inputs_length == labels_length:
        return None
    return inputs_length, labels_length


def _message(named: str, model: Model, inputs_length: int, labels_length: int) -> str:
    return (
        f"{named} are encoded to {labels_length} tokens a row and the input ids to {inputs_length}, "
        f"but {model.class_name} scores each position's next token against the label at that position, so "
        "its loss raises ValueError; a causal LM has no separate targets: encode prompt and answer as one "
        "text and pass labels=input_ids with the prompt's positions set to -100"
    )
