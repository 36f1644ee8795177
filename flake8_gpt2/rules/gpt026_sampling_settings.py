"""GPT026: sampling settings that generate() ignores (no do_sample=True) or rejects (temperature 0)."""
from __future__ import annotations

from typing import Iterator, List

import libcst as cst

from ..analysis import RuleContext
from ..analysis.calls import ModelCall
from ..analysis.syntax import is_name
from ..facts.families import checkpoints_of
from ..fixes import with_keyword
from ..knowledge import GENERATE, SAMPLING_SETTINGS
from ..parameter_names import DO_SAMPLE, GENERATION_CONFIG, TEMPERATURE
from ..rule import FixAvailability, Rule
from ..violation import Fix, Replace, Violation


class SamplingSettings(Rule):
    code = "GPT026"
    name = "sampling-settings-without-sampling"
    title = "sampling settings without do_sample=True (ignored), or temperature=0 with sampling"
    fix_availability = FixAvailability.SOMETIMES
    fix_summary = "unsafe"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        if call.method != GENERATE or call.setting(GENERATION_CONFIG) is not None:
            return
        if call.spreads_unknown:
            return  # `**kwargs` may hold do_sample
        do_sample = call.setting(DO_SAMPLE)
        if do_sample is not None and is_name(do_sample, "True"):
            temperature = call.setting(TEMPERATURE)
            if temperature is not None and _is_zero(temperature):
                yield Violation(
                    self.code,
                    "temperature=0 with do_sample=True raises ValueError; for greedy decoding pass "
                    "do_sample=False and no temperature",
                    call.node,
                )
            return
        settings = _settings_given(call)
        if not settings or do_sample is not None or not _samples_by_default_never(call):
            return
        named = ", ".join(settings)
        yield Violation(
            self.code,
            f"{named} without do_sample=True: generate() ignores them and decodes greedily; pass "
            f"do_sample=True to sample",
            call.node,
            # the output becomes random, which is what the settings asked for
            Fix((Replace(call.node, with_keyword(call.node, DO_SAMPLE, cst.Name("True"))),), safe=False),
        )


def _settings_given(call: ModelCall) -> List[str]:
    """The sampling keywords passed with a value other than None."""
    return [name for name in SAMPLING_SETTINGS if call.setting(name) is not None]


def _samples_by_default_never(call: ModelCall) -> bool:
    """A model whose generation config is the checkpoint's, and that config known not to ask for
    sampling; other checkpoints may set `do_sample=True` there."""
    loaded = call.model.loaded
    row = checkpoints_of(loaded.checkpoint) if loaded is not None else None
    return row is not None and row.greedy_generation_config


def _is_zero(node: cst.BaseExpression) -> bool:
    return isinstance(node, (cst.Integer, cst.Float)) and float(node.value) == 0.0
