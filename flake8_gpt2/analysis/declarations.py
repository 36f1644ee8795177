"""Functions, classes, lambdas and comprehensions: the scopes they open, what their parameters
hold, what their bodies return, and what their names are bound to once defined.

A body is walked where it is defined, its parameters as their annotations say. What the calls of
the file's own functions pass, and the walks again of their bodies with it, are `own_calls.py`'s."""
from __future__ import annotations

from typing import TYPE_CHECKING, Dict, List, Optional, Tuple, Union

import libcst as cst

from .. import knowledge
from . import inheritance, own, own_reads, type_tests
from .scopes import Scope, Scopes
from .syntax import (
    child_fields, dotted_name, function_defs, is_dataclass, is_name, is_node_type, keyword, literal_string, parameters
)
from .values import (
    listed,
    Encoding,
    KwargsModuleClass,
    LibraryName,
    Mapping,
    MaybeNone,
    Model,
    ModelFactory,
    NoneLiteral,
    OwnClass,
    OwnFunction,
    OwnInstance,
    Text,
    Tokenizer,
    TransformersName,
    Value,
    join,
)

if TYPE_CHECKING:
    from .evaluation import Evaluator
    from .own_calls import OwnCalls
    from .walk import Walker

Returned = Optional[Tuple[Optional[Value], Optional[List[Optional[Value]]]]]  # None: a `yield`


