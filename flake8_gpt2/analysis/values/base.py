"""What every value is (`Value`, `join`), and the values of plain Python and of names: text,
imported names, `None`, the project's kwargs modules (dicts: mappings.py)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Optional, Tuple

import libcst as cst

from ... import knowledge

if TYPE_CHECKING:
    from .tokens import Tokenizer


class Value:
    """A proven fact about what an expression evaluates to."""

    __slots__ = ()

    def state(self) -> tuple:
        """What a rule may have relied on; two values with equal states mean the same."""
        return ()

    def identity(self) -> Optional[tuple]:
        """What stays of it whatever code does to it later (the checkpoint a tokenizer was loaded
        from), where that is less than its state; None: its state."""
        return None

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


class ItemList(Value):
    """A list comprehension whose every item is `item` (`values.listed`: a cache object, one
    text's ids); a loop over it binds the item."""

    __slots__ = ("item",)

    def __init__(self, item: Value) -> None:
        self.item = item

    def state(self) -> tuple:
        return (type(self.item).__name__, self.item.state())


class Text(Value):
    """A `str` (`literal` when it is one literal), or with `Text.batch()` a list or tuple of them.
    `choices`: the literals a text chosen when the program runs may be (a command-line option's
    default or choices, an environment variable's default, a value of a dict of literals).
    `tail`: text that every value of it ends with, written after something else (the last part of
    f"{answer}<|endoftext|>", or what every literal of a list display ends with). `sequence`: of a
    batch, "list" or "tuple" where the analysis knows which."""

    __slots__ = ("is_batch", "literal", "choices", "tail", "sequence")

    def __init__(
        self,
        literal: Optional[str] = None,
        *,
        is_batch: bool = False,
        choices: Optional[Tuple[str, ...]] = None,
        tail: Optional[str] = None,
        sequence: Optional[str] = None,
    ) -> None:
        self.is_batch = is_batch
        self.sequence = sequence
        self.literal = literal
        self.choices = choices
        self.tail = tail

    @classmethod
    def batch(cls, sequence: Optional[str] = None) -> "Text":
        return cls(is_batch=True, sequence=sequence)

    @classmethod
    def chosen_among(cls, choices: Tuple[str, ...]) -> "Text":
        return cls(choices[0] if len(set(choices)) == 1 else None, choices=choices)

    def state(self) -> tuple:
        return (self.is_batch, self.literal, self.choices, self.tail, self.sequence)

    def join(self, other: Value) -> Optional[Value]:
        if isinstance(other, Text) and other.is_batch == self.is_batch:
            same = other.literal == self.literal and other.choices == self.choices and other.tail == self.tail
            if same and other.sequence == self.sequence:
                return self
            return Text(is_batch=self.is_batch, sequence=self.sequence if other.sequence == self.sequence else None)
        return None

    @property
    def ending(self) -> Optional[str]:
        """What the text ends with, after some other text, where known: a literal's own last part."""
        return self.literal if self.literal is not None else self.tail


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


class Elements(Value):
    """A tuple whose elements the analysis knows: what a library call gives as a pair."""

    __slots__ = ("values",)

    def __init__(self, values: Tuple[Optional[Value], ...]) -> None:
        self.values = values

    def state(self) -> tuple:
        return tuple((type(value).__name__, value.state() if value is not None else None) for value in self.values)


class LibraryName(Value):
    """A module or name of a library the analysis knows beside transformers (datasets, torch,
    accelerate, tqdm), by its full dotted path: `torch.utils.data.DataLoader`."""

    __slots__ = ("path",)

    def __init__(self, path: str) -> None:
        self.path = path

    def state(self) -> tuple:
        return (self.path,)


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


class TransformersMethod(Value):
    """A class method of a transformers name held as a value (`load = AutoModel.from_pretrained`): a
    constructor (`knowledge.CONSTRUCTORS`) or a method the migration facts name. A call of it is
    seen as the call `name.method(...)` written out; `names` holds every class it may be bound to
    where branches chose among several (its calls give what all of them agree on)."""

    __slots__ = ("names", "method")

    def __init__(self, names: Tuple[str, ...], method: str) -> None:
        self.names = names
        self.method = method

    def state(self) -> tuple:
        return (self.names, self.method)

    def join(self, other: Value) -> Optional[Value]:
        if not isinstance(other, TransformersMethod) or other.method != self.method:
            return None
        if set(other.names) <= set(self.names):
            return self
        added = tuple(name for name in other.names if name not in self.names)
        return TransformersMethod(self.names + added, self.method)


class ModelFactory(Value):
    """A class or function of the project whose calls give models: a subclass of a transformers
    model that keeps its forward, a function annotated to return one, or a configured name."""

    __slots__ = ()


class TransformersObject(Value):
    """What calling any other transformers name gives: a collator, a Trainer, a pipeline ...
    `made_by`: the call that made it, for what its keywords say."""

    __slots__ = ("class_name", "made_by")

    def __init__(self, class_name: str, made_by: Optional[cst.Call] = None) -> None:
        self.class_name = class_name
        self.made_by = made_by

    def state(self) -> tuple:
        return (self.class_name,)


class Accelerator(Value):
    """An `accelerate.Accelerator()`, whose `prepare(...)` gives back what it is given."""

    __slots__ = ()


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
    (a model input held by one may not be given at all). `other`: what it holds when it is not
    None, where the paths that bound something else agree (an `is None` test narrows to it)."""

    __slots__ = ("other",)

    def __init__(self, other: Optional[Value] = None) -> None:
        self.other = other

    def state(self) -> tuple:
        return () if self.other is None else (type(self.other), self.other.state())


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


class Partial(Value):
    """`functools.partial(f, ...)` of a function of the linted file: calling it runs `f`."""

    __slots__ = ("function",)

    def __init__(self, function: OwnFunction) -> None:
        self.function = function

    def state(self) -> tuple:
        return self.function.state()


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


class OwnSuper(_OfOwnClass):
    """`super()` in a method of a class of the file whose base, `info`, is one too: that base's
    methods (and its bases'), bound to the instance."""

    __slots__ = ()


def join(a: Optional[Value], b: Optional[Value]) -> Optional[Value]:
    if isinstance(a, NoneLiteral) or isinstance(b, NoneLiteral):
        if type(a) is NoneLiteral and type(b) is NoneLiteral:
            return a
        # None on one path: may be None after, and what the other paths bound where they agree
        others = [
            value.other if isinstance(value, MaybeNone) else value for value in (a, b) if type(value) is not NoneLiteral
        ]
        return MaybeNone(others[0] if len(others) == 1 else join(*others))
    if a is None or b is None:
        return None
    return a.join(b)


# what the analysis uses to tell what an expression holds
Evaluate = Callable[[cst.BaseExpression], Optional[Value]]
