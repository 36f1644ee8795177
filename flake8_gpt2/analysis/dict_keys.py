"""The keys of dicts built up step by step: dict displays (`{**a, "k": v}`), `dict(...)`,
`d[key] = v`, `del d[key]`, `d.update(...)`, `d.setdefault(...)`, `d.pop(...)`, `d.clear()`, and a
dict handed to other code (which may add or remove any key).

A dict whose keys are all known is a `Mapping`; one that surely holds some keys and may hold others
(a parameter the code wrote keys into, `{**unknown, "k": v}`) an `OpenMapping`. Each remembers,
for the keys one write alone put in, the key as written there (`writes`), where a fix may rename it."""
from __future__ import annotations

from typing import Dict, Iterable, Optional, Tuple, Union

import libcst as cst

from .. import knowledge
from .scopes import Scope, Scopes
from .syntax import literal_string
from .values import Evaluate, LibraryName, Mapping, OpenMapping, Value, listed

Keyed = Union[Mapping, OpenMapping]
Writes = Dict[str, cst.CSTNode]


class Built:
    """A dict as its display or `dict(...)` call builds it, part after part (later parts win)."""

    def __init__(self) -> None:
        self.keys: set = set()
        self.writes: Writes = {}
        self.elements: Optional[Dict[str, cst.BaseExpression]] = {}
        self.open = False

    def key(self, key: str, written: cst.CSTNode, value: cst.BaseExpression) -> None:
        self.keys.add(key)
        self.writes[key] = written
        if self.elements is not None:
            self.elements[key] = value

    def merged(self, value: Optional[Value]) -> None:
        """`**value`: its keys, written where it wrote them; what else it may hold may be any key."""
        if isinstance(value, (Mapping, OpenMapping)):
            self.keys |= value.keys
            for key in value.keys:
                self.writes.pop(key, None)
            self.writes.update(value.writes)
            elements = value.elements if isinstance(value, Mapping) else None
            self.elements = None if self.elements is None or elements is None else {**self.elements, **elements}
        if not isinstance(value, Mapping):
            self.open, self.writes, self.elements = True, {}, None

    def value(self, written: Optional[cst.Call] = None) -> Optional[Value]:
        if self.open:
            # a dict that may hold any key and surely holds none is what is unknown
            return OpenMapping(frozenset(self.keys), self.writes) if self.keys else None
        return Mapping(frozenset(self.keys), self.elements, written, self.writes)


def dict_display(node: cst.Dict, value_of: Evaluate) -> Optional[Value]:
    """A dict display of string keys, `**` of dicts merged in (a key not a literal: any key)."""
    built = Built()
    for element in node.elements:
        if isinstance(element, cst.DictElement):
            key = literal_string(element.key)
            if key is None:
                built.merged(None)
            else:
                built.key(key, element.key, element.value)
        else:
            built.merged(value_of(element.value))
    return built.value()


def rows_of_dicts(node: cst.List, value_of: Evaluate) -> Optional[Value]:
    """A list display of dict displays of the same literal keys: rows of data, holding under a key
    the texts every row holds there."""
    rows = [
        value_of(element.value) if isinstance(element, cst.Element) and isinstance(element.value, cst.Dict) else None
        for element in node.elements
    ]  # not `*{...}`, which spreads the keys
    if not all(isinstance(row, Mapping) and row.elements is not None for row in rows):
        return None
    texts = [row.of_texts(value_of) for row in rows]  # type: ignore[union-attr]
    keys = texts[0].keys
    if any(row.keys != keys for row in texts):
        return None
    common = {key: value for key, value in texts[0].held.items() if all(key in row.held for row in texts)}
    return listed(Mapping(keys, held=common))


def dict_call(node: cst.Call, value_of: Evaluate) -> Optional[Value]:
    """`dict(k=v)`, `dict(**a, k=v)`, `dict(a, k=v)`."""
    built = Built()
    for index, arg in enumerate(node.args):
        if arg.keyword is not None:
            built.key(arg.keyword.value, arg.keyword, arg.value)
        elif arg.star == "**" or (not arg.star and index == 0):
            built.merged(value_of(arg.value))
        else:
            return None
    all_keywords = all(arg.keyword is not None for arg in node.args)
    return built.value(written=node if all_keywords else None)


