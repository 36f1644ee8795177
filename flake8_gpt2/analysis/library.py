"""What calls into the libraries the analysis knows give: transformers classes and their
instances' methods, datasets, torch's DataLoader and tensor makers, accelerate, tqdm, peft."""
from __future__ import annotations

from functools import reduce
from typing import NamedTuple, Optional

import libcst as cst

from .. import knowledge, parameter_names
from ..facts import calls
from ..facts.families import checkpoints_of, family_of_tokenizer_class
from ..target import Target
from . import datasets, tensors
from .collators import data_loader, padding_collator
from .model_runs import checkpoint_name, grown_sequence, loaded_model, model_output
from .own import partial_of
from .run_time import argument_parser, checkpoint_among, environment_default, parsed_arguments
from .tokenization import (
    collated_batch,
    constructed_padding_side,
    encoded_ids,
    ids_of_tokens,
    encoding_from,
    item_of,
    ids_method,
    chat_template_result,
    padded_ids_copy,
    with_padding,
)
from .syntax import (
    argument,
    dotted_name,
    first_positional,
    is_name,
    keyword,
    literal_int,
    literal_string,
    may_pass,
    may_switch_on,
    positional,
    unpacks,
)
from .values import (
    Accelerator,
    ArgumentParser,
    Elements,
    EmbeddingLayer,
    Embeddings,
    Encoding,
    Evaluate,
    Ids,
    ModelCache,
    IdsBatch,
    KwargsModule,
    LossFunction,
    Mapping,
    MappedDataset,
    Model,
    ModelFactory,
    NumberTensor,
    OpenMapping,
    PaddedIds,
    PeftConfig,
    Text,
    TextDataset,
    Tokenizer,
    TrainingArgs,
    TransformersMethod,
    TransformersName,
    TransformersObject,
    Value,
    TextClassificationPipeline,
    TextGenerationPipeline,
    join,
)
from .values.models import LoadedModel


def instance_of(cls: TransformersName, call: cst.Call, evaluate: Evaluate, method: Optional[str] = None) -> Value:
    """What constructing a transformers class gives (or loading one: `method` is the class method)."""
    if cls.is_model_class:
        return _loaded_model(cls, call, evaluate, method == knowledge.LOADER)
    if cls.name in knowledge.TRAINING_ARGUMENTS:
        return TrainingArgs(call, removes_unused_columns=not may_pass(call, [parameter_names.REMOVE_UNUSED_COLUMNS]))
    if cls.is_tokenizer_class:
        checkpoint = checkpoint_name(call, evaluate)
        tokenizer = _loaded_tokenizer(checkpoint, cls.name, may_pass(call, knowledge.PAD_TOKEN_ATTRIBUTES))
        tokenizer.settings.padding_side = constructed_padding_side(call, checkpoint)
        asked = keyword(call, knowledge.ADD_EOS_TOKEN)
        tokenizer.asked_to_add_eos = asked is not None and is_name(asked.value, "True")
        tokenizer.gives_token_type_ids = _gives_token_type_ids(checkpoint, cls.name, call)
        row = checkpoints_of(checkpoint)
        if row is not None and not may_pass(call, knowledge.EOS_TEXT_CHANGERS):
            tokenizer.eos_text = row.eos_token
        return tokenizer
    if cls.name == knowledge.PIPELINE_FACTORY:
        return _pipeline(call, evaluate)
    if cls.name in knowledge.CACHE_CLASSES:
        return ModelCache(None, cls.name)  # an empty cache of that class, of no ids yet
    collator = calls.padding_collator(cls.name)
    if collator is not None:
        return padding_collator(collator, call, evaluate)
    return TransformersObject(cls.name, call)


def _pipeline(call: cst.Call, evaluate: Evaluate) -> TransformersObject:
    """`pipeline("text-generation", ...)`: an instance of the task's class, when the task is a literal
    the analysis knows."""
    task = argument(call, parameter_names.TASK, 0)
    known = knowledge.PIPELINE_TASKS.get(literal_string(task.value)) if task is not None else None
    if known not in (knowledge.TEXT_GENERATION_PIPELINE, knowledge.TEXT_CLASSIFICATION_PIPELINE):
        return TransformersObject(known or knowledge.PIPELINE_FACTORY, call)
    batch_size = argument(call, knowledge.BATCH_SIZE, None)
    given_size = literal_int(batch_size.value) if batch_size is not None else None
    tokenizer = _pipeline_tokenizer(call, evaluate)
    if known == knowledge.TEXT_GENERATION_PIPELINE:
        return TextGenerationPipeline(known, tokenizer, given_size)
    return TextClassificationPipeline(known, tokenizer, given_size, _pipeline_classifier(call, evaluate))


