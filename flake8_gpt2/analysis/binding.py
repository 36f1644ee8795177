"""Binding names: assignments, imports, loop and pattern targets, `del`, `global`, `nonlocal`. The
walk has already visited the calls inside; this only decides what each name holds after."""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import List, Optional

import libcst as cst

from .. import knowledge, parameter_names
from ..facts.calls import LIBRARIES
from .dict_keys import DictKeys
from .effects import Effects, note_item_set
from .evaluation import Evaluator
from .own import forget_kept, returned_elements
from .references import References
from .scopes import Scopes
from .syntax import child_fields, code_of, dotted_name, is_name, is_node_type
from .values import (
    TrainingArgs,
    EvalPrediction,
    Elements,
    Accelerator,
    CacheLayer,
    ItemList,
    DataLoader,
    LibraryName,
    Model,
    ModelCache,
    ModelFactory,
    OwnClass,
    OwnFunction,
    OwnInstance,
    Site,
    Text,
    BatchingPipeline,
    TextClassificationPipeline,
    Tokenizer,
    TransformersModule,
    TransformersName,
    Value,
)


@dataclass
class Cursor:
    """Where the walk stands."""

    top: Optional[cst.BaseStatement] = None  # the module-level statement
    line: Optional[cst.SimpleStatementLine] = None  # the statement line, when it has one of its own
    # in a body walked again with what its calls pass, the number of that walk (0 in the walk of
    # the module): names bound after its definition are in reach there, though a call may run it
    # before they are bound
    again: int = 0
    # in a body walked again with what one of its calls passes: a fix there could break the others
    one_call: bool = False
    # in a body walked where one call runs, for what it returns (`call_time.py`): what it finds,
    # the other walks find
    returns_only: bool = False


