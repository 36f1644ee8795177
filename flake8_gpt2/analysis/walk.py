"""The walk: a module's statements in order, with their bindings, and only the parts of
expressions that can hold a call. It hands every call to a callback, outer calls before the calls
inside them, with the bindings as they are at that point.

An explicit walk rather than libcst's visitor: it skips whitespace and punctuation, and runs several
times faster than a visitor over every node."""
from __future__ import annotations

from typing import Callable, Optional, Sequence, Union

import libcst as cst

from ..settings import Settings
from ..target import Target
from .binding import Binder, Cursor
from .compound_walk import CompoundStatements
from .declarations import Declarations
from .dict_keys import DictKeys
from .effects import Effects
from .evaluation import CallParts, Evaluator
from .own_calls import OwnCalls
from .references import References
from .scopes import Scopes
from .syntax import child_fields, is_name, is_node_type
from .values import ModelFactory

OnCall = Callable[[CallParts], None]
OnAssign = Callable[[cst.Assign], None]


class Walker(CompoundStatements):
    def __init__(self, settings: Settings, on_call: OnCall, on_assign: Optional[OnAssign] = None) -> None:
        self.scopes = Scopes(builtins=dict.fromkeys(settings.model_names, ModelFactory()))
        self.evaluator = Evaluator(self.scopes, settings.model_names, Target.of(settings))
        self.references = References()
        self.effects = Effects(self.scopes, self.evaluator, self.references)
        self.cursor = Cursor()
        self.dict_keys = DictKeys(self.scopes, self.evaluator.value_of)
        self.binder = Binder(self.scopes, self.evaluator, self.effects, self.dict_keys, self.cursor, self.references)
        self._own_calls = OwnCalls(self)
        self.declarations = Declarations(self, self._own_calls)
        self._on_call = on_call
        self._on_assign = on_assign
        self.exited = False
        self._statements = {
            cst.SimpleStatementLine: self._line,
            cst.If: self._if,
            cst.For: self._loop,
            cst.While: self._loop,
            cst.Try: self._try,
            cst.TryStar: self._try,
            cst.With: self._with,
            cst.Match: self._match,
            cst.FunctionDef: self.declarations.function,
            cst.ClassDef: self.declarations.class_,
        }
        self._small_statements = {
            cst.Assign: self._assign,
            cst.AnnAssign: self._ann_assign,
            cst.AugAssign: self._aug_assign,
            cst.Import: self.binder.import_,
            cst.ImportFrom: self.binder.import_from,
            cst.Del: lambda node: self.binder.delete(node.target),
            cst.Global: self.binder.global_,
            cst.Nonlocal: self.binder.nonlocal_,
            cst.Return: self._return,
            cst.Raise: self._exit,
            cst.Continue: self._exit,
            cst.Break: self._exit,
            cst.Assert: self._assert,
        }
        self._special_expressions = {
            cst.NamedExpr: self._named_expression,
            cst.Lambda: self.declarations.lambda_,
            cst.ListComp: self.declarations.comprehension,
            cst.SetComp: self.declarations.comprehension,
            cst.DictComp: self.declarations.comprehension,
            cst.GeneratorExp: self.declarations.comprehension,
            cst.Call: self._call,
            cst.Name: self._name,
            cst.Attribute: self._attribute,
            cst.Yield: self._yield,
            cst.BinaryOperation: self._text_operation,
            cst.FormattedString: self._text_operation,
            cst.BooleanOperation: self._boolean_operation,
            # leaves: nothing inside can call
            cst.SimpleString: _nothing,
            cst.Integer: _nothing,
            cst.Float: _nothing,
        }

    def walk(self, module: cst.Module) -> None:
        self._own_calls.module(module)
        for statement in module.body:
            self.cursor.top = statement
            self.exited = False  # a notebook's cells run one by one, whatever one raises
            self._block((statement,))
        self._own_calls.finish()

    def body(self, node: cst.BaseSuite) -> None:
        if isinstance(node, cst.SimpleStatementSuite):
            # a one-line body (`if x: y = 1`) has no line of its own to insert a fix after
            self.cursor.line = None
            self._small(node.body)
        else:
            self._block(node.body)

    def expressions(self, node: cst.CSTNode) -> None:
        """Walks the parts of `node` that can hold calls, bindings (walrus) or scopes."""
        kind = type(node)
        special = self._special_expressions.get(kind)
        if special is not None:
            special(node)
            return
        self._children(node)

    def _children(self, node: cst.CSTNode) -> None:
        for field_name in child_fields(type(node)):
            child = getattr(node, field_name)
            child_kind = type(child)
            if child_kind is tuple or child_kind is list:
                for item in child:
                    if is_node_type(type(item)):
                        self.expressions(item)
            elif is_node_type(child_kind):
                self.expressions(child)

    def _call(self, node: cst.Call) -> None:
        parts = CallParts(node, self.evaluator)
        self._on_call(parts)
        # after the callback: a call that hands a tokenizer over is seen with the tokenizer's
        # state before that call
        self.effects.note_call(parts)
        self.dict_keys.mutating_call(node)
        self.declarations.note_type_test(node)
        self._own_calls.note(parts)
        func = node.func
        if type(func) is cst.Name:
            self.effects.note_read(func)  # a callee is called, not handed over
        elif type(func) is cst.Attribute:
            self.effects.note_read(func.attr)
            self._base(func.value)
        else:
            self.expressions(func)
        for arg in node.args:
            self.expressions(arg.value)

    def _name(self, node: cst.Name) -> None:
        self.effects.note_read(node)
        if node.value in self.scopes.own_names:
            self._own_calls.note_reference(node)

    def _attribute(self, node: cst.Attribute) -> None:
        if node.attr.value in self.scopes.own_attributes:
            self._own_calls.note_reference(node)
        self._own_calls.note_class_attribute(node)
        self.effects.note_read(node.attr)
        self._base(node.value)

    def _base(self, node: cst.BaseExpression) -> None:
        """The object whose attribute is read or called: it is used there, not handed over."""
        if type(node) is cst.Name:
            self.effects.note_read(node)
        elif type(node) is cst.Attribute:
            self.effects.note_read(node.attr)
            self._base(node.value)
        else:
            self.expressions(node)

    def _text_operation(self, node: Union[cst.BinaryOperation, cst.FormattedString]) -> None:
        self.effects.note_eos_appended(node)
        self._children(node)

    def _boolean_operation(self, node: cst.BooleanOperation) -> None:
        if type(node.left) is cst.Name:  # `name or default` tells None (and other false values) apart
            self.declarations.note_none_test(node.left.value)
        self._children(node)

    def _yield(self, node: cst.Yield) -> None:
        self.declarations.note_yield()
        self._children(node)

    # ---- statements ----------------------------------------------------------------------------

    def _return(self, node: cst.Return) -> None:
        if node.value is not None:
            self.expressions(node.value)
        self.declarations.note_return(node)
        self.exited = True

    def _exit(self, node: Union[cst.Raise, cst.Continue, cst.Break]) -> None:
        self._children(node)
        self.exited = True

    def _block(self, statements: Sequence[cst.CSTNode]) -> None:
        for statement in statements:
            if self.exited:
                return
            handler = self._statements.get(type(statement))
            if handler is not None:
                handler(statement)

    def _line(self, node: cst.SimpleStatementLine) -> None:
        self.cursor.line = node
        self._small(node.body)
        self.cursor.line = None

    def _small(self, statements: Sequence[cst.BaseSmallStatement]) -> None:
        for statement in statements:
            if self.exited:
                return
            handler = self._small_statements.get(type(statement))
            if handler is not None:
                handler(statement)
            else:
                self.expressions(statement)

    def _assign(self, node: cst.Assign) -> None:
        self.expressions(node.value)
        if any(is_name(target.target, "__all__") for target in node.targets):
            self._own_calls.exports(node.value)
        for target in node.targets:
            if not isinstance(target.target, cst.Name):
                self.expressions(target.target)  # `x[f()] = ...` holds a call; a name does not
        if self._on_assign is not None:
            self._on_assign(node)  # with the names as they were before the assignment
        self.binder.assign(node)

    def _ann_assign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self.expressions(node.value)
        self.binder.ann_assign(node)

    def _aug_assign(self, node: cst.AugAssign) -> None:
        self.expressions(node.value)
        self.binder.bind(node.target, None)

    def _named_expression(self, node: cst.NamedExpr) -> None:
        self.expressions(node.value)
        self.binder.bind(node.target, self.evaluator.value_of(node.value))


def _nothing(node: cst.CSTNode) -> None:
    return None