def _pipeline_classifier(call: cst.Call, evaluate: Evaluate) -> Optional[Model]:
    """The model given to a text-classification pipeline, or the sequence classifier it loads for a
    literal checkpoint name: as `from_pretrained` loads it, when the call hands it nothing else."""
    if any(arg.star for arg in call.args):
        return None
    given = argument(call, parameter_names.MODEL, 1)
    value = evaluate(given.value) if given is not None else None
    if isinstance(value, Model) or not isinstance(value, Text):
        return value if isinstance(value, Model) else None
    model = Model(knowledge.AUTO_SEQUENCE_CLASSIFIER, checkpoint_among(value))
    if not may_pass(call, knowledge.PIPELINE_CONFIG_SETTERS) and not may_switch_on(call, knowledge.REMOTE_CODE):
        model.loaded = LoadedModel(call, model.checkpoint, default_attention=False)
    return model


def _pipeline_tokenizer(call: cst.Call, evaluate: Evaluate) -> Optional[Tokenizer]:
    """The tokenizer given to the pipeline, or the one it loads for the literal checkpoint name of
    its model (as `AutoTokenizer.from_pretrained(name)` would)."""
    if any(arg.star == "*" for arg in call.args):
        return None  # which parameter each positional argument fills is not known
    given = argument(call, parameter_names.TOKENIZER, 3)
    if given is not None:
        value = evaluate(given.value)
        return value if isinstance(value, Tokenizer) else None
    if may_pass(call, [parameter_names.TOKENIZER]):
        return None
    model = argument(call, parameter_names.MODEL, 1)
    checkpoint = literal_string(model.value) if model is not None else None
    return _loaded_tokenizer(checkpoint) if checkpoint is not None else None


def _gives_token_type_ids(checkpoint: Optional[str], class_name: str, call: cst.Call) -> bool:
    """Whether the tokenizer loaded puts `token_type_ids` in what it encodes: its checkpoint's does,
    it is loaded by an Auto class or the family's own, and the call may not name other inputs."""
    row = checkpoints_of(checkpoint)
    if row is None or not row.tokenizer_gives_token_type_ids or may_pass(call, [knowledge.MODEL_INPUT_NAMES]):
        return False
    return class_name.startswith((knowledge.AUTO_PREFIX, row.family.class_prefix))


def _loaded_tokenizer(
    checkpoint: Optional[str], class_name: Optional[str] = None, pad_may_be_set: bool = False
) -> Tokenizer:
    """The tokenizer loaded from `checkpoint` (by the class `class_name`, when the code names one)."""
    family = family_of_tokenizer_class(class_name) if class_name is not None else None
    row = checkpoints_of(checkpoint)
    if family is None and row is not None and row.never_has_pad_token:
        family = row.family
    tokenizer = Tokenizer(family, pad_may_be_set=pad_may_be_set)
    tokenizer.checkpoint = checkpoint
    tokenizer.class_name = class_name
    return tokenizer


def _loaded_model(cls: TransformersName, call: cst.Call, evaluate: Evaluate, loaded: bool) -> Model:
    model = Model(cls.name, checkpoint_name(call, evaluate))
    # a configuration given or built here may ask for tuples (`return_dict=False`, `torchscript`)
    model.custom_code = may_switch_on(call, knowledge.REMOTE_CODE)
    model.returns_model_output = (
        loaded and len(positional(call)) <= 1 and not may_pass(call, knowledge.OUTPUT_FORMAT_ARGUMENTS)
    ) and not model.custom_code
    return model


def library_call(path: str, call: cst.Call, evaluate: Evaluate) -> Optional[Value]:
    """What calling a name of datasets, torch, accelerate, tqdm or peft (by its dotted path) gives."""
    result = calls.function_result(path)
    return _MADE_BY_FUNCTION[result](path, call, evaluate) if result is not None else None


def _model_and_tokenizer(path: str, call: cst.Call, evaluate: Evaluate) -> Elements:
    """unsloth's `FastLanguageModel.from_pretrained(name, ...)`: the model and the tokenizer of `name`."""
    checkpoint = checkpoint_name(call, evaluate)
    return Elements((Model(None, checkpoint), _loaded_tokenizer(checkpoint)))


