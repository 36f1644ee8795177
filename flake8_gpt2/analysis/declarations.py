"""Functions, classes, lambdas and comprehensions: the scopes they open, what their parameters
hold, and what their names are bound to once defined."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Union

import libcst as cst

from .. import knowledge
from .syntax import child_fields, function_defs, is_name, is_node_type, parameters
from .values import KwargsModuleClass, MaybeNone, Model, ModelFactory, TransformersName, Value

if TYPE_CHECKING:
    from .walk import Walker


class Declarations:
    def __init__(self, walker: "Walker") -> None:
        self._walker = walker
        self._scopes = walker.scopes
        self._evaluator = walker.evaluator

    def function(self, node: cst.FunctionDef) -> None:
        walker = self._walker
        for decorator in node.decorators:
            walker.expressions(decorator.decorator)
        walker.expressions(node.params)  # defaults are evaluated in the enclosing scope
        enclosing = self._scopes.current
        scope = self._scopes.enter("function")
        for param in parameters(node.params):
            scope.bindings[param.name.value] = self._parameter_value(param)
        if enclosing.kind == "class" and not _is_static(node):
            params = [*node.params.posonly_params, *node.params.params]
            if params:
                scope.self_name = params[0].name.value
                scope.owner_class = enclosing
        walker.body(node.body)
        self._scopes.leave()
        name = node.name.value
        returns = node.returns
        gives_model = returns is not None and isinstance(self._evaluator.annotated_value(returns.annotation), Model)
        makes_models = gives_model or self._evaluator.is_configured_model(name)
        enclosing.bindings[name] = ModelFactory() if makes_models else None

    def _parameter_value(self, param: cst.Param) -> Optional[Value]:
        """What a parameter holds whatever the caller passes: its annotation says, or its default
        is None (then a caller may not give it)."""
        if param.annotation is not None:
            annotated = self._evaluator.annotated_value(param.annotation.annotation)
            if annotated is not None:
                return annotated
        if param.default is not None and is_name(param.default, "None"):
            return MaybeNone()
        return None

    def class_(self, node: cst.ClassDef) -> None:
        walker = self._walker
        for decorator in node.decorators:
            walker.expressions(decorator.decorator)
        for base in (*node.bases, *node.keywords):
            walker.expressions(base.value)
        self._scopes.enter("class")
        walker.body(node.body)
        self._scopes.leave()
        name = node.name.value
        if self._is_model_subclass(node):
            self._scopes.current.bindings[name] = ModelFactory()
        elif _forward_names_no_parameter(node):
            self._scopes.current.bindings[name] = KwargsModuleClass()
        else:
            self._scopes.current.bindings[name] = None

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

    def lambda_(self, node: cst.Lambda) -> None:
        self._walker.expressions(node.params)
        scope = self._scopes.enter("function")
        for param in parameters(node.params):
            scope.bindings[param.name.value] = None
        self._walker.expressions(node.body)
        self._scopes.leave()

    def comprehension(self, node: Union[cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp]) -> None:
        self._scopes.enter("comprehension")
        for_in = node.for_in
        while for_in is not None:
            self._walker.binder.bind(for_in.target, None)
            for_in = for_in.inner_for_in
        for field_name in child_fields(type(node)):
            child = getattr(node, field_name)
            if is_node_type(type(child)):
                self._walker.expressions(child)
        self._scopes.leave()


def _forward_names_no_parameter(node: cst.ClassDef) -> bool:
    forward = function_defs(node.body).get("forward")
    if forward is None:
        return False
    params = forward.params
    named = [*params.posonly_params, *params.params, *params.kwonly_params][1:]  # after self
    has_star = isinstance(params.star_arg, cst.Param) or params.star_kwarg is not None
    return not named and has_star


def _is_static(node: cst.FunctionDef) -> bool:
    return any(
        isinstance(d.decorator, cst.Name) and d.decorator.value in ("staticmethod", "classmethod")
        for d in node.decorators
    )
