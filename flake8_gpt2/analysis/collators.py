"""The padding collators of transformers (`PaddingCollator`, which keeps its tokenizer) and the
batches of a torch DataLoader: a collator's, of several rows or of one."""
from __future__ import annotations

from typing import Optional

import libcst as cst

from .. import knowledge
from ..facts import calls
from .own import batch_of, call_target, default_collated
from .syntax import argument, dotted_name, first_positional, is_name, literal_int, literal_string, parameters, unpacks
from .tokenization import collated_batch, pads_rows_of
from .values import (
    DataLoader,
    Encoding,
    Evaluate,
    ItemList,
    Mapping,
    OwnClass,
    PaddingCollator,
    Text,
    TextDataset,
    Tokenizer,
    TransformersObject,
    Value,
)


def padding_collator(row: calls.PaddingCollator, call: cst.Call, evaluate: Evaluate) -> PaddingCollator:
    return PaddingCollator(row.class_name, call, _padding_tokenizer(row, call, evaluate))


def _padding_tokenizer(collator: calls.PaddingCollator, call: cst.Call, evaluate: Evaluate) -> Optional[Tokenizer]:
    """The tokenizer a collator is given, where it surely pads with it."""
    if unpacks(call):
        return None
    if collator.padding is not None:
        padding = argument(call, *collator.padding)
        if padding is not None and (literal_string(padding.value) or dotted_name(padding.value)) in calls.NO_PADDING:
            return None
    given = argument(call, *collator.tokenizer)
    tokenizer = evaluate(given.value) if given is not None else None
    return tokenizer if isinstance(tokenizer, Tokenizer) else None


def data_loader(path: str, call: cst.Call, evaluate: Evaluate) -> DataLoader:
    first = first_positional(call)
    dataset = evaluate(first) if first is not None else None
    collate = argument(call, *calls.callback_slot("data loader"))
    if collate is None and isinstance(dataset, TextDataset) and not dataset.is_dict:
        return DataLoader(Mapping(dataset.columns))
    if collate is None and isinstance(dataset, Text) and dataset.is_batch and not unpacks(call):
        return DataLoader(_texts_collated(call))
    if collate is None and isinstance(dataset, ItemList) and isinstance(dataset.item, Mapping) and not unpacks(call):
        rows = dataset.item
        return DataLoader(Mapping(rows.keys, held={key: _texts_collated(call) for key in rows.held}))
    if collate is None and not unpacks(call):
        return DataLoader(default_collated(dataset))
    collator = evaluate(collate.value) if collate is not None else None
    return DataLoader(batch_of_collator(collator, several_rows=batches_several_rows(call)))


def _texts_collated(call: cst.Call) -> Text:
    """A batch of the default collate over a list of texts: the list of its texts as they are; with
    `batch_size=None` (no batching), each text alone."""
    size = argument(call, *calls.LOADER_BATCH_SIZE)
    if size is not None and is_name(size.value, "None") and argument(call, *calls.LOADER_BATCH_SAMPLER) is None:
        return Text()
    return Text.batch("list")


def batches_several_rows(call: cst.Call) -> bool:
    """Whether a DataLoader's batches hold several rows: a `batch_size` given that is not 1 (nor
    None, no batching), or a `batch_sampler`."""
    if argument(call, *calls.LOADER_BATCH_SAMPLER) is not None:
        return True
    size = argument(call, *calls.LOADER_BATCH_SIZE)
    if size is None:
        return False  # 1 by default
    literal = literal_int(size.value)
    return literal > 1 if literal is not None else not is_name(size.value, "None")


def batch_of_collator(collator: Optional[Value], several_rows: bool = False) -> Optional[Value]:
    """Every batch a collator makes: padded tensors for a padding collator of transformers (with its
    pad tokens, in batches of `several_rows`), what a collator of the file returns for its own."""
    if isinstance(collator, TransformersObject) and collator.class_name in knowledge.PADDING_COLLATORS:
        tokenizer = collator.tokenizer if isinstance(collator, PaddingCollator) and several_rows else None
        return collated_batch(tokenizer)
    padded_with = _rows_padded_by(collator) if several_rows else None
    return collated_batch(padded_with) if padded_with is not None else batch_of(collator)


def _rows_padded_by(collator: Optional[Value]) -> Optional[Tokenizer]:
    """The tokenizer a `collate_fn` of the file pads each batch with: it returns the encoding of the
    rows it is given, padded (`tokenizer(rows, padding=True)`, or of `[row["text"] for row in rows]`)."""
    info, bound = call_target(collator)
    if info is None or isinstance(collator, OwnClass) or not isinstance(info.returns, Encoding):
        return None
    params = parameters(info.node.params)
    if bound:
        params = params[1:]  # after `self`
    return pads_rows_of(info.returns, params[0].name.value, listed=True) if params else None
