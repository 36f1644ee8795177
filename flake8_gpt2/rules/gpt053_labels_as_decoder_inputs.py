"""GPT053: a seq2seq LM given its labels, unshifted, as its decoder inputs."""
from __future__ import annotations

from typing import Iterator, Optional

import libcst as cst

from ..analysis import RuleContext
from ..analysis.calls import ModelCall
from ..analysis.syntax import code_of, literal_string
from ..analysis.tokenization import item_of
from ..analysis.values import Encoding
from ..facts.families import has_seq2seq_lm_head
from ..fixes import without_argument
from ..knowledge import ENCODER_DECODER_MODEL, FORWARD
from ..parameter_names import DECODER_INPUT_IDS, LABELS
from ..rule import FixAvailability, Rule
from ..violation import Fix, Replace, Violation


class LabelsAsDecoderInputs(Rule):
    code = "GPT053"
    name = "labels-as-decoder-inputs"
    title = "seq2seq LM given its labels, unshifted, as decoder_input_ids"
    fix_availability = FixAvailability.ALWAYS
    fix_summary = "unsafe"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        model = call.model
        class_name = model.class_name
        if call.method != FORWARD or class_name is None or model.custom_code:
            return
        if not has_seq2seq_lm_head(class_name) and class_name != ENCODER_DECODER_MODEL:
            return
        decoder_inputs = call.passes(DECODER_INPUT_IDS)
        if decoder_inputs is None or not _are_the_labels(decoder_inputs.value, call, context):
            return
        yield Violation(
            self.code,
            f"decoder_input_ids are the labels, unshifted: {model.architecture or class_name} scores the logits at "
            f"each position against the label there, so its decoder reads the token it must predict (labels "
            f"holding -100 fail in its embedding); drop decoder_input_ids=, the model shifts the labels into its "
            f"decoder inputs itself",
            decoder_inputs,
            # the loss, and what a training run learns, change
            Fix((Replace(call.node, without_argument(call.node, decoder_inputs)),), safe=False, sound_in_any_walk=True),
        )


def _are_the_labels(decoder_inputs: cst.BaseExpression, call: ModelCall, context: RuleContext) -> bool:
    """Whether `decoder_inputs` surely holds what the call passes as labels: the same name, attribute
    or literal subscript as `labels=`, or the labels of an encoding `**` passes (`enc["labels"]`)."""
    if not _reads_without_effects(decoder_inputs):
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


def _reads_without_effects(node: cst.BaseExpression) -> bool:
    """A name, or attributes and literal subscripts of one: reading it twice in one call reads the same
    object (no call in it may give another)."""
    while True:
        if isinstance(node, cst.Name):
            return True
        if isinstance(node, cst.Attribute):
            node = node.value
        elif isinstance(node, cst.Subscript) and all(_literal_index(element) for element in node.slice):
            node = node.value
        else:
            return False


def _literal_index(element: cst.SubscriptElement) -> bool:
    index = element.slice
    return isinstance(index, cst.Index) and isinstance(index.value, (cst.SimpleString, cst.Integer))