class DictKeys:
    def __init__(self, scopes: Scopes, value_of: Evaluate) -> None:
        self._scopes = scopes
        self._value_of = value_of
        # most modules never bind a dict of known keys: then only a write into one may make one
        self._any_bound = False

    def note_bound(self, value: Value) -> None:
        self._any_bound = self._any_bound or isinstance(value, (Mapping, OpenMapping))

    def set_key(self, target: cst.Subscript, deleting: bool) -> None:
        """`d[key] = v` or `del d[key]`."""
        key = None
        if len(target.slice) == 1 and isinstance(target.slice[0].slice, cst.Index):
            key = literal_string(target.slice[0].slice.value)
        held = self._held_mapping(target.value, written_into=key is not None and not deleting)
        if held is None:
            return
        keys, writes, closed = held[1].keys, dict(held[1].writes), isinstance(held[1], Mapping)
        if key is None:
            self._rekey(held, None, {}, False)
        elif deleting:
            writes.pop(key, None)
            self._rekey(held, keys - {key}, writes, closed)
        else:
            writes[key] = target.slice[0].slice.value  # type: ignore[attr-defined]
            self._rekey(held, keys | {key}, writes, closed)

    def mutating_call(self, node: cst.Call) -> None:
        """A dict's keys after a method that may change them; a dict handed to other code may get
        any key there."""
        func = node.func
        if not self._any_bound and not (type(func) is cst.Attribute and func.attr.value in _WRITERS):
            return
        if type(func) is cst.Attribute and func.attr.value not in _DICT_READERS:
            held = self._held_mapping(func.value, written_into=func.attr.value in _WRITERS)
            if held is not None:
                self._rekey(held, *self._keys_after(func.attr.value, held[1], node))
        if type(func) is cst.Name and func.value in knowledge.DICT_READERS and not self._scopes.is_bound(func.value):
            return
        if self._makes_a_dataset(func):
            return  # `Dataset.from_dict(d)` copies the dict's columns
        for arg in node.args:
            if not arg.star:
                held = self._held_mapping(arg.value)
                if held is not None:
                    self._rekey(held, None, {}, False)

    def _makes_a_dataset(self, func: cst.BaseExpression) -> bool:
        if type(func) is not cst.Attribute or func.attr.value not in knowledge.DATASET_CONSTRUCTORS:
            return False
        owner = self._value_of(func.value)
        return isinstance(owner, LibraryName) and owner.path in knowledge.DATASET_CLASS

    def _keys_after(self, method: str, held: Keyed, node: cst.Call) -> Tuple[Optional[frozenset], Writes, bool]:
        """The keys the dict holds after the call (None: unknown), where each was written, and
        whether those are all its keys."""
        keys, writes, closed = held.keys, dict(held.writes), isinstance(held, Mapping)
        first = node.args[0] if node.args and not node.args[0].keyword and not node.args[0].star else None
        key = literal_string(first.value) if first is not None else None
        if method == "clear":
            return frozenset(), {}, True
        if method in ("pop", "setdefault") and key is not None and first is not None:
            if method == "pop":
                writes.pop(key, None)
                return keys - {key}, writes, closed
            if closed and key not in keys:
                writes[key] = first.value  # only here is it written
            return keys | {key}, writes, closed
        if method == "update":
            built = Built()
            built.keys, built.writes, built.open = set(keys), writes, not closed
            for arg in node.args:
                if arg.keyword is not None:
                    built.key(arg.keyword.value, arg.keyword, arg.value)
                else:
                    built.merged(self._value_of(arg.value))
            return frozenset(built.keys), built.writes, not built.open
        return None, {}, False  # popitem, or a method we do not know: which keys it holds is unknown

    def _held_mapping(
        self, node: cst.BaseExpression, written_into: bool = False
    ) -> Optional[Tuple[Optional[str], Keyed]]:
        """The dict of known keys `node` holds, and the name that holds it (None for an attribute).
        `written_into`: a key is written into it, so a name of this scope that holds what is unknown
        holds a dict from then on (`**` of it passes that key)."""
        if type(node) is cst.Name:
            value = self._scopes.lookup(node.value, record=False)
            if value is None and written_into and node.value in self._scopes.current.bindings:
                return node.value, OpenMapping(frozenset())
            return (node.value, value) if isinstance(value, (Mapping, OpenMapping)) else None
        if type(node) is cst.Attribute:
            value = self._value_of(node)
            return (None, value) if isinstance(value, (Mapping, OpenMapping)) else None
        return None

    def _rekey(
        self, held: Tuple[Optional[str], Keyed], keys: Optional[frozenset], writes: Writes, closed: bool
    ) -> None:
        """Every name of this scope bound to the dict now holds it with `keys` (unknown when None). A
        dict of an enclosing scope, or held by an attribute, changed here is unknown from then on: a
        function may run at any point, or never."""
        name, mapping = held
        local = name is not None and name in self._scopes.current.bindings
        changed: Optional[Value] = None
        if keys is not None and local:
            changed = Mapping(keys, writes=writes) if closed else OpenMapping(keys, writes) if keys else None
        self._note_bound(changed)
        scope: Optional[Scope] = self._scopes.current
        names: Iterable[str]
        while scope is not None:
            names = scope.bindings.names_holding(mapping)
            if scope is self._scopes.current and name is not None and local and not names:
                names = [name]  # a name that held what is unknown
            for bound in names:
                scope.bindings[bound] = changed if scope is self._scopes.current else None
            if scope.owner_class is not None:
                self._scopes.forget_attributes(scope.owner_class.attributes, mapping)
            scope = scope.parent

    def _note_bound(self, value: Optional[Value]) -> None:
        if value is not None:
            self.note_bound(value)


# dict methods that leave its keys as they are
_DICT_READERS = frozenset({"get", "keys", "values", "items", "copy", "__getitem__", "__contains__"})
# dict methods that write a key into it
_WRITERS = frozenset({"update", "setdefault"})
