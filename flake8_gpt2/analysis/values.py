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


class TransformersObject(Value):
    """What calling any other transformers name gives: a collator, a Trainer, a pipeline ..."""

    __slots__ = ("class_name",)

    def __init__(self, class_name: str) -> None:
        self.class_name = class_name

    def state(self) -> tuple:
        return (self.class_name,)


class Model(Value):
    """A transformers model instance; `class_name` is its transformers class, when known, and
    `checkpoint` the literal name it was loaded from."""

    __slots__ = ("class_name", "checkpoint", "bound_in", "bound_as", "bound_in_module")

    def __init__(self, class_name: Optional[str] = None, checkpoint: Optional[str] = None) -> None:
        self.class_name = class_name
        self.checkpoint = checkpoint
        # the statement line that first bound it, and the code it was bound to (as a tokenizer's)
        self.bound_in: Optional[cst.SimpleStatementLine] = None
        self.bound_as: Optional[str] = None
        self.bound_in_module = False

    def state(self) -> tuple:
        return (self.class_name, self.checkpoint)

    def join(self, other: Value) -> Optional[Value]:
        if isinstance(other, Model):
            return self if other.state() == self.state() else Model()
        return None

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

    __slots__ = ("gpt2", "pad_may_be_set", "bound_in", "bound_as", "bound_in_module")

    def __init__(self, gpt2: bool, pad_may_be_set: bool) -> None:
        self.gpt2 = gpt2
        # Tracked on the object, so every alias sees it; it only ever turns True, which
        # can only silence findings.
        self.pad_may_be_set = pad_may_be_set
        self.bound_in: Optional[cst.SimpleStatementLine] = None
        self.bound_as: Optional[str] = None
        self.bound_in_module = False

    def state(self) -> tuple:
        return (self.gpt2, self.pad_may_be_set)

    @property
    def lacks_pad_token(self) -> bool:
        return self.gpt2 and not self.pad_may_be_set

    def join(self, other: Value) -> Optional[Value]:
        if other is self:
            return self
        if isinstance(other, Tokenizer):
            return Tokenizer(self.gpt2 and other.gpt2, self.pad_may_be_set or other.pad_may_be_set)
        return None


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

    __slots__ = ("has_tensors", "tokenizer_call", "scope", "one_text", "holds_input_ids", "read_at")

    def __init__(
        self, has_tensors: bool, tokenizer_call: Optional[cst.Call] = None, scope: object = None, one_text: bool = False
    ) -> None:
        self.has_tensors = has_tensors
        self.tokenizer_call = tokenizer_call
        self.scope = scope
        self.one_text = one_text
        self.holds_input_ids = True
        self.read_at: set = set()  # the names read for it, to tell whether one use is the only one

    def state(self) -> tuple:
        return (self.has_tensors, self.holds_input_ids)

    def copy(self) -> "Encoding":
        """A new dict of the same keys and values (`dict(enc)`): no longer the tokenizer call's own
        result, so a fix there would not show in it alone."""
        copied = Encoding(self.has_tensors, one_text=self.one_text)
        copied.holds_input_ids = self.holds_input_ids
        return copied


class IdsBatch(Value):
    """A 2-D tensor of token ids shaped for a model, (batch, sequence): `enc["input_ids"]` of an
    encoding with tensors. Right where it is; a row taken out of it is 1-D `Ids`. `one_row`: it
    holds a single text, so `.squeeze()` drops the batch dimension."""

    __slots__ = ("one_row",)

    def __init__(self, one_row: bool) -> None:
        self.one_row = one_row

    def state(self) -> tuple:
        return (self.one_row,)


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


class MaybeNone(NoneLiteral):
    """A parameter that defaults to None, or `None` joined with another value: what may be None
    (a model input held by one may not be given at all)."""

    __slots__ = ()


class OwnFunction(Value):
    """A function, method or lambda of the linted file; `info` is what the analysis learnt of it
    (`declarations.FunctionInfo`): its calls, what it returns. `bound`: reached through an instance,
    so calls skip `self`."""

    __slots__ = ("info", "bound")

    def __init__(self, info: object, bound: bool = False) -> None:
        self.info = info
        self.bound = bound

    def state(self) -> tuple:
        return (id(self.info), self.bound)


class _OfOwnClass(Value):
    """A value tied to a class of the linted file (`own.ClassInfo`, by identity)."""

    __slots__ = ("info",)

    def __init__(self, info: object) -> None:
        self.info = info

    def state(self) -> tuple:
        return (id(self.info),)


class OwnClass(_OfOwnClass):
    """A class of the linted file that is neither a model nor a kwargs module."""

    __slots__ = ()


class OwnInstance(_OfOwnClass):
    """An instance of an `OwnClass` (not one itself: `isinstance` tells them apart)."""

    __slots__ = ()


def join(a: Optional[Value], b: Optional[Value]) -> Optional[Value]:
    if isinstance(a, NoneLiteral) or isinstance(b, NoneLiteral):
        # None on one path: may be None after, whatever the other holds
        return a if type(a) is NoneLiteral and type(b) is NoneLiteral else MaybeNone()
    if a is None or b is None:
        return None
    return a.join(b)