class Declarations:
    def __init__(self, walker: "Walker", own_calls: "OwnCalls") -> None:
        self._walker = walker
        self._scopes = walker.scopes
        self._evaluator = walker.evaluator
        self._own_calls = own_calls
        # the functions whose body is being walked where they are defined, and their returns so far
        self._walking: Dict[int, Tuple[own.FunctionInfo, List[Returned]]] = {}  # by scope

    # ---- functions -------------------------------------------------------------------------------

    def function(self, node: cst.FunctionDef) -> None:
        walker = self._walker
        for decorator in node.decorators:
            walker.expressions(decorator.decorator)
        for param in parameters(node.params):
            if param.default is not None:
                walker.expressions(param.default)  # defaults are evaluated in the enclosing scope
        enclosing = self._scopes.current
        info = self._own_calls.info(node, enclosing, walker.cursor.top)
        kept = self._kept_by_decorators(node)
        name = node.name.value
        if not kept or name in self._own_calls.exported:
            info.escaped = True
        for param in parameters(node.params):
            info.defaults[param.name.value] = own.default_value(param, self._evaluator.value_of)
        scope = open_scope(info, self._scopes, self._evaluator)
        self._walking[id(scope)] = (info, [])
        walker.function_body(node.body)
        self._scopes.leave()
        returned = self._walking.pop(id(scope))[1]
        if kept and node.asynchronous is None:
            _settle_returns(info, scope, returned)
        info.walked_with = ((), own.attribute_states(info.instance_owner()))
        returns = node.returns
        gives_model = returns is not None and isinstance(self._evaluator.annotated_value(returns.annotation), Model)
        if gives_model or self._evaluator.is_configured_model(name):
            self._scopes.bind(name, ModelFactory())
        elif kept and enclosing.kind != "class":
            self._scopes.bind(name, OwnFunction(info))
        else:
            self._scopes.bind(name, None)

    def _method_kind(self, node: cst.FunctionDef) -> Optional[str]:
        """"classmethod" or "staticmethod" for a method decorated by that builtin alone."""
        if len(node.decorators) != 1:
            return None
        decorator = node.decorators[0].decorator
        if isinstance(decorator, cst.Name) and decorator.value in _METHOD_KINDS:
            return decorator.value if self._evaluator.is_builtin(decorator.value) else None
        return None

    def _kept_by_decorators(self, node: cst.FunctionDef) -> bool:
        """Whether the name still holds the function itself, called as defined, once decorated (a
        method of a class made a classmethod or a staticmethod: called through the class too)."""
        if self._scopes.current.kind == "class" and self._method_kind(node) is not None:
            return True
        for decorator in node.decorators:
            expression = decorator.decorator
            if isinstance(expression, cst.Call):
                expression = expression.func
            value = self._evaluator.value_of(expression)
            if not (isinstance(value, LibraryName) and value.path in _ARGUMENTS_KEPT_BY):
                return False
        return True

    # ---- returns ---------------------------------------------------------------------------------

    def note_return(self, node: cst.Return) -> None:
        walking = self._walking.get(id(self._scopes.current))
        if walking is None:
            return
        returned = walking[1]
        if node.value is None:
            returned.append((NoneLiteral(), None))
            return
        elements = None
        if isinstance(node.value, cst.Tuple) and all(isinstance(e, cst.Element) for e in node.value.elements):
            elements = [self._evaluator.value_of(element.value) for element in node.value.elements]
        returned.append((self._returned_value(node.value), elements))

    def _returned_value(self, node: cst.BaseExpression) -> Optional[Value]:
        """What a return gives; a collator's `return tokenizer.pad(features, ...)` gives a batch
        encoding (of tensors when the features hold them, so taken as tensors: that can only
        silence)."""
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "pad":
            if isinstance(self._evaluator.value_of(node.func.value), Tokenizer):
                return Encoding(has_tensors=True)
        value = self._evaluator.value_of(node)
        if isinstance(value, Mapping) and value.elements is not None:
            # what it returns under each key, as the body holds it here
            held = {key: self._evaluator.value_of(element) for key, element in value.elements.items()}
            known = {key: item for key, item in held.items() if item is not None}
            return Mapping(value.keys, value.elements, value.written, value.writes, known)
        return value

    def note_yield(self) -> None:
        """A generator's calls give a generator, not what it returns."""
        walking = self._walking.get(id(self._scopes.current))
        if walking is not None:
            walking[1].append(None)

    def body_again(self, info: own.FunctionInfo, scope: Scope) -> Tuple[Optional[Value], Optional[list]]:
        """Walks a function's body again, in `scope`: what its returns agree on (`settled_returns`)."""
        assert isinstance(info.node, cst.FunctionDef)
        self._walking[id(scope)] = (info, [])
        self._walker.function_body(info.node.body)
        returned = self._walking.pop(id(scope))[1]
        return settled_returns(info, returned)

    def note_none_test(self, name: str) -> None:
        """`name is None` in a function's body: a call that leaves the parameter out tells more."""
        walking = self._walking.get(id(self._scopes.current))
        if walking is not None:
            walking[0].none_tested.add(name)

    def note_type_test(self, node: cst.Call) -> None:
        """`isinstance(param, ...)`: the body tells kinds apart, and a path the calls never take
        may hold what they pass; that parameter stays unknown, unless the test is one whose answer
        the value the calls pass tells (then only the path it takes is walked)."""
        if type(node.func) is not cst.Name or node.func.value not in _TYPE_TESTS:
            return
        walking = self._walking.get(id(self._scopes.current))
        first = node.args[0].value if node.args else None
        if walking is None or not isinstance(first, cst.Name):
            return
        types = None
        if type_tests.tested(node) is not None and self._evaluator.is_builtin("isinstance"):
            types = type_tests.types_named(node.args[1].value, self._evaluator.value_of, self._evaluator.is_builtin)
        if types is None:
            walking[0].fixed.add(first.value)
        else:  # a value that answers the test picks the path it takes (`type_tests.decide`)
            walking[0].type_tests.setdefault(first.value, set()).add(types)

    # ---- classes ---------------------------------------------------------------------------------

    def class_(self, node: cst.ClassDef) -> None:
        walker = self._walker
        for decorator in node.decorators:
            walker.expressions(decorator.decorator)
        configured = self._evaluator.is_configured_model(node.name.value)
        own_base = None if configured else inheritance.own_base(node, self._evaluator.value_of)
        for base in (*node.bases, *node.keywords):
            if own_base is None:
                walker.expressions(base.value)
            else:  # read, not handed to code we cannot see: the subclass's instances and calls are followed
                walker.effects.note_read(base.value)
        library_api = self._library_api(node)
        scope = self._scopes.enter("class")
        info = own.ClassInfo(node, scope, escaped=bool(node.decorators) or node.name.value in self._own_calls.exported)
        info.library_api = library_api
        for name, method in function_defs(node.body).items():
            info.methods[name] = self._own_calls.info(method, scope, walker.cursor.top)
            info.methods[name].owner = info
            info.methods[name].method_kind = self._method_kind(method)
            self._scopes.own_attributes.add(name)
        if own_base is not None:
            inheritance.extend(own_base, info)
        walker.function_body(node.body)
        self._scopes.leave()
        if is_dataclass(node) and node.decorators and "__init__" not in info.methods:
            self._note_fields(info)
        name = node.name.value
        if self._is_model_subclass(node):
            self._scopes.bind(name, ModelFactory())
        elif inheritance.forward_names_no_parameter(node):
            self._scopes.bind(name, KwargsModuleClass())
        elif not node.decorators or is_dataclass(node):
            self._scopes.bind(name, OwnClass(info))
        else:
            self._scopes.bind(name, None)

    def _note_fields(self, info: own.ClassInfo) -> None:
        """A dataclass's fields, and the checkpoint-like settings their defaults hold: a literal
        string, as the program runs where nothing else sets it (a command line parsed into it, a
        call, an assignment: each joins in, and an unknown one leaves it unknown)."""
        fields = []
        for statement in info.node.body.body:
            if not isinstance(statement, cst.SimpleStatementLine):
                continue
            for small in statement.body:
                if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
                    fields.append(small.target.value)
                    default = _field_default(small.value)
                    literal = literal_string(default) if default is not None else None
                    value = Text.chosen_among((literal,)) if literal is not None else None
                    self._scopes.set_attribute(info.scope.attributes, small.target.value, small, value)
        info.fields = tuple(fields)

    def _library_api(self, node: cst.ClassDef) -> Optional[str]:
        """"trainer" for a subclass of a Trainer that keeps its `__init__`: the Trainer calls its
        overrides (`compute_loss`) with what it was given."""
        if "__init__" in function_defs(node.body) or len(node.bases) != 1:
            return None
        base = self._evaluator.value_of(node.bases[0].value)
        return "trainer" if isinstance(base, TransformersName) and base.name in knowledge.TRAINERS else None

    def _is_model_subclass(self, node: cst.ClassDef) -> bool:
        if self._evaluator.is_configured_model(node.name.value):
            return True
        # a class that defines its own entry points may take any input there
        if function_defs(node.body).keys() & knowledge.MODEL_INPUT_METHODS:
            return False
        for base in node.bases:
            value = self._evaluator.value_of(base.value)
            if isinstance(value, ModelFactory) or (
                isinstance(value, TransformersName)
                and (value.is_model_class or value.name in knowledge.MODEL_BASE_CLASSES)
            ):
                return True
        return False

    # ---- lambdas and comprehensions ------------------------------------------------------------

    def lambda_(self, node: cst.Lambda) -> None:
        for param in parameters(node.params):
            if param.default is not None:
                self._walker.expressions(param.default)
        info = self._own_calls.info(node, self._scopes.current, self._walker.cursor.top)
        info.escaped = True  # a lambda is passed on where it is written
        scope = self._scopes.enter("function")
        for param in parameters(node.params):
            scope.bindings[param.name.value] = None
        self._walker.expressions(node.body)
        info.returns = self._evaluator.value_of(node.body)
        info.return_reads = tuple(scope.outer_reads)
        self._scopes.leave()
        self._scopes.lambdas[id(node)] = OwnFunction(info)

    def comprehension(self, node: Union[cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp]) -> None:
        self._scopes.enter("comprehension")
        for_in = node.for_in
        while for_in is not None:
            self._walker.binder.loop_target(for_in.target, for_in.iter)
            for_in = for_in.inner_for_in
        for field_name in child_fields(type(node)):
            child = getattr(node, field_name)
            if is_node_type(type(child)):
                self._walker.expressions(child)
        if isinstance(node, cst.ListComp):
            item = self._evaluator.value_of(node.elt)
            if isinstance(item, Mapping) and item.elements is not None:
                item = item.of_texts(self._evaluator.value_of)
            self._scopes.lists[id(node)] = listed(item)  # type: ignore[assignment]
        self._scopes.leave()


