"""The walk, for rules that look at reads of values besides calls: it also hands over each chain of
subscripts read (`a[i][j]`, once, from its outermost subscript) and each loop (`for` statements and
the `for` of comprehensions), where analysis/cache_reads.py finds a model run's cache read as the
tuple of transformers 4. A subscript stored into (`a[i] = x`) is not a read; its parts are."""
from __future__ import annotations

from typing import Callable, Optional, Set, Union

import libcst as cst

from ..settings import Settings
from .walk import OnAssign, OnCall, Walker

ReadNode = Union[cst.Subscript, cst.For, cst.CompFor, cst.Assign]
OnRead = Callable[[ReadNode], None]


class ReadingWalker(Walker):
    def __init__(self, settings: Settings, on_call: OnCall, on_assign: Optional[OnAssign], on_read: OnRead) -> None:
        super().__init__(settings, on_call, on_assign)
        self._on_read = on_read
        self._stored: Set[int] = set()  # the subscripts the assignment being walked stores into
        self._special_expressions[cst.Subscript] = self._subscript
        self._special_expressions[cst.CompFor] = self._comprehension_loop
        self._statements[cst.For] = self._for
        self._small_statements[cst.Assign] = self._assign_reads

    def _subscript(self, node: cst.Subscript) -> None:
        if id(node) not in self._stored:
            self._on_read(node)
        chain = [node]
        while type(chain[-1].value) is cst.Subscript:
            chain.append(chain[-1].value)
        self.expressions(chain[-1].value)
        for subscript in reversed(chain):
            for element in subscript.slice:
                self.expressions(element)

    def _comprehension_loop(self, node: cst.CompFor) -> None:
        self._on_read(node)
        self._children(node)

    def _for(self, node: cst.For) -> None:
        self._on_read(node)  # before the walk binds its target
        self._loop(node)

    def _assign_reads(self, node: cst.Assign) -> None:
        stored = {id(subscript) for target in node.targets for subscript in _stored_into(target.target)}
        self._stored |= stored
        self._on_read(node)  # before the walk binds its targets
        try:
            self._assign(node)
        finally:
            self._stored -= stored


def _stored_into(target: cst.BaseExpression) -> list:
    """The subscripts an assignment target stores into: itself, or those its tuple unpacks into."""
    if isinstance(target, cst.Subscript):
        return [target]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [subscript for element in target.elements for subscript in _stored_into(element.value)]
    return []
