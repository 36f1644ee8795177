"""GPT054: DataCollatorWithPadding given rows whose seq2seq labels have each their own length."""
from __future__ import annotations

from typing import Iterator, Optional, Tuple

import libcst as cst

from ..analysis import RuleContext
from ..analysis.batches import several_rows_per_batch
from ..analysis.calls import Assignment, TrainerCall
from ..analysis.collators import batches_several_rows
from ..analysis.predicates import trainer_datasets
from ..analysis.syntax import argument, is_name, may_pass, positional, unpacks
from ..analysis.values import LibraryName, MappedDataset, Model, Tokenizer, TransformersObject, Value
from ..facts.calls import DATA_LOADER, TRAINER, callback_slot
from ..facts.families import has_lm_head, has_seq2seq_lm_head
from ..fixes import transformers_name, with_keyword
from ..knowledge import (
    DATA_LOADER as LOADER_PATHS,
    ENCODER_DECODER_MODEL,
    SEQ2SEQ_COLLATOR,
    WITH_PADDING_COLLATOR,
)
from ..parameter_names import (
    DATASET,
    DATA_COLLATOR,
    LABELS,
    MAX_LENGTH,
    MODEL,
    PADDING,
    PAD_TO_MULTIPLE_OF,
    PROCESSING_CLASS,
    RETURN_TENSORS,
    TOKENIZER,
)
from ..rule import FixAvailability, Rule
from ..violation import Fix, Replace, Violation

# the keywords DataCollatorWithPadding and DataCollatorForSeq2Seq both take, meaning the same
_SHARED_KEYWORDS = frozenset({TOKENIZER, PADDING, MAX_LENGTH, PAD_TO_MULTIPLE_OF})


class Seq2SeqLabelsInPaddingCollator(Rule):
    code = "GPT054"
    name = "seq2seq-labels-in-padding-collator"
    title = "DataCollatorWithPadding given seq2seq labels of different lengths"
    fix_availability = FixAvailability.SOMETIMES
    fix_summary = "safe"

    def check_trainer_call(self, call: TrainerCall, context: RuleContext) -> Iterator[Violation]:
        if unpacks(call.node) or not _feeds_labels(call, context):
            return
        collator = _trainer_collator(call, context)
        if collator is None or not several_rows_per_batch(call, context.value_of):
            return
        slot = _dataset_of_unpadded_labels(call, context)
        if slot is None:
            return
        arg, made_by_trainer = collator
        made = WITH_PADDING_COLLATOR
        if made_by_trainer:
            made = f"the {WITH_PADDING_COLLATOR} the Trainer makes of its {PROCESSING_CLASS}"
        fix = _fix(arg, context, call if made_by_trainer else None)
        yield Violation(self.code, _message(f"the rows of {slot}", made), arg, fix)

    def check_assignment(self, assignment: Assignment, context: RuleContext) -> Iterator[Violation]:
        """`loader = DataLoader(dataset, batch_size=8, collate_fn=DataCollatorWithPadding(tokenizer))`."""
        loader = assignment.value
        if not isinstance(loader, cst.Call) or unpacks(loader) or not batches_several_rows(loader):
            return
        made = context.value_of(loader.func)
        if not isinstance(made, LibraryName) or made.path not in LOADER_PATHS:
            return
        dataset, collate = argument(loader, DATASET, 0), argument(loader, *callback_slot(DATA_LOADER))
        if dataset is None or collate is None or not _holds_unpadded_labels(context.value_of(dataset.value)):
            return
        if _is_padding_collator(collate, context):
            message = _message("the rows of the DataLoader's dataset", WITH_PADDING_COLLATOR)
            yield Violation(self.code, message, collate, _fix(collate, context))


def _message(rows: str, collator: str) -> str:
    return (
        f"{rows} hold labels of each target's own length, and {collator} pads only the inputs: joining the "
        f"labels of a batch fails (ValueError: Unable to create tensor); use {SEQ2SEQ_COLLATOR}(tokenizer), "
        f"which pads the labels with -100"
    )


