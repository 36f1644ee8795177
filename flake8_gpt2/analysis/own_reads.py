"""Whether a walk again of one of the file's own functions still holds once the whole module is
seen: the calls it assumed still pass what it was walked with."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Dict, Set

from .values import Value

if TYPE_CHECKING:
    from .own import ClassInfo, FunctionInfo


@dataclass(frozen=True)
class ParameterRead:
    """A walk of `info`'s body with its parameters as every call passed them: it holds while the
    calls, all seen, still agree on them and what they relied on still holds."""

    info: FunctionInfo
    assumed: tuple
    settled: Callable[[], bool]  # whether the walks again reached a point where nothing changes

    def still_holds(self) -> bool:
        if not self.settled():
            return False
        if id(self.info) in _CHECKING:
            return False  # recursion: what it relies on relies on itself
        _CHECKING.add(id(self.info))
        try:
            if states(self.info.parameter_values()) != self.assumed:
                return False
            return all(read.still_holds() for record in self.info.calls.values() for read in record.reads)
        finally:
            _CHECKING.discard(id(self.info))


@dataclass
class CallRead:
    """A walk of `info`'s body with what one of its calls passes: it holds while that call, the
    module seen, still passes it and what it relied on still holds."""

    info: FunctionInfo
    call: int  # the call node's id
    assumed: tuple
    settled: Callable[[], bool]

    def still_holds(self) -> bool:
        record = self.info.calls.get(self.call)
        checking = (id(self.info), self.call)  # another call of the function may be read on the way
        if not self.settled() or record is None or record.arguments is None or checking in _CHECKING:
            return False
        if states(self.info.known(record.arguments)) != self.assumed:
            return False
        _CHECKING.add(checking)
        try:
            return all(read.still_holds() for read in record.reads)
        finally:
            _CHECKING.discard(checking)


_CHECKING: Set[object] = set()  # the reads being checked: a function, or one call of it


@dataclass(frozen=True)
class NotEscaped:
    """A classmethod's walk with `cls` bound to its own class: it holds while no subclass nor code
    we cannot see may call it with another."""

    info: ClassInfo

    def still_holds(self) -> bool:
        return not self.info.escaped and not self.info.subclasses


def states(values: Dict[str, Value]) -> tuple:
    return tuple(sorted((name, type(value).__name__, value.state()) for name, value in values.items()))


@dataclass(frozen=True)
class NotRedefined:
    """A name read through an instance of `info` (`self` in its methods): what its class and bases
    give holds while no subclass of the file defines or sets the name, so the instance may be one of
    that subclass."""

    info: ClassInfo
    name: str

    def still_holds(self) -> bool:
        return not self.info.redefined_below(self.name)
