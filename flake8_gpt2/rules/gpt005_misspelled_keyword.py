"""GPT005: a keyword the model does not take: near one it takes, or swallowed by **kwargs."""
from __future__ import annotations

from typing import Iterator, Optional

import libcst as cst

from ..analysis import ModelCall, RuleContext
from ..knowledge import MODEL_INPUTS, RENAMED_MODEL_KEYWORDS
from ..model_signatures import FORWARD_KEYWORDS, GENERATE_KEYWORDS, SHARED_KEYWORDS
from ..rule import FixAvailability, Rule
from ..spelling import nearest
from ..violation import Fix, Replace, Violation

_SHARED = frozenset(SHARED_KEYWORDS)
_ANY_MODEL = frozenset().union(*FORWARD_KEYWORDS.values()) | _SHARED
_EVERY_MODEL = frozenset.intersection(*map(frozenset, FORWARD_KEYWORDS.values())) | _SHARED
# the inputs whose misspelling generate() rejects; its other keywords are too many to guess at
_GENERATE_INPUTS = frozenset({"input_ids", "inputs_embeds", "attention_mask", "token_type_ids", "position_ids"})


class MisspelledKeyword(Rule):
    code = "GPT005"
    name = "misspelled-model-keyword"
    title = "keyword the model does not take (typo, or swallowed by `**kwargs`)"
    fix_availability = FixAvailability.SOMETIMES
    fix_summary = "safe where the call raised, unsafe where it was ignored"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        class_name = call.model.class_name
        known = FORWARD_KEYWORDS.get(class_name) if class_name else None
        if call.method == "generate":
            accepted = frozenset(GENERATE_KEYWORDS) | (frozenset(known) if known else _ANY_MODEL)
            targets = _GENERATE_INPUTS
        elif known is not None:
            accepted = targets = frozenset(known) | _SHARED
        else:
            # of an unknown class, only what no model takes, next to what every model takes
            accepted, targets = _ANY_MODEL, _EVERY_MODEL
        for arg in call.node.args:
            if arg.keyword is None or arg.keyword.value in accepted:
                continue
            keyword = arg.keyword.value
            renamed = RENAMED_MODEL_KEYWORDS.get(keyword)
            if renamed is not None and renamed in accepted:
                yield Violation(
                    self.code,
                    f"{keyword}= is no longer a parameter of the model; it was renamed {renamed}=",
                    call.node,
                    self._fix(call, arg, renamed),
                )
                continue
            meant = nearest(keyword, targets)
            if meant is not None:
                yield Violation(
                    self.code,
                    f"{keyword}= is not a parameter of the model; did you mean {meant}=?",
                    call.node,
                    self._fix(call, arg, meant),
                )
            elif known is not None and call.method == "forward":
                yield Violation(
                    self.code,
                    f"{keyword}= is not a parameter of {class_name}, "
                    f"whose **kwargs swallow it unused; remove it, or pass what it holds by the parameter meant for it",
                    call.node,
                )

    @staticmethod
    def _fix(call: ModelCall, arg: cst.Arg, meant: str) -> Optional[Fix]:
        if call.keyword(meant) is not None:
            return None
        renamed = arg.with_changes(keyword=cst.Name(meant))
        others = [a for a in call.node.args if a is not arg]
        raised = call.method == "generate" or (
            meant in MODEL_INPUTS
            and not any(a.keyword is None or a.star or a.keyword.value in MODEL_INPUTS for a in others)
        )
        # where the call ran with the keyword ignored, the fix changes what it computes (meant so)
        return Fix((Replace(arg, renamed),), safe=raised)
