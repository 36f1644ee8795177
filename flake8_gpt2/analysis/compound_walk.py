"""The walk of compound statements (`if`, `for`, `while`, `try`, `match`, `with`): the paths through
each, where a name keeps a proven value after it only if every path agrees (`branches.py`), and
where a path ends its block (`return`, `raise`, `continue`, `break`: `exited`). An `if` whose test
`type_tests.decide` answers walks only the branch that runs; one of `x is None` narrows `x` in
each branch (`none_tests`)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Optional, Union

import libcst as cst

from . import none_tests, type_tests
from .branches import Paths
from .values import Value

if TYPE_CHECKING:
    from .binding import Binder
    from .declarations import Declarations
    from .evaluation import Evaluator
    from .scopes import Scope, Scopes


class CompoundStatements:
    """The part of the `Walker` that walks compound statements and function bodies."""

    scopes: "Scopes"
    evaluator: "Evaluator"
    binder: "Binder"
    declarations: "Declarations"
    # the path being walked has left its block (`return`, `raise`, `continue`, `break`): what
    # follows in the block does not run on it
    exited: bool = False
    open_tries = 0  # the `try` bodies of the function walked that hold the statement walked
    open_loops = 0  # its loops that do: a value there is the first run's, later runs may differ

    def body(self, node: cst.BaseSuite) -> None:
        raise NotImplementedError

    def expressions(self, node: cst.CSTNode) -> None:
        raise NotImplementedError

    def function_body(self, node: cst.BaseSuite) -> None:
        """A function's (or a class's) body: a path through it leaves the function, not the code around."""
        exited, self.exited = self.exited, False
        outer, self.open_tries, self.open_loops = (self.open_tries, self.open_loops), 0, 0
        self.body(node)
        self.exited, (self.open_tries, self.open_loops) = exited, outer

    def _if(self, node: cst.If) -> None:
        self.expressions(node.test)
        scope = self.scopes.current
        tested = none_tests.tested(node.test)
        if tested is not None:
            self.declarations.note_none_test(tested[0])
        held = _held_in(scope)
        runs = type_tests.decide(node.test, self.evaluator.value_of, self.evaluator.is_builtin)
        if runs is None and not self.open_loops:
            runs = none_tests.decide(node.test, held)
        if runs is True:  # only the branch that runs is walked
            self.body(node.body)
            return
        if runs is False:
            if isinstance(node.orelse, cst.If):
                self._if(node.orelse)
            elif isinstance(node.orelse, cst.Else):
                self.body(node.orelse.body)
            return
        narrowed = none_tests.narrowing(node.test, held)
        paths = Paths(scope)
        if narrowed is not None:
            scope.bindings[narrowed[0]] = narrowed[1]
        self.body(node.body)
        if self._leaves_the_function(node.body):
            paths.drop_path()  # what it bound reaches no code after the `if`
        else:
            paths.end_path()
        body_exited, self.exited = self.exited, False
        if narrowed is not None:
            scope.bindings[narrowed[0]] = narrowed[2]
        if isinstance(node.orelse, cst.If):
            self._if(node.orelse)
        elif isinstance(node.orelse, cst.Else):
            self.body(node.orelse.body)
        paths.merge()
        # past the `if` only where some branch (or no `else`) falls through
        self.exited = body_exited and self.exited and node.orelse is not None

    def _assert(self, node: cst.Assert) -> None:
        """`assert x is not None`: past it, `x` holds what it holds when it is not None (in a
        function: a notebook's next cell runs after one whose assertion failed)."""
        self.expressions(node.test)
        if node.msg is not None:
            self.expressions(node.msg)
        scope = self.scopes.current
        narrowed = none_tests.narrowing(node.test, _held_in(scope)) if scope.kind == "function" else None
        if narrowed is not None:
            scope.bindings[narrowed[0]] = narrowed[1]

    def _leaves_the_function(self, suite: cst.BaseSuite) -> bool:
        """Whether every path through `suite` leaves the function: it ends with `return`, or with
        `raise` outside any `try`, and no `break` or `continue` leaves it first."""
        if self.scopes.current.kind != "function":
            return False  # a notebook's next cell runs after one that raised
        last = suite.body[-1]
        if isinstance(last, cst.SimpleStatementLine):
            last = last.body[-1]
        if not (isinstance(last, cst.Return) or (isinstance(last, cst.Raise) and self.open_tries == 0)):
            return False
        return not _leaves_a_loop(suite)

    def _loop(self, node: Union[cst.For, cst.While]) -> None:
        self.expressions(node.iter if isinstance(node, cst.For) else node.test)
        paths = Paths(self.scopes.current)
        if isinstance(node, cst.For):
            self.binder.loop_target(node.target, node.iter)
        self.open_loops += 1
        self.body(node.body)
        self.open_loops -= 1
        self.exited = False  # the body may run zero times, and `continue` or `break` stays inside
        if node.orelse is not None:
            self.body(node.orelse.body)
            self.exited = False
        paths.merge_with_before()

    def _try(self, node: Union[cst.Try, cst.TryStar]) -> None:
        paths = Paths(self.scopes.current)
        self.open_tries += 1  # a `raise` in its body goes to its handlers
        self.body(node.body)
        self.open_tries -= 1
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


def _leaves_a_loop(node: cst.CSTNode) -> bool:
    if isinstance(node, (cst.Break, cst.Continue)):
        return True
    return any(_leaves_a_loop(child) for child in node.children)


def _held_in(scope: "Scope") -> Callable[[str], Optional[Value]]:
    """What a name of `scope` holds there (a `global` one: unknown, it may change anywhere)."""
    return lambda name: scope.bindings.get(name) if name not in scope.global_names else None
