"""Tokenizers and what they give: encodings, padding, ids (lists, rows, batches)."""
from __future__ import annotations

from typing import Dict, Optional

import libcst as cst

from ...facts.families import Family
from .base import Site, TransformersObject, Value
from .models import Model


class Tokenizer(Value):
    """A transformers tokenizer instance.

    `padless_family` is the family whose tokenizers ship without a pad token, when its class or
    checkpoint says it is one of them. Where it was bound is the binding layer's
    (analysis/references.py).
    """

    __slots__ = (
        "padless_family",
        "pad_may_be_set",
        "checkpoint",
        "class_name",
        "added_pad_token",
        "settings",
        "asked_to_add_eos",
        "gives_token_type_ids",
        "eos_text",
    )

    def __init__(self, padless_family: Optional[Family], pad_may_be_set: bool) -> None:
        self.padless_family = padless_family
        # Tracked on the object, so every alias sees it; it only ever turns True, which
        # can only silence findings.
        self.pad_may_be_set = pad_may_be_set
        self.checkpoint: Optional[str] = None  # the literal name it was loaded from
        self.class_name: Optional[str] = None  # the class the code names (an Auto class, too)
        # a new token was added as its pad token while it had none (its id is past the model's table)
        self.added_pad_token = False
        self.settings = TokenizerSettings()
        # made with `add_eos_token=True`: it appends its eos token where the target version honours that
        self.asked_to_add_eos = False
        # its eos token as text (its checkpoint's, while nothing may have given it another): written
        # inside a text it encodes, the tokenizer reads it as its eos token
        self.eos_text: Optional[str] = None
        # loaded from a checkpoint whose encodings hold `token_type_ids`, and asked for no other keys
        self.gives_token_type_ids = False

    def identity(self) -> tuple:
        return (self.padless_family, self.checkpoint, self.class_name)

    def state(self) -> tuple:
        return (
            self.padless_family,
            self.pad_may_be_set,
            self.checkpoint,
            self.class_name,
            self.added_pad_token,
            *self.settings.state(),
        )

    @property
    def lacks_pad_token(self) -> bool:
        return self.padless_family is not None and not self.pad_may_be_set

    def join(self, other: Value) -> Optional[Value]:
        if other is self:
            return self
        if isinstance(other, Tokenizer):
            family = self.padless_family if self.padless_family == other.padless_family else None
            joined = Tokenizer(family, self.pad_may_be_set or other.pad_may_be_set)
            joined.checkpoint = self.checkpoint if self.checkpoint == other.checkpoint else None
            joined.class_name = self.class_name if self.class_name == other.class_name else None
            joined.settings = self.settings.join(other.settings)
            joined.asked_to_add_eos = self.asked_to_add_eos and other.asked_to_add_eos
            joined.gives_token_type_ids = self.gives_token_type_ids and other.gives_token_type_ids
            joined.eos_text = self.eos_text if self.eos_text == other.eos_text else None
            return joined
        return None


class TokenizerSettings:
    """What a tokenizer pads with and on which side, where it is proven: its construction (GPT-2's
    tokenizers pad on the right) or an assignment that runs whenever the code after it runs.

    `padding_side` is "left", "right" or None; `pad_is_eos` says the only pad token it was given is
    its end-of-sequence token. An assignment that may not run (in a branch, in another function)
    makes a setting unknown for good (`settled`), as does handing the tokenizer to unknown code.
    `trains`: a `DataCollatorForLanguageModeling(mlm=False)` was made with it, or labels were made
    from the ids of a batch it padded (a training context, where its pad must not be eos).
    `eos_in_texts`: how its eos token gets into what it encodes, where the code shows it (appended to
    a text or to ids, or written by its chat template); it only ever turns from None to a reason."""

    __slots__ = (
        "padding_side", "pad_is_eos", "side_known", "pad_known", "trains", "pad_site", "eos_in_texts"
    )

    def __init__(self, padding_side: Optional[str] = None) -> None:
        self.padding_side = padding_side
        self.pad_is_eos = False
        self.side_known = True  # False once an assignment that may not run was seen
        self.pad_known = True
        self.trains = False
        self.pad_site: Optional[Site] = None  # the `pad_token = eos_token` that made pad_is_eos
        self.eos_in_texts: Optional[str] = None

    def state(self) -> tuple:
        return (self.padding_side, self.pad_is_eos)

    def join(self, other: "TokenizerSettings") -> "TokenizerSettings":
        joined = TokenizerSettings(self.padding_side if self.padding_side == other.padding_side else None)
        joined.pad_is_eos = self.pad_is_eos and other.pad_is_eos
        joined.side_known = joined.pad_known = False
        joined.trains = self.trains or other.trains
        joined.eos_in_texts = self.eos_in_texts or other.eos_in_texts
        return joined

    def forget(self) -> None:
        """Unknown code may have set either."""
        self.padding_side, self.pad_is_eos = None, False
        self.side_known = self.pad_known = False


