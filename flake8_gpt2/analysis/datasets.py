"""What calls of `datasets` give: datasets whose columns the code shows, by `load_dataset("text")`,
`Dataset.from_dict` / `from_list`, `DatasetDict({...})`, `remove_columns`, and `map` of a function of
the file whose returns show their keys; and what `map` hands that function: a row, or a batch of
rows, of the columns known to hold text (facts/calls.py `CALLBACKS`)."""
from __future__ import annotations

from typing import Iterable, Optional, Union

import libcst as cst

from .. import knowledge, parameter_names
from . import own
from ..facts.calls import callback_slot
from .syntax import (
    argument,
    code_of,
    first_positional,
    is_name,
    keyword,
    literal_bool,
    literal_int,
    literal_keys,
    literal_string,
    may_pass,
    parameters,
    positional,
    reads_one_object,
    unpacks,
)
from .tokenization import pads_rows_of
from .values import Encoding, Evaluate, Mapping, MappedDataset, Text, TextDataset, Tokenizer, Value

Dataset = Union[TextDataset, MappedDataset]
# what a tokenizer's encoding holds besides `input_ids`, and what `text_target=` adds
_ENCODING_KEYS = frozenset({parameter_names.INPUT_IDS, parameter_names.ATTENTION_MASK})
_TARGET_KEYWORDS = (parameter_names.TEXT_TARGET, parameter_names.TEXT_PAIR_TARGET)
_LABELS = frozenset({"label", parameter_names.LABELS, "label_ids"})
_DECODER_INPUTS_AND_LABELS = (parameter_names.DECODER_INPUT_IDS, parameter_names.LABELS)
# what else `map` may hand its function than the rows of a batch
_ROWS_CHANGERS = ("with_indices", "with_rank", "with_split", "input_columns")
# what else `map` may pass its function besides the rows
_MORE_GIVEN = ("fn_kwargs",)
# what may pad a tokenizer call's rows to one length (or make tensors of them, which needs it)
_PADDING_KEYWORDS = (parameter_names.PADDING, "pad_to_max_length", parameter_names.RETURN_TENSORS)


def loaded_text_dataset(path: str, call: cst.Call, evaluate: Evaluate) -> Optional[Value]:
    """`load_dataset("text", ...)`: one column, `text` (a dict of splits unless `split=`)."""
    first = first_positional(call)
    if first is None or literal_string(first) != "text" or unpacks(call):
        return None
    return TextDataset(frozenset({"text"}), is_dict=not may_pass(call, ["split"]), texts=frozenset({"text"}))


def constructed_text_dataset(call: cst.Call, method: str, evaluate: Evaluate) -> Optional[Value]:
    """`Dataset.from_dict({"text": ...})` / `Dataset.from_list([{"text": ...}, ...])` with literal
    column names, none of them a model input; with labels beside (`"label"`), a dataset of known
    columns that a Trainer can train on once mapped (`MappedDataset`)."""
    data = first_positional(call)
    if method not in knowledge.DATASET_CONSTRUCTORS or data is None:
        return None
    if method == "from_dict" and not isinstance(data, cst.Dict):
        data = _display_held(data, evaluate)
        if data is None:
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
        if not keys or keys & (knowledge.MODEL_INPUT_COLUMNS - _LABELS):
            return None
        columns |= keys
    if not columns:
        return None
    texts = frozenset.intersection(*(_text_keys(row, evaluate, of_rows=method == "from_dict") for row in rows))
    kind = MappedDataset if columns & _LABELS else TextDataset
    return kind(frozenset(columns), texts=texts)


def _display_held(name: cst.BaseExpression, evaluate: Evaluate) -> Optional[cst.Dict]:
    """The dict a name holds, as a display of its keys and the expressions that gave their values,
    where the analysis knows each (a display or `dict(key=...)`, and the keys set since)."""
    held = evaluate(name) if isinstance(name, cst.Name) else None
    if not isinstance(held, Mapping) or held.elements is None or held.keys != frozenset(held.elements):
        return None
    elements = [cst.DictElement(cst.SimpleString(repr(key)), value) for key, value in held.elements.items()]
    return cst.Dict(elements)


