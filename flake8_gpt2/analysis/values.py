"""The kinds of value the analysis can prove an expression holds.

Anything it cannot prove is `None` ("unknown"), and unknown is never flagged.
"""
from __future__ import annotations

from typing import Optional

import libcst as cst

from .. import knowledge


class Value:
    """A proven fact about what an expression evaluates to."""

    __slots__ = ()

    def state(self) -> tuple:
        """What a rule may have relied on; two values with equal states mean the same."""
        return ()

    def join(self, other: "Value") -> Optional["Value"]:
        """The value seen after two paths meet: kept only where both paths agree."""
        if other is self:
            return self
        if type(other) is type(self) and other.state() == self.state():
            return self
        return None


class NoneLiteral(Value):
    """`None`."""

    __slots__ = ()


class TransformersModule(Value):
    __slots__ = ()


class TransformersName(Value):
    """A name imported from transformers: a class, or a function such as `pipeline`."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def state(self) -> tuple:
        return (self.name,)

    @property
    def is_model_class(self) -> bool:
        return knowledge.is_model_class(self.name)

    @property
    def is_tokenizer_class(self) -> bool:
        return knowledge.is_tokenizer_class(self.name)


class ModelFactory(Value):
    """A class or function of the project whose calls give models: a subclass of a transformers
    model that keeps its forward, a function annotated to return one, or a configured name."""

    __slots__ = ()


class LoadedModel:
    """`Class.from_pretrained(checkpoint, ...)`: the call (where a keyword can be added), the
    checkpoint when it is a literal, and whether it chose no attention implementation, so it runs
    the library's default (SDPA in transformers 5 for the families in `knowledge.SDPA_FAMILIES`)."""

    __slots__ = ("call", "checkpoint", "default_attention")

    def __init__(self, call: cst.Call, checkpoint: Optional[str], default_attention: bool) -> None:
        self.call = call
        self.checkpoint = checkpoint
        self.default_attention = default_attention


class TransformersObject(Value):
    """What calling any other transformers name gives: a collator, a Trainer, a pipeline ..."""

    __slots__ = ("class_name",)

    def __init__(self, class_name: str) -> None:
        self.class_name = class_name

    def state(self) -> tuple:
        return (self.class_name,)


class Model(Value):
    """A transformers model instance; `class_name` is its transformers class, when known, and
    `checkpoint` the literal name it was loaded from. `wrapper` is the class of a wrapper that is a
    model too (a PEFT model) and whose own forward comes first; `base` the model it wraps."""

    __slots__ = (
        "class_name",
        "checkpoint",
        "bound_in",
        "bound_as",
        "bound_in_module",
        "site",
        "loaded",
        "wrapper",
        "base",
        "may_be_resized",
        "returns_model_output",
        "custom_code",
    )

    def __init__(self, class_name: Optional[str] = None, checkpoint: Optional[str] = None) -> None:
        self.class_name = class_name
        self.checkpoint = checkpoint
        self.wrapper: Optional[str] = None
        self.base: Optional["Model"] = None
        # its embedding table may have been resized (only ever turns True, which silences findings)
        self.may_be_resized = False
        # its forward gives a `ModelOutput`: loaded by `from_pretrained` without a say on the output
        # format; turns False when its configuration is changed to give tuples
        self.returns_model_output = False
        # loaded with `trust_remote_code`: its class, forward and generate may be the checkpoint's own
        self.custom_code = False
        # the statement line that first bound it, and the code it was bound to (as a tokenizer's)
        self.bound_in: Optional[cst.SimpleStatementLine] = None
        self.bound_as: Optional[str] = None
        self.bound_in_module = False
        self.site: Optional[Site] = None  # the assignment that first bound it, for a fix to follow
        # how it was loaded, while nothing may have changed its configuration since
        self.loaded: Optional[LoadedModel] = None

    def state(self) -> tuple:
        return (self.class_name, self.checkpoint, self.wrapper, self.returns_model_output, self.custom_code)

    def join(self, other: Value) -> Optional[Value]:
        if isinstance(other, Model):
            return self if other.state() == self.state() else Model()
        return None

    def wrapped_in(self, wrapper: str) -> "Model":
        """This model inside a wrapper whose forward is `wrapper`'s (`knowledge.MODEL_WRAPPERS`):
        the same class and checkpoint underneath, so every rule applies through it."""
        wrapped = Model(self.class_name, self.checkpoint)
        wrapped.wrapper = wrapper
        wrapped.base = self
        wrapped.may_be_resized = self.may_be_resized
        return wrapped

    @property
    def architecture(self) -> Optional[str]:
        """The concrete class the model is: its own class, or for an Auto class the class its
        checkpoint name says (`AutoModelForCausalLM` of "gpt2" is a `GPT2LMHeadModel`)."""
        if self.class_name is None or not self.class_name.startswith("Auto"):
            return self.class_name
        return knowledge.auto_class_target(self.class_name, self.checkpoint)


