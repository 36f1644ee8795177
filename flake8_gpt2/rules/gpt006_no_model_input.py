"""GPT006: a text model called with neither input_ids nor inputs_embeds."""
from __future__ import annotations

from typing import Iterator

from ..analysis import Analysis, ModelCall
from ..knowledge import MODEL_INPUTS, is_causal_lm_class
from ..rule import Rule
from ..spelling import nearest
from ..values import Mapping, Model
from ..violation import Violation


class NoModelInput(Rule):
    code = "GPT006"
    name = "no-model-input"

    def check_model_call(self, call: ModelCall, analysis: Analysis) -> Iterator[Violation]:
        # generate() without inputs starts from the BOS token, which is valid
        if call.method != "forward" or call.positional or not self._is_text_decoder(call, analysis):
            return
        keywords = [arg.keyword.value for arg in call.node.args if arg.keyword is not None]
        # a misspelled input is GPT005's, which can say which name was meant
        if any(name in MODEL_INPUTS or nearest(name, MODEL_INPUTS) for name in keywords):
            return
        for arg in call.node.args:
            if arg.star == "*":
                return
            if arg.star == "**":
                mapping = analysis.value_of(arg.value)
                if not isinstance(mapping, Mapping) or mapping.keys & MODEL_INPUTS:
                    return
        callee = analysis.code_of(call.node.func)
        yield Violation(
            self.code,
            "model called without input_ids or inputs_embeds; tokenize the text and pass the "
            f'encoding: {callee}(**tokenizer(text, return_tensors="pt"))',
            call.node,
        )

    @staticmethod
    def _is_text_decoder(call: ModelCall, analysis: Analysis) -> bool:
        model = analysis.value_of(call.model_node)
        return isinstance(model, Model) and model.class_name is not None and is_causal_lm_class(model.class_name)
