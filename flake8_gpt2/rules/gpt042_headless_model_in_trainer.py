"""GPT042: a model without a head (`BertModel`, `AutoModel`) given to a Trainer to train."""
from __future__ import annotations

from typing import Iterator

from ..analysis import RuleContext
from ..analysis.calls import TrainerCall
from ..analysis.syntax import is_name, may_pass
from ..analysis.values import Model
from ..facts.families import DECODER_ONLY, ENCODER, family_of_class
from ..knowledge import TRAINER_DATASET_SLOTS
from ..rule import Rule
from ..violation import Violation

# a loss the Trainer is told how to compute, whatever the model returns
_LOSS_GIVEN_BY = ("compute_loss_func",)
# the Auto class of a head with a loss, by the kind of family
_AUTO_CLASS_WITH_LOSS = {
    ENCODER: "AutoModelForSequenceClassification",
    DECODER_ONLY: "AutoModelForCausalLM",
}
_SEQ2SEQ_AUTO_CLASS = "AutoModelForSeq2SeqLM"


class HeadlessModelInTrainer(Rule):
    code = "GPT042"
    name = "headless-model-in-trainer"
    title = "model without a head given to a Trainer to train"

    def check_trainer_call(self, call: TrainerCall, context: RuleContext) -> Iterator[Violation]:
        model_arg = call.argument("model", 0)
        train_dataset = call.argument("train_dataset", TRAINER_DATASET_SLOTS["train_dataset"])
        if model_arg is None or train_dataset is None or is_name(train_dataset.value, "None"):
            return
        if may_pass(call.node, _LOSS_GIVEN_BY):
            return
        model = context.value_of(model_arg.value)
        if not isinstance(model, Model) or model.custom_code or model.wrapper is not None:
            return
        family = family_of_class(model.architecture)
        if family is None or model.architecture != family.class_prefix + "Model":
            return
        head = family.class_prefix + "ForSequenceClassification" if family.kind == ENCODER else family.lm_head
        auto_class = _AUTO_CLASS_WITH_LOSS.get(family.kind, _SEQ2SEQ_AUTO_CLASS)
        instead = auto_class if model.class_name.startswith("Auto") else head
        if family.kind == ENCODER:
            instead += " (or your task's head)"
        yield Violation(
            self.code,
            f"{model.architecture} is {family.name} without a head: it computes no loss, and "
            f"{call.class_name}.train() fails on the first batch; load {instead}, or pass "
            "compute_loss_func=",
            call.node,
        )
