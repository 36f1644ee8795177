"""Scopes and the names bound in them, as Python resolves them: a function sees its enclosing
functions and the module, never the class bodies around it."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Dict, List, Mapping, Optional, Tuple, Union

import libcst as cst

from .values import Mapping as KnownKeys
from .values import OpenMapping
from .values import Model, OwnClass, OwnFunction, OwnInstance, Tokenizer, TransformersModule, Value, join

Bindings = Dict[str, Optional[Value]]
# the kinds of value that fixes look for among all the names in reach
_LOOKED_FOR = (Tokenizer, Model, TransformersModule)


UNBOUND = object()  # what a journal or a branch state holds for a name not bound


class IndexedBindings(Dict[str, Optional[Value]]):
    """What the names of a scope hold, and which names ever held a kind of value fixes look for:
    finding them then costs the few names that held one, not a look at every binding per finding.
    Values only come in through `[name] =`: the branches restore states (`restore`) made of values
    that came in so, or joins of them, which are one of them or None.

    While a compound statement is open (`record_changes`), its journal holds what each name it
    changed held before it: a branch then costs the names it changed, not every binding.

    Each dict of known keys also keeps the names it was bound to (by its id), so that changing it
    in place (`d[key] = v`) costs the names that held it, not every binding."""

    __slots__ = ("_held", "_journals", "_dict_names")

    def __init__(self) -> None:
        super().__init__()
        self._held: Dict[type, Dict[str, None]] = {kind: {} for kind in _LOOKED_FOR}
        self._dict_names: Dict[int, Dict[str, None]] = {}
        self._journals: List[Dict[str, object]] = []  # one per open compound statement, innermost last

    def record_changes(self) -> Dict[str, object]:
        """A journal of the names changed from now on, with what each held now (or `UNBOUND`)."""
        self._journals.append({})
        return self._journals[-1]

    def stop_recording(self) -> None:
        """The changes of the innermost compound statement are changes of the one around it."""
        journal = self._journals.pop()
        if self._journals:
            outer = self._journals[-1]
            for name, before in journal.items():
                outer.setdefault(name, before)

    def restore(self, name: str, value: object) -> None:
        """`name` holds `value` again (a name the innermost journal holds); `UNBOUND`: unbound."""
        if value is UNBOUND:
            super().pop(name, None)
        else:
            super().__setitem__(name, value)  # type: ignore

    def _note(self, name: str) -> None:
        if self._journals and name not in self._journals[-1]:
            self._journals[-1][name] = self.get(name, UNBOUND)

    def pop(self, name: str, *default: object) -> object:  # type: ignore
        self._note(name)
        return super().pop(name, *default)

    def __delitem__(self, name: str) -> None:
        self._note(name)
        super().__delitem__(name)

    def __setitem__(self, name: str, value: Optional[Value]) -> None:
        self._note(name)
        super().__setitem__(name, value)
        if isinstance(value, (KnownKeys, OpenMapping)):
            self._dict_names.setdefault(id(value), {})[name] = None
        if isinstance(value, _LOOKED_FOR):
            for kind, names in self._held.items():
                if isinstance(value, kind):
                    names[name] = None

    def holding(self, kind: type) -> List[Tuple[str, Value]]:
        """The names that hold a `kind` (one of `_LOOKED_FOR`) now, in the order they first held one."""
        return [(name, self[name]) for name in self._held[kind] if isinstance(self.get(name), kind)]  # type: ignore

    def names_holding(self, mapping: Union[KnownKeys, OpenMapping]) -> List[str]:
        """The names that hold this very dict of known keys now."""
        # an id may be reused once its dict is gone: `is` keeps only the names of this one
        return [name for name in self._dict_names.get(id(mapping), ()) if self.get(name) is mapping]


@dataclass
class Scope:
    kind: str  # "module", "function", "class" or "comprehension"
    parent: Optional["Scope"]
    bindings: IndexedBindings = field(default_factory=IndexedBindings)
    # function scopes of methods: the name of `self` and the class scope holding its attributes
    self_name: Optional[str] = None
    owner_class: Optional["Scope"] = None
    # class scopes: attributes assigned through `self.<name> = ...` in its methods
    attributes: IndexedBindings = field(default_factory=IndexedBindings)
    # function scopes: what was read from outside the function, for `Read.still_holds`
    outer_reads: List["Read"] = field(default_factory=list)
    # how many branches (if, loop, try, match) of this scope the walk is inside
    open_paths: int = 0
    # the read tuples `note_reads` added here, by id; kept, so that no later tuple reuses an id
    noted: dict = field(default_factory=dict)
    global_names: set = field(default_factory=set)  # function scopes: names declared `global`


@dataclass(frozen=True)
class Read:
    """A value taken from a binding that may change after the read is analysed
    (a module global read inside a function, or a `self` attribute)."""

    bindings: Bindings
    name: str
    value: Value
    state: tuple

    def still_holds(self) -> bool:
        final = self.bindings.get(self.name)
        return type(final) is type(self.value) and final.state() == self.state

    def still_the_same_object(self) -> bool:
        """The name holds what it held, whatever code may have set on it since."""
        final = self.bindings.get(self.name)
        if type(final) is not type(self.value):
            return False
        identity = final.identity()
        return final.state() == self.state if identity is None else identity == self.value.identity()


class Scopes:
    """The scope being analysed and those around it. `builtins` are what a name unbound in every
    scope holds (the configured model names)."""

    def __init__(self, builtins: Mapping[str, Value]) -> None:
        self.module = Scope("module", None)
        self.current = self.module
        self._builtins = builtins
        # what functions that declare a name `global` assign it, joined: they may run at any time
        self.assigned_by_functions: Dict[str, Optional[Value]] = {}
        # names and attribute names that ever held the file's own function, class or instance:
        # only their uses need a look for calls and escapes
        self.own_names: set = set()
        self.own_attributes: set = set()
        self.lambdas: Dict[int, Value] = {}  # what each lambda is, by id of its node
        self.lists: Dict[int, Value] = {}  # what each list comprehension builds, where known, by id
        # what each assignment of an attribute assigned, by attributes, name and assignment
        self._attribute_sites: Dict[int, Dict[str, Dict[int, Optional[Value]]]] = {}
        self._forgotten: set = set()  # (attributes, name) changed in place: unknown for good
        # `from transformers import ...` statements of the module, where a fix may add a name
        self.transformers_imports: List[cst.ImportFrom] = []

    def enter(self, kind: str) -> Scope:
        self.current = Scope(kind, self.current)
        return self.current

    def leave(self) -> None:
        assert self.current.parent is not None
        self.current = self.current.parent

    def bind(self, name: str, value: Optional[Value]) -> None:
        scope = self.current
        if name in scope.global_names:
            # the module's name, rebound whenever the function runs: from its definition on, the
            # module's name holds what it held or what the function assigns
            assigned = self.assigned_by_functions
            assigned[name] = join(assigned[name], value) if name in assigned else value
            scope = self.module
            value = join(scope.bindings[name], value) if name in scope.bindings else value
        elif scope is self.module and name in self.assigned_by_functions:
            value = join(value, self.assigned_by_functions[name])
        if name == scope.self_name:
            scope.self_name = None  # `self` rebound: its attributes are no longer known
        if isinstance(value, (OwnFunction, OwnClass, OwnInstance)):
            self.own_names.add(name)
        scope.bindings[name] = value

    def lookup(self, name: str, record: bool = True) -> Optional[Value]:
        """The value bound to `name` here. `record`: a value read from outside the function is
        remembered, to check at the end that no later statement changed it."""
        # the loop of `_visible`, written out: every name the walk meets is looked up
        current = scope = self.current
        while scope is not None:
            bindings = scope.bindings
            if name in bindings and (scope is current or scope.kind != "class"):
                value = bindings[name]
                if record and value is not None and scope is not current:
                    function = self._function_scope()
                    if function is not None and not self._is_within(scope, function):
                        function.outer_reads.append(Read(bindings, name, value, value.state()))
                return value
            scope = self.module if name in scope.global_names else scope.parent
        return self._builtins.get(name)

    def is_bound(self, name: str) -> bool:
        scope: Optional[Scope] = self.current
        while scope is not None:
            if name in scope.bindings:
                return True
            scope = scope.parent
        return False

    def note_reads(self, reads: tuple) -> None:
        """Reads made elsewhere (in a function whose result is used here) that what is analysed
        here relies on, to check at the end when here is a function (which may run after any
        later statement); at module level, what they read is as it is now."""
        scope = self._function_scope()
        if scope is not None and reads and id(reads) not in scope.noted:
            scope.noted[id(reads)] = reads
            scope.outer_reads.extend(reads)

    def reads(self) -> Tuple[Read, ...]:
        """What the code being analysed has read from bindings that later statements may change."""
        reads: List[Read] = []
        scope: Optional[Scope] = self.current
        while scope is not None:
            reads.extend(scope.outer_reads)
            scope = scope.parent
        return tuple(reads)

    # ---- `self.<name>` in methods ------------------------------------------------------------

    def _method_scope(self) -> Scope:
        scope = self.current
        while scope.kind == "comprehension" and scope.parent is not None:
            scope = scope.parent
        return scope

    def self_attributes(self, receiver: cst.BaseExpression) -> Optional[Bindings]:
        """The attributes of the class whose method is being analysed, when `receiver` is its `self`."""
        scope = self._method_scope()
        if scope.owner_class is None or scope.self_name is None:
            return None
        if not isinstance(receiver, cst.Name) or receiver.value != scope.self_name:
            return None
        return scope.owner_class.attributes

    def set_attribute(
        self, attributes: Bindings, name: str, site: cst.CSTNode, value: Optional[Value]
    ) -> Optional[Value]:
        """An attribute holds what all its assignments agree on; a walk again of an assignment
        replaces what it assigned before."""
        sites = self._attribute_sites.setdefault(id(attributes), {}).setdefault(name, {})
        sites[id(site)] = value
        joined = value
        for other in sites.values():
            joined = join(joined, other)
        if (id(attributes), name) in self._forgotten:
            joined = None
        attributes[name] = joined
        return joined

    def forget_attributes(self, attributes: IndexedBindings, mapping: Union[KnownKeys, OpenMapping]) -> None:
        """The attributes that hold `mapping` hold what is unknown from now on, whatever assigns them."""
        for name in attributes.names_holding(mapping):
            attributes[name] = None
            self._forgotten.add((id(attributes), name))

    def self_value(self) -> Optional[Value]:
        """What `self` holds in the method being analysed (a comprehension's too)."""
        scope = self._method_scope()
        return self.lookup(scope.self_name, record=False) if scope.self_name is not None else None

    def self_attribute(self, node: cst.Attribute) -> Optional[Value]:
        attributes = self.self_attributes(node.value)
        if attributes is None:
            return None
        value = attributes.get(node.attr.value)
        if value is not None:
            self._method_scope().outer_reads.append(Read(attributes, node.attr.value, value, value.state()))
        return value

    # ---- tokenizers a fix may name -------------------------------------------------------------

    def tokenizers_in_reach(self) -> List[Tuple[str, Tokenizer]]:
        """Tokenizers reachable by a plain name (or `self.<name>`) from here, innermost first, one
        entry per distinct tokenizer, with the code that names it."""
        candidates: List[Tuple[str, Optional[Value]]] = []
        if self.current.self_name and self.current.owner_class is not None:
            for attr, value in self.current.owner_class.attributes.holding(Tokenizer):
                candidates.append((f"{self.current.self_name}.{attr}", value))
        seen_names = set()
        for scope in self._visible():
            for name, value in scope.bindings.holding(Tokenizer):
                # a name bound in an inner scope hides this binding: the lookup tells
                if name not in seen_names:
                    seen_names.add(name)
                    candidates.append((name, self.lookup(name)))
        found: List[Tuple[str, Tokenizer]] = []
        for code, value in candidates:
            if isinstance(value, Tokenizer) and all(value is not t for _, t in found):
                found.append((code, value))
        return found

    def stays_unbound(self, name: str) -> Callable[[], bool]:
        """Whether `name` is bound in no scope visible from here, asked again once the whole module
        is walked (a later binding in a function makes the name local to all of it)."""
        visible = list(self._visible())
        return lambda: name not in self._builtins and all(name not in scope.bindings for scope in visible)

    def values_in_reach(self, kind: type) -> List[Value]:
        """The distinct values of `kind` that a plain name reaches from here."""
        found: List[Value] = []
        for scope in self._visible():
            for name, value in scope.bindings.holding(kind):
                if self.lookup(name, record=False) is value:
                    if all(value is not other for other in found):
                        found.append(value)
        return found

    # ---- helpers -------------------------------------------------------------------------------

    def _visible(self):
        """The scopes a name used here resolves in, innermost first."""
        scope: Optional[Scope] = self.current
        while scope is not None:
            if scope.kind != "class" or scope is self.current:
                yield scope
            scope = scope.parent

    def _function_scope(self) -> Optional[Scope]:
        scope: Optional[Scope] = self.current
        while scope is not None:
            if scope.kind == "function":
                return scope
            scope = scope.parent
        return None

    def _is_within(self, scope: Scope, function: Scope) -> bool:
        """Whether `scope` is `function` or inside it, on the way out from the current scope."""
        current: Optional[Scope] = self.current
        while current is not None:
            if current is scope:
                return True
            if current is function:
                return False
            current = current.parent
        return False