def _text_keys(display: cst.BaseExpression, evaluate: Evaluate, of_rows: bool) -> frozenset:
    """The keys of a dict display whose values are texts (`of_rows`: lists of texts, a column's)."""
    if not isinstance(display, cst.Dict):
        return frozenset()
    found = set()
    for element in display.elements:
        key = literal_string(element.key) if isinstance(element, cst.DictElement) else None
        if key is not None and _is_text(evaluate(element.value), of_rows):
            found.add(key)
    return frozenset(found)


def _is_text(value: Optional[Value], of_rows: bool) -> bool:
    """A text (`of_rows`: a list of them, one a row)."""
    return isinstance(value, Text) and value.is_batch == of_rows and (not of_rows or value.sequence == "list")


def dataset_dict(path: str, call: cst.Call, evaluate: Evaluate) -> Optional[Value]:
    """`DatasetDict({"train": ..., "test": ...})` of splits of one kind whose columns are known."""
    splits = first_positional(call)
    if not isinstance(splits, cst.Dict) or len(call.args) != 1 or literal_keys(splits) is None:
        return None
    values = [evaluate(element.value) for element in splits.elements if isinstance(element, cst.DictElement)]
    kind = type(values[0]) if values else None
    if kind not in (TextDataset, MappedDataset) or any(type(v) is not kind or v.is_dict for v in values):
        return None
    padded = {id(v.padded_with): v.padded_with for v in values}  # type: ignore[union-attr]
    padded_with = next(iter(padded.values())) if len(padded) == 1 else None
    columns = {v.columns for v in values}  # type: ignore[union-attr]
    # each split's rows hold the same columns only where all splits have the same
    same = len(columns) == 1
    texts = frozenset.intersection(*(v.texts for v in values)) if same else frozenset()  # type: ignore[union-attr]
    unpadded_labels = all(v.unpadded_labels for v in values)  # type: ignore[union-attr]
    return kind(frozenset().union(*columns), True, padded_with, texts, None, unpadded_labels)  # type: ignore[misc]


def without_columns(dataset: Dataset, method: str, call: cst.Call, at) -> Optional[Value]:
    """`dataset.remove_columns("text")` / `(["a", "b"])`: the rest of its columns."""
    given = argument(call, "column_names", 0)
    if given is None or unpacks(call):
        return None
    names = [literal_string(given.value)]
    if isinstance(given.value, (cst.List, cst.Tuple)):
        names = [literal_string(e.value) if isinstance(e, cst.Element) else None for e in given.value.elements]
    if not names or None in names:
        return None
    return dataset.without(frozenset(names))  # type: ignore[arg-type]


def map_given(dataset: Optional[Value], call: cst.Call) -> Optional[Mapping]:
    """What `dataset.map(function)` calls its function with, where the analysis knows: a row (a dict
    of each column to its value), or with `batched=True` a batch (each column to a list of values),
    the columns of text holding texts. None where other arguments change what it passes."""
    if not isinstance(dataset, (TextDataset, MappedDataset)) or not dataset.texts or unpacks(call):
        return None
    if len(positional(call)) > 1 or may_pass(call, (*_ROWS_CHANGERS, *_MORE_GIVEN)):
        return None
    batched = keyword(call, "batched")
    of_rows = literal_bool(batched.value) if batched is not None else False
    if of_rows is None or argument(call, *callback_slot("dataset")) is None:
        return None
    text = Text.batch("list") if of_rows else Text()
    return Mapping(dataset.columns, held=dict.fromkeys(dataset.texts, text))


def texts_returned(returned: Optional[Value], batched: bool) -> Iterable[str]:
    """The keys a function `map` calls returns text under, one text a row."""
    if isinstance(returned, Mapping):
        return [key for key, value in returned.held.items() if isinstance(value, Text) and value.is_batch == batched]
    return []


