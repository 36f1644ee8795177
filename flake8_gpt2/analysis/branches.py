"""Branch states: a name keeps a proven value after a compound statement only where every path
through it agrees.

A state holds only the names the compound statement changed so far (the keys of its journal, see
`IndexedBindings.record_changes`); every other name holds on each path what it held before. So a
branch costs what it changed, not every binding of the scope (module-level code has many)."""
from __future__ import annotations

from typing import Dict, List, Optional

from .scopes import UNBOUND, Scope
from .values import join

State = Dict[str, object]  # a name's value, or UNBOUND; a name left out holds its value before


class Paths:
    """The states of one scope's bindings along the paths through a compound statement."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.bindings = scope.bindings
        self.before = self.bindings.record_changes()  # what each changed name held before
        self.start: State = {}  # where the next path starts
        self.ends: List[State] = []
        self.body_end: Optional[State] = None  # `try`: the path through the whole body
        scope.open_paths += 1

    def _state(self) -> State:
        return {name: self.bindings.get(name, UNBOUND) for name in self.before}

    def _reset(self, state: State) -> None:
        for name, before in self.before.items():
            self.bindings.restore(name, state.get(name, before))

    def _close(self) -> None:
        self.bindings.stop_recording()
        self.scope.open_paths -= 1

    def end_path(self) -> None:
        self.ends.append(self._state())
        self._reset(self.start)

    def drop_path(self) -> None:
        """The path walked leaves the function: what it bound reaches nothing after the statement."""
        self._reset(self.start)

    def end_try_body(self) -> None:
        # a handler may start anywhere in the body: before it, or after any of it
        self.body_end = self._state()
        self.start = {name: _join_bound(self.before[name], value) for name, value in self.body_end.items()}
        self._reset(self.start)

    def resume_body_path(self) -> None:
        assert self.body_end is not None
        self._reset(self.body_end)

    def end_try_else(self) -> None:
        self.body_end = self._state()
        self._reset(self.start)

    def merge(self) -> None:
        # in a `try`, the path that raised nothing is the body's (and its `else`'s)
        self.ends.append(self.body_end if self.body_end is not None else self._state())
        for name, before in self.before.items():
            # a path on which the name is unbound cannot reach a use of it
            values = [value for value in (end.get(name, before) for end in self.ends) if value is not UNBOUND]
            merged = values[0] if values else UNBOUND
            for other in values[1:]:
                merged = join(merged, other)  # type: ignore
            self.bindings.restore(name, merged)
        self._close()

    def merge_with_before(self) -> None:
        # a loop body may run zero times: the value before the loop is one of the paths
        for name, before in list(self.before.items()):
            value = self.bindings.get(name, UNBOUND)
            if before is not UNBOUND and value is not UNBOUND and before is not value:
                self.bindings[name] = join(before, value)  # type: ignore
        self._close()


def _join_bound(before: object, value: object) -> object:
    """What a name may hold at a handler: its value before or after any of the body, where bound."""
    return value if value is UNBOUND or before is UNBOUND else join(before, value)  # type: ignore
