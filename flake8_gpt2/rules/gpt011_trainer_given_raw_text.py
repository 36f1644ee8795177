"""GPT011: a Trainer given a dataset of raw text, which it cannot feed to the model."""
from __future__ import annotations

from typing import Iterator

import libcst as cst

from ..analysis import Analysis, argument
from ..knowledge import PADDING_COLLATORS, TRAINER_DATASET_SLOTS, TRAINERS
from ..rule import Rule
from ..values import TextDataset, TransformersName, TransformersObject, Value
from ..violation import Violation


class TrainerGivenRawText(Rule):
    code = "GPT011"
    name = "trainer-given-raw-text"

    def check_call(self, call: cst.Call, callee: Value, analysis: Analysis) -> Iterator[Violation]:
        if not isinstance(callee, TransformersName) or callee.name not in TRAINERS:
            return
        if not self._collator_cannot_tokenize(call, analysis):
            return
        for keyword, position in TRAINER_DATASET_SLOTS.items():
            arg = argument(call, keyword, position)
            if arg is not None and isinstance(analysis.value_of(arg.value), TextDataset):
                dataset = analysis.short_code_of(arg.value) or "the dataset"
                yield Violation(
                    self.code,
                    f"{keyword} holds raw text, which the Trainer cannot feed to the model; tokenize it "
                    f'first: {dataset}.map(lambda batch: tokenizer(batch["text"]), batched=True, '
                    f'remove_columns=["text"])',
                    call,
                )

    @staticmethod
    def _collator_cannot_tokenize(call: cst.Call, analysis: Analysis) -> bool:
        # a collator of the user's own may well tokenize the text itself
        collator = argument(call, "data_collator", 2)
        if collator is None:
            return not any(arg.star for arg in call.args)
        value = analysis.value_of(collator.value)
        return isinstance(value, TransformersObject) and value.made_by in PADDING_COLLATORS
