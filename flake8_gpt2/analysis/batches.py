"""What a model call is given from a padded batch: the batch, and whether its attention mask goes
with it. For the rules about padding that only changes results (generation, labels). And the
tokenizers whose pad tokens the batches a Trainer runs its model on hold."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator, Optional

import libcst as cst

from .. import parameter_names
from ..facts.calls import TRAINER, callback_slot
from ..knowledge import TRAINER_DATASET_SLOTS
from .calls import ModelCall, TrainerCall
from .syntax import keyword, literal_int, unpacks
from .values import Encoding, MappedDataset, PaddedIds, PaddingCollator, TextDataset, Tokenizer, TrainingArgs, Value

Evaluate = Callable[[cst.BaseExpression], Optional[Value]]


@dataclass(frozen=True)
class PaddedInput:
    encoding: Encoding  # its `padding` is known
    ids: Optional[PaddedIds]  # the ids passed on their own, or None for `**encoding`
    with_mask: bool  # the attention mask goes with them (or may, through `**`)


def padded_input(call: ModelCall, evaluate: Evaluate) -> Optional[PaddedInput]:
    """The padded batch whose ids `call` runs on: `**encoding`, or `encoding["input_ids"]` (or a name
    bound to it) in the input slot."""
    if isinstance(call.input_value, PaddedIds):
        with_mask = call.passes(parameter_names.ATTENTION_MASK) is not None or call.unpacks
        return PaddedInput(call.input_value.encoding, call.input_value, with_mask)
    if call.input is not None:
        return None
    for arg in call.node.args:
        if arg.star == "**":
            value = evaluate(arg.value)
            if isinstance(value, Encoding) and value.padding is not None:
                return PaddedInput(value, None, with_mask=True)
    return None


# the Trainer's `args` and the batch sizes of its training arguments
_ARGS = (parameter_names.ARGS, 1)
_BATCH_SIZES = ("per_device_train_batch_size", "per_device_eval_batch_size")


def trainer_padding(call: TrainerCall, evaluate: Evaluate) -> Iterator[Tokenizer]:
    """The tokenizers whose pad tokens are in the batches a Trainer runs its model on: the one that
    padded the rows of its datasets (a batched `map`), its padding collator's where its batches hold
    several rows."""
    if unpacks(call.node):
        return
    for slot, position in TRAINER_DATASET_SLOTS.items():
        given = call.argument(slot, position)
        dataset = evaluate(given.value) if given is not None else None
        if isinstance(dataset, (TextDataset, MappedDataset)) and dataset.padded_with is not None:
            yield dataset.padded_with
    given = call.argument(*callback_slot(TRAINER, parameter_names.DATA_COLLATOR))
    collator = evaluate(given.value) if given is not None else None
    padding = isinstance(collator, PaddingCollator) and collator.tokenizer is not None
    if padding and several_rows_per_batch(call, evaluate):
        yield collator.tokenizer


def several_rows_per_batch(call: TrainerCall, evaluate: Evaluate) -> bool:
    """The Trainer's batches hold several rows: its training arguments' batch sizes (8 unless given)
    are not given as 1 (a size the code computes is taken as several, as a DataLoader's)."""
    given = call.argument(*_ARGS)
    if given is None:
        return True
    args = evaluate(given.value)
    if not isinstance(args, TrainingArgs) or unpacks(args.call):
        return False
    sizes = [keyword(args.call, name) for name in _BATCH_SIZES]
    return all(size is None or literal_int(size.value) not in (0, 1) for size in sizes)