class EosToken(Value):
    """`tok.eos_token` (`is_id` False) or `tok.eos_token_id` of a known tokenizer: what
    `pad_token = eos_token` sets."""

    __slots__ = ("tokenizer", "is_id")

    def __init__(self, tokenizer: Tokenizer, is_id: bool) -> None:
        self.tokenizer = tokenizer
        self.is_id = is_id

    def state(self) -> tuple:
        return (id(self.tokenizer), self.is_id)


class Encoding(Value):
    """What a tokenizer call returns (a `BatchEncoding`), or a batch of model inputs from a data
    loader or a collator. `tokenizer_call` is the call that made it, where `return_tensors=` can be
    added; `scope` the scope it was made in; `one_text` whether it encodes a single text (one row).
    `holds_input_ids` turns False once a key may have been removed from it (`pop`, `del`, ...)."""

    __slots__ = (
        "has_tensors",
        "tokenizer_call",
        "scope",
        "one_text",
        "holds_input_ids",
        "padding",
        "min_length",
        "from_chat_template",
        "holds_token_type_ids",
        "labels",
        "tensors_made",
        "highest_type_id",
        "rows",
        "collated_with",
        "tokenizer",
    )

    def __init__(
        self, has_tensors: bool, tokenizer_call: Optional[cst.Call] = None, scope: object = None, one_text: bool = False
    ) -> None:
        self.has_tensors = has_tensors
        self.tokenizer_call = tokenizer_call
        self.scope = scope
        self.one_text = one_text
        self.holds_input_ids = True
        self.padding: Optional[Padding] = None  # known only for a batch that holds pad tokens
        self.min_length: Optional[int] = None  # tokens per row, at least, when known
        # made by `apply_chat_template`, which gave ids before transformers 5
        self.from_chat_template = False
        # the tokenizer surely put `token_type_ids` in it (asked to, or its checkpoint's always does)
        self.holds_token_type_ids = False
        # the encoding of the targets the same call encoded (`text_target=`): its ids are `labels`
        self.labels: Optional[Encoding] = None
        # the values of its tensors once read, by key, shared with its copies (`dict(enc)` holds the
        # same tensors): a write into `enc["input_ids"]` is seen by every later read
        self.tensors_made: Dict[str, Value] = {}
        # the highest id its `token_type_ids` surely hold: 1 for pairs of texts a tokenizer numbers 0, 1
        self.highest_type_id: Optional[int] = None
        self.rows: Optional[int] = None  # how many rows it holds, when known (the texts of a list display)
        # a batch of several rows a padding collator padded with this tokenizer (its pad tokens are in it)
        self.collated_with: Optional[Tokenizer] = None
        self.tokenizer: Optional[Tokenizer] = None  # the tokenizer whose call made it

    def state(self) -> tuple:
        labels = self.labels.state() if self.labels is not None else None
        padding = self.padding.state() if self.padding is not None else None
        return (self.has_tensors, self.holds_input_ids, padding, labels, self.highest_type_id, self.rows)

    def copy(self) -> "Encoding":
        """A new dict of the same keys and values (`dict(enc)`): no longer the tokenizer call's own
        result, so a fix there would not show in it alone."""
        copied = Encoding(self.has_tensors, one_text=self.one_text)
        copied.holds_input_ids = self.holds_input_ids
        copied.padding, copied.min_length = self.padding, self.min_length
        copied.holds_token_type_ids = self.holds_token_type_ids
        copied.labels, copied.tensors_made = self.labels, self.tensors_made
        copied.highest_type_id = self.highest_type_id
        copied.rows = self.rows
        copied.collated_with = self.collated_with
        return copied


