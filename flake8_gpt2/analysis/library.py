"""What calls into the libraries the analysis knows give: transformers classes and their
instances' methods, datasets, torch's DataLoader and tensor makers, accelerate, tqdm, peft."""
from __future__ import annotations

from typing import Optional

import libcst as cst

from .. import knowledge
from ..facts.families import EVERY_VERSION, checkpoints_of, family_of_tokenizer_class
from .model_runs import checkpoint_name, grown_sequence, loaded_model, model_output
from .own import batch_of, default_collated
from .tokenization import (
    collated_batch,
    constructed_padding_side,
    encoded_ids,
    encoding_from,
    ids_method,
    padded_ids_method,
    with_padding,
)
from .syntax import (
    argument,
    dotted_name,
    first_positional,
    is_name,
    keyword,
    literal_int,
    literal_keys,
    literal_string,
    may_pass,
    positional,
    unpacks,
)
from .values import (
    Accelerator,
    DataLoader,
    EmbeddingLayer,
    Embeddings,
    Encoding,
    Evaluate,
    Ids,
    IdsBatch,
    KwargsModule,
    Mapping,
    Model,
    ModelFactory,
    PaddedIds,
    PeftConfig,
    Text,
    TextDataset,
    Tokenizer,
    TrainingArgs,
    TransformersName,
    TransformersObject,
    Value,
    TextGenerationPipeline,
)


def instance_of(cls: TransformersName, call: cst.Call, evaluate: Evaluate) -> Value:
    """What constructing (or loading) a transformers class gives."""
    if cls.is_model_class:
        return _loaded_model(cls, call, evaluate)
    if cls.name in knowledge.TRAINING_ARGUMENTS:
        return TrainingArgs(call, removes_unused_columns=not may_pass(call, ["remove_unused_columns"]))
    if cls.is_tokenizer_class:
        checkpoint = checkpoint_name(call, evaluate)
        tokenizer = _loaded_tokenizer(checkpoint, cls.name, may_pass(call, knowledge.PAD_TOKEN_ATTRIBUTES))
        tokenizer.settings.padding_side = constructed_padding_side(call, checkpoint)
        asked = keyword(call, knowledge.ADD_EOS_TOKEN)
        tokenizer.asked_to_add_eos = asked is not None and is_name(asked.value, "True")
        return tokenizer
    if cls.name == knowledge.PIPELINE_FACTORY:
        return _pipeline(call, evaluate)
    return TransformersObject(cls.name)


def _pipeline(call: cst.Call, evaluate: Evaluate) -> TransformersObject:
    """`pipeline("text-generation", ...)`: an instance of the task's class, when the task is a literal
    the analysis knows."""
    task = argument(call, "task", 0)
    known = knowledge.PIPELINE_TASKS.get(literal_string(task.value)) if task is not None else None
    if known != knowledge.TEXT_GENERATION_PIPELINE:
        return TransformersObject(known or knowledge.PIPELINE_FACTORY)
    batch_size = argument(call, "batch_size", None)
    given_size = literal_int(batch_size.value) if batch_size is not None else None
    return TextGenerationPipeline(known, _pipeline_tokenizer(call, evaluate), given_size)


def _pipeline_tokenizer(call: cst.Call, evaluate: Evaluate) -> Optional[Tokenizer]:
    """The tokenizer given to the pipeline, or the one it loads for the literal checkpoint name of
    its model (as `AutoTokenizer.from_pretrained(name)` would)."""
    if any(arg.star == "*" for arg in call.args):
        return None  # which parameter each positional argument fills is not known
    given = argument(call, "tokenizer", 3)
    if given is not None:
        value = evaluate(given.value)
        return value if isinstance(value, Tokenizer) else None
    if may_pass(call, ["tokenizer"]):
        return None
    model = argument(call, "model", 1)
    checkpoint = literal_string(model.value) if model is not None else None
    return _loaded_tokenizer(checkpoint) if checkpoint is not None else None


def _loaded_tokenizer(
    checkpoint: Optional[str], class_name: Optional[str] = None, pad_may_be_set: bool = False
) -> Tokenizer:
    """The tokenizer loaded from `checkpoint` (by the class `class_name`, when the code names one)."""
    family = family_of_tokenizer_class(class_name) if class_name is not None else None
    row = checkpoints_of(checkpoint)
    if family is None and row is not None and row.no_pad_token_before == EVERY_VERSION:
        family = row.family
    tokenizer = Tokenizer(family, pad_may_be_set=pad_may_be_set)
    tokenizer.checkpoint = checkpoint
    return tokenizer


