"""GPT006: a text model called with neither input_ids nor inputs_embeds."""
from __future__ import annotations

from typing import Iterator

from ..analysis import ModelCall, RuleContext
from ..analysis.values import Mapping
from ..knowledge import MODEL_INPUTS, is_causal_lm_class
from ..rule import Rule
from ..spelling import nearest
from ..violation import Violation


class NoModelInput(Rule):
    code = "GPT006"
    name = "no-model-input"
    title = "model called without input_ids or inputs_embeds"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        # generate() without inputs starts from the BOS token, which is valid
        class_name = call.model.class_name
        if call.method != "forward" or call.positional or class_name is None or not is_causal_lm_class(class_name):
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