def _feeds_labels(call: TrainerCall, context: RuleContext) -> bool:
    """The Trainer's model surely takes `labels` (a seq2seq or causal LM head), so the Trainer keeps that
    column for its collator."""
    given = call.argument(MODEL, 0)
    model = context.value_of(given.value) if given is not None else None
    if not isinstance(model, Model) or model.wrapper is not None or model.custom_code or model.class_name is None:
        return False
    name = model.class_name
    return has_seq2seq_lm_head(name) or has_lm_head(name) or name == ENCODER_DECODER_MODEL


def _trainer_collator(call: TrainerCall, context: RuleContext) -> Optional[Tuple[cst.Arg, bool]]:
    """The argument that makes the Trainer's collator a DataCollatorWithPadding that makes tensors, and
    whether the Trainer makes it: `data_collator=`, or `processing_class=` of a tokenizer and no
    collator."""
    given = call.argument(*callback_slot(TRAINER, DATA_COLLATOR))
    if given is None or is_name(given.value, "None"):
        tokenizer = call.argument(PROCESSING_CLASS)
        if tokenizer is None or not isinstance(context.value_of(tokenizer.value), Tokenizer):
            return None
        return tokenizer, True
    return (given, False) if _is_padding_collator(given, context) else None


def _is_padding_collator(given: cst.Arg, context: RuleContext) -> bool:
    """A DataCollatorWithPadding that makes tensors (`return_tensors=None` leaves the rows as lists; `**`
    may pass it)."""
    collator = context.value_of(given.value)
    if not isinstance(collator, TransformersObject) or collator.class_name != WITH_PADDING_COLLATOR:
        return False
    return collator.made_by is not None and not may_pass(collator.made_by, (RETURN_TENSORS,))


def _dataset_of_unpadded_labels(call: TrainerCall, context: RuleContext) -> Optional[str]:
    """The first dataset of the Trainer whose rows hold labels of each target's own length."""
    return next(
        (slot for slot, dataset in trainer_datasets(call, context.value_of) if _holds_unpadded_labels(dataset)), None
    )


def _holds_unpadded_labels(dataset: Optional[Value]) -> bool:
    return isinstance(dataset, MappedDataset) and dataset.unpadded_labels and LABELS in dataset.columns


def _fix(arg: cst.Arg, context: RuleContext, making_trainer: Optional[TrainerCall] = None) -> Optional[Fix]:
    """`DataCollatorForSeq2Seq` where the collator is written in the call that is given it
    (`data_collator=DataCollatorWithPadding(tokenizer)`), or given by keyword to the Trainer that would
    make it of `arg`, a tokenizer held in a name. It pads the inputs as the other did; its labels' -100
    are what the loss skips."""
    named = transformers_name(SEQ2SEQ_COLLATOR, context)
    if named is None:
        return None
    name, import_edit = named
    seq2seq_collator = cst.parse_expression(name)
    if making_trainer is not None:
        trainer = making_trainer.node
        collator_written = making_trainer.argument(*callback_slot(TRAINER, DATA_COLLATOR))
        if collator_written is not None or not isinstance(arg.value, cst.Name):
            return None  # `data_collator=None` written out, or a tokenizer expression that may not be read twice
        made = cst.Call(seq2seq_collator, args=[cst.Arg(arg.value)])
        edit = Replace(trainer, with_keyword(trainer, DATA_COLLATOR, made))
    else:
        written = arg.value
        collator = context.value_of(written)
        if not isinstance(collator, TransformersObject) or collator.made_by is not written:
            return None  # made elsewhere, where it may serve other code
        assert isinstance(written, cst.Call)
        if not _taken_alike(written):
            return None
        edit = Replace(written.func, seq2seq_collator)
    edits = (edit,) if import_edit is None else (import_edit, edit)
    # an import added binds the name in the module: nothing there may bind it otherwise
    holds = context.stays_unbound(SEQ2SEQ_COLLATOR) if import_edit is not None else (lambda: True)
    return Fix(edits, safe=True, holds=holds, sound_in_any_walk=True)


def _taken_alike(collator: cst.Call) -> bool:
    """A collator call whose arguments DataCollatorForSeq2Seq takes alike: at most the tokenizer by
    position (its second position is `model`), and keywords both take."""
    if len(positional(collator)) > 1:
        return False
    return all(not a.star and (a.keyword is None or a.keyword.value in _SHARED_KEYWORDS) for a in collator.args)