def open_scope(info: own.FunctionInfo, scopes: Scopes, evaluator: "Evaluator") -> Scope:
    """Enters the function's scope, its parameters bound to what they hold whatever a call passes."""
    node = info.node
    scope = scopes.enter("function")
    for param in parameters(node.params):
        value = _parameter_value(param, evaluator)
        scope.bindings[param.name.value] = value
        # `str` tells the kind, and the calls may tell which text (a checkpoint's name); a tokenizer
        # or model class named by an annotation, which checkpoint
        if value is not None and not isinstance(value, (MaybeNone, Text, Tokenizer, Model)):
            info.fixed.add(param.name.value)
    params = [*node.params.posonly_params, *node.params.params]
    if isinstance(node, cst.FunctionDef) and info.enclosing.kind == "class" and not _is_static(node):
        if params:
            scope.self_name = params[0].name.value
            scope.owner_class = info.enclosing
            info.fixed.add(scope.self_name)
            if info.owner is not None:
                scope.bindings[scope.self_name] = OwnInstance(info.owner)
                scopes.own_names.add(scope.self_name)
    elif info.method_kind == "classmethod" and params and info.owner and not info.owner.may_be_called_elsewhere():
        # `cls`: the class itself, while no subclass (nor code we cannot see) may call it instead
        info.fixed.add(params[0].name.value)
        scope.bindings[params[0].name.value] = OwnClass(info.owner)
        scopes.own_names.add(params[0].name.value)
        scope.outer_reads.append(own_reads.NotEscaped(info.owner))
    return scope


