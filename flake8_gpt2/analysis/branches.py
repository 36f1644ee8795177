"""Branch states: a name keeps a proven value after a compound statement only where every path
through it agrees."""
from __future__ import annotations

from typing import List, Optional

from .scopes import Bindings, Scope
from .values import join


class Paths:
    """The states of one scope's bindings along the paths through a compound statement."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.before = dict(scope.bindings)
        self.start = self.before  # where the next path starts
        self.ends: List[Bindings] = []
        self.body_end: Optional[Bindings] = None  # `try`: the path through the whole body
        scope.open_paths += 1

    def _reset(self, state: Bindings) -> None:
        self.scope.bindings.clear()
        self.scope.bindings.update(state)

    def end_path(self) -> None:
        self.ends.append(dict(self.scope.bindings))
        self._reset(self.start)

    def end_try_body(self) -> None:
        # a handler may start anywhere in the body: before it, or after any of it
        self.body_end = dict(self.scope.bindings)
        self.start = {
            name: join(self.before[name], value) if name in self.before else value
            for name, value in self.body_end.items()
        }
        self._reset(self.start)

    def resume_body_path(self) -> None:
        assert self.body_end is not None
        self._reset(self.body_end)

    def end_try_else(self) -> None:
        self.body_end = dict(self.scope.bindings)
        self._reset(self.start)

    def merge(self) -> None:
        # in a `try`, the path that raised nothing is the body's (and its `else`'s)
        self.ends.append(self.body_end if self.body_end is not None else dict(self.scope.bindings))
        merged: Bindings = {}
        for name in set().union(*self.ends):
            # a path on which the name is unbound cannot reach a use of it
            values = [end[name] for end in self.ends if name in end]
            value = values[0]
            for other in values[1:]:
                value = join(value, other)
            merged[name] = value
        self._reset(merged)
        self.scope.open_paths -= 1

    def merge_with_before(self) -> None:
        # a loop body may run zero times: the value before the loop is one of the paths
        for name, value in list(self.scope.bindings.items()):
            if name in self.before and self.before[name] is not value:
                self.scope.bindings[name] = join(self.before[name], value)
        self.scope.open_paths -= 1
