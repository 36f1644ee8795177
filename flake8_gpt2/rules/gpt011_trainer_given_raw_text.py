"""GPT011: a Trainer given a dataset of raw text, which it cannot feed to the model."""
from __future__ import annotations

from typing import Iterator

from ..analysis import RuleContext
from ..analysis.calls import TrainerCall
from ..analysis.syntax import unpacks
from ..analysis.values import MappedDataset, TextDataset, TrainingArgs, TransformersObject
from ..facts.calls import TRAINER, callback_slot
from ..knowledge import PADDING_COLLATORS, TRAINER_DATASET_SLOTS
from ..parameter_names import ARGS, INPUT_IDS
from ..rule import Rule
from ..violation import Violation


class TrainerGivenRawText(Rule):
    code = "GPT011"
    name = "trainer-given-raw-text"
    title = "Trainer given a dataset of raw text"

    def check_trainer_call(self, call: TrainerCall, context: RuleContext) -> Iterator[Violation]:
        if unpacks(call.node):
            return
        collated_by_transformers = self._collator_of_transformers(call, context)
        if not collated_by_transformers and not self._text_column_dropped(call, context):
            return
        for keyword, position in TRAINER_DATASET_SLOTS.items():
            arg = call.argument(keyword, position)
            value = context.value_of(arg.value) if arg is not None else None
            if isinstance(value, TextDataset):
                dataset = context.short_code_of(arg.value) or "the dataset"  # type: ignore[union-attr]
                yield Violation(
                    self.code,
                    f"{keyword} holds raw text, which the Trainer cannot feed to the model; tokenize it "
                    f'first: {dataset}.map(lambda batch: tokenizer(batch["text"]), batched=True, '
                    f'remove_columns=["text"])',
                    call.node,
                )
            elif collated_by_transformers and _may_hold_text_ids(value):
                # the model takes `input_ids`, so the Trainer keeps that column for any collator
                later_texts = value.later_texts  # type: ignore[union-attr]
                yield Violation(
                    self.code,
                    f"{keyword} holds raw text under {INPUT_IDS}: the function its map ran returns the text "
                    f"there, which the Trainer cannot feed to the model; return the tokenizer's encoding "
                    f"of it instead",
                    call.node,
                    holds=lambda: INPUT_IDS in later_texts(),  # type: ignore[misc]
                )

    @staticmethod
    def _collator_of_transformers(call: TrainerCall, context: RuleContext) -> bool:
        """Whether the batches are collated by transformers, which cannot tokenize text: no collator
        is given (the default one), or transformers' own padding collator."""
        collator = call.argument(*callback_slot(TRAINER))
        if collator is None:
            return True
        value = context.value_of(collator.value)
        return isinstance(value, TransformersObject) and value.class_name in PADDING_COLLATORS

    @staticmethod
    def _text_column_dropped(call: TrainerCall, context: RuleContext) -> bool:
        """Whether the Trainer drops a text column, which the model does not take, before a collator
        of the user's own (which may tokenize it) sees it."""
        args = call.argument(ARGS, 1)
        if args is None:
            return True  # the default TrainingArguments remove unused columns
        training_args = context.value_of(args.value)
        return isinstance(training_args, TrainingArgs) and training_args.removes_unused_columns


def _may_hold_text_ids(value: object) -> bool:
    """A dataset `map` made whose function may return text under `input_ids` (known once the
    module is seen, the function walked with the rows `map` gives it)."""
    return (
        isinstance(value, MappedDataset)
        and not value.is_dict
        and value.later_texts is not None
        and INPUT_IDS in value.columns
    )
