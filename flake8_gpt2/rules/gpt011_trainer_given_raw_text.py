"""GPT011: a Trainer given a dataset of raw text, which it cannot feed to the model."""
from __future__ import annotations

from typing import Iterator

from ..analysis import RuleContext, TrainerCall
from ..analysis.syntax import unpacks
from ..analysis.values import TextDataset, TransformersObject
from ..knowledge import PADDING_COLLATORS, TRAINER_DATASET_SLOTS
from ..rule import Rule
from ..violation import Violation


class TrainerGivenRawText(Rule):
    code = "GPT011"
    name = "trainer-given-raw-text"
    title = "Trainer given a dataset of raw text"

    def check_trainer_call(self, call: TrainerCall, context: RuleContext) -> Iterator[Violation]:
        if not self._collator_cannot_tokenize(call, context):
            return
        for keyword, position in TRAINER_DATASET_SLOTS.items():
            arg = call.argument(keyword, position)
            if arg is not None and isinstance(context.value_of(arg.value), TextDataset):
                dataset = context.short_code_of(arg.value) or "the dataset"
                yield Violation(
                    self.code,
                    f"{keyword} holds raw text, which the Trainer cannot feed to the model; tokenize it "
                    f'first: {dataset}.map(lambda batch: tokenizer(batch["text"]), batched=True, '
                    f'remove_columns=["text"])',
                    call.node,
                )

    @staticmethod
    def _collator_cannot_tokenize(call: TrainerCall, context: RuleContext) -> bool:
        # a collator of the user's own may well tokenize the text itself
        collator = call.argument("data_collator", 2)
        if collator is None:
            return not unpacks(call.node)
        value = context.value_of(collator.value)
        return isinstance(value, TransformersObject) and value.class_name in PADDING_COLLATORS
