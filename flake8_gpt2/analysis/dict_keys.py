"""The keys of dicts built up step by step: `d[key] = v`, `del d[key]`, `d.update(...)`, and a dict
handed to other code (which may add any key)."""
from __future__ import annotations

from typing import Optional, Tuple

import libcst as cst

from .. import knowledge
from .evaluation import Evaluator
from .scopes import Scope, Scopes
from .syntax import literal_string
from .values import Mapping, Value


class DictKeys:
    def __init__(self, scopes: Scopes, evaluator: Evaluator) -> None:
        self._scopes = scopes
        self._evaluator = evaluator
        # most modules never bind a dict of known keys: then no call needs looking at
        self._any_bound = False

    def note_bound(self, value: Value) -> None:
        self._any_bound = self._any_bound or isinstance(value, Mapping)

    def set_key(self, target: cst.Subscript, deleting: bool) -> None:
        """`d[key] = v` or `del d[key]`."""
        held = self._held_mapping(target.value)
        if held is None:
            return
        key = None
        if len(target.slice) == 1 and isinstance(target.slice[0].slice, cst.Index):
            key = literal_string(target.slice[0].slice.value)
        keys = held[1].keys
        self._rekey(held, None if key is None else keys - {key} if deleting else keys | {key})

    def mutating_call(self, node: cst.Call) -> None:
        """A dict's keys after a method that may change them; a dict handed to other code may get
        any key there."""
        if not self._any_bound:
            return
        func = node.func
        if type(func) is cst.Attribute and func.attr.value not in _DICT_READERS:
            held = self._held_mapping(func.value)
            if held is not None:
                self._rekey(held, self._keys_after(func.attr.value, held[1].keys, node))
        if type(func) is cst.Name and func.value in knowledge.DICT_READERS and not self._scopes.is_bound(func.value):
            return
        for arg in node.args:
            if not arg.star:
                held = self._held_mapping(arg.value)
                if held is not None:
                    self._rekey(held, None)

    def _keys_after(self, method: str, keys: frozenset, node: cst.Call) -> Optional[frozenset]:
        first = literal_string(node.args[0].value) if node.args and not node.args[0].keyword else None
        if method == "clear":
            return frozenset()
        if method in ("pop", "setdefault"):
            if first is None:
                return None
            return keys - {first} if method == "pop" else keys | {first}
        if method == "update":
            added = set()
            for arg in node.args:
                if arg.keyword is not None:
                    added.add(arg.keyword.value)
                    continue
                other = self._evaluator.value_of(arg.value) if not arg.star else None
                if not isinstance(other, Mapping):
                    return None
                added |= other.keys
            return keys | added
        return None  # popitem, or a method we do not know: which keys it holds is unknown

    def _held_mapping(self, node: cst.BaseExpression) -> Optional[Tuple[Optional[str], Mapping]]:
        """The dict of known keys `node` holds, and the name that holds it (None for an attribute)."""
        if type(node) is cst.Name:
            value = self._scopes.lookup(node.value, record=False)
            return (node.value, value) if isinstance(value, Mapping) else None
        if type(node) is cst.Attribute:
            value = self._evaluator.value_of(node)
            return (None, value) if isinstance(value, Mapping) else None
        return None

    def _rekey(self, held: Tuple[Optional[str], Mapping], keys: Optional[frozenset]) -> None:
        """Every name of this scope bound to the dict now holds it with `keys` (unknown when None). A
        dict of an enclosing scope, or held by an attribute, changed here is unknown from then on: a
        function may run at any point, or never."""
        name, mapping = held
        local = name is not None and name in self._scopes.current.bindings
        changed = Mapping(keys) if keys is not None and local else None
        scope: Optional[Scope] = self._scopes.current
        while scope is not None:
            for bound in scope.bindings.names_holding(mapping):
                scope.bindings[bound] = changed if scope is self._scopes.current else None
            if scope.owner_class is not None:
                self._scopes.forget_attributes(scope.owner_class.attributes, mapping)
            scope = scope.parent


# dict methods that leave its keys as they are
_DICT_READERS = frozenset({"get", "keys", "values", "items", "copy", "__getitem__", "__contains__"})
