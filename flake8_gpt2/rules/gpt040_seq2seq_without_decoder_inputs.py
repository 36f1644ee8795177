"""GPT040: an encoder-decoder model run forward without labels or decoder inputs."""
from __future__ import annotations

from typing import FrozenSet, Iterator, Optional

from ..analysis import RuleContext
from ..analysis.calls import ModelCall, TrainerCall
from ..analysis.predicates import trained_without_labels
from ..analysis.syntax import is_name, may_pass, unpacks
from ..analysis.values import Encoding, Model, Value
from ..facts.families import ENCODER_DECODER, Family, family_of_class
from ..knowledge import FORWARD
from ..parameter_names import DECODER_INPUTS_EMBEDS, DECODER_INPUT_IDS, LABELS, MODEL, TEXT_PAIR_TARGET, TEXT_TARGET
from ..rule import Rule
from ..violation import Violation

DECODER_INPUTS = (LABELS, DECODER_INPUT_IDS, DECODER_INPUTS_EMBEDS)
# forward(input_ids, attention_mask, decoder_input_ids, ...): a third positional argument is the decoder's
_ENCODER_POSITIONS = 2


class Seq2SeqWithoutDecoderInputs(Rule):
    code = "GPT040"
    name = "seq2seq-without-decoder-inputs"
    title = "encoder-decoder model called without labels or decoder inputs"

    def check_trainer_call(self, call: TrainerCall, context: RuleContext) -> Iterator[Violation]:
        model = call.argument(MODEL, 0)
        family = _family_needing_decoder_inputs(context.value_of(model.value) if model is not None else None)
        if family is None or unpacks(call.node):
            return
        columns = trained_without_labels(call, context.value_of)
        if columns is not None:
            yield Violation(
                self.code,
                f"{family.name} needs labels to train, and train_dataset has none (its columns are among: "
                f"{_listed(columns)}): the Trainer runs its forward without decoder inputs, which fails; tokenize the "
                f"targets into labels in the map function: tokenizer(sources, text_target=targets)",
                call.node,
            )

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        model = call.model
        family = _family_needing_decoder_inputs(model) if call.method == FORWARD else None
        if family is None:
            return
        if len(call.positional) > _ENCODER_POSITIONS or not _gives_no_decoder_input(call, context):
            return
        if model.architecture == family.lm_head:
            needs, advice = "labels or decoder_input_ids", "pass labels= to train, call generate() to write text"
        else:
            needs, advice = DECODER_INPUT_IDS, "pass decoder_input_ids="
        yield Violation(
            self.code,
            f"{family.name} needs {needs}: its forward runs the decoder after the encoder, and fails "
            f"without its input; {advice}, or run model.encoder(...) alone for the text's features",
            call.node,
        )


def _family_needing_decoder_inputs(model: Optional[Value]) -> Optional[Family]:
    """The encoder-decoder family of a model whose forward fails without decoder inputs."""
    if not isinstance(model, Model) or model.custom_code:
        return None
    family = family_of_class(model.architecture)
    if family is None or family.kind != ENCODER_DECODER or family.decoder_inputs_from_input_ids:
        return None
    return family


def _gives_no_decoder_input(call: ModelCall, context: RuleContext) -> bool:
    """No keyword, `*` or `**` that may give the decoder its input: `**` only of a tokenizer's own
    encoding, untouched, of texts without `text_target=`."""
    for arg in call.node.args:
        if arg.star == "*":
            return False
        # a value that may be None (a parameter defaulting to None) may still be given: only the literal
        # None surely gives nothing
        if arg.keyword is not None and arg.keyword.value in DECODER_INPUTS and not is_name(arg.value, "None"):
            return False
        if arg.star == "**":
            encoding = context.value_of(arg.value)
            if not isinstance(encoding, Encoding) or encoding.tokenizer_call is None or not encoding.holds_input_ids:
                return False
            if may_pass(encoding.tokenizer_call, (TEXT_TARGET, TEXT_PAIR_TARGET)):
                return False
    return True


def _listed(columns: FrozenSet[str]) -> str:
    return ", ".join(sorted(columns))
