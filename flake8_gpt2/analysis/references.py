"""The binding layer beside the values: where each tokenizer or model was first bound, and which
names read each encoding or list of ids. A value says what something is; this says where it is,
so that a fix can name it or add a line after it, and so that "this value is used only once" is one
question (asked once the whole module is seen)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Dict, Optional, Set, Tuple

import libcst as cst

from .values import Encoding, Ids, Model, Site, Tokenizer, Value


@dataclass(frozen=True)
class Binding:
    """`site`: the statement that first bound the value (the assignments that run whenever it ran
    prove its settings). `line` and `code`: the first statement line that bound it, and the code that
    names it there, for a fix to add a line after it; `in_module`: that line is at module level."""

    site: Site
    line: Optional[cst.SimpleStatementLine] = None
    code: Optional[str] = None
    in_module: bool = False


class References:
    def __init__(self) -> None:
        # by id of the value, which each entry keeps alive so that no other value takes its id
        self._bindings: Dict[int, Tuple[Value, Binding]] = {}
        self._reads: Dict[int, Tuple[Value, Set[int]]] = {}

    def note_bound(self, value: Optional[Value], site: Site, in_module: bool) -> None:
        """A tokenizer or a model bound at `site`: the first binding, and the first on a line, count."""
        if not isinstance(value, (Tokenizer, Model)):
            return
        known = self._bindings.get(id(value))
        binding = known[1] if known is not None else Binding(site)
        if binding.line is None and site.line is not None:
            binding = Binding(binding.site, site.line, site.code, in_module)
        self._bindings[id(value)] = (value, binding)

    def binding(self, value: Value) -> Optional[Binding]:
        known = self._bindings.get(id(value))
        return known[1] if known is not None else None

    def name_of(self, value: Value) -> Optional[str]:
        """The code that names the value where it was first bound on a line of its own."""
        binding = self.binding(value)
        return binding.code if binding is not None else None

    def note_read(self, value: Value, node: cst.Name) -> None:
        """A name read for an encoding or ids (the ids of an encoding count as the encoding's)."""
        owner = value.source if isinstance(value, Ids) and isinstance(value.source, Encoding) else value
        if isinstance(owner, (Encoding, Ids)):
            self._reads.setdefault(id(owner), (owner, set()))[1].add(id(node))

    def read_at_most_once(self, value: Value) -> Callable[[], bool]:
        """Whether, once the module is walked, at most one name was read for the value."""
        return lambda: len(self._reads.get(id(value), (value, ()))[1]) <= 1