def _loaded_model(cls: TransformersName, call: cst.Call, evaluate: Evaluate) -> Model:
    model = Model(cls.name, checkpoint_name(call, evaluate))
    # a configuration given or built here may ask for tuples (`return_dict=False`, `torchscript`)
    loaded = isinstance(call.func, cst.Attribute) and call.func.attr.value == knowledge.LOADER
    model.returns_model_output = (
        loaded and len(positional(call)) <= 1 and not may_pass(call, knowledge.OUTPUT_FORMAT_ARGUMENTS)
    )
    model.custom_code = may_pass(call, [knowledge.REMOTE_CODE])
    return model


def library_call(path: str, call: cst.Call, evaluate: Evaluate) -> Optional[Value]:
    """What calling a name of datasets, torch, accelerate or tqdm (by its dotted path) gives."""
    if path in knowledge.LOAD_DATASET:
        return _loaded_text_dataset(call)
    first = first_positional(call)
    if path in knowledge.DATA_LOADER:
        return _data_loader(call, evaluate(first) if first is not None else None, evaluate)
    if path in knowledge.TENSOR_MAKERS and first is not None:
        ids = evaluate(first)
        if isinstance(ids, Ids) and ids.is_list and ids.source is None:
            return Ids(is_list=False, tokenizer_call=ids.tokenizer_call, source=None, scope=ids.scope)
    if path in knowledge.TENSOR_JOINERS and first is not None:
        return _joined_embeddings(first, evaluate) or grown_sequence(path, call, evaluate)
    if path in knowledge.PARALLEL_WRAPPERS and first is not None:
        return KwargsModule(inner=evaluate(first))
    if path == knowledge.ACCELERATOR:
        return Accelerator()
    wrapped = wrapped_model(path, call, evaluate)
    if wrapped is not None:
        return wrapped
    if path in knowledge.PROGRESS_BARS and first is not None:
        return evaluate(first)  # iterating tqdm(x) gives what iterating x gives
    return None


def wrapped_model(path: str, call: cst.Call, evaluate: Evaluate) -> Optional[Value]:
    """What peft, `torch.compile` and accelerate's wrappers give: the model they are given (or load),
    wrapped; a PEFT configuration."""
    if path.startswith("peft.") and path.endswith("Config"):
        task = argument(call, "task_type")
        return PeftConfig(task is not None and _names_causal_lm_task(task.value))
    if path in knowledge.PEFT_AUTO_CLASSES:
        return Model().wrapped_in(knowledge.PEFT_AUTO_CLASSES[path])
    first = first_positional(call)
    if first is None or unpacks(call):
        return None
    model = evaluate(first)
    if not isinstance(model, Model):
        return None
    if path in knowledge.SAME_MODEL_CALLS:
        return model
    if path not in knowledge.PEFT_WRAPPING_CALLS:
        return None
    wrapper = knowledge.PEFT_WRAPPING_CALLS[path]
    if wrapper is None:
        config = argument(call, "peft_config", 1)
        config_value = evaluate(config.value) if config is not None else None
        causal = isinstance(config_value, PeftConfig) and config_value.causal_lm
        wrapper = knowledge.PEFT_CAUSAL_LM if causal else knowledge.PEFT_MODEL
    return model.wrapped_in(wrapper)


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


def _data_loader(call: cst.Call, dataset: Optional[Value], evaluate: Evaluate) -> DataLoader:
    collate = argument(call, "collate_fn", 4)
    if collate is None and isinstance(dataset, TextDataset) and not dataset.is_dict:
        return DataLoader(Mapping(dataset.columns))
    if collate is None and not unpacks(call):
        return DataLoader(default_collated(dataset))
    collator = evaluate(collate.value) if collate is not None else None
    if isinstance(collator, TransformersObject) and collator.class_name in knowledge.PADDING_COLLATORS:
        return DataLoader(collated_batch())
    return DataLoader(batch_of(collator))


