"""What calls into the libraries the analysis knows give: transformers classes and their
instances' methods, datasets, torch's DataLoader and tensor makers, accelerate, tqdm."""
from __future__ import annotations

from typing import Callable, Optional, Union

import libcst as cst

from .. import knowledge
from .own import batch_of, default_collated
from .syntax import argument, first_positional, literal_int, literal_keys, literal_string, may_pass, unpacks
from .values import (
    Accelerator,
    DataLoader,
    EmbeddingLayer,
    Embeddings,
    Encoding,
    Ids,
    IdsBatch,
    KwargsModule,
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
        return Model(cls.name, _checkpoint_name(call, evaluate))
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
    if path in knowledge.TENSOR_JOINERS and first is not None:
        return _joined_embeddings(first, evaluate)
    if path in knowledge.PARALLEL_WRAPPERS and first is not None:
        return KwargsModule(inner=evaluate(first))
    if path == knowledge.ACCELERATOR:
        return Accelerator()
    if path in knowledge.PROGRESS_BARS and first is not None:
        return evaluate(first)  # iterating tqdm(x) gives what iterating x gives
    return None


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
            return encoding_from(call, scope, evaluate)
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
    if isinstance(receiver, Encoding):
        return receiver if method in knowledge.ENCODING_SAME_METHODS else None
    if isinstance(receiver, (IdsBatch, Ids)):
        return _ids_method(receiver, method, call)
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


def encoding_from(call: cst.Call, scope: object, evaluate: Evaluate) -> Encoding:
    text = argument(call, "text", 0)
    one_text = text is not None and _is_one_text(evaluate(text.value))
    return Encoding(may_pass(call, ["return_tensors"]), call, scope, one_text=one_text)


def _is_one_text(value: Optional[Value]) -> bool:
    return isinstance(value, Text) and not value.is_batch


def _encoded_ids(call: cst.Call, evaluate: Evaluate, scope: object) -> Optional[Value]:
    """`tok.encode(text)`: a flat list of ids for one text; with `return_tensors="pt"`, a batch of
    one row."""
    if unpacks(call) or not call.args or not _is_one_text(evaluate(call.args[0].value)):
        return None
    tensors = argument(call, "return_tensors")
    if tensors is None:
        return Ids(is_list=True, tokenizer_call=call, source=None, scope=scope)
    return IdsBatch(one_row=True) if literal_string(tensors.value) == "pt" else None


def ids_of(encoding: Encoding) -> Value:
    """`encoding["input_ids"]`: lists, or a 2-D tensor when the encoding holds tensors."""
    if encoding.has_tensors:
        return IdsBatch(one_row=encoding.one_text)
    return Ids(is_list=True, tokenizer_call=encoding.tokenizer_call, source=encoding, scope=encoding.scope)


def row() -> Ids:
    """One row of a batch of ids (`ids[0]`): a 1-D tensor."""
    return Ids(is_list=False, tokenizer_call=None, source=None)


def _ids_method(ids: Union[IdsBatch, Ids], method: str, call: cst.Call) -> Optional[Value]:
    if method in knowledge.SAME_TENSOR_METHODS:
        return ids
    squeezes_rows = not call.args or (len(call.args) == 1 and literal_int(call.args[0].value) == 0)
    if isinstance(ids, IdsBatch) and ids.one_row and method == knowledge.SQUEEZE and squeezes_rows:
        return row()
    return None