def mapped(dataset: Dataset, method: str, call: cst.Call, at) -> Optional[Value]:
    """`dataset.map(function, ...)`: what it may hold, the columns it had and the keys of what the
    function returns (`remove_columns=` only drops some of them)."""
    function = argument(call, *callback_slot("dataset"))
    if function is None or unpacks(call):
        return None
    info, bound = own.call_target(at.evaluate(function.value))
    keys = _keys_of(info.returns) if info is not None and not isinstance(info.node, cst.ClassDef) else None
    if keys is None:
        return None
    padded_with = _padded_with(info, call) if not bound else None  # type: ignore[arg-type]
    given = map_given(dataset, call)
    batched = next(iter(given.held.values())).is_batch if given is not None else None  # type: ignore[attr-defined]

    def later_texts() -> frozenset:
        return frozenset(texts_returned(info.returns_for(id(call)), batched))  # type: ignore[union-attr,arg-type]

    returned = info.returns
    return MappedDataset(
        dataset.columns | keys,
        dataset.is_dict,
        padded_with,
        later_texts=later_texts if given is not None else None,
        encoded=returned if isinstance(returned, Encoding) else None,
        # the labels `map` writes, or the ones it keeps
        unpadded_labels=_unpadded_labels(returned) if parameter_names.LABELS in keys else dataset.unpadded_labels,
        labels_as_decoder_inputs=_labels_as_decoder_inputs(returned),
    )


def _labels_as_decoder_inputs(returned: Optional[Value]) -> bool:
    """Whether the function returns a dict display whose `decoder_input_ids` and `labels` are one
    object, read the same way (`outp["input_ids"]` under both keys)."""
    if not isinstance(returned, Mapping) or returned.elements is None:
        return False
    decoder_inputs, labels = (returned.elements.get(key) for key in _DECODER_INPUTS_AND_LABELS)
    if decoder_inputs is None or labels is None or not reads_one_object(labels):
        return False
    return code_of(decoder_inputs) == code_of(labels)


def _unpadded_labels(returned: Optional[Value]) -> bool:
    """Whether the function returns a tokenizer's encoding whose labels (its `text_target=`, or the ids
    of another call put in as `labels`) are padded to no common length (that call gives no `padding=`,
    `pad_to_max_length=`, nor `return_tensors=`): each row's labels are its target's ids alone."""
    if not isinstance(returned, Encoding) or returned.labels is None or not returned.holds_input_ids:
        return False
    labels_call = returned.labels.tokenizer_call
    return labels_call is not None and not may_pass(labels_call, _PADDING_KEYWORDS)


def _padded_with(info: own.FunctionInfo, call: cst.Call) -> Optional[Tokenizer]:
    """The tokenizer that pads the ids a batched `map` makes: its function returns the encoding of a
    column of the rows it is given, padded (`tokenizer(batch["text"], padding=True)`)."""
    batched, size = keyword(call, "batched"), keyword(call, "batch_size")
    params = parameters(info.node.params) if isinstance(info.node, (cst.FunctionDef, cst.Lambda)) else []
    if batched is None or not is_name(batched.value, "True") or not params or len(positional(call)) != 1:
        return None
    if may_pass(call, _ROWS_CHANGERS):
        return None
    if size is not None and literal_int(size.value) == 1:
        return None
    returned = info.returns
    return pads_rows_of(returned, params[0].name.value) if isinstance(returned, Encoding) else None


def _keys_of(returned: Optional[Value]) -> Optional[frozenset]:
    if isinstance(returned, Mapping):
        return returned.keys
    if not isinstance(returned, Encoding) or returned.tokenizer_call is None or not returned.holds_input_ids:
        return None
    labelled = returned.labels is not None or may_pass(returned.tokenizer_call, _TARGET_KEYWORDS)
    keys = _ENCODING_KEYS | ({parameter_names.LABELS} if labelled else set())
    return keys | ({parameter_names.TOKEN_TYPE_IDS} if returned.holds_token_type_ids else set())
