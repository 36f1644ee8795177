"""GPT052: a causal LM given labels encoded on their own to another length than its input ids, as
a seq2seq model's targets are."""
from __future__ import annotations

from typing import Iterator

from ..analysis import RuleContext
from ..analysis.calls import ModelCall
from ..analysis.predicates import input_batch, language_model_labels
from ..analysis.tokenization import exact_length
from ..analysis.values import PaddedIds
from ..rule import Rule
from ..violation import Violation


class LabelsOfAnotherLength(Rule):
    code = "GPT052"
    name = "labels-of-another-length"
    title = "causal LM given labels encoded to another length than its input ids"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        labels = language_model_labels(call)
        model = call.model
        if labels is None or model.wrapper is not None or model.custom_code or call.spreads_unknown:
            return
        ids = context.value_of(labels.value)
        batch = input_batch(call, context.value_of)
        if not isinstance(ids, PaddedIds) or batch is None or ids.encoding is batch:
            return
        labels_length, inputs_length = exact_length(ids.encoding), exact_length(batch)
        if labels_length is None or inputs_length is None or labels_length == inputs_length:
            return
        shown = context.short_code_of(labels.value)
        named = f"labels={shown}" if shown else "the labels"
        yield Violation(
            self.code,
            f"{named} are encoded to {labels_length} tokens a row and the input ids to {inputs_length}, "
            f"but {model.class_name} scores each position's next token against the label at that position, so "
            "its loss raises ValueError; a causal LM has no separate targets: encode prompt and answer as one "
            "text and pass labels=input_ids with the prompt's positions set to -100",
            call.node,
        )
