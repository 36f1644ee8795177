"""GPT053: a seq2seq LM given its labels, unshifted, as its decoder inputs."""
from __future__ import annotations

from typing import Iterator, Optional

import libcst as cst

from ..analysis import RuleContext
from ..analysis.calls import ModelCall, TrainerCall
from ..analysis.predicates import trainer_datasets
from ..analysis.syntax import argument, code_of, literal_string, reads_one_object
from ..analysis.tokenization import item_of
from ..analysis.values import Encoding, MappedDataset, Model, TransformersObject
from ..facts.calls import TRAINER, callback_slot
from ..facts.families import has_seq2seq_lm_head
from ..fixes import without_argument
from ..knowledge import ENCODER_DECODER_MODEL, FORWARD, SEQ2SEQ_COLLATOR, WITH_PADDING_COLLATOR
from ..parameter_names import DECODER_INPUT_IDS, LABELS, MODEL
from ..rule import FixAvailability, Rule
from ..violation import Fix, Replace, Violation


class LabelsAsDecoderInputs(Rule):
    code = "GPT053"
    name = "labels-as-decoder-inputs"
    title = "seq2seq LM given its labels, unshifted, as decoder_input_ids"
    fix_availability = FixAvailability.SOMETIMES
    fix_summary = "unsafe"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        model = call.model
        if call.method != FORWARD or not _shifts_labels_itself(model):
            return
        decoder_inputs = call.passes(DECODER_INPUT_IDS)
        if decoder_inputs is None or not _are_the_labels(decoder_inputs.value, call, context):
            return
        shown = model.architecture or model.class_name
        yield Violation(
            self.code,
            f"decoder_input_ids are the labels, unshifted: {shown} scores the logits at "
            f"each position against the label there, so its decoder reads the token it must predict (labels "
            f"holding -100 fail in its embedding); drop decoder_input_ids=, the model shifts the labels into its "
            f"decoder inputs itself",
            decoder_inputs,
            # the loss, and what a training run learns, change
            Fix((Replace(call.node, without_argument(call.node, decoder_inputs)),), safe=False, sound_in_any_walk=True),
        )

    def check_trainer_call(self, call: TrainerCall, context: RuleContext) -> Iterator[Violation]:
        given = call.argument(MODEL, 0)
        model = context.value_of(given.value) if given is not None else None
        if not isinstance(model, Model) or not _shifts_labels_itself(model) or not _keeps_decoder_inputs(call, context):
            return
        for slot, dataset in trainer_datasets(call, context.value_of):
            if isinstance(dataset, MappedDataset) and not dataset.is_dict and dataset.labels_as_decoder_inputs:
                yield Violation(
                    self.code,
                    f"the rows of {slot} hold their labels, unshifted, as decoder_input_ids: "
                    f"{model.architecture or model.class_name} scores the logits at each position against the "
                    "label there, so its decoder reads the token it must predict; leave decoder_input_ids out of "
                    "the rows, the model shifts the labels into its decoder inputs itself",
                    call.node,
                )
                return


def _shifts_labels_itself(model: Model) -> bool:
    """A seq2seq LM head (or an `EncoderDecoderModel`) of the library's code."""
    class_name = model.class_name
    if class_name is None or model.custom_code:
        return False
    return has_seq2seq_lm_head(class_name) or class_name == ENCODER_DECODER_MODEL


def _keeps_decoder_inputs(call: TrainerCall, context: RuleContext) -> bool:
    """Whether the Trainer's collator hands the rows' decoder inputs on: the default one, a
    `DataCollatorWithPadding`, or a `DataCollatorForSeq2Seq` not given the model (given it, it makes
    them from the labels)."""
    given = call.argument(*callback_slot(TRAINER))
    if given is None:
        return True
    collator = context.value_of(given.value)
    if not isinstance(collator, TransformersObject) or collator.made_by is None:
        return False
    if collator.class_name == WITH_PADDING_COLLATOR:
        return True
    return collator.class_name == SEQ2SEQ_COLLATOR and argument(collator.made_by, MODEL, 1) is None


def _are_the_labels(decoder_inputs: cst.BaseExpression, call: ModelCall, context: RuleContext) -> bool:
    """Whether `decoder_inputs` surely holds what the call passes as labels: the same name, attribute
    or literal subscript as `labels=`, or the labels of an encoding `**` passes (`enc["labels"]`)."""
    if not reads_one_object(decoder_inputs):
        return False
    labels = call.passes(LABELS)
    if labels is not None:
        return code_of(labels.value) == code_of(decoder_inputs)
    if call.keyword(LABELS) is not None:
        return False
    read_from = _labels_read_from(decoder_inputs)
    if read_from is None:
        return False
    for arg in call.node.args:
        if arg.star == "**" and code_of(arg.value) == code_of(read_from):
            encoding = context.value_of(arg.value)
            return isinstance(encoding, Encoding) and item_of(encoding, LABELS) is not None
    return False


def _labels_read_from(node: cst.BaseExpression) -> Optional[cst.BaseExpression]:
    """`enc` of `enc["labels"]` or `enc.labels`."""
    if isinstance(node, cst.Attribute) and node.attr.value == LABELS:
        return node.value
    if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
        return node.value if literal_string(node.slice[0].slice.value) == LABELS else None
    return None