class Tokenizer(Value):
    """A transformers tokenizer instance.

    `bound_in` is the statement line that bound it to `bound_as` (the code of the assignment
    target), when it was created by an assignment, so a fix can set its pad token right after.
    """

    __slots__ = (
        "gpt2", "pad_may_be_set", "bound_in", "bound_as", "bound_in_module", "checkpoint", "added_pad_token", "settings"
    )

    def __init__(self, gpt2: bool, pad_may_be_set: bool) -> None:
        self.gpt2 = gpt2
        # Tracked on the object, so every alias sees it; it only ever turns True, which
        # can only silence findings.
        self.pad_may_be_set = pad_may_be_set
        self.bound_in: Optional[cst.SimpleStatementLine] = None
        self.bound_as: Optional[str] = None
        self.bound_in_module = False
        self.checkpoint: Optional[str] = None  # the literal name it was loaded from
        # a new token was added as its pad token while it had none (its id is past the model's table)
        self.added_pad_token = False
        self.settings = TokenizerSettings()

    def state(self) -> tuple:
        return (self.gpt2, self.pad_may_be_set, self.checkpoint, self.added_pad_token, *self.settings.state())

    @property
    def lacks_pad_token(self) -> bool:
        return self.gpt2 and not self.pad_may_be_set

    def join(self, other: Value) -> Optional[Value]:
        if other is self:
            return self
        if isinstance(other, Tokenizer):
            joined = Tokenizer(self.gpt2 and other.gpt2, self.pad_may_be_set or other.pad_may_be_set)
            joined.checkpoint = self.checkpoint if self.checkpoint == other.checkpoint else None
            joined.settings = self.settings.join(other.settings)
            return joined
        return None


class TokenizerSettings:
    """What a tokenizer pads with and on which side, where it is proven: its construction (GPT-2's
    tokenizers pad on the right) or an assignment that runs whenever the code after it runs.

    `padding_side` is "left", "right" or None; `pad_is_eos` says the only pad token it was given is
    its end-of-sequence token. An assignment that may not run (in a branch, in another function)
    makes a setting unknown for good (`settled`), as does handing the tokenizer to unknown code.
    `trains`: a `DataCollatorForLanguageModeling(mlm=False)` was made with it, or labels were made
    from the ids of a batch it padded (a training context, where its pad must not be eos)."""

    __slots__ = (
        "padding_side", "pad_is_eos", "side_known", "pad_known", "trains", "site", "pad_site"
    )

    def __init__(self, padding_side: Optional[str] = None) -> None:
        self.padding_side = padding_side
        self.pad_is_eos = False
        self.side_known = True  # False once an assignment that may not run was seen
        self.pad_known = True
        self.trains = False
        self.site: Optional[Site] = None  # where the tokenizer was bound
        self.pad_site: Optional[Site] = None  # the `pad_token = eos_token` that made pad_is_eos

    def state(self) -> tuple:
        return (self.padding_side, self.pad_is_eos)

    def join(self, other: "TokenizerSettings") -> "TokenizerSettings":
        joined = TokenizerSettings(self.padding_side if self.padding_side == other.padding_side else None)
        joined.pad_is_eos = self.pad_is_eos and other.pad_is_eos
        joined.side_known = joined.pad_known = False
        joined.trains = self.trains or other.trains
        return joined

    def forget(self) -> None:
        """Unknown code may have set either."""
        self.padding_side, self.pad_is_eos = None, False
        self.side_known = self.pad_known = False


