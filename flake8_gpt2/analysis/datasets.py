"""What calls of `datasets` give: datasets whose columns the code shows, by `load_dataset("text")`,
`Dataset.from_dict` / `from_list`, `DatasetDict({...})`, and `map` of a function of the file whose
returns show their keys."""
from __future__ import annotations

from typing import Optional, Union

import libcst as cst

from .. import knowledge
from . import own
from .syntax import argument, first_positional, literal_keys, literal_string, may_pass, unpacks
from .values import Encoding, Evaluate, Mapping, MappedDataset, TextDataset, Value

Dataset = Union[TextDataset, MappedDataset]
# what a tokenizer's encoding holds besides `input_ids`, and what `text_target=` adds
_ENCODING_KEYS = frozenset({knowledge.INPUT_IDS, "attention_mask"})
_TARGET_KEYWORDS = ("text_target", "text_pair_target")


def loaded_text_dataset(path: str, call: cst.Call, evaluate: Evaluate) -> Optional[Value]:
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


def dataset_dict(path: str, call: cst.Call, evaluate: Evaluate) -> Optional[Value]:
    """`DatasetDict({"train": ..., "test": ...})` of splits of one kind whose columns are known."""
    splits = first_positional(call)
    if not isinstance(splits, cst.Dict) or len(call.args) != 1 or literal_keys(splits) is None:
        return None
    values = [evaluate(element.value) for element in splits.elements if isinstance(element, cst.DictElement)]
    kind = type(values[0]) if values else None
    if kind not in (TextDataset, MappedDataset) or any(type(v) is not kind or v.is_dict for v in values):
        return None
    return kind(frozenset().union(*(v.columns for v in values)), is_dict=True)  # type: ignore[misc]


def mapped(dataset: Dataset, method: str, call: cst.Call, at) -> Optional[Value]:
    """`dataset.map(function, ...)`: what it may hold, the columns it had and the keys of what the
    function returns (`remove_columns=` only drops some of them)."""
    function = argument(call, "function", 0)
    if function is None or unpacks(call):
        return None
    info, _ = own.call_target(at.evaluate(function.value))
    keys = _keys_of(info.returns) if info is not None and not isinstance(info.node, cst.ClassDef) else None
    if keys is None:
        return None
    return MappedDataset(dataset.columns | keys, dataset.is_dict)


def _keys_of(returned: Optional[Value]) -> Optional[frozenset]:
    if isinstance(returned, Mapping):
        return returned.keys
    if not isinstance(returned, Encoding) or returned.tokenizer_call is None or not returned.holds_input_ids:
        return None
    keys = _ENCODING_KEYS | ({"labels"} if may_pass(returned.tokenizer_call, _TARGET_KEYWORDS) else set())
    return keys | ({"token_type_ids"} if returned.holds_token_type_ids else set())