def _loaded_text_dataset(call: cst.Call) -> Optional[Value]:
    """`load_dataset("text", ...)`: one column, `text` (a dict of splits unless `split=`)."""
    first = first_positional(call)
    if first is None or literal_string(first) != "text" or unpacks(call):
        return None
    return TextDataset(frozenset({"text"}), is_dict=not may_pass(call, ["split"]))


def constructed_text_dataset(call: cst.Call, method: str) -> Optional[Value]:
    """`Dataset.from_dict({"text": ...})` / `Dataset.from_list([{"text": ...}, ...])` with literal
    column names, none of them a model input."""
    data = first_positional(call)
    if method not in knowledge.DATASET_CONSTRUCTORS or data is None:
        return None
    if method == "from_dict":
        rows = [data]
    elif isinstance(data, cst.List):
        rows = [element.value for element in data.elements if isinstance(element, cst.Element)]
    else:
        return None
    columns: set = set()
    for row in rows:
        keys = literal_keys(row)
        if not keys or keys & knowledge.MODEL_INPUT_COLUMNS:
            return None
        columns |= keys
    return TextDataset(frozenset(columns)) if columns else None


def method_result(receiver: Value, method: str, call: cst.Call, evaluate: Evaluate, scope: object) -> Optional[Value]:
    """What `receiver.method(...)` gives, for the kinds of receiver the analysis knows; `scope` is
    where the call is, for the values that remember where they were made."""
    if isinstance(receiver, TransformersName) and method in knowledge.CONSTRUCTORS:
        made = instance_of(receiver, call, evaluate)
        if isinstance(made, Model) and method == "from_pretrained":
            made.loaded = loaded_model(made, call, evaluate)
        return made
    if isinstance(receiver, ModelFactory) and method in knowledge.CONSTRUCTORS:
        return Model()
    if isinstance(receiver, Tokenizer):
        if method in knowledge.TOKENIZER_ENCODING_METHODS:
            return with_padding(encoding_from(call, scope, evaluate), receiver, call, evaluate)
        if method == "encode":
            return encoded_ids(call, evaluate, scope)
        return None
    if isinstance(receiver, TransformersObject):
        calls_collator = receiver.class_name in knowledge.PADDING_COLLATORS and method == "__call__"
        return collated_batch() if calls_collator else None
    if isinstance(receiver, TextDataset):
        return _dataset_method(receiver, method)
    if isinstance(receiver, Model) and method == "forward":
        return model_output(receiver, call, evaluate)
    if isinstance(receiver, Model):
        return _model_method(receiver, method)
    if isinstance(receiver, Accelerator) and method == knowledge.ACCELERATOR_UNWRAP:
        return _unwrapped(call, evaluate)
    if isinstance(receiver, EmbeddingLayer):
        return Embeddings() if method in ("forward", "__call__") else None
    if isinstance(receiver, Embeddings):
        return receiver if method in knowledge.SAME_TENSOR_METHODS else None
    if isinstance(receiver, Encoding):
        return receiver if method in knowledge.ENCODING_SAME_METHODS else None
    if isinstance(receiver, PaddedIds):
        return padded_ids_method(receiver, method, call, evaluate)
    if isinstance(receiver, (IdsBatch, Ids)):
        return ids_method(receiver, method, call)
    if isinstance(receiver, Text) and not receiver.is_batch:
        return Text() if method in knowledge.STR_METHODS_RETURNING_TEXT else None
    return None


def _unwrapped(call: cst.Call, evaluate: Evaluate) -> Optional[Value]:
    """`accelerator.unwrap_model(m)`: the model inside DataParallel and `torch.compile` (a PEFT
    model stays one)."""
    first = first_positional(call)
    model = evaluate(first) if first is not None else None
    if isinstance(model, KwargsModule):
        model = model.inner
    return model if isinstance(model, Model) else None


def _model_method(model: Model, method: str) -> Optional[Value]:
    if method in knowledge.MODEL_SAME_METHODS:
        return model
    if method in knowledge.MODEL_UNWRAP_METHODS and model.base is not None:
        return model.base
    return None


def _dataset_method(dataset: TextDataset, method: str) -> Optional[Value]:
    if dataset.is_dict:
        return None
    if method in knowledge.DATASET_SAME_COLUMNS:
        return dataset
    if method == "train_test_split":
        return TextDataset(dataset.columns, is_dict=True)
    return None
