"""GPT012: a Trainer removes every column for a model whose forward names no parameter."""
from __future__ import annotations

from typing import Iterator, Optional

import libcst as cst

from ..analysis import Analysis, argument
from ..fixes import with_keyword
from ..knowledge import TRAINERS
from ..rule import Rule
from ..values import KwargsModule, TrainingArgs, TransformersName, Value
from ..violation import Fix, Replace, Violation


class TrainerDropsWrappedInputs(Rule):
    code = "GPT012"
    name = "trainer-drops-wrapped-model-inputs"
    fix_availability = "sometimes"

    def check_call(self, call: cst.Call, callee: Value, analysis: Analysis) -> Iterator[Violation]:
        if not isinstance(callee, TransformersName) or callee.name not in TRAINERS:
            return
        model = argument(call, "model", 0)
        args = argument(call, "args", 1)
        if model is None or args is None or not isinstance(analysis.value_of(model.value), KwargsModule):
            return
        training_args = analysis.value_of(args.value)
        if not isinstance(training_args, TrainingArgs) or not training_args.removes_unused_columns:
            return
        yield Violation(
            self.code,
            "the model's forward names no parameter, so the Trainer removes every dataset column and "
            "calls it with none; keep them: TrainingArguments(..., remove_unused_columns=False)",
            call,
            self._fix(training_args),
        )

    @staticmethod
    def _fix(training_args: TrainingArgs) -> Optional[Fix]:
        kept = with_keyword(training_args.created_by, "remove_unused_columns", cst.Name("False"))
        # every column of every dataset trained with these arguments now reaches the collator
        # and the model, whatever Trainer they are given to
        return Fix((Replace(training_args.created_by, kept),), safe=False)
