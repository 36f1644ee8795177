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
    """A transformers model instance; `class_name` is its transformers class, when known."""

    __slots__ = ("class_name",)

    def __init__(self, class_name: Optional[str] = None) -> None:
        self.class_name = class_name

    def state(self) -> tuple:
        return (self.class_name,)

    def join(self, other: Value) -> Optional[Value]:
        if isinstance(other, Model):
            return self if other.class_name == self.class_name else Model()
        return None


class Tokenizer(Value):
    """A transformers tokenizer instance.

    `bound_in` is the statement line that bound it to `bound_as` (the code of the assignment
    target), when it was created by an assignment, so a fix can set its pad token right after.
    """

    __slots__ = ("gpt2", "pad_may_be_set", "bound_in", "bound_as")

    def __init__(self, gpt2: bool, pad_may_be_set: bool) -> None:
        self.gpt2 = gpt2
        # Tracked on the object, so every alias sees it; it only ever turns True, which
        # can only silence findings.
        self.pad_may_be_set = pad_may_be_set
        self.bound_in: Optional[cst.SimpleStatementLine] = None
        self.bound_as: Optional[str] = None

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
    added; `scope` the scope it was made in."""

    __slots__ = ("has_tensors", "tokenizer_call", "scope", "read_at")

    def __init__(self, has_tensors: bool, tokenizer_call: Optional[cst.Call] = None, scope: object = None) -> None:
        self.has_tensors = has_tensors
        self.tokenizer_call = tokenizer_call
        self.scope = scope
        self.read_at: set = set()  # the names read for it, to tell whether one use is the only one

    def state(self) -> tuple:
        return (self.has_tensors,)


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
    """An instance of a `KwargsModuleClass`: the Trainer finds no dataset column it accepts."""

    __slots__ = ()


class MaybeNone(Value):
    """`None`, a parameter that defaults to None, or what joins either with another value: a model
    input held by one may not be given at all."""

    __slots__ = ()

    def join(self, other: Value) -> Optional[Value]:
        return self


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


class OwnClass(Value):
    """A class of the linted file that is neither a model nor a kwargs module (`declarations.ClassInfo`)."""

    __slots__ = ("info",)

    def __init__(self, info: object) -> None:
        self.info = info

    def state(self) -> tuple:
        return (id(self.info),)


class OwnInstance(Value):
    """An instance of an `OwnClass`."""

    __slots__ = ("info",)

    def __init__(self, info: object) -> None:
        self.info = info

    def state(self) -> tuple:
        return (id(self.info),)


def join(a: Optional[Value], b: Optional[Value]) -> Optional[Value]:
    if isinstance(a, MaybeNone) or isinstance(b, MaybeNone):
        return MaybeNone()  # None on one path: may be None after, whatever the other holds
    if a is None or b is None:
        return None
    return a.join(b)
