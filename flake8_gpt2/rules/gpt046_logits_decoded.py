"""GPT046: the logits a Trainer predicts decoded as if they were token ids, in `compute_metrics`."""
from __future__ import annotations

from typing import Iterator, Optional

import libcst as cst

from ..analysis import RuleContext
from ..analysis.calls import DecodeCall
from ..analysis.syntax import keyword
from ..analysis.values import PredictedLogits
from ..fixes import with_keyword
from ..rule import FixAvailability, Rule
from ..violation import Fix, Replace, Violation
from .. import knowledge


class LogitsDecoded(Rule):
    code = "GPT046"
    name = "logits-decoded"
    title = "logits a Trainer predicts decoded as token ids"
    fix_availability = FixAvailability.SOMETIMES
    fix_summary = "unsafe"

    def check_decode_call(self, call: DecodeCall, context: RuleContext) -> Iterator[Violation]:
        logits = call.ids_value
        if not isinstance(logits, PredictedLogits):
            return
        shown = context.short_code_of(call.ids) or "the predictions"
        if logits.arguments is not None:
            why = f"its {knowledge.PREDICT_WITH_GENERATE} is not True"
            advice = f"set {knowledge.PREDICT_WITH_GENERATE}=True in the Seq2SeqTrainingArguments to get generated ids"
        else:
            why = "a Trainer does not generate"
            generating = f"{knowledge.SEQ2SEQ_TRAINER} with {knowledge.PREDICT_WITH_GENERATE}=True"
            advice = f"use a {generating}, or argmax them first"
        yield Violation(
            self.code,
            f"{shown} holds the model's logits, not token ids ({why}): decoding raises TypeError; {advice}",
            call.node,
            _fix(logits.arguments),
        )


def _fix(arguments: Optional[cst.Call]) -> Optional[Fix]:
    if arguments is None:
        return None
    given = keyword(arguments, knowledge.PREDICT_WITH_GENERATE)
    true = cst.Name("True")
    edit = Replace(given.value, true) if given is not None else Replace(
        arguments, with_keyword(arguments, knowledge.PREDICT_WITH_GENERATE, true)
    )
    # evaluation then generates: slower, and its predictions are new ids, which the metrics now read
    return Fix((edit,), safe=False, sound_in_any_walk=True)
