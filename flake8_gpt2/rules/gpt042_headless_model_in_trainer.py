"""GPT042: a model without a head (`BertModel`, `AutoModel`) given to a Trainer to train, or given
labels."""
from __future__ import annotations

from typing import Iterator, Optional

from ..analysis import RuleContext
from ..analysis.calls import ModelCall, TrainerCall
from ..analysis.predicates import headless_family
from ..analysis.syntax import is_name, may_pass
from ..analysis.values import Model
from ..facts.families import DECODER_ONLY, ENCODER, ENCODER_DECODER, family_of_class
from ..knowledge import (
    AUTO_CAUSAL_LM,
    AUTO_PREFIX,
    AUTO_SEQ2SEQ_LM,
    AUTO_SEQUENCE_CLASSIFIER,
    FORWARD,
    SEQUENCE_CLASSIFIER_SUFFIX,
    TRAINER_DATASET_SLOTS,
    TRAINER_LOSS_GIVEN_BY,
)
from ..parameter_names import LABELS, MODEL, TRAIN_DATASET
from ..rule import Rule
from ..violation import Violation

# the Auto class of a head with a loss, by the kind of family
_AUTO_CLASS_WITH_LOSS = {
    ENCODER: AUTO_SEQUENCE_CLASSIFIER,
    DECODER_ONLY: AUTO_CAUSAL_LM,
}


class HeadlessModelInTrainer(Rule):
    code = "GPT042"
    name = "headless-model-in-trainer"
    title = "model without a head given to a Trainer to train, or given labels"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        """`model(ids, labels=ids)` of a model without a head: the labels are taken and ignored."""
        model = call.model
        if call.method != FORWARD or call.setting(LABELS) is None or model.wrapper is not None:
            return
        instead = _with_a_head(model)
        family = family_of_class(model.architecture)
        if instead is not None and family is not None and family.kind != ENCODER_DECODER:
            yield Violation(
                self.code,
                f"{model.architecture} has no head: it computes no loss, so the labels= given are ignored and "
                f"its output has no .loss; load {instead}",
                call.node,
            )

    def check_trainer_call(self, call: TrainerCall, context: RuleContext) -> Iterator[Violation]:
        model_arg = call.argument(MODEL, 0)
        train_dataset = call.argument(TRAIN_DATASET, TRAINER_DATASET_SLOTS[TRAIN_DATASET])
        if model_arg is None or train_dataset is None or is_name(train_dataset.value, "None"):
            return
        if may_pass(call.node, TRAINER_LOSS_GIVEN_BY):
            return
        model = context.value_of(model_arg.value)
        if not isinstance(model, Model) or model.wrapper is not None:
            return
        instead = _with_a_head(model)
        if instead is None:
            return
        family = family_of_class(model.architecture)
        assert family is not None
        yield Violation(
            self.code,
            f"{model.architecture} is {family.name} without a head: it computes no loss, and "
            f"{call.class_name}.train() fails on the first batch; load {instead}, or pass "
            "compute_loss_func=",
            call.node,
        )


def _with_a_head(model: Model) -> Optional[str]:
    """What to load instead of a model of a family's bare class (`BertModel`, `AutoModel` of BERT)."""
    family = headless_family(model)
    if family is None:
        return None
    head = family.class_prefix + SEQUENCE_CLASSIFIER_SUFFIX if family.kind == ENCODER else family.lm_head
    auto_class = _AUTO_CLASS_WITH_LOSS.get(family.kind, AUTO_SEQ2SEQ_LM)
    instead = auto_class if (model.class_name or "").startswith(AUTO_PREFIX) else head
    return instead + " (or your task's head)" if family.kind == ENCODER else instead
