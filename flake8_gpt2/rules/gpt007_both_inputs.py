"""GPT007: input_ids and inputs_embeds given to one model call."""
from __future__ import annotations

from typing import Iterator

from ..analysis import RuleContext
from ..analysis.calls import ModelCall
from ..analysis.values import Encoding
from ..knowledge import FORWARD
from ..parameter_names import INPUTS_EMBEDS
from ..rule import Rule
from ..violation import Violation


class BothInputs(Rule):
    code = "GPT007"
    name = "both-input-ids-and-inputs-embeds"
    title = "input_ids and inputs_embeds together"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        # generate() continues a prompt given both ways; forward() takes one of them
        embeds = call.passes(INPUTS_EMBEDS)
        if call.method != FORWARD or embeds is None:
            return
        # both known to be given: names passed through (a wrapper's forward) may hold None
        if context.value_of(embeds.value) is None:
            return
        if call.input_value is None and not _unpacks_input_ids(call, context):
            return
        yield Violation(
            self.code,
            "input_ids and inputs_embeds given together, and the model takes one of them; keep "
            "inputs_embeds=... alone, or input_ids alone",
            call.node,
        )


def _unpacks_input_ids(call: ModelCall, context: RuleContext) -> bool:
    """`model(**enc, ...)` of an encoding that still holds its `input_ids`."""
    for arg in call.node.args:
        if arg.star == "**":
            encoding = context.value_of(arg.value)
            if isinstance(encoding, Encoding) and encoding.holds_input_ids:
                return True
    return False