class Padding:
    """How a batch was padded: it holds pad tokens (several texts padded to the longest, or any
    text padded to `max_length`), on `side` ("left", "right" or None) as the tokenizer padded when
    it encoded them; `tokenizer` is that tokenizer, when known (its pad token may be its eos)."""

    __slots__ = ("side", "tokenizer")

    def __init__(self, side: Optional[str], tokenizer: Optional[Tokenizer]) -> None:
        self.side = side
        self.tokenizer = tokenizer

    def state(self) -> tuple:
        return (self.side, id(self.tokenizer))


class IdsBatch(Value):
    """A 2-D tensor of token ids shaped for a model, (batch, sequence): `enc["input_ids"]` of an
    encoding with tensors. Right where it is; a row taken out of it is 1-D `Ids`. `one_row`: it
    holds a single text, so `.squeeze()` drops the batch dimension."""

    __slots__ = ("one_row",)

    def __init__(self, one_row: bool) -> None:
        self.one_row = one_row

    def state(self) -> tuple:
        return (self.one_row,)


class PaddedIds(IdsBatch):
    """The `input_ids` of a padded batch (`enc["input_ids"]`, `enc.input_ids`, `batch["input_ids"]`
    of a padding collator), or a copy of them; `pads_may_be_replaced` turns True once code may have
    written into them (`labels[labels == pad] = -100`)."""

    __slots__ = ("encoding", "pads_may_be_replaced", "masked_by_pad_id_of")

    def __init__(self, encoding: Encoding) -> None:
        super().__init__(one_row=encoding.one_text)
        self.encoding = encoding
        self.pads_may_be_replaced = False
        # the tokenizer whose `pad_token_id` picked the labels set to -100 (`ids == tok.pad_token_id`)
        self.masked_by_pad_id_of: Optional[Tokenizer] = None

    def state(self) -> tuple:
        return (self.one_row, self.encoding.state(), self.pads_may_be_replaced)


class Ids(Value):
    """Token ids not shaped for a model: a Python list (`tok.encode(text)`, `enc["input_ids"]` of an
    encoding made without tensors), or a 1-D tensor (`torch.tensor(tok.encode(text))`)."""

    __slots__ = ("is_list", "tokenizer_call", "source", "scope")

    def __init__(
        self, is_list: bool, tokenizer_call: Optional[cst.Call], source: Optional["Encoding"], scope: object = None
    ) -> None:
        self.is_list = is_list
        self.tokenizer_call = tokenizer_call  # where `return_tensors=` would fix them
        self.source = source  # the encoding they come from, if any
        self.scope = scope

    def state(self) -> tuple:
        return (self.is_list,)


class BatchingPipeline(TransformersObject):
    """A pipeline that pads the batches it makes of a list of inputs: `tokenizer` is the tokenizer it
    pads them with, when known (the one given, or the one it loads for a literal checkpoint name);
    `batch_size` the literal batch size it was made with."""

    __slots__ = ("tokenizer", "batch_size")

    def __init__(self, class_name: str, tokenizer: Optional[Tokenizer], batch_size: Optional[int]) -> None:
        super().__init__(class_name)
        self.tokenizer = tokenizer
        self.batch_size = batch_size

    def state(self) -> tuple:
        return (self.class_name, id(self.tokenizer), self.batch_size)


class TextGenerationPipeline(BatchingPipeline):
    """`pipeline("text-generation", ...)`."""

    __slots__ = ()


class TextClassificationPipeline(BatchingPipeline):
    """`pipeline("text-classification", ...)`: `model` is the sequence classifier it runs, where known
    (the one given, or the one it loads for a literal checkpoint name, as `from_pretrained` would)."""

    __slots__ = ("model",)

    def __init__(
        self, class_name: str, tokenizer: Optional[Tokenizer], batch_size: Optional[int], model: Optional[Model]
    ) -> None:
        super().__init__(class_name, tokenizer, batch_size)
        self.model = model

    def state(self) -> tuple:
        return (*super().state(), id(self.model))
