"""GPT031: a literal length past the positions a model has learned (GPT-2: 1,024)."""
from __future__ import annotations

from typing import Iterator, Optional

from ..analysis import RuleContext
from ..analysis.calls import ModelCall
from ..analysis.syntax import literal_int, may_pass
from ..analysis.values import Encoding, PaddedIds
from ..facts.families import ENCODER_DECODER, Family, checkpoints_of, family_of_class
from ..knowledge import FORWARD
from ..parameter_names import CONFIG, MAX_LENGTH, MAX_NEW_TOKENS, MAX_POSITION_EMBEDDINGS, N_POSITIONS
from ..rule import Rule
from ..violation import Violation

# what may give the loaded model another number of positions
_CONFIG_SETTERS = (N_POSITIONS, MAX_POSITION_EMBEDDINGS, CONFIG)


class PositionsPastTheModel(Rule):
    code = "GPT031"
    name = "positions-past-the-model"
    title = "literal length past the positions the model has learned"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        limit = _learned_positions(call)
        if limit is None:
            return
        prompt = _prompt_length(call, context)
        # an encoder-decoder's encoder reads the input, and its decoder starts again from one token
        encoder_decoder = _family(call).kind == ENCODER_DECODER
        if call.method == FORWARD or encoder_decoder:
            if prompt is not None and prompt > limit:
                yield self._violation(
                    call, f"its input is {prompt} tokens long", limit, f"pad and truncate to max_length={limit} or less"
                )
                return
        if call.method == FORWARD:
            return
        total = _generated_length(call, None if encoder_decoder else prompt)
        if total is not None and total > limit:
            advice = f"ask for no more than {limit} tokens, prompt included (max_new_tokens counts only new ones)"
            yield self._violation(call, f"generate() is asked for {total} tokens or more", limit, advice)

    def _violation(self, call: ModelCall, what: str, limit: int, advice: str) -> Violation:
        return Violation(
            self.code,
            f"{what}, past the {limit:,} positions {call.model.architecture} has learned: it raises "
            f"{_family(call).past_positions_error} at position {limit + 1:,}; {advice}",
            call.node,
        )


def _learned_positions(call: ModelCall) -> Optional[int]:
    model = call.model
    row = checkpoints_of(model.checkpoint)
    loaded = model.loaded  # None once anything may have changed its config
    if row is None or row.learned_positions is None or family_of_class(model.architecture) is not row.family:
        return None
    if model.custom_code or loaded is None or may_pass(loaded.call, _CONFIG_SETTERS):
        return None
    return row.learned_positions


def _prompt_length(call: ModelCall, context: RuleContext) -> Optional[int]:
    """The least length of the rows given: `**encoding`, or the encoding's padded ids."""
    if isinstance(call.input_value, PaddedIds):
        return call.input_value.encoding.min_length
    for arg in call.node.args:
        value = context.value_of(arg.value) if arg.star == "**" else None
        if isinstance(value, Encoding):
            return value.min_length
    return None


def _generated_length(call: ModelCall, prompt: Optional[int]) -> Optional[int]:
    """The length generate() runs to unless every row stops at its eos token first: a literal
    `max_length`, or the prompt (one token at least) and a literal `max_new_tokens`."""
    new_tokens = call.keyword(MAX_NEW_TOKENS)
    if new_tokens is not None:
        count = literal_int(new_tokens.value)
        return None if count is None else count + (prompt or 1)
    max_length = call.keyword(MAX_LENGTH)
    return literal_int(max_length.value) if max_length is not None else None


def _family(call: ModelCall) -> Family:
    family = family_of_class(call.model.architecture)
    assert family is not None  # `_learned_positions` found its row
    return family
