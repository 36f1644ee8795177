"""Questions about the classified calls that more than one rule asks: one answer for all of them,
so no rule imports another."""
from __future__ import annotations

from typing import Iterable, Optional

import libcst as cst

from ..facts.families import has_lm_head, is_sequence_classifier
from ..knowledge import LM_COLLATOR, PADDING_VALUES
from .calls import CollatorCall, ModelCall, TokenizerCall
from .syntax import is_name, literal_string, may_pass, positional
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