def _joined_tensors(path: str, call: cst.Call, evaluate: Evaluate) -> Optional[Value]:
    first = first_positional(call)
    if first is None:
        return None
    return _joined_embeddings(first, evaluate) or grown_sequence(path, call, evaluate)


def _parallel_wrapper(path: str, call: cst.Call, evaluate: Evaluate) -> Optional[Value]:
    first = first_positional(call)
    return KwargsModule(inner=evaluate(first)) if first is not None else None


def _first_argument(path: str, call: cst.Call, evaluate: Evaluate) -> Optional[Value]:
    """What the first argument is (iterating `tqdm(x)` gives what iterating x gives)."""
    first = first_positional(call)
    return evaluate(first) if first is not None else None


def _peft_config(path: str, call: cst.Call, evaluate: Evaluate) -> Value:
    task = argument(call, "task_type")
    return PeftConfig(task is not None and _names_causal_lm_task(task.value))


def _given_model(call: cst.Call, evaluate: Evaluate) -> Optional[Model]:
    first = first_positional(call)
    if first is None or unpacks(call):
        return None
    model = evaluate(first)
    return model if isinstance(model, Model) else None


def _same_model(path: str, call: cst.Call, evaluate: Evaluate) -> Optional[Value]:
    """`torch.compile(model)`: the model it is given, with the same forward."""
    return _given_model(call, evaluate)


def _peft_model(path: str, call: cst.Call, evaluate: Evaluate) -> Optional[Value]:
    """peft's wrappers of the model they are given: a causal-LM PEFT model when the wrapper or its
    configuration's task type says so."""
    model = _given_model(call, evaluate)
    if model is None:
        return None
    wrapper = knowledge.PEFT_WRAPPING_CALLS[path]
    if wrapper is None:
        config = argument(call, "peft_config", 1)
        config_value = evaluate(config.value) if config is not None else None
        causal = isinstance(config_value, PeftConfig) and config_value.causal_lm
        wrapper = knowledge.PEFT_CAUSAL_LM if causal else knowledge.PEFT_MODEL
    return model.wrapped_in(wrapper)


def _peft_auto_model(path: str, call: cst.Call, evaluate: Evaluate) -> Value:
    return Model().wrapped_in(knowledge.PEFT_AUTO_CLASSES[path])


def _names_causal_lm_task(node: cst.BaseExpression) -> bool:
    """`"CAUSAL_LM"` or `TaskType.CAUSAL_LM`."""
    name = literal_string(node) or dotted_name(node) or ""
    return name.rsplit(".", 1)[-1] == knowledge.PEFT_CAUSAL_LM_TASK


def _joined_embeddings(tensors: cst.BaseExpression, evaluate: Evaluate) -> Optional[Value]:
    """`torch.cat([prefix, embeddings], dim=1)`: embeddings, when one of the tensors is and none is
    known to be anything else."""
    if not isinstance(tensors, (cst.List, cst.Tuple)):
        return None
    values = [evaluate(e.value) if isinstance(e, cst.Element) else False for e in tensors.elements]
    if any(isinstance(v, Embeddings) for v in values) and all(v is None or isinstance(v, Embeddings) for v in values):
        return Embeddings()
    return None


class At(NamedTuple):
    """Where a method is called: how to evaluate its arguments, its scope (for the values that
    remember where they were made) and the target the code runs on."""

    evaluate: Evaluate
    scope: object
    target: Target


def kind_of(value: Value) -> Optional[str]:
    """The kind of receiver the method rows of facts/calls.py name, for the values that have one."""
    if isinstance(value, TransformersObject):
        return "padding collator" if value.class_name in knowledge.PADDING_COLLATORS else None
    if isinstance(value, (TextDataset, MappedDataset)):
        return "dataset dict" if value.is_dict else "dataset"
    if isinstance(value, Text):
        return None if value.is_batch else "text"
    return _KINDS.get(type(value))


def method_result(receiver: Value, method: str, call: cst.Call, at: At) -> Optional[Value]:
    """What `receiver.method(...)` gives, for the kinds of receiver the analysis knows."""
    kind = kind_of(receiver)
    result = calls.method_result(kind, method) if kind is not None else None
    if result is None:
        return None
    if result == calls.SAME:
        return receiver
    return _MADE_BY_METHOD[result](receiver, method, call, at)


def _instance(cls: TransformersName, method: str, call: cst.Call, at: At) -> Value:
    made = instance_of(cls, call, at.evaluate, method)
    if isinstance(made, Model) and method in (knowledge.LOADER, knowledge.ENCODER_DECODER_LOADER):
        made.loaded = loaded_model(made, call, at.evaluate)
    return made


