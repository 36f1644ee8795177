"""Dicts the code builds: those whose keys are all known (`Mapping`) and those that surely hold
some keys (`OpenMapping`)."""
from __future__ import annotations

from typing import Callable, Dict, Optional

import libcst as cst

from .base import Text, Value


class Mapping(Value):
    """A dict whose keys are all known: a dict literal, or a row or batch of a raw-text dataset.
    `elements`: each key's value expression, for a dict literal or `dict(key=...)` as written;
    `written`: that `dict(key=...)` call; `writes`: for each key the code wrote, the key as written
    there (a string literal, or a keyword's name) where one write alone put it in. `held`: the
    values of the keys the analysis knows (a dataset row's texts, what a function returns under
    each key)."""

    __slots__ = ("keys", "elements", "written", "writes", "held")

    def __init__(
        self,
        keys: frozenset,
        elements: Optional[Dict[str, cst.BaseExpression]] = None,
        written: Optional[cst.Call] = None,
        writes: Optional[Dict[str, cst.CSTNode]] = None,
        held: Optional[Dict[str, Value]] = None,
    ) -> None:
        self.keys = keys
        self.elements = elements
        self.written = written
        self.writes = writes if writes is not None else {}
        self.held = held if held is not None else {}

    def state(self) -> tuple:
        elements = tuple(id(node) for node in self.elements.values()) if self.elements is not None else None
        held = tuple(sorted((key, type(value).__name__, value.state()) for key, value in self.held.items()))
        return (self.keys, elements, held)

    def of_texts(self, evaluate: Callable[[cst.BaseExpression], Optional[Value]]) -> "Mapping":
        """A dict display as a row of data: its keys, and the texts it holds under some of them."""
        texts: Dict[str, Value] = {}
        for key, expression in (self.elements or {}).items():
            value = evaluate(expression)
            if isinstance(value, Text) and not value.is_batch:
                texts[key] = value
        return Mapping(self.keys, held=texts)

    def copy(self) -> "Mapping":
        """A new dict of the same keys and values (`dict(d)`, `d.copy()`): a key written into one
        is not written into the other."""
        return Mapping(self.keys, self.elements, writes=self.writes)

    def join(self, other: Value) -> Optional[Value]:
        if other is self:
            return self
        if type(other) is Mapping and other.state() == self.state():
            if _same_writes(self.writes, other.writes):
                return self
            return Mapping(self.keys, self.elements, self.written, _agreeing(self.writes, other.writes), self.held)
        if isinstance(other, (Mapping, OpenMapping)):
            # the keys both paths surely hold (a dict whose keys are all known is not one now)
            return _open(self.keys & other.keys, _agreeing(self.writes, other.writes))
        return None


class OpenMapping(Value):
    """A dict that surely holds `keys` and may hold others: one the code got from elsewhere (a
    parameter, `x or {}`) and then wrote keys into, or one whose paths disagree on its other keys.
    `writes` as for `Mapping`. It stands only for what `**` of it passes; no other rule reads it."""

    __slots__ = ("keys", "writes")

    def __init__(self, keys: frozenset, writes: Optional[Dict[str, cst.CSTNode]] = None) -> None:
        self.keys = keys
        self.writes = writes if writes is not None else {}

    def state(self) -> tuple:
        return (self.keys, tuple(sorted((key, id(node)) for key, node in self.writes.items())))

    def copy(self) -> "OpenMapping":
        return OpenMapping(self.keys, self.writes)

    def join(self, other: Value) -> Optional[Value]:
        if other is self or (type(other) is OpenMapping and other.state() == self.state()):
            return self
        if isinstance(other, (Mapping, OpenMapping)):
            return _open(self.keys & other.keys, _agreeing(self.writes, other.writes))
        return None


def _open(keys: frozenset, writes: Dict[str, cst.CSTNode]) -> Optional[OpenMapping]:
    """A dict that surely holds `keys`; one that surely holds none is what is unknown."""
    return OpenMapping(keys, writes) if keys else None


def _same_writes(a: Dict[str, cst.CSTNode], b: Dict[str, cst.CSTNode]) -> bool:
    return a.keys() == b.keys() and all(a[key] is b[key] for key in a)


def _agreeing(a: Dict[str, cst.CSTNode], b: Dict[str, cst.CSTNode]) -> Dict[str, cst.CSTNode]:
    """The keys both paths wrote at the same place."""
    return {key: node for key, node in a.items() if b.get(key) is node}
