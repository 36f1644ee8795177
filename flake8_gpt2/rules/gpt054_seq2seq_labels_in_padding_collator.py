"""GPT054: DataCollatorWithPadding given rows whose seq2seq labels have each their own length."""
from __future__ import annotations

from typing import Iterator, Optional, Tuple

import libcst as cst

from ..analysis import RuleContext
from ..analysis.batches import several_rows_per_batch
from ..analysis.calls import TrainerCall
from ..analysis.syntax import is_name, may_pass, positional, unpacks
from ..analysis.values import MappedDataset, Model, Tokenizer, TransformersObject
from ..facts.calls import callback_slot
from ..facts.families import has_lm_head, has_seq2seq_lm_head
from ..fixes import transformers_name, with_keyword
from ..knowledge import LABELS, SEQ2SEQ_COLLATOR, TRAINER_DATASET_SLOTS
from ..rule import FixAvailability, Rule
from ..violation import Fix, Replace, Violation

PADDING_COLLATOR = "DataCollatorWithPadding"
# the Trainer makes a DataCollatorWithPadding of this tokenizer when given no collator
PROCESSING_CLASS = "processing_class"
# an EncoderDecoderModel (BERT2BERT) takes labels as the seq2seq heads do
ENCODER_DECODER_CLASS = "EncoderDecoderModel"
# the keywords DataCollatorWithPadding and DataCollatorForSeq2Seq both take, meaning the same
_SHARED_KEYWORDS = frozenset({"tokenizer", "padding", "max_length", "pad_to_multiple_of"})


class Seq2SeqLabelsInPaddingCollator(Rule):
    code = "GPT054"
    name = "seq2seq-labels-in-padding-collator"
    title = "DataCollatorWithPadding given seq2seq labels of different lengths"
    fix_availability = FixAvailability.SOMETIMES
    fix_summary = "safe"

    def check_trainer_call(self, call: TrainerCall, context: RuleContext) -> Iterator[Violation]:
        if unpacks(call.node) or not _feeds_labels(call, context):
            return
        collator = _padding_collator(call, context)
        if collator is None or not several_rows_per_batch(call, context.value_of):
            return
        slot = _dataset_of_unpadded_labels(call, context)
        if slot is None:
            return
        arg, made_by_trainer = collator
        made = PADDING_COLLATOR
        if made_by_trainer:
            made = f"the {PADDING_COLLATOR} the Trainer makes of its {PROCESSING_CLASS}"
        yield Violation(
            self.code,
            f"the rows of {slot} hold labels of each target's own length, and {made} pads only the inputs: "
            f"joining the labels of a batch fails (ValueError: Unable to create tensor); use "
            f"{SEQ2SEQ_COLLATOR}(tokenizer), which pads the labels with -100",
            arg,
            _fix(call, arg, made_by_trainer, context),
        )


def _feeds_labels(call: TrainerCall, context: RuleContext) -> bool:
    """The Trainer's model surely takes `labels` (a seq2seq or causal LM head), so the Trainer keeps that
    column for its collator."""
    given = call.argument("model", 0)
    model = context.value_of(given.value) if given is not None else None
    if not isinstance(model, Model) or model.wrapper is not None or model.custom_code or model.class_name is None:
        return False
    name = model.class_name
    return has_seq2seq_lm_head(name) or has_lm_head(name) or name == ENCODER_DECODER_CLASS


def _padding_collator(call: TrainerCall, context: RuleContext) -> Optional[Tuple[cst.Arg, bool]]:
    """The argument that makes the Trainer's collator a DataCollatorWithPadding that makes tensors, and
    whether the Trainer makes it: `data_collator=`, or `processing_class=` of a tokenizer and no
    collator."""
    given = call.argument(*callback_slot("trainer", "data_collator"))
    if given is None or is_name(given.value, "None"):
        tokenizer = call.argument(PROCESSING_CLASS)
        if tokenizer is None or not isinstance(context.value_of(tokenizer.value), Tokenizer):
            return None
        return tokenizer, True
    collator = context.value_of(given.value)
    if not isinstance(collator, TransformersObject) or collator.class_name != PADDING_COLLATOR:
        return None
    # `return_tensors=None` leaves the rows as lists; `**` may pass it
    if collator.made_by is None or may_pass(collator.made_by, ("return_tensors",)):
        return None
    return given, False


def _dataset_of_unpadded_labels(call: TrainerCall, context: RuleContext) -> Optional[str]:
    """The first dataset of the Trainer whose rows hold labels of each target's own length."""
    for slot, position in TRAINER_DATASET_SLOTS.items():
        given = call.argument(slot, position)
        dataset = context.value_of(given.value) if given is not None else None
        if isinstance(dataset, MappedDataset) and dataset.unpadded_labels and LABELS in dataset.columns:
            return slot
    return None


def _fix(call: TrainerCall, arg: cst.Arg, made_by_trainer: bool, context: RuleContext) -> Optional[Fix]:
    """`DataCollatorForSeq2Seq` where the collator is written in the Trainer's call (`data_collator=
    DataCollatorWithPadding(tokenizer)`), or given by keyword where the Trainer would make it of a
    tokenizer held in a name. It pads the inputs as the other did; its labels' -100 are what the loss
    skips."""
    named = transformers_name(SEQ2SEQ_COLLATOR, context)
    if named is None:
        return None
    name, import_edit = named
    seq2seq_collator = cst.parse_expression(name)
    if made_by_trainer:
        if call.argument(*callback_slot("trainer", "data_collator")) is not None or not isinstance(arg.value, cst.Name):
            return None  # `data_collator=None` written out, or a tokenizer expression that may not be read twice
        made = cst.Call(seq2seq_collator, args=[cst.Arg(arg.value)])
        edit = Replace(call.node, with_keyword(call.node, "data_collator", made))
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
