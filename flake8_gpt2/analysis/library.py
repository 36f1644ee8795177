"""What calls into the libraries the analysis knows give: transformers classes and their
instances' methods, datasets, torch's DataLoader and tensor makers, accelerate, tqdm."""
from __future__ import annotations

from typing import Callable, Optional

import libcst as cst

from .. import knowledge
from .own import batch_of, default_collated
from .syntax import argument, first_positional, literal_keys, literal_string, may_pass, unpacks
from .values import (
    Accelerator,
    DataLoader,
    EmbeddingLayer,
    Embeddings,
    Encoding,
    Ids,
    Mapping,
    Model,
    ModelFactory,
    Text,
    TextDataset,
    Tokenizer,
    TrainingArgs,
    TransformersName,
    TransformersObject,
    Value,
)

Evaluate = Callable[[cst.BaseExpression], Optional[Value]]


def instance_of(cls: TransformersName, call: cst.Call, evaluate: Evaluate) -> Value:
    """What constructing (or loading) a transformers class gives."""
    if cls.is_model_class:
        return Model(cls.name)
    if cls.name in knowledge.TRAINING_ARGUMENTS:
        return TrainingArgs(call, removes_unused_columns=not may_pass(call, ["remove_unused_columns"]))
    if cls.is_tokenizer_class:
        checkpoint = _checkpoint_name(call, evaluate)
        gpt2 = cls.name in knowledge.GPT2_TOKENIZER_CLASSES or (
            checkpoint is not None and knowledge.is_gpt2_checkpoint(checkpoint)
        )
        return Tokenizer(gpt2, pad_may_be_set=may_pass(call, knowledge.PAD_TOKEN_ATTRIBUTES))
    return TransformersObject(cls.name)


def _checkpoint_name(call: cst.Call, evaluate: Evaluate) -> Optional[str]:
    for arg in call.args:
        if arg.star:
            continue
        if arg.keyword is None or arg.keyword.value == "pretrained_model_name_or_path":
            value = evaluate(arg.value)
            return value.literal if isinstance(value, Text) else None
    return None


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
    if path == knowledge.ACCELERATOR:
        return Accelerator()
    if path in knowledge.PROGRESS_BARS and first is not None:
        return evaluate(first)  # iterating tqdm(x) gives what iterating x gives
    return None


def _data_loader(call: cst.Call, dataset: Optional[Value], evaluate: Evaluate) -> DataLoader:
    collate = argument(call, "collate_fn", 4)
    if collate is None and isinstance(dataset, TextDataset) and not dataset.is_dict:
        return DataLoader(Mapping(dataset.columns))
    if collate is None and not unpacks(call):
        return DataLoader(default_collated(dataset))
    collator = evaluate(collate.value) if collate is not None else None
    if isinstance(collator, TransformersObject) and collator.class_name in knowledge.PADDING_COLLATORS:
        return DataLoader(Encoding(has_tensors=True))
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
        return instance_of(receiver, call, evaluate)
    if isinstance(receiver, ModelFactory) and method in knowledge.CONSTRUCTORS:
        return Model()
    if isinstance(receiver, Tokenizer):
        if method in knowledge.TOKENIZER_ENCODING_METHODS:
            return encoding_from(call, scope)
        if method == "encode":
            return _encoded_ids(call, evaluate, scope)
        return None
    if isinstance(receiver, TransformersObject):
        calls_collator = receiver.class_name in knowledge.PADDING_COLLATORS and method == "__call__"
        return Encoding(has_tensors=True) if calls_collator else None
    if isinstance(receiver, TextDataset):
        return _dataset_method(receiver, method)
    if isinstance(receiver, Model):
        return receiver if method in knowledge.MODEL_SAME_METHODS else None
    if isinstance(receiver, EmbeddingLayer):
        return Embeddings() if method in ("forward", "__call__") else None
    if isinstance(receiver, Embeddings):
        return receiver if method in knowledge.SAME_TENSOR_METHODS else None
    if isinstance(receiver, Text) and not receiver.is_batch:
        return Text() if method in knowledge.STR_METHODS_RETURNING_TEXT else None
    return None


def _dataset_method(dataset: TextDataset, method: str) -> Optional[Value]:
    if dataset.is_dict:
        return None
    if method in knowledge.DATASET_SAME_COLUMNS:
        return dataset
    if method == "train_test_split":
        return TextDataset(dataset.columns, is_dict=True)
    return None


def encoding_from(call: cst.Call, scope: object) -> Encoding:
    return Encoding(may_pass(call, ["return_tensors"]), call, scope)


def _encoded_ids(call: cst.Call, evaluate: Evaluate, scope: object) -> Optional[Value]:
    """`tok.encode(text)`: a flat list of ids for one text, unless tensors are asked for."""
    if unpacks(call) or may_pass(call, ["return_tensors"]):
        return None
    text = evaluate(call.args[0].value) if call.args else None
    if isinstance(text, Text) and not text.is_batch:
        return Ids(is_list=True, tokenizer_call=call, source=None, scope=scope)
    return None


def ids_of(encoding: Encoding) -> Optional[Value]:
    """`encoding["input_ids"]`: lists unless the encoding holds tensors (unknown then: ids shaped
    for a model are not a mistake)."""
    if encoding.has_tensors:
        return None
    return Ids(is_list=True, tokenizer_call=encoding.tokenizer_call, source=encoding, scope=encoding.scope)
