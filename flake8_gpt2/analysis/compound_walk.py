"""The walk of compound statements (`if`, `for`, `while`, `try`, `match`, `with`): the paths through
each, where a name keeps a proven value after it only if every path agrees (`branches.py`), and
where a path ends its block (`return`, `raise`, `continue`, `break`: `exited`). An `if` whose test
`type_tests.decide` answers walks only the branch that runs."""
from __future__ import annotations

from typing import TYPE_CHECKING, Union

import libcst as cst

from . import type_tests
from .branches import Paths

if TYPE_CHECKING:
    from .binding import Binder
    from .evaluation import Evaluator
    from .scopes import Scopes


class CompoundStatements:
    """The part of the `Walker` that walks compound statements and function bodies."""

    scopes: "Scopes"
    evaluator: "Evaluator"
    binder: "Binder"
    # the path being walked has left its block (`return`, `raise`, `continue`, `break`): what
    # follows in the block does not run on it
    exited: bool = False

    def body(self, node: cst.BaseSuite) -> None:
        raise NotImplementedError

    def expressions(self, node: cst.CSTNode) -> None:
        raise NotImplementedError

    def function_body(self, node: cst.BaseSuite) -> None:
        """A function's (or a class's) body: a path through it leaves the function, not the code around."""
        exited, self.exited = self.exited, False
        self.body(node)
        self.exited = exited

    def _if(self, node: cst.If) -> None:
        self.expressions(node.test)
        runs = type_tests.decide(node.test, self.evaluator.value_of, self.evaluator.is_builtin)
        if runs is True:  # only the branch that runs is walked
            self.body(node.body)
            return
        if runs is False:
            if isinstance(node.orelse, cst.If):
                self._if(node.orelse)
            elif isinstance(node.orelse, cst.Else):
                self.body(node.orelse.body)
            return
        paths = Paths(self.scopes.current)
        self.body(node.body)
        paths.end_path()
        body_exited, self.exited = self.exited, False
        if isinstance(node.orelse, cst.If):
            self._if(node.orelse)
        elif isinstance(node.orelse, cst.Else):
            self.body(node.orelse.body)
        paths.merge()
        # past the `if` only where some branch (or no `else`) falls through
        self.exited = body_exited and self.exited and node.orelse is not None

    def _loop(self, node: Union[cst.For, cst.While]) -> None:
        self.expressions(node.iter if isinstance(node, cst.For) else node.test)
        paths = Paths(self.scopes.current)
        if isinstance(node, cst.For):
            self.binder.loop_target(node.target, node.iter)
        self.body(node.body)
        self.exited = False  # the body may run zero times, and `continue` or `break` stays inside
        if node.orelse is not None:
            self.body(node.orelse.body)
            self.exited = False
        paths.merge_with_before()

    def _try(self, node: Union[cst.Try, cst.TryStar]) -> None:
        paths = Paths(self.scopes.current)
        self.body(node.body)
        paths.end_try_body()
        # a handler may start anywhere in the body; past the statement, any path may go on
        self.exited = False
        for handler in node.handlers:
            if handler.type is not None:
                self.expressions(handler.type)
            if handler.name is not None:
                self.binder.bind(handler.name.name, None)
            self.body(handler.body)
            self.exited = False
            paths.end_path()
        if node.orelse is not None:
            paths.resume_body_path()
            self.body(node.orelse.body)
            self.exited = False
            paths.end_try_else()
        paths.merge()
        if node.finalbody is not None:
            self.body(node.finalbody.body)
            self.exited = False

    def _match(self, node: cst.Match) -> None:
        self.expressions(node.subject)
        paths = Paths(self.scopes.current)
        for case in node.cases:
            self.binder.pattern_names(case.pattern)
            if case.guard is not None:
                self.expressions(case.guard)
            self.body(case.body)
            self.exited = False
            paths.end_path()
        paths.merge()

    def _with(self, node: cst.With) -> None:
        for item in node.items:
            self.expressions(item.item)
        for item in node.items:
            if item.asname is not None:
                self.binder.bind(item.asname.name, None)
        self.body(node.body)
