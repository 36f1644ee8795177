"""GPT012: a Trainer removes every column for a model whose forward names no parameter."""
from __future__ import annotations

from typing import Iterator, Optional

import libcst as cst

from ..analysis import RuleContext
from ..analysis.calls import TrainerCall
from ..analysis.values import KwargsModule, TrainingArgs
from ..fixes import with_keyword
from ..parameter_names import ARGS, MODEL, REMOVE_UNUSED_COLUMNS
from ..rule import FixAvailability, Rule
from ..violation import Fix, Replace, Violation


class TrainerDropsWrappedInputs(Rule):
    code = "GPT012"
    name = "trainer-drops-wrapped-model-inputs"
    title = "Trainer drops every input of a model whose forward names none"
    fix_availability = FixAvailability.SOMETIMES
    fix_summary = "unsafe"

    def check_trainer_call(self, call: TrainerCall, context: RuleContext) -> Iterator[Violation]:
        model = call.argument(MODEL, 0)
        args = call.argument(ARGS, 1)
        if model is None or args is None or not isinstance(context.value_of(model.value), KwargsModule):
            return
        training_args = context.value_of(args.value)
        if not isinstance(training_args, TrainingArgs) or not training_args.removes_unused_columns:
            return
        yield Violation(
            self.code,
            "the model's forward names no parameter, so the Trainer removes every dataset column and "
            "calls it with none; keep them: TrainingArguments(..., remove_unused_columns=False)",
            call.node,
            self._fix(training_args),
        )

    @staticmethod
    def _fix(training_args: TrainingArgs) -> Optional[Fix]:
        kept = with_keyword(training_args.call, REMOVE_UNUSED_COLUMNS, cst.Name("False"))
        # every column of every dataset trained with these arguments now reaches the collator
        # and the model, whatever Trainer they are given to
        return Fix((Replace(training_args.call, kept),), safe=False)
