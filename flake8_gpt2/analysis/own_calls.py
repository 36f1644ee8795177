"""The calls and escapes of the file's own functions, methods and instances, and the walks again of
their bodies once the module is walked.

While the module is walked, every call of the file's own functions, methods and instances is
recorded with what it passes, and every use that lets other code call them marks them escaped
(`own.py`). Once the module is walked, `finish` walks again each function and method whose calls
all agree on a parameter, with that parameter bound to it (ruff defers function bodies the same way,
to see what follows them). A function defined inside another (a `compute_metrics` inside `main()`)
is walked again in the scope of its enclosing function's first walk, as that walk left it."""
from __future__ import annotations

from typing import TYPE_CHECKING, Dict, List, Optional, Set, Tuple, Union

import libcst as cst

from . import own, own_reads
from .call_time import CallTimeWalks
from .declarations import open_scope
from .evaluation import CallParts
from .scopes import Read, Scope
from .own_callbacks import LibraryCallbacks
from .syntax import literal_string
from .. import knowledge
from ..facts.calls import DATA_LOADER, function_result
from .values import LibraryName, OwnClass, OwnFunction, OwnInstance, Partial, TransformersName, Value

if TYPE_CHECKING:
    from .walk import Walker

# the walks again of each body once the module is seen, at most: a value passed through a chain of
# calls needs one per link (an instance a classmethod makes, `cls(...)`, is one more), and each
# costs a walk of the body
_ROUNDS = 4
# the calls of one function walked one by one, at most: each costs a walk of the body
_ONE_BY_ONE = 4