class Site:
    """Where a statement bound or set something: its line (None for a one-line body), the code
    naming the target, its scope and how many branches deep, and its rank in the walk's order."""

    __slots__ = ("line", "code", "scope", "depth", "order")

    def __init__(self, line: Optional[cst.SimpleStatementLine], code: str, scope: object, depth: int, order: int):
        self.line = line
        self.code = code
        self.scope = scope
        self.depth = depth
        self.order = order

    def always_runs_with(self, other: "Site") -> bool:
        """Whether the two statements run together: same scope, outside any branch of it."""
        return self.scope is other.scope and self.depth == other.depth == 0


class EosToken(Value):
    """`tok.eos_token` or `tok.eos_token_id` of a known tokenizer: what `pad_token = eos_token` sets."""

    __slots__ = ()


class Text(Value):
    """A `str` (`literal` when it is one literal), or with `Text.batch()` a list or tuple of them."""

    __slots__ = ("is_batch", "literal")

    def __init__(self, literal: Optional[str] = None, *, is_batch: bool = False) -> None:
        self.is_batch = is_batch
        self.literal = literal

    @classmethod
    def batch(cls) -> "Text":
        return cls(is_batch=True)

    def state(self) -> tuple:
        return (self.is_batch, self.literal)

    def join(self, other: Value) -> Optional[Value]:
        if isinstance(other, Text) and other.is_batch == self.is_batch:
            return self if other.literal == self.literal else Text(is_batch=self.is_batch)
        return None


class ChatText(Text):
    """What `tok.apply_chat_template(..., tokenize=False)` returns: one text, rendered by
    `tokenizer`'s chat template (which may already hold its BOS token)."""

    __slots__ = ("tokenizer",)

    def __init__(self, tokenizer: Tokenizer) -> None:
        super().__init__()
        self.tokenizer = tokenizer

    def state(self) -> tuple:
        return (False, None, id(self.tokenizer))

    def join(self, other: Value) -> Optional[Value]:
        if isinstance(other, ChatText) and other.tokenizer is self.tokenizer:
            return self
        return Text() if isinstance(other, Text) and not other.is_batch else None


class ModelOutput(Value):
    """What running a model's forward gives when it returns a `ModelOutput`, a dict of `loss` (with
    labels), `logits`, the cache ...: `labels` is True when the call passed `labels=`, False when it
    cannot have, None when `**` may have. `ids` is what it was given as ids, when known (its cache,
    `past_key_values`, holds their keys and values); `batch` the padded batch it ran on."""

    __slots__ = ("labels", "ids", "batch")

    def __init__(self, labels: Optional[bool], ids: Optional[Value] = None, batch: Optional["Encoding"] = None) -> None:
        self.labels = labels
        self.ids = ids
        self.batch = batch

    def state(self) -> tuple:
        return (self.labels, id(self.ids), id(self.batch))


class Logits(Value):
    """`output.logits` of a model run on the padded `batch`."""

    __slots__ = ("batch",)

    def __init__(self, batch: "Encoding") -> None:
        self.batch = batch

    def state(self) -> tuple:
        return (id(self.batch),)


class ModelCache(Value):
    """`output.past_key_values` (or `output.cache`): the keys and values of `ids`."""

    __slots__ = ("ids",)

    def __init__(self, ids: Value) -> None:
        self.ids = ids

    def state(self) -> tuple:
        return (id(self.ids),)


class GrownSequence(Value):
    """`torch.cat([ids, new], dim=-1)`: the ids `base`, with `added` (code) after them."""

    __slots__ = ("base", "added")

    def __init__(self, base: Value, added: cst.BaseExpression) -> None:
        self.base = base
        self.added = added

    def state(self) -> tuple:
        return (id(self.base),)


class EmbeddingLayer(Value):
    """The module that maps token ids to input embeddings (`wte`, `get_input_embeddings()`)."""

    __slots__ = ()


class Embeddings(Value):
    """A float tensor of input embeddings: what `inputs_embeds=` takes."""

    __slots__ = ()


class LibraryName(Value):
    """A module or name of a library the analysis knows beside transformers (datasets, torch,
    accelerate, tqdm), by its full dotted path: `torch.utils.data.DataLoader`."""

    __slots__ = ("path",)

    def __init__(self, path: str) -> None:
        self.path = path

    def state(self) -> tuple:
        return (self.path,)


