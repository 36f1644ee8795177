"""What a call of the file's own function returns, from a walk of its body with what that call
passes, right where the call runs: a helper that loads a tokenizer from its parameter gives, called
with "gpt2", a GPT-2 tokenizer, and a loader returning `model, tokenizer` gives both. The walk where
the function is defined knows only what every call gives.

One call deep (a body walked so calls others as the walk where it is defined does), once per call
and walk of the caller. What the body itself holds is found by the other walks (`OwnCalls.finish`),
so this walk reports nothing; what the caller finds with the value it gives holds while that call,
the module seen, still passes what it passed (`own_reads.CallRead`)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Dict, Optional, Tuple

import libcst as cst

from . import own, own_reads
from .values import OwnFunction, Value

if TYPE_CHECKING:
    from .walk import Walker

Walked = Tuple[Optional[Value], Optional[list]]  # what the returns agree on, and on each tuple element


class CallTimeWalks:
    def __init__(self, walker: "Walker", walk_again: Callable[..., tuple], settled: Callable[[], bool]) -> None:
        self._walker = walker
        self._walk_again = walk_again  # `OwnCalls.walk_again`
        self._settled = settled
        self.walking = False  # a body is being walked for one call
        self._walked: Dict[tuple, Tuple[Walked, tuple]] = {}  # by call node, caller's walk and values

    def returns(self, callee: Value, node: cst.Call) -> Optional[Walked]:
        """What `node`, a call of `callee`, returns given what it passes, where that tells more than
        the walk of the body where it is defined."""
        if self.walking or not isinstance(callee, OwnFunction):
            return None
        info, bound = own.call_target(callee)
        if info is None or not isinstance(info.node, cst.FunctionDef) or not info.walked_with:
            return None  # not walked where defined yet: a call from its own body, or a lambda
        arguments = info.arguments(node.args, bound, self._walker.evaluator.value_of)
        values = info.known(arguments) if arguments is not None else None
        if not values:
            return None
        states = own_reads.states(values)
        key = (id(node), self._walker.cursor.again, states)
        if key not in self._walked:
            read = own_reads.CallRead(info, id(node), states, self._settled)
            cursor = self._walker.cursor
            self.walking = cursor.returns_only = True
            try:
                self._walked[key] = self._walk_again(info, values, read, one_call=True)
            finally:
                self.walking = cursor.returns_only = False
        walked, reads = self._walked[key]
        self._walker.scopes.note_reads(reads)
        return walked
