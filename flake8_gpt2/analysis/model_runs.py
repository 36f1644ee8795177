"""What running a model gives: its output, logits and cache; how it was loaded; sequences grown
from its output."""
from __future__ import annotations

from typing import Optional, Union

import libcst as cst

from .. import knowledge, parameter_names
from ..facts.families import (
    DECODER_ONLY,
    ENCODER_DECODER,
    checkpoints_of,
    family_of_class,
    gives_empty_attentions_by_default,
    has_lm_head,
)
from .run_time import checkpoint_among
from .syntax import argument, code_of, first_positional, is_name, keyword, literal_int, may_pass
from .values import (
    Encoding,
    Mapping,
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
    (`return_dict=` anything but True, `*args`, `**` of anything but an encoding or a dict of
    model inputs). Its cache holds
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
            unpacked = evaluate(arg.value)
            # a dict of known keys, all model inputs, asks for no tuple nor changes the cache
            inputs = isinstance(unpacked, Mapping) and unpacked.keys <= knowledge.MODEL_INPUT_COLUMNS
            if not inputs and not isinstance(unpacked, Encoding):
                return None
            labels = None  # a collator's batch or the dict may hold labels
    if isinstance(call.func, cst.Attribute) and call.func.attr.value == knowledge.GENERATE:
        asked = keyword(call, parameter_names.RETURN_DICT_IN_GENERATE)
        if asked is None or not is_name(asked.value, "True"):
            return None
        return GenerationOutput(cache_object_class(model, call, evaluate, forward=False))
    for arg in call.args:
        name = arg.keyword.value if arg.keyword is not None else None
        if name == parameter_names.RETURN_DICT and not is_name(arg.value, "True"):
            return None
        if name == parameter_names.LABELS and not is_name(arg.value, "None"):
            labels = True
    ids = argument(call, parameter_names.INPUT_IDS, 0)
    given = evaluate(ids.value) if ids is not None else None
    batch = _padded_batch(model, call, given, evaluate)
    return ModelOutput(labels, given, batch, cache_object_class(model, call, evaluate, forward=True))


def cache_object_class(model: Model, call: cst.Call, evaluate: Evaluate, forward: bool) -> Optional[str]:
    """The class of the cache object the run surely gives its cache as (in transformers 4.57 and
    5): a `DynamicCache` for a causal LM of a decoder-only family, an `EncoderDecoderCache` for the
    LM head of an encoder-decoder family (whose forward is given no labels: BART's turn the cache
    off); where it is asked `use_cache=True`, or loaded from a hub checkpoint of its family (whose
    configuration keeps the cache on) by a call that may not set `use_cache`, with nothing since that
    may have changed its configuration; given no cache, or one a model run gave, nor a generation
    configuration. None where any of that is not known."""
    cache_class = _cache_class(model)
    if cache_class is None:
        return None
    if cache_class == knowledge.ENCODER_DECODER_CACHE and forward and _may_pass_labels(call, evaluate):
        return None
    for name in knowledge.CACHE_NAMES:
        cache = keyword(call, name)
        if cache is not None and not is_name(cache.value, "None") and not isinstance(evaluate(cache.value), ModelCache):
            return None
    if keyword(call, parameter_names.GENERATION_CONFIG) is not None:
        return None  # generate() given a configuration that may turn the cache off
    asked = keyword(call, parameter_names.USE_CACHE)
    if asked is not None:
        return cache_class if is_name(asked.value, "True") else None
    row, loaded = checkpoints_of(model.checkpoint), model.loaded
    if row is None or row.family is not family_of_class(model.architecture) or loaded is None:
        return None
    return None if may_pass(loaded.call, (parameter_names.USE_CACHE, parameter_names.CONFIG)) else cache_class


def _cache_class(model: Model) -> Optional[str]:
    architecture = model.architecture
    family = family_of_class(architecture)
    if model.custom_code or family is None or architecture is None:
        return None
    if family.kind == DECODER_ONLY and has_lm_head(architecture):
        return knowledge.DYNAMIC_CACHE
    encoder_decoder_lm = family.kind == ENCODER_DECODER and architecture == family.lm_head
    return knowledge.ENCODER_DECODER_CACHE if encoder_decoder_lm else None


def _may_pass_labels(call: cst.Call, evaluate: Evaluate) -> bool:
    """`labels=`, or `**` of anything but an encoding of a tokenizer call not given `text_target`."""
    for arg in call.args:
        if arg.star == "**":
            encoding = evaluate(arg.value)
            if not isinstance(encoding, Encoding) or encoding.tokenizer_call is None:
                return True
            if may_pass(encoding.tokenizer_call, [parameter_names.TEXT_TARGET]):
                return True
    labels = keyword(call, parameter_names.LABELS)
    return labels is not None and not is_name(labels.value, "None")


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
        return ModelCache(None, output.cache) if attribute in knowledge.CACHE_NAMES and output.cache else None
    if attribute in knowledge.CACHE_NAMES and (output.ids is not None or output.cache):
        return ModelCache(output.ids, output.cache)
    if attribute == parameter_names.LOGITS and output.batch is not None:
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