class Binder:
    def __init__(
        self,
        scopes: Scopes,
        evaluator: Evaluator,
        effects: Effects,
        dict_keys: DictKeys,
        cursor: Cursor,
        references: References,
    ) -> None:
        self._scopes = scopes
        self._references = references
        self._evaluator = evaluator
        self._effects = effects
        self._dict_keys = dict_keys
        self._cursor = cursor
        self._order = itertools.count()

    def bind(self, target: cst.BaseExpression, value: Optional[Value]) -> None:
        if value is not None:
            self._effects.note_bound(value)
            self._dict_keys.note_bound(value)
        if isinstance(target, cst.Name):
            self._scopes.bind(target.value, value)
            self._remember_binding(value, target.value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self.bind(element.value, None)
        elif isinstance(target, cst.StarredElement):
            self.bind(target.value, None)
        elif isinstance(target, cst.Attribute):
            self._effects.note_attribute_chain_set(target)
            self._bind_attribute(target, value)
        elif isinstance(target, cst.Subscript):
            note_item_set(self._evaluator.value_of(target.value), target, value)
            self._effects.note_rows_set(target.value)
            self._effects.note_pad_id_masking(target)
            self._dict_keys.set_key(target, deleting=False)

    def delete(self, target: cst.BaseExpression) -> None:
        if isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self.delete(element.value)
        elif isinstance(target, cst.Subscript):
            note_item_set(self._evaluator.value_of(target.value))
            self._dict_keys.set_key(target, deleting=True)
        else:
            self.bind(target, None)

    def _bind_attribute(self, target: cst.Attribute, value: Optional[Value]) -> None:
        self._effects.note_model_config_set(target)
        receiver = self._evaluator.value_of(target.value)
        if isinstance(receiver, BatchingPipeline) and target.attr.value == parameter_names.TOKENIZER:
            receiver.tokenizer = value if isinstance(value, Tokenizer) else None
            return
        if isinstance(receiver, TextClassificationPipeline) and target.attr.value == parameter_names.MODEL:
            receiver.model = value if isinstance(value, Model) else None
            return
        if isinstance(receiver, TrainingArgs):
            receiver.attribute_set = True
            return
        if isinstance(receiver, Tokenizer):
            self._effects.note_attribute_set(receiver, target.attr.value)
            self._effects.note_tokenizer_setting(receiver, target.attr.value, value, self.site(code_of(target)))
            return
        attributes = self._scopes.self_attributes(target.value)
        if attributes is None and isinstance(receiver, (OwnInstance, OwnClass)):
            attributes = receiver.info.scope.attributes  # type: ignore[attr-defined]
        if attributes is None:
            return
        name = target.attr.value
        value = self._scopes.set_attribute(attributes, name, target, value)
        if isinstance(receiver, OwnInstance) and receiver.info.attributes_handed_over:  # type: ignore[attr-defined]
            forget_kept(value)
        if isinstance(value, (OwnFunction, OwnClass, OwnInstance)):
            self._scopes.own_attributes.add(name)
        self._remember_binding(value, f"{self._scopes.current.self_name}.{name}")

    def _remember_binding(self, value: Optional[Value], code: str) -> None:
        """Where a tokenizer or a model was bound, for a fix to name it or add a line after it (set
        the pad token, load the model's tokenizer at module level)."""
        # a body walked for one call's return: a fix there would change every call, the caller's binding is this call's
        if isinstance(value, (Tokenizer, Model)) and not self._cursor.returns_only:
            self._references.note_bound(value, self.site(code), self._scopes.current is self._scopes.module)

    def site(self, code: str) -> Site:
        """The statement the walk stands at, for a value or a setting made there."""
        return Site(self._cursor.line, code, self._scopes.current, self._scopes.current.open_paths, next(self._order))

    # ---- statements ----------------------------------------------------------------------------

    def assign(self, node: cst.Assign) -> None:
        prepared = self._prepared(node.value)
        value = self._evaluator.value_of(node.value) if prepared is None else None
        if isinstance(value, Elements):
            prepared = list(value.values)
        elif _unpacked_display(node):  # `a, b = x, y`: each element, all evaluated before any is bound
            prepared = [self._evaluator.value_of(e.value) for e in node.value.elements]  # type: ignore[attr-defined]
        elif isinstance(value, EvalPrediction):
            prepared = value.elements()
        for target in node.targets:
            if prepared is not None and isinstance(target.target, cst.Tuple):
                elements = target.target.elements
                if len(elements) == len(prepared) and not any(isinstance(e, cst.StarredElement) for e in elements):
                    for element, prepared_value in zip(target.target.elements, prepared):
                        self.bind(element.value, prepared_value)
                    continue
            elif prepared is not None and len(prepared) == 1 and value is None:
                value = prepared[0]
            self.bind(target.target, value)

    def _prepared(self, node: cst.BaseExpression) -> Optional[List[Optional[Value]]]:
        """`accelerator.prepare(a, b, ...)` returns its arguments, wrapped but of the same kind; a
        function of the file returns the elements of the tuples it returns."""
        if not isinstance(node, cst.Call):
            return None
        if not isinstance(node.func, cst.Attribute) or node.func.attr.value in self._scopes.own_attributes:
            callee = self._evaluator.value_of(node.func) if self._scopes.own_names else None
            walked = self._evaluator.walked_call(callee, node) if callee is not None else None  # type: ignore[misc]
            if walked is not None and walked[1] is not None:
                return walked[1]
            return returned_elements(callee, self._scopes)
        if node.func.attr.value != "prepare" or any(arg.star or arg.keyword for arg in node.args):
            return None
        if not isinstance(self._evaluator.value_of(node.func.value), Accelerator):
            return None
        return [self._evaluator.value_of(arg.value) for arg in node.args]

    def ann_assign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            value = self._evaluator.value_of(node.value)
            self.bind(node.target, value or self._evaluator.annotated_value(node.annotation.annotation))

    def loop_target(self, target: cst.BaseExpression, items: cst.BaseExpression) -> None:
        """Binds a loop's target to what iterating `items` gives: a text of a batch of texts, a
        batch of a data loader, a layer's item of a cache object; `enumerate(...)` pairs it with a
        count."""
        if (
            isinstance(items, cst.Call)
            and is_name(items.func, "enumerate")
            and not self._scopes.is_bound("enumerate")
            and items.args
            and isinstance(target, cst.Tuple)
            and len(target.elements) == 2
        ):
            self.bind(target.elements[0].value, None)
            self.loop_target(target.elements[1].value, items.args[0].value)
            return
        collection = self._evaluator.value_of(items)
        if isinstance(collection, Text) and collection.is_batch:
            self.bind(target, Text(tail=collection.tail))
        elif isinstance(collection, DataLoader):
            self.bind(target, collection.batches)
        elif isinstance(collection, ItemList):
            self.bind(target, collection.item)
        elif isinstance(collection, ModelCache) and collection.cache_class is not None:
            self.bind(target, CacheLayer(collection.cache_class, items))
        else:
            self.bind(target, None)

    def pattern_names(self, pattern: cst.CSTNode) -> None:
        """The names a `case` pattern binds hold what the analysis cannot know."""
        if isinstance(pattern, (cst.MatchAs, cst.MatchStar)) and pattern.name is not None:
            self.bind(pattern.name, None)
        for field_name in child_fields(type(pattern)):
            child = getattr(pattern, field_name)
            for item in child if isinstance(child, (tuple, list)) else (child,):
                if is_node_type(type(item)):
                    self.pattern_names(item)

    def global_(self, node: cst.Global) -> None:
        # the function's reads and assignments of these names are the module's (`Scopes.bind`);
        # at module level, `global` changes nothing
        scope = self._scopes.current
        if scope is not self._scopes.module:
            scope.global_names.update(item.name.value for item in node.names)

    def nonlocal_(self, node: cst.Nonlocal) -> None:
        scope = self._scopes.current.parent
        while scope is not None:
            for item in node.names:
                if item.name.value in scope.bindings:
                    scope.bindings[item.name.value] = None
            scope = scope.parent

    def import_(self, node: cst.Import) -> None:
        bind = self._scopes.bind
        for alias in node.names:
            module = dotted_name(alias.name)
            if alias.asname is not None:
                bound = alias.asname.name
                if isinstance(bound, cst.Name):
                    bind(bound.value, _package_module(module))
            elif module is not None:
                top = module.split(".")[0]
                bind(top, _package_module(top))

    def import_from(self, node: cst.ImportFrom) -> None:
        if isinstance(node.names, cst.ImportStar):
            return
        at_module_level = self._scopes.current is self._scopes.module
        if at_module_level and not node.relative and is_name(node.module, knowledge.TRANSFORMERS):
            self._scopes.transformers_imports.append(node)
        module = dotted_name(node.module) if node.module is not None else None
        absolute = module if not node.relative else None
        bind = self._scopes.bind
        for alias in node.names:
            name = dotted_name(alias.name)
            bound = alias.asname.name if alias.asname is not None else alias.name
            if not isinstance(bound, cst.Name) or name is None:
                continue
            top = absolute.split(".")[0] if absolute is not None else None
            if top == knowledge.TRANSFORMERS and knowledge.is_followed_name(name):
                bind(bound.value, TransformersName(name))
            elif top in LIBRARIES:
                bind(bound.value, LibraryName(f"{module}.{name}"))
            elif self._evaluator.is_configured_model(bound.value, f"{module}.{name}" if module else name):
                bind(bound.value, ModelFactory())
            else:
                bind(bound.value, None)


def _package_module(name: Optional[str]) -> Optional[Value]:
    if name == knowledge.TRANSFORMERS:
        return TransformersModule()
    if name is not None and name.split(".")[0] in LIBRARIES:
        return LibraryName(name)
    return None


def _unpacked_display(node: cst.Assign) -> bool:
    """`a, b = x, y` (every target a tuple as long as the display, no `*` on either side)."""
    value = node.value
    if not isinstance(value, (cst.Tuple, cst.List)):
        return False
    if any(isinstance(e, cst.StarredElement) for e in value.elements):
        return False
    return all(isinstance(t.target, cst.Tuple) and len(t.target.elements) == len(value.elements) for t in node.targets)