class OwnCalls:
    def __init__(self, walker: "Walker") -> None:
        self._walker = walker
        self._scopes = walker.scopes
        self._evaluator = walker.evaluator
        self._infos: Dict[int, own.FunctionInfo] = {}  # by node
        self._walkable: List[own.FunctionInfo] = []  # functions and methods, in order
        self.exported: Set[str] = set()  # the names `__all__` lists
        # module-level functions by name, for calls in bodies walked before their definition
        self._module_functions: Dict[str, own.FunctionInfo] = {}
        self._walks = 0  # bodies walked again so far
        # names of own functions and classes used where no code we cannot see gets them (given to
        # `functools.partial`, or to `super(Class, self)`), by node
        self._not_handed_over: Set[int] = set()
        self._settled = True
        # arguments of APIs that only call what they are given (`_note_callers_only`), by node
        self._only_called: Set[int] = set()
        self._callbacks = LibraryCallbacks(self._scopes, self._evaluator, self._not_handed_over)
        self.call_time = CallTimeWalks(walker, self.walk_again, lambda: self._settled)
        walker.evaluator.walked_call = self.call_time.returns

    def module(self, module: cst.Module) -> None:
        """Before the walk: the module's functions, so a body can call one defined below it."""
        for statement in module.body:
            if isinstance(statement, cst.FunctionDef):
                info = self.info(statement, self._scopes.module, statement)
                name = statement.name.value
                if name in self._module_functions:  # defined twice: which one a call runs is a guess
                    info.escaped = self._module_functions[name].escaped = True
                self._module_functions[name] = info

    def info(self, node: own.Definition, enclosing: Scope, top: Optional[cst.BaseStatement]) -> own.FunctionInfo:
        """The one info of a function, method or lambda, made when first asked."""
        info = self._infos.get(id(node))
        if info is None:
            info = self._infos[id(node)] = own.FunctionInfo(node, enclosing, top)
            module = self._scopes.module
            if isinstance(node, cst.FunctionDef) and (
                enclosing.kind == "function"
                or enclosing is module
                or (enclosing.kind == "class" and enclosing.parent is module)
            ):
                self._walkable.append(info)
        return info

    # ---- calls and escapes --------------------------------------------------------------------

    def note(self, parts: CallParts) -> None:
        """What a call does with the file's own functions, classes and instances (a body walked
        where one call runs, `call_time.py`, walks calls the walk where it is defined noted)."""
        if self.call_time.walking:
            return
        node = parts.node
        self._note_callers_only(parts)
        self._note_looked_at(parts)
        self.note_call(node)
        self.note_arguments(node)
        self.note_partial(node)
        self._callbacks.note(parts)
        func = node.func
        if type(func) is cst.Attribute:
            self.note_class_attribute(func)
        if type(func) is cst.Name and func.value == "super" and not self._scopes.is_bound("super"):
            self._not_handed_over.update(id(arg.value) for arg in node.args)

    def note_call(self, node: cst.Call) -> None:
        """Records what a call of the file's own function, class or instance passes."""
        func = node.func
        extra: tuple = ()
        if type(func) is cst.Name:
            name = func.value
            if name not in self._scopes.own_names and name not in self._module_functions:
                return
            callee = self._scopes.lookup(name, record=False)
            inside = self._scopes.current is not self._scopes.module
            if callee is None and inside and name in self._module_functions and not self._scopes.is_bound(name):
                # a body calling a function defined below it: it runs once that is bound
                callee = OwnFunction(self._module_functions[name])
                extra = (Read(self._scopes.module.bindings, name, callee, callee.state()),)
        elif type(func) is cst.Attribute and func.attr.value in self._scopes.own_attributes:
            callee = self._evaluator.value_of(func)
        else:
            return
        if isinstance(callee, OwnClass) and callee.info.fields is not None:  # type: ignore[attr-defined]
            fields_of: own.ClassInfo = callee.info  # type: ignore[assignment]
            own.note_fields_given(node, fields_of, self._scopes, self._evaluator.value_of)
        info, bound = own.call_target(callee)
        if info is None:
            return
        arguments = info.arguments(node.args, bound, self._evaluator.value_of)
        info.calls[id(node)] = own.CallRecord(arguments, self._scopes.reads() + extra)
        self._not_handed_over.update(id(arg.value) for arg in own.read_only_arguments(info, node.args, bound))

    def note_partial(self, node: cst.Call) -> None:
        """`functools.partial(f, ...)`: a call of `f` with what it binds, the rest unknown; `f` is
        handed to the partial, not to other code (who calls the partial may override a keyword it
        binds: a shape left out)."""
        first = node.args[0].value if node.args else None
        if not (type(first) is cst.Name and first.value in self._scopes.own_names):
            return
        made = self._evaluator.value_of(node)
        if not isinstance(made, Partial):
            return
        info, bound = own.call_target(made)
        if info is None:
            return
        self._not_handed_over.add(id(node.args[0].value))
        arguments = info.arguments(node.args[1:], bound, self._evaluator.value_of, rest_given_later=True)
        info.calls[id(node)] = own.CallRecord(arguments, self._scopes.reads())

    def _note_callers_only(self, parts: CallParts) -> None:
        """The arguments of an API that only calls what it is given (a DataLoader, a Trainer or a
        subclass that keeps its `__init__`): the file's instances given there keep what they hold."""
        node = parts.node
        if not self._scopes.own_names or not any(type(arg.value) in (cst.Name, cst.Call) for arg in node.args):
            return
        callee = parts.callee
        if (
            isinstance(callee, TransformersName)
            and callee.name in knowledge.TRAINERS
            or isinstance(callee, OwnClass)
            and callee.info.library_api == "trainer"  # type: ignore[attr-defined]
            or isinstance(callee, LibraryName)
            and function_result(callee.path) == DATA_LOADER
        ):
            self._only_called.update(id(arg.value) for arg in node.args)

    def _note_looked_at(self, parts: CallParts) -> None:
        """`print(instance)`, `type(instance)`: a builtin that runs none of its code (but a
        `__str__` of its class) is not given it to keep."""
        func = parts.node.func
        if type(func) is not cst.Name or func.value not in knowledge.INSTANCE_SAFE_BUILTINS:
            return
        if self._scopes.is_bound(func.value):
            return
        for arg, value in zip(parts.node.args, parts.arguments):
            runs = isinstance(value, OwnInstance) and any(
                value.info.method(name) for name in knowledge.INSTANCE_TEXT_METHODS  # type: ignore[attr-defined]
            )
            if not arg.star and not runs:
                self._not_handed_over.add(id(arg.value))

    def note_arguments(self, node: cst.Call) -> None:
        """An instance made right where it is passed (`Trainer(model=Wrapper())`) is handed over,
        unless to a function of the file that only reads it."""
        own_names = self._scopes.own_names
        for arg in node.args:
            value = arg.value
            made_here = type(value) is cst.Call and type(value.func) is cst.Name and value.func.value in own_names
            if made_here and id(value) not in self._not_handed_over:
                made = self._evaluator.value_of(value)
                if isinstance(made, OwnInstance):
                    made.info.hand_over(only_called=id(value) in self._only_called)  # type: ignore[attr-defined]

    def note_reference(self, node: Union[cst.Name, cst.Attribute]) -> None:
        """A use of the file's own function, class or instance other than calling it (or reading
        an attribute of it): code we cannot see may call it from there."""
        if id(node) in self._not_handed_over:
            return
        value = self._scopes.lookup(node.value, record=False) if isinstance(node, cst.Name) else None
        if isinstance(node, cst.Attribute):
            value = self._evaluator.value_of(node)
        if isinstance(value, OwnInstance):
            value.info.hand_over(only_called=id(node) in self._only_called)  # type: ignore[attr-defined]
        elif isinstance(value, (OwnFunction, OwnClass)):
            value.info.escaped = True  # type: ignore[attr-defined]
        if isinstance(value, OwnClass):
            value.info.hand_over(only_called=False)  # type: ignore[attr-defined]  # its class attributes too

    def note_class_attribute(self, node: cst.Attribute) -> None:
        """`Class.name` of the file's own class: a name it does not define (`Model.load_from_checkpoint`,
        inherited) may make instances with arguments the analysis does not see."""
        base = node.value
        if type(base) is not cst.Name or base.value not in self._scopes.own_names:
            return
        value = self._scopes.lookup(base.value, record=False)
        if not isinstance(value, OwnClass):
            return
        info: own.ClassInfo = value.info  # type: ignore[assignment]
        if info.method(node.attr.value) is None and node.attr.value not in (info.fields or ()):
            info.escaped = True

    def exports(self, node: cst.BaseExpression) -> None:
        """`__all__ = [...]`: the names listed may be called from other modules."""
        if isinstance(node, (cst.List, cst.Tuple, cst.Set)):
            for element in node.elements:
                name = literal_string(element.value)
                if name is not None:
                    self.exported.add(name)
                    if name in self._module_functions:
                        self._module_functions[name].escaped = True
                    defined = self._scopes.module.bindings.get(name)
                    if isinstance(defined, OwnClass):
                        defined.info.escaped = True  # type: ignore[attr-defined]

    def finish(self) -> None:
        """Once the module is walked: walks again each body whose calls, all seen now, tell more of
        its parameters (or whose class's attributes changed since), until nothing changes."""
        for _ in range(_ROUNDS):
            changed = [info for info in self._walkable if _needs_walk(info)]
            if not changed:
                break
            for info in changed:
                parameters_ = info.parameter_values()
                assumed = own_reads.states(parameters_)
                info.walked_with = (assumed, own.attribute_states(info.instance_owner()))
                self.walk_again(info, parameters_, own_reads.ParameterRead(info, assumed, lambda: self._settled))
        else:
            # what the last walks found may rest on what changed after them
            self._settled = not any(_needs_walk(info) for info in self._walkable)
        for info in list(self._walkable):
            for call, values in _calls_telling_more(info):
                read = own_reads.CallRead(info, call, own_reads.states(values), lambda: self._settled)
                self.walk_again(info, values, read, one_call=True)

    def walk_again(self, info: own.FunctionInfo, parameters_: Dict[str, Value], read, one_call: bool = False) -> tuple:
        """Walks `info`'s body with `parameters_` bound; `one_call`: what one of its calls passes, so
        a fix found there could break the others. What its returns agree on (`settled_returns`),
        and what the walk read from outside the body."""
        scopes, cursor = self._scopes, self._walker.cursor
        saved = scopes.current, cursor.top, cursor.line, cursor.again, cursor.one_call
        self._walks += 1
        scopes.current, cursor.top, cursor.line, cursor.again = info.enclosing, info.top, None, self._walks
        cursor.one_call = one_call
        scope = open_scope(info, scopes, self._evaluator)
        for name, value in parameters_.items():
            scope.bindings[name] = value
            if isinstance(value, (OwnFunction, OwnClass, OwnInstance)):
                scopes.own_names.add(name)
        scope.outer_reads.append(read)
        settled = self._walker.declarations.body_again(info, scope)
        if one_call:
            info.call_returns[read.call] = settled[0]
        else:
            info.agreed_returns = settled[0]
        scopes.current, cursor.top, cursor.line, cursor.again, cursor.one_call = saved
        return settled, tuple(scope.outer_reads)


def _calls_telling_more(info: own.FunctionInfo) -> List[Tuple[int, Dict[str, Value]]]:
    """The calls of a function called a few times, each with what it passes, where that tells more
    than the walk with what they all agree on (an unpadded and a padded encoding given to one
    helper; a function other code may call too)."""
    if not 1 <= len(info.calls) <= _ONE_BY_ONE:
        return []
    together = own_reads.states(info.parameter_values())
    each = ((call, info.known(record.arguments)) for call, record in info.calls.items() if record.arguments)
    return [(call, values) for call, values in each if values and own_reads.states(values) != together]


def _needs_walk(info: own.FunctionInfo) -> bool:
    """Whether the calls now tell another value of a parameter, or an attribute of the method's class
    holds a kind its last walk did not see (one that became unknown can only silence, and the
    reads of that walk see it)."""
    walked_parameters, walked_attributes = info.walked_with
    if own_reads.states(info.parameter_values()) != walked_parameters:
        return True
    return not set(own.attribute_states(info.instance_owner())) <= set(walked_attributes)
