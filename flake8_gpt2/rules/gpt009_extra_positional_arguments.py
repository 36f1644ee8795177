"""GPT009: a mask (or other input) given positionally after the ids, where another parameter sits."""
from __future__ import annotations

from typing import Iterator, Optional, Sequence

import libcst as cst

from ..analysis import RuleContext
from ..analysis.calls import ModelCall
from ..analysis.syntax import literal_string
from ..analysis.values import Embeddings, Encoding, Ids, Model, NoneLiteral
from ..fixes import keyword_arg
from ..knowledge import GENERATE, MODEL_WRAPPERS
from ..model_signatures import FORWARD_KEYWORDS
from ..parameter_names import ATTENTION_MASK, CACHE, GENERATION_CONFIG, MASK_IN_NAMES, PAST_KEY_VALUES
from ..rule import FixAvailability, Rule
from ..violation import Fix, Replace, Violation

_SLOT_NAMES = {CACHE: "past_key_values (cache in transformers 5)"}
_SLOT_NAMES_BEFORE_5 = {CACHE: PAST_KEY_VALUES}


def _second_slot(call: ModelCall) -> Optional[str]:
    """The parameter the second positional argument fills, from the model's own signature."""
    if call.method == GENERATE:
        return GENERATION_CONFIG
    parameters = _forward_parameters(call.model)
    return parameters[1] if parameters is not None and len(parameters) > 1 else None


def _forward_parameters(model: Model) -> Optional[Sequence[str]]:
    """The named parameters of the forward that receives the arguments first: a wrapper's own
    (PEFT's causal LM takes the mask second, whatever it wraps), else the model class's."""
    if model.wrapper is not None:
        return MODEL_WRAPPERS[model.wrapper]
    architecture = model.architecture
    return FORWARD_KEYWORDS.get(architecture) if architecture is not None else None


def is_mask(node: cst.BaseExpression) -> bool:
    """`enc["attention_mask"]`, `enc.attention_mask`, or a name that says it is a mask."""
    if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
        return literal_string(node.slice[0].slice.value) == ATTENTION_MASK
    if isinstance(node, cst.Attribute):
        return node.attr.value == ATTENTION_MASK
    return isinstance(node, cst.Name) and MASK_IN_NAMES in node.value.lower()


class ExtraPositionalArguments(Rule):
    code = "GPT009"
    name = "extra-positional-arguments"
    title = "attention mask passed positionally"
    fix_availability = FixAvailability.SOMETIMES
    fix_summary = "safe"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        positional = call.positional
        if len(positional) < 2 or call.node.args[0] is not positional[0]:
            return
        slot = _second_slot(call)
        if slot is None:
            return  # the model's own order of parameters is not known
        second = positional[1]
        value = context.value_of(second.value)
        if isinstance(value, NoneLiteral):
            return  # an optional mask left out: None is a valid cache (or configuration) too
        mask = is_mask(second.value)
        if mask and slot == ATTENTION_MASK:
            return  # Llama, Mistral, OPT ... take the mask second
        # anything else there may be a cache, passed positionally on purpose
        if not mask and not isinstance(value, (Embeddings, Encoding, Ids)):
            return
        shown = context.short_code_of(second.value) or "the second argument"
        advice = f"pass it by keyword: attention_mask={shown}" if mask else "pass each input by its keyword"
        yield Violation(
            self.code,
            f"the second positional argument of a model call is {_slot_name(slot, context)}, "
            f"not {shown}; {advice}",
            call.node,
            self._fix(call, second) if mask else None,
        )

    @staticmethod
    def _fix(call: ModelCall, second: cst.Arg) -> Optional[Fix]:
        if len(call.positional) != 2 or call.keyword(ATTENTION_MASK) is not None:
            return None
        by_keyword = keyword_arg(ATTENTION_MASK, second.value).with_changes(
            comma=second.comma, whitespace_after_arg=second.whitespace_after_arg
        )
        # the call raises on every run before the fix
        return Fix((Replace(second, by_keyword),), safe=True)


def _slot_name(slot: str, context: RuleContext) -> str:
    names = _SLOT_NAMES_BEFORE_5 if context.target.transformers_major < 5 else _SLOT_NAMES
    return names.get(slot, slot)