def called_method(bound: TransformersMethod, call: cst.Call, at: At) -> Optional[Value]:
    """What a call of a class method held as a value gives: what the call written out gives, for
    each class it may be bound to, where they all agree."""
    results = (method_result(TransformersName(name), bound.method, call, at) for name in bound.names)
    return reduce(join, results)


def _unwrapped(accelerator: Accelerator, method: str, call: cst.Call, at: At) -> Optional[Value]:
    """`accelerator.unwrap_model(m)`: the model inside DataParallel and `torch.compile` (a PEFT
    model stays one)."""
    first = first_positional(call)
    model = at.evaluate(first) if first is not None else None
    if isinstance(model, KwargsModule):
        model = model.inner
    return model if isinstance(model, Model) else None


def _item_of_encoding(encoding: Encoding, method: str, call: cst.Call, at: At) -> Optional[Value]:
    """`encoding.get("input_ids")`, as `encoding["input_ids"]`."""
    key = first_positional(call)
    return item_of(encoding, literal_string(key)) if key is not None else None


_KINDS = {
    TransformersName: "transformers class",
    ModelFactory: "configured model class",
    Tokenizer: "tokenizer",
    Model: "model",
    Accelerator: "accelerator",
    EmbeddingLayer: "embedding layer",
    Embeddings: "embeddings",
    Encoding: "encoding",
    PaddedIds: "padded ids",
    IdsBatch: "ids",
    Ids: "ids",
    ArgumentParser: "argument parser",
    NumberTensor: "number tensor",
    Mapping: "dict",
    OpenMapping: "dict",
}

_MADE_BY_METHOD = {
    "converted tensor": lambda tensor, method, call, at: tensors.converted(tensor, method, call, at.evaluate),
    "instance": _instance,
    "model": lambda factory, method, call, at: Model(),
    "encoding": lambda tokenizer, method, call, at: with_padding(
        encoding_from(call, tokenizer, at.scope, at.evaluate), tokenizer, call, at.evaluate
    ),
    "ids of one text": lambda tokenizer, method, call, at: encoded_ids(call, at.evaluate, at.scope),
    "ids of tokens": lambda tokenizer, method, call, at: ids_of_tokens(call, at.evaluate, at.scope),
    "chat template result": lambda tokenizer, method, call, at: chat_template_result(
        tokenizer, call, at.target.chat_template_returns_dict, at.scope
    ),
    "collated batch": lambda collator, method, call, at: collated_batch(),
    "dataset splits": lambda dataset, method, call, at: dataset.split(is_dict=True),
    "mapped dataset": datasets.mapped,
    "dataset without columns": datasets.without_columns,
    "model output": lambda model, method, call, at: model_output(model, call, at.evaluate),
    "model inside": lambda model, method, call, at: model.base,
    "unwrapped model": _unwrapped,
    "embeddings": lambda layer, method, call, at: Embeddings(),
    "padded ids copy": lambda ids, method, call, at: padded_ids_copy(ids, method, call, at.evaluate),
    "ids method": lambda ids, method, call, at: ids_method(ids, method, call),
    "text": lambda receiver, method, call, at: Text(),
    "texts": lambda receiver, method, call, at: Text.batch("list"),
    "item of encoding": _item_of_encoding,
    "parsed arguments": parsed_arguments,
    "copy": lambda mapping, method, call, at: mapping.copy(),
}

_MADE_BY_FUNCTION = {
    "text dataset": datasets.loaded_text_dataset,
    "dataset dict": datasets.dataset_dict,
    "data loader": data_loader,
    "ids tensor": tensors.ids_tensor,
    "ones": tensors.ones,
    "joined tensors": _joined_tensors,
    "parallel wrapper": _parallel_wrapper,
    "accelerator": lambda path, call, evaluate: Accelerator(),
    "same model": _same_model,
    "peft model": _peft_model,
    "peft auto model": _peft_auto_model,
    "peft config": _peft_config,
    "first argument": _first_argument,
    "argument parser": argument_parser,
    "loss function": lambda path, call, evaluate: LossFunction(call),
    "environment default": environment_default,
    "model and tokenizer": _model_and_tokenizer,
    calls.PARTIAL: partial_of,
    calls.THREAD: lambda path, call, evaluate: None,  # what it runs is a call view (analysis/calls.py)
}
