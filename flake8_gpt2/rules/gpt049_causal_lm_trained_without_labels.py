"""GPT049: a Trainer given a causal LM and a tokenized dataset without labels, with a collator that
adds none, so the model returns no loss."""
from __future__ import annotations

from typing import Iterator

from ..analysis import RuleContext
from ..analysis.calls import TrainerCall
from ..analysis.predicates import trained_causal_lm, trained_without_labels
from ..knowledge import LM_COLLATOR
from ..rule import Rule
from ..violation import Violation


class CausalLmTrainedWithoutLabels(Rule):
    code = "GPT049"
    name = "causal-lm-trained-without-labels"
    title = "causal LM given to a Trainer with a dataset and a collator that give no labels"

    def check_trainer_call(self, call: TrainerCall, context: RuleContext) -> Iterator[Violation]:
        model = trained_causal_lm(call, context.value_of)
        columns = trained_without_labels(call, context.value_of) if model is not None else None
        if model is None or columns is None:
            return
        yield Violation(
            self.code,
            f"train_dataset has no labels (its columns are among: {', '.join(sorted(columns))}) and the "
            f"collator adds none, so {model.class_name} returns no loss and train() raises ValueError; "
            f"make the labels from the ids: data_collator={LM_COLLATOR}(tokenizer, mlm=False)",
            call.node,
        )
