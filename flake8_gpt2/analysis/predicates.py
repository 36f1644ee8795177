"""Questions about the classified calls that more than one rule asks: one answer for all of them,
so no rule imports another."""
from __future__ import annotations

from typing import Callable, FrozenSet, Iterable, Optional, Tuple

import libcst as cst

from ..facts.families import has_lm_head, has_seq2seq_lm_head, is_sequence_classifier
from ..facts.calls import callback_slot
from ..knowledge import LABELS, LM_COLLATOR, PADDING_COLLATORS, PADDING_VALUES, TRAINER_DATASET_SLOTS
from .calls import CollatorCall, ModelCall, TokenizerCall, TrainerCall
from .syntax import is_name, literal_string, may_pass, positional
from .tokenization import item_of
from .values import Encoding, Evaluate, MappedDataset, TransformersObject, Value
from .values.models import LoadedModel


def asks_to_pad(call: TokenizerCall) -> bool:
    """`tokenizer.pad(...)`, or an encoding call given `padding=True` (or a padding strategy)."""
    if call.method == "pad":
        return True
    padding = call.keyword("padding")
    if padding is None:
        return False
    value = padding.value
    if isinstance(value, cst.Name):
        return value.value == "True"
    return literal_string(value) in PADDING_VALUES


def makes_causal_lm_labels(call: CollatorCall) -> bool:
    """`DataCollatorForLanguageModeling(..., mlm=False)`: labels are the ids, pads set to -100."""
    mlm = call.argument("mlm", 1)
    return call.class_name == LM_COLLATOR and mlm is not None and is_name(mlm.value, "False")


def language_model_labels(call: ModelCall) -> Optional[cst.Arg]:
    """The `labels=` of a forward call of a language-model head, which shifts them itself."""
    class_name = call.model.class_name
    if call.method != "forward" or class_name is None or not has_lm_head(class_name):
        return None
    return call.passes("labels")


def token_labels(call: ModelCall, evaluate: Evaluate) -> Optional[Tuple[cst.Arg, Optional[Value]]]:
    """The labels given to a forward call of a head that scores each label token but -100 (a
    language-model head, or an encoder-decoder's: `T5ForConditionalGeneration`,
    `AutoModelForSeq2SeqLM`), and what they hold: `labels=`, or `**enc` of an encoding that holds the
    ids of targets (`tokenizer(texts, text_target=targets)`)."""
    class_name = call.model.class_name
    if call.method != "forward" or class_name is None:
        return None
    if not has_lm_head(class_name) and not has_seq2seq_lm_head(class_name):
        return None
    given = call.passes("labels")
    if given is not None or call.keyword("labels") is not None:
        return (given, evaluate(given.value)) if given is not None else None
    for arg in call.node.args:
        encoding = evaluate(arg.value) if arg.star == "**" else None
        labels = item_of(encoding, LABELS) if isinstance(encoding, Encoding) else None
        if labels is not None:
            return arg, labels
    return None


def classifier_as_loaded(call: ModelCall, config_setters: Iterable[str]) -> Optional[LoadedModel]:
    """How the sequence classifier a forward call runs was loaded, when its config is still what the
    checkpoint's and `from_pretrained`'s keywords made it: no positional config, none of
    `config_setters` passed (nor `**`), nothing changed since, no custom code."""
    model = call.model
    loaded = model.loaded  # None once anything may have changed its config
    if call.method != "forward" or not is_sequence_classifier(model.architecture) or model.custom_code:
        return None
    if loaded is None or len(positional(loaded.call)) > 1 or may_pass(loaded.call, config_setters):
        return None
    return loaded


# dataset columns the default collator (or a padding one) hands the model as labels or decoder inputs
_LABEL_COLUMNS = frozenset({"labels", "label", "label_ids", "decoder_input_ids", "decoder_inputs_embeds"})
# the collators that give the model no column the dataset lacks (the causal-LM one makes labels)
_FEEDING_NOTHING_NEW = PADDING_COLLATORS - {LM_COLLATOR}


def trained_without_labels(
    call: TrainerCall, evaluate: Callable[[cst.BaseExpression], Optional[Value]]
) -> Optional[FrozenSet[str]]:
    """The columns a Trainer's train_dataset may hold, where none of them is labels (or decoder
    inputs) and its collator, the default one or a padding collator of transformers, adds none."""
    dataset = call.argument("train_dataset", TRAINER_DATASET_SLOTS["train_dataset"])
    columns = evaluate(dataset.value) if dataset is not None else None
    if not isinstance(columns, MappedDataset) or columns.is_dict or columns.columns & _LABEL_COLUMNS:
        return None
    given = call.argument(*callback_slot("trainer"))
    collator = evaluate(given.value) if given is not None else None
    feeds_nothing_new = isinstance(collator, TransformersObject) and collator.class_name in _FEEDING_NOTHING_NEW
    return columns.columns if given is None or feeds_nothing_new else None
