"""What running a model gives: its output, logits and cache; how it was loaded; sequences grown
from its output."""
from __future__ import annotations

from typing import Optional, Union

import libcst as cst

from .. import knowledge
from ..facts.families import (
    DECODER_ONLY,
    checkpoints_of,
    family_of_class,
    gives_empty_attentions_by_default,
    has_lm_head,
)
from .run_time import checkpoint_among
from .syntax import argument, code_of, first_positional, is_name, keyword, literal_int, may_pass
from .values import (
    Encoding,
    Evaluate,
    GenerationOutput,
    GrownSequence,
    LoadedModel,
    Logits,
    Model,
    ModelCache,
    ModelOutput,
    PaddedIds,
    Text,
    Value,
)


def loaded_model(model: Model, call: cst.Call, evaluate: Evaluate) -> LoadedModel:
    """How `from_pretrained` loaded a model: with the default attention when the call names none
    (nor passes a config that may) and the family's default is known to give no attention weights."""
    checkpoint = checkpoint_name(call, evaluate)
    empty = gives_empty_attentions_by_default(model.class_name, checkpoint)
    return LoadedModel(call, checkpoint, default_attention=empty and not may_pass(call, knowledge.ATTENTION_CHOOSERS))


def model_output(model: Model, call: cst.Call, evaluate: Evaluate) -> Optional[Value]:
    """`model(ids, ...)`: a `ModelOutput` unless the model or the call may ask for a tuple
    (`return_dict=` anything but True, `*args`, `**` of anything but an encoding). Its cache holds
    the keys and values of `ids`; for a language-model head, its logits are computed on the padded
    batch it was given (one row per text, one position per token). `model.generate(...)` gives a
    `GenerationOutput` when asked `return_dict_in_generate=True`, else nothing known."""
    if not model.returns_model_output:
        return None
    labels: Optional[bool] = False
    for arg in call.args:
        if arg.star == "*":
            return None
        if arg.star == "**":
            if not isinstance(evaluate(arg.value), Encoding):
                return None
            labels = None  # a collator's batch may hold labels
    if isinstance(call.func, cst.Attribute) and call.func.attr.value == knowledge.GENERATE:
        asked = keyword(call, knowledge.RETURN_DICT_IN_GENERATE)
        if asked is None or not is_name(asked.value, "True"):
            return None
        return GenerationOutput(returns_cache_object(model, call, evaluate))
    for arg in call.args:
        name = arg.keyword.value if arg.keyword is not None else None
        if name == "return_dict" and not is_name(arg.value, "True"):
            return None
        if name == "labels" and not is_name(arg.value, "None"):
            labels = True
    ids = argument(call, "input_ids", 0)
    given = evaluate(ids.value) if ids is not None else None
    batch = _padded_batch(model, call, given, evaluate)
    return ModelOutput(labels, given, batch, returns_cache_object(model, call, evaluate))


def returns_cache_object(model: Model, call: cst.Call, evaluate: Evaluate) -> bool:
    """Whether the run surely gives its cache as a cache object (a `DynamicCache`, in transformers
    4.57 and 5): a causal LM of a decoder-only family, asked `use_cache=True`, or loaded from a hub
    checkpoint of its family (whose configuration keeps the cache on) by a call that may not set
    `use_cache`, with nothing since that may have changed its configuration; given no cache, or
    one a model run gave, nor a generation configuration."""
    architecture = model.architecture
    family = family_of_class(architecture)
    if model.custom_code or family is None or family.kind != DECODER_ONLY or not has_lm_head(architecture or ""):
        return False
    for name in knowledge.CACHE_NAMES:
        cache = keyword(call, name)
        if cache is not None and not is_name(cache.value, "None") and not isinstance(evaluate(cache.value), ModelCache):
            return False
    if keyword(call, knowledge.GENERATION_CONFIG) is not None:
        return False  # generate() given a configuration that may turn the cache off
    asked = keyword(call, knowledge.USE_CACHE)
    if asked is not None:
        return is_name(asked.value, "True")
    row, loaded = checkpoints_of(model.checkpoint), model.loaded
    if row is None or row.family is not family or loaded is None:
        return False
    return not may_pass(loaded.call, (knowledge.USE_CACHE, "config"))


def _padded_batch(model: Model, call: cst.Call, given: Optional[Value], evaluate: Evaluate) -> Optional[Encoding]:
    """The padded batch a language-model head's logits are computed on, when it is known."""
    if model.class_name is None or not has_lm_head(model.class_name):
        return None
    if isinstance(given, PaddedIds):
        return given.encoding
    for arg in call.args:
        batch = evaluate(arg.value) if arg.star == "**" else None
        if isinstance(batch, Encoding) and batch.padding is not None:
            return batch
    return None


def output_attribute(output: Union[ModelOutput, GenerationOutput], attribute: str) -> Optional[Value]:
    if isinstance(output, GenerationOutput):
        # the cache holds the keys and values of the prompt and of all but the last token generated
        return ModelCache(None, is_object=True) if attribute in knowledge.CACHE_NAMES and output.cache else None
    if attribute in knowledge.CACHE_NAMES and (output.ids is not None or output.cache):
        return ModelCache(output.ids, output.cache)
    if attribute == "logits" and output.batch is not None:
        return Logits(output.batch)
    return None


def grown_sequence(path: str, call: cst.Call, evaluate: Evaluate) -> Optional[Value]:
    """`torch.cat([ids, new], dim=-1)` (or `dim=1`, or `(ids, new), -1`) of known ids: ids grown at
    the end."""
    tensors = first_positional(call)
    dim = argument(call, "dim", 1)
    if path not in knowledge.SEQUENCE_JOINERS or not isinstance(tensors, (cst.List, cst.Tuple)) or dim is None:
        return None
    last_dimension = isinstance(dim.value, cst.UnaryOperation) and code_of(dim.value) == "-1"
    if not (last_dimension or literal_int(dim.value) == 1) or len(tensors.elements) != 2:
        return None
    if any(isinstance(element, cst.StarredElement) for element in tensors.elements):
        return None
    base, added = (element.value for element in tensors.elements)
    known = evaluate(base)
    return GrownSequence(known, added) if known is not None else None


def checkpoint_name(call: cst.Call, evaluate: Evaluate) -> Optional[str]:
    given = checkpoint_argument(call)
    value = evaluate(given) if given is not None else None
    return checkpoint_among(value) if isinstance(value, Text) else None


def checkpoint_argument(call: cst.Call) -> Optional[cst.BaseExpression]:
    """What `from_pretrained` is given as its checkpoint."""
    for arg in call.args:
        if arg.star:
            continue
        if arg.keyword is None or arg.keyword.value == "pretrained_model_name_or_path":
            return arg.value
    return None
