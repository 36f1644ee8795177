"""Datasets, data loaders, command-line options, and what a Trainer's evaluation hands to
`compute_metrics`."""
from __future__ import annotations

from typing import Callable, Dict, List, Optional, Tuple

import libcst as cst

from ...parameter_names import DECODER_INPUT_IDS, INPUT_IDS, LABELS
from .base import TransformersObject, Value
from .tokens import Encoding, Tokenizer

_ENCODED_COLUMNS = frozenset({INPUT_IDS, LABELS})
_LABELS_AND_DECODER_INPUTS = frozenset({DECODER_INPUT_IDS, LABELS})


class _Columns(Value):
    """A `datasets` dataset whose columns are known, or a dict of such splits. `padded_with`: the
    tokenizer that padded its rows of ids (a batched `map` of a function that pads them). `texts`:
    where the columns are exactly those it holds, the columns holding one text in each row (what
    `map` hands its function). `later_texts`: of a dataset `map` made, the columns its function
    returns text under, known once the module is seen (its body walked with the rows given).
    `encoded`: of a dataset `map` made, the encoding its function returns, what each row holds.
    `unpadded_labels`: its `labels`, where it has them, are each row's own list of target ids, padded
    to no common length (a `map` of a tokenizer call given `text_target=` and no padding).
    `labels_as_decoder_inputs`: its `decoder_input_ids` and `labels` are the same ids, as they are."""

    __slots__ = (
        "columns", "is_dict", "padded_with", "texts", "later_texts", "encoded", "unpadded_labels",
        "labels_as_decoder_inputs",
    )

    def __init__(
        self,
        columns: frozenset,
        is_dict: bool = False,
        padded_with: Optional[Tokenizer] = None,
        texts: frozenset = frozenset(),
        later_texts: Optional[Callable[[], frozenset]] = None,
        encoded: Optional[Encoding] = None,
        unpadded_labels: bool = False,
        labels_as_decoder_inputs: bool = False,
    ) -> None:
        self.columns = columns
        self.is_dict = is_dict
        self.padded_with = padded_with
        self.texts = texts
        self.later_texts = later_texts
        self.encoded = encoded
        self.unpadded_labels = unpadded_labels
        self.labels_as_decoder_inputs = labels_as_decoder_inputs

    def state(self) -> tuple:
        later, padded, encoded = id(self.later_texts), id(self.padded_with), id(self.encoded)
        return (
            self.columns, self.is_dict, padded, self.texts, later, encoded, self.unpadded_labels,
            self.labels_as_decoder_inputs,
        )

    def split(self, is_dict: bool = False) -> "_Columns":
        """A split of it (or a dict of splits of it), of the same rows."""
        return self.without(frozenset(), is_dict)

    def without(self, removed: frozenset, is_dict: Optional[bool] = None) -> "_Columns":
        """The same rows without the columns `removed`."""
        is_dict = self.is_dict if is_dict is None else is_dict
        kept = self.columns - removed
        encoded = self.encoded if not removed & _ENCODED_COLUMNS else None
        both = self.labels_as_decoder_inputs and not removed & _LABELS_AND_DECODER_INPUTS
        return type(self)(
            kept, is_dict, self.padded_with, self.texts - removed, self.later_texts, encoded, self.unpadded_labels, both
        )


class TextDataset(_Columns):
    """A dataset whose columns hold no model input (raw text), or a dict of such splits."""

    __slots__ = ()


class MappedDataset(_Columns):
    """A dataset made by `map` (or a dict of such splits): `columns` are all it may hold, the keys
    its function returns and the columns of the dataset it was made from (some of which
    `remove_columns` may have dropped). Or a dataset the code writes, of text and labels."""

    __slots__ = ()


class PaddingCollator(TransformersObject):
    """A data collator of transformers that pads each batch's rows with the tokenizer it is given
    (`DataCollatorForSeq2Seq(tokenizer)`, ...; facts/calls.py `PADDING_COLLATORS`). `tokenizer`: that
    tokenizer, where it is known and the collator surely pads (its `padding=` not turned off, nor
    maybe through `**`)."""

    __slots__ = ("tokenizer",)

    def __init__(self, class_name: str, made_by: Optional[cst.Call], tokenizer: Optional[Tokenizer]) -> None:
        super().__init__(class_name, made_by)
        self.tokenizer = tokenizer

    def state(self) -> tuple:
        return (self.class_name, id(self.tokenizer))