def _parameter_value(param: cst.Param, evaluator: "Evaluator") -> Optional[Value]:
    """What a parameter holds whatever the caller passes: its annotation says, or its default
    is None (then a caller may not give it)."""
    if param.annotation is not None:
        annotated = evaluator.annotated_value(param.annotation.annotation)
        if annotated is not None:
            return annotated
    if param.default is not None and is_name(param.default, "None"):
        return MaybeNone()
    return None


_METHOD_KINDS = frozenset({"classmethod", "staticmethod"})
_TYPE_TESTS = frozenset({"isinstance", "type", "hasattr", "callable", "getattr"})
# decorators that keep the function as it is called: only the gradient mode changes
_ARGUMENTS_KEPT_BY = frozenset({"torch.no_grad", "torch.inference_mode", "torch.enable_grad"})


def _join_all(values: List[Optional[Value]]) -> Optional[Value]:
    value = values[0]
    for other in values[1:]:
        value = join(value, other)
    return value


def _settle_returns(info: own.FunctionInfo, scope: Scope, returned: List[Returned]) -> None:
    """What every call gives, from the walk where the function is defined."""
    if _returns_on_every_path(info, returned):
        info.returns, info.returned_elements = settled_returns(info, returned)
        info.return_reads = tuple(scope.outer_reads)


def settled_returns(info: own.FunctionInfo, returned: List[Returned]) -> Tuple[Optional[Value], Optional[list]]:
    """What all the returns of a walk agree on, and on each element where every return gives a
    tuple of one length; nothing when a path falls off the end."""
    if not _returns_on_every_path(info, returned):
        return None, None
    element_lists = [item[1] for item in returned]  # type: ignore[index]
    first = element_lists[0]
    elements = None
    if first is not None and all(e is not None and len(e) == len(first) for e in element_lists):
        elements = [_join_all([each[i] for each in element_lists]) for i in range(len(first))]  # type: ignore[index]
    return _join_all([item[0] for item in returned]), elements  # type: ignore[index]


def _returns_on_every_path(info: own.FunctionInfo, returned: List[Returned]) -> bool:
    """Whether every call returns (no `yield`, no path falling off the end)."""
    return bool(returned) and all(item is not None for item in returned) and _ends_in_return(info.node)


def _ends_in_return(node: own.Definition) -> bool:
    """Whether the body's last statement returns or raises, so no path falls off its end with None."""
    body = node.body
    if not isinstance(body, cst.IndentedBlock) or not body.body:
        return False
    last = body.body[-1]
    return isinstance(last, cst.SimpleStatementLine) and isinstance(last.body[-1], (cst.Return, cst.Raise))


def _field_default(value: Optional[cst.BaseExpression]) -> Optional[cst.BaseExpression]:
    """A field's default: `name: str = "gpt2"`, `name: str = field(default="gpt2")`."""
    if isinstance(value, cst.Call) and (is_name(value.func, "field") or dotted_name(value.func) == "dataclasses.field"):
        given = keyword(value, "default")
        return given.value if given is not None else None
    return value


def _is_static(node: cst.FunctionDef) -> bool:
    return any(
        isinstance(d.decorator, cst.Name) and d.decorator.value in ("staticmethod", "classmethod")
        for d in node.decorators
    )
