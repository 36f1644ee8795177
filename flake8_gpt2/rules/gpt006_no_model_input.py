"""GPT006: a text model called with neither input_ids nor inputs_embeds."""
from __future__ import annotations

from typing import Iterator

from ..analysis import RuleContext
from ..analysis.calls import ModelCall, TrainerCall
from ..analysis.values import Mapping, Model
from ..facts.calls import TRAINER, callback_slot
from ..facts.families import is_text_decoder_class
from ..knowledge import FORWARD, MODEL_INPUTS
from ..parameter_names import MODEL
from ..rule import Rule
from ..spelling import nearest
from ..violation import Violation


class NoModelInput(Rule):
    code = "GPT006"
    name = "no-model-input"
    title = "model called without input_ids or inputs_embeds"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        # generate() without inputs starts from the BOS token, which is valid
        if call.method != FORWARD or call.positional or not _is_text_decoder(call.model):
            return
        keywords = [arg.keyword.value for arg in call.node.args if arg.keyword is not None]
        # a misspelled input is GPT005's, which can say which name was meant
        if any(name in MODEL_INPUTS or nearest(name, MODEL_INPUTS) for name in keywords):
            return
        for arg in call.node.args:
            if arg.star == "*":
                return
            if arg.star == "**":
                mapping = context.value_of(arg.value)
                if not isinstance(mapping, Mapping) or mapping.keys & MODEL_INPUTS:
                    return
        yield Violation(
            self.code,
            "model called without input_ids or inputs_embeds; tokenize the text and pass the "
            f'encoding: {call.callee_code}(**tokenizer(text, return_tensors="pt"))',
            call.node,
        )

    def check_trainer_call(self, call: TrainerCall, context: RuleContext) -> Iterator[Violation]:
        """The Trainer calls the model with every batch its collator gives, as `model(**batch)`."""
        model = call.argument(MODEL, 0)
        collator = call.argument(*callback_slot(TRAINER))
        value = context.value_of(model.value) if model is not None else None
        if collator is None or not isinstance(value, Model) or not _is_text_decoder(value):
            return
        batch = context.batches_from(collator.value)
        if isinstance(batch, Mapping) and not batch.keys & MODEL_INPUTS:
            yield Violation(
                self.code,
                f"the data collator's batches hold {', '.join(sorted(batch.keys)) or 'nothing'} and no input_ids or "
                "inputs_embeds, and the Trainer calls the model with them; put the token ids in each batch",
                call.node,
            )


def _is_text_decoder(model: Model) -> bool:
    return model.class_name is not None and is_text_decoder_class(model.class_name)