class DataLoader(Value):
    """A `torch.utils.data.DataLoader`; `batches` is what iterating it gives, when known."""

    __slots__ = ("batches",)

    def __init__(self, batches: Optional[Value]) -> None:
        self.batches = batches

    def state(self) -> tuple:
        return (type(self.batches),)


class ArgumentParser(Value):
    """An `argparse.ArgumentParser` (or one of its argument groups): what each option added so far
    holds when the command line does not give it, by its destination."""

    __slots__ = ("options",)

    def __init__(self) -> None:
        self.options: Dict[str, Optional[Value]] = {}

    def state(self) -> tuple:
        return (len(self.options),)


class ParsedArguments(Value):
    """What `parse_args()` gives: each option's value, as the parser knew it then."""

    __slots__ = ("options",)

    def __init__(self, options: Dict[str, Optional[Value]]) -> None:
        self.options = dict(options)

    def state(self) -> tuple:
        return (len(self.options),)


class EvalPrediction(Value):
    """What a Trainer's evaluation gives `compute_metrics`: the predictions and the label ids, where
    the analysis knows them: `logits` (`PredictedLogits`) where the Trainer does not generate, label
    ids padded with -100 (`LabelIds`) where its collator pads them so. Unpacked, indexed or read by
    attribute, each read gives label ids of their own, so code that replaces the -100 in one name
    changes only that name."""

    __slots__ = ("numpy_name", "logits", "labels_padded")
    ATTRIBUTES = ("predictions", "label_ids")

    def __init__(self, numpy_name: Optional[str], logits: Optional["PredictedLogits"], labels_padded: bool) -> None:
        self.numpy_name = numpy_name
        self.logits = logits
        self.labels_padded = labels_padded

    def state(self) -> tuple:
        return (self.numpy_name, self.logits is not None, self.labels_padded)

    def elements(self) -> List[Optional[Value]]:
        return [self.logits, LabelIds(self.numpy_name) if self.labels_padded else None]

    def attribute(self, name: str) -> Optional[Value]:
        return self.elements()[self.ATTRIBUTES.index(name)] if name in self.ATTRIBUTES else None


class PredictedLogits(Value):
    """The predictions of a Trainer that does not generate: the model's logits (with its other
    outputs, as a tuple), not token ids. `arguments`: the `Seq2SeqTrainingArguments(...)` call a fix
    may ask to generate, where the Trainer is a `Seq2SeqTrainer`."""

    __slots__ = ("arguments",)

    def __init__(self, arguments: Optional[cst.Call]) -> None:
        self.arguments = arguments


class LabelIds(Value):
    """Label ids padded with -100 (the loss's ignore index), which no token has: decoding them
    fails. A row of them (`labels[0]`) is padded too. `padding_may_be_replaced` once an item is set
    (`labels[labels == -100] = pad_id`). `numpy_name`: what numpy was bound to where the Trainer that
    hands them over was made (so before its evaluation runs)."""

    __slots__ = ("padding_may_be_replaced", "numpy_name")

    def __init__(self, numpy_name: Optional[str]) -> None:
        self.padding_may_be_replaced = False
        self.numpy_name = numpy_name

    def state(self) -> tuple:
        return (self.padding_may_be_replaced, self.numpy_name)


class NumberTensor(Value):
    """A tensor of numbers the code writes: of a list display of number literals (`torch.tensor([0, 1])`,
    `torch.tensor([[0.5], [1.0]])`), of 1s (`torch.ones_like(ids)`), or the `token_type_ids` of pairs
    of texts a tokenizer numbered (not `written`). Its `shape` where known; whether it holds `floats`
    (None: unknown, a `dtype=` or `.to(...)` the analysis cannot read); the `highest` integer it
    surely holds. `may_change` turns True once code may have changed it in place (`unsqueeze_`,
    `fill_`, a write into it, handed to a function)."""

    __slots__ = ("shape", "floats", "highest", "written", "may_change")

    def __init__(
        self,
        shape: Optional[Tuple[int, ...]],
        floats: Optional[bool],
        highest: Optional[int] = None,
        written: bool = True,
    ) -> None:
        self.shape = shape
        self.floats = floats
        self.highest = highest
        self.written = written
        self.may_change = False

    def state(self) -> tuple:
        return (self.shape, self.floats, self.highest, self.written, self.may_change)
