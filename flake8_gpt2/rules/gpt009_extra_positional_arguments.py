"""GPT009: a mask (or other input) given positionally after the ids, where another parameter sits."""
from __future__ import annotations

from typing import Iterator, Optional

import libcst as cst

from ..analysis import ModelCall, RuleContext
from ..analysis.syntax import literal_string
from ..analysis.values import Embeddings, Encoding, Ids
from ..fixes import keyword_arg
from ..rule import FixAvailability, Rule
from ..violation import Fix, Replace, Violation

# what the second positional slot is
_SECOND_SLOT = {"forward": "past_key_values (cache in transformers 5)", "generate": "generation_config"}


def is_mask(node: cst.BaseExpression) -> bool:
    """`enc["attention_mask"]`, `enc.attention_mask`, or a name that says it is a mask."""
    if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
        return literal_string(node.slice[0].slice.value) == "attention_mask"
    if isinstance(node, cst.Attribute):
        return node.attr.value == "attention_mask"
    return isinstance(node, cst.Name) and "mask" in node.value.lower()


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
        second = positional[1]
        mask = is_mask(second.value)
        # anything else there may be a cache, passed positionally on purpose
        if not mask and not isinstance(context.value_of(second.value), (Embeddings, Encoding, Ids)):
            return
        shown = context.short_code_of(second.value) or "the second argument"
        advice = f"pass it by keyword: attention_mask={shown}" if mask else "pass each input by its keyword"
        yield Violation(
            self.code,
            f"the second positional argument of a model call is {_SECOND_SLOT[call.method]}, "
            f"not {shown}; {advice}",
            call.node,
            self._fix(call, second) if mask else None,
        )

    @staticmethod
    def _fix(call: ModelCall, second: cst.Arg) -> Optional[Fix]:
        if len(call.positional) != 2 or call.keyword("attention_mask") is not None:
            return None
        by_keyword = keyword_arg("attention_mask", second.value).with_changes(
            comma=second.comma, whitespace_after_arg=second.whitespace_after_arg
        )
        # the call raises on every run before the fix
        return Fix((Replace(second, by_keyword),), safe=True)