class TextDataset(Value):
    """A `datasets` dataset whose columns are known and hold no model input (raw text), or a
    dict of such splits."""

    __slots__ = ("columns", "is_dict")

    def __init__(self, columns: frozenset, is_dict: bool = False) -> None:
        self.columns = columns
        self.is_dict = is_dict

    def state(self) -> tuple:
        return (self.columns, self.is_dict)


class TrainingArgs(Value):
    """A `TrainingArguments(...)`; `call` is that call, for a fix to add a keyword to."""

    __slots__ = ("call", "removes_unused_columns")

    def __init__(self, call: cst.Call, removes_unused_columns: bool) -> None:
        self.call = call
        self.removes_unused_columns = removes_unused_columns

    def state(self) -> tuple:
        return (self.removes_unused_columns,)


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
        "read_at",
        "padding",
        "min_length",
        "from_chat_template",
    )

    def __init__(
        self, has_tensors: bool, tokenizer_call: Optional[cst.Call] = None, scope: object = None, one_text: bool = False
    ) -> None:
        self.has_tensors = has_tensors
        self.tokenizer_call = tokenizer_call
        self.scope = scope
        self.one_text = one_text
        self.holds_input_ids = True
        self.read_at: set = set()  # the names read for it, to tell whether one use is the only one
        self.padding: Optional[Padding] = None  # known only for a batch that holds pad tokens
        self.min_length: Optional[int] = None  # tokens per row, at least, when known
        # made by `apply_chat_template`, which gave ids before transformers 5
        self.from_chat_template = False

    def state(self) -> tuple:
        return (self.has_tensors, self.holds_input_ids, self.padding.state() if self.padding is not None else None)

    def copy(self) -> "Encoding":
        """A new dict of the same keys and values (`dict(enc)`): no longer the tokenizer call's own
        result, so a fix there would not show in it alone."""
        copied = Encoding(self.has_tensors, one_text=self.one_text)
        copied.holds_input_ids = self.holds_input_ids
        copied.padding, copied.min_length = self.padding, self.min_length
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

    __slots__ = ("is_list", "tokenizer_call", "source", "scope", "read_at")

    def __init__(
        self, is_list: bool, tokenizer_call: Optional[cst.Call], source: Optional["Encoding"], scope: object = None
    ) -> None:
        self.is_list = is_list
        self.tokenizer_call = tokenizer_call  # where `return_tensors=` would fix them
        self.source = source  # the encoding they come from, if any
        self.scope = scope
        self.read_at: set = set()

    def state(self) -> tuple:
        return (self.is_list,)


class Accelerator(Value):
    """An `accelerate.Accelerator()`, whose `prepare(...)` gives back what it is given."""

    __slots__ = ()


class DataLoader(Value):
    """A `torch.utils.data.DataLoader`; `batches` is what iterating it gives, when known."""

    __slots__ = ("batches",)

    def __init__(self, batches: Optional[Value]) -> None:
        self.batches = batches

    def state(self) -> tuple:
        return (type(self.batches),)


class Mapping(Value):
    """A dict whose keys are all known: a dict literal, or a batch of a raw-text dataset."""

    __slots__ = ("keys",)

    def __init__(self, keys: frozenset) -> None:
        self.keys = keys

    def state(self) -> tuple:
        return (self.keys,)


class PeftConfig(Value):
    """A peft configuration (`LoraConfig(...)`); `causal_lm`: its task type is the causal LM's."""

    __slots__ = ("causal_lm",)

    def __init__(self, causal_lm: bool) -> None:
        self.causal_lm = causal_lm

    def state(self) -> tuple:
        return (self.causal_lm,)


class KwargsModuleClass(Value):
    """A class of the linted code whose `forward` names no parameter (only `*args`/`**kwargs`)."""

    __slots__ = ()


class KwargsModule(Value):
    """A module whose forward names no parameter, so the Trainer finds no dataset column it accepts:
    an instance of a `KwargsModuleClass`, or `torch.nn.DataParallel(model)` (whose `.module` is
    `inner`)."""

    __slots__ = ("inner",)

    def __init__(self, inner: Optional[Value] = None) -> None:
        self.inner = inner


def join(a: Optional[Value], b: Optional[Value]) -> Optional[Value]:
    if a is None or b is None:
        return None
    return a.join(b)
