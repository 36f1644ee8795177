"""GPT024: a causal-LM collator given a tokenizer whose pad token is its eos token, where an eos
token gets into the texts."""
from __future__ import annotations

from typing import Iterator

from ..analysis import RuleContext
from ..analysis.calls import CollatorCall, ModelCall
from ..analysis.eos import eos_route
from ..analysis.predicates import language_model_labels, makes_causal_lm_labels
from ..analysis.values import PaddedIds, Tokenizer
from ..fixes import dedicated_pad_token
from ..knowledge import LM_COLLATOR
from ..parameter_names import TOKENIZER
from ..rule import FixAvailability, Rule
from ..violation import Fix, Violation


class EosPaddingInLmCollator(Rule):
    code = "GPT024"
    name = "eos-padding-in-lm-collator"
    title = "labels masked by the pad id (the LM collator, or by hand) with pad token = eos: eos never learnt"
    fix_availability = FixAvailability.SOMETIMES
    fix_summary = "unsafe"

    def check_collator_call(self, call: CollatorCall, context: RuleContext) -> Iterator[Violation]:
        arg = call.argument(TOKENIZER, 0)
        tokenizer = context.value_of(arg.value) if arg is not None else None
        if not makes_causal_lm_labels(call) or not isinstance(tokenizer, Tokenizer):
            return
        if not tokenizer.settings.pad_is_eos:
            return
        edits = dedicated_pad_token(tokenizer, context)
        route = _route_once_seen(tokenizer, context)
        yield Violation(
            self.code,
            "",
            call.node,
            # the labels, and what a training run learns, change
            Fix(edits, safe=False) if edits is not None else None,
            final_message=lambda: (
                f"{LM_COLLATOR} sets every label equal to the pad id to -100, and the pad token is the eos "
                f"token, which gets into the labels ({route()}): no end of sequence is ever learnt; give the "
                f"tokenizer a pad token of its own and resize the model's embeddings"
            ),
            holds=lambda: route() is not None,
        )

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        labels = language_model_labels(call)
        value = context.value_of(labels.value) if labels is not None else None
        if not isinstance(value, PaddedIds) or value.masked_by_pad_id_of is None:
            return
        tokenizer = value.masked_by_pad_id_of
        if not tokenizer.settings.pad_is_eos:
            return
        route = _route_once_seen(tokenizer, context)
        yield Violation(
            self.code,
            "",
            call.node,
            final_message=lambda: (
                "labels set to -100 where they equal the pad id, and the pad token is the eos token, which "
                f"gets into the labels ({route()}): no end of sequence is ever learnt; mask by the attention "
                "mask instead (attention_mask == 0)"
            ),
            holds=lambda: route() is not None,
        )


def _route_once_seen(tokenizer: Tokenizer, context: RuleContext):
    """How the eos token gets into the labels, asked once the whole module is seen (the texts may
    get theirs after the collator is made)."""
    target = context.target
    return lambda: eos_route(tokenizer, target)
