"""What an expression holds, from the bindings in scope: the one question every rule asks."""
from __future__ import annotations

import os
from typing import Any, Callable, FrozenSet, List, Optional, Tuple, Union

import libcst as cst

from .. import knowledge, parameter_names
from ..facts import migrations
from ..facts.families import family_of_tokenizer_class
from ..target import Target
from . import datasets, dict_keys, library, model_runs, none_tests, run_time, tokenization
from .own import call_result
from .own_attributes import attribute_of, kept_on_self, super_of
from .scopes import Scopes
from .syntax import dotted_name, is_name, literal_int, literal_string
from .values import (
    PaddedIds,
    MappedDataset,
    EvalPrediction,
    LabelIds,
    EmbeddingLayer,
    Embeddings,
    Encoding,
    EosToken,
    IdsBatch,
    KwargsModule,
    KwargsModuleClass,
    LibraryName,
    Mapping,
    OpenMapping,
    Elements,
    ParsedArguments,
    Partial,
    Model,
    ModelFactory,
    GenerationOutput,
    ModelOutput,
    OwnClass,
    OwnFunction,
    OwnInstance,
    OwnSuper,
    NoneLiteral,
    Text,
    TextDataset,
    BatchingPipeline,
    TextClassificationPipeline,
    Tokenizer,
    TransformersModule,
    TransformersMethod,
    TransformersName,
    Value,
)


# `_attribute`'s base when the caller has not evaluated it (None is a value: unknown)
_NOT_EVALUATED: Any = object()


class Evaluator:
    """`value_of(expression)`: what it is known to hold where the walk stands, or None."""

    def __init__(self, scopes: Scopes, model_names: FrozenSet[str], target: Target = Target()) -> None:
        self._scopes = scopes
        self._model_names = model_names
        self.target = target  # what the code runs on, for the facts that depend on it
        # what a call of an own function gives, walked with what it passes (`call_time.CallTimeWalks`)
        self.walked_call: Optional[Callable[[Value, cst.Call], Optional[Tuple[Optional[Value], Any]]]] = None
        self._evaluate = {
            cst.Name: lambda node: _NONE if node.value == "None" else scopes.lookup(node.value),
            cst.Attribute: self._attribute,
            cst.Call: self._call,
            cst.SimpleString: lambda node: Text(literal_string(node)),
            cst.ConcatenatedString: lambda node: Text(literal_string(node)),
            cst.FormattedString: _formatted_text,
            cst.List: self._sequence,
            cst.Tuple: self._sequence,
            cst.BinaryOperation: lambda node: _binary(node, self.value_of),
            cst.BooleanOperation: lambda node: none_tests.either(node, self.value_of),
            cst.NamedExpr: lambda node: self.value_of(node.value),
            cst.Subscript: self._subscript,
            cst.Dict: self._dict,
            cst.Lambda: lambda node: scopes.lambdas.get(id(node)),
            cst.ListComp: lambda node: scopes.lists.get(id(node)),
            cst.DictComp: self._dict_comprehension,
        }

    def value_of(self, node: cst.BaseExpression) -> Optional[Value]:
        evaluate = self._evaluate.get(type(node))
        return evaluate(node) if evaluate is not None else None

    def annotated_value(self, annotation: cst.BaseExpression) -> Optional[Value]:
        """What a parameter or variable annotated with `annotation` holds."""
        if is_name(annotation, "str") and not self._scopes.is_bound("str"):
            return Text()
        cls = self.value_of(annotation)
        if isinstance(cls, TransformersName):
            if cls.is_model_class or cls.name in knowledge.MODEL_BASE_CLASSES:
                return Model(cls.name)
            if cls.is_tokenizer_class:
                return Tokenizer(family_of_tokenizer_class(cls.name), pad_may_be_set=True)
        return None

    def is_builtin(self, name: str) -> bool:
        """Whether `name` is Python's builtin here: no scope in reach binds it."""
        return not self._scopes.is_bound(name)

    def is_configured_model(self, name: str, dotted: Optional[str] = None) -> bool:
        return name in self._model_names or (dotted is not None and dotted in self._model_names)

    def _attribute(self, node: cst.Attribute, base: Optional[Value] = _NOT_EVALUATED) -> Optional[Value]:
        """`node`'s value; `base` is the value of `node.value` when the caller has it already."""
        attr = node.attr.value
        own = self._scopes.self_attribute(node)
        if own is not None:
            return kept_on_self(self.value_of(node.value), attr, own, self._scopes)
        if self._model_names and dotted_name(node) in self._model_names:
            return ModelFactory()
        if attr in knowledge.EMBEDDING_LAYER_ATTRIBUTES:
            return EmbeddingLayer()
        if base is _NOT_EVALUATED:
            base = self.value_of(node.value)
        if isinstance(base, (OwnInstance, OwnClass, OwnSuper)):
            return attribute_of(base, attr, self._scopes)
        if isinstance(base, TransformersModule):
            return TransformersName(attr) if knowledge.is_followed_name(attr) else None
        if isinstance(base, TransformersName):
            return TransformersMethod((base.name,), attr) if attr in _BOUND_METHODS else None
        if isinstance(base, LibraryName):
            return LibraryName(f"{base.path}.{attr}")
        if isinstance(base, Encoding):
            return tokenization.item_of(base, attr)
        if isinstance(base, Tokenizer) and attr in knowledge.EOS_TOKEN_ATTRIBUTES:
            return EosToken(base, is_id=attr.endswith("_id"))
        if isinstance(base, BatchingPipeline) and attr == parameter_names.TOKENIZER:
            return base.tokenizer
        if isinstance(base, TextClassificationPipeline) and attr == parameter_names.MODEL:
            return base.model
        if isinstance(base, (ModelOutput, GenerationOutput)):
            return model_runs.output_attribute(base, attr)
        if isinstance(base, ParsedArguments):
            return base.options.get(attr)
        if isinstance(base, EvalPrediction):
            return base.attribute(attr)
        if isinstance(base, Model) and attr in knowledge.MODEL_SUBMODEL_ATTRIBUTES:
            return base
        if isinstance(base, KwargsModule) and attr == knowledge.PARALLEL_WRAPPED_ATTRIBUTE:
            return base.inner
        return None

    def _call(self, node: cst.Call) -> Optional[Value]:
        func = node.func
        receiver = None
        if isinstance(func, cst.Attribute):
            receiver = self.value_of(func.value)
            callee = self._attribute(func, receiver)
        else:
            callee = self.value_of(func)
        if isinstance(callee, TransformersName):
            return library.instance_of(callee, node, self.value_of)
        if isinstance(callee, TransformersMethod):
            return library.called_method(callee, node, self._at())
        if isinstance(callee, ModelFactory):
            return Model()
        if isinstance(callee, Model):
            return model_runs.model_output(callee, node, self.value_of)
        if isinstance(callee, KwargsModuleClass):
            return KwargsModule()
        if isinstance(callee, LibraryName):
            known = library.library_call(callee.path, node, self.value_of)
            if known is not None:
                return known
        if isinstance(callee, Tokenizer):
            encoding = tokenization.encoding_from(node, callee, self._scopes.current, self.value_of)
            return tokenization.with_padding(encoding, callee, node, self.value_of)
        if isinstance(callee, EmbeddingLayer):
            return Embeddings()
        if isinstance(callee, (OwnFunction, OwnClass, OwnInstance, Partial)):
            walked = self.walked_call(callee, node) if self.walked_call is not None else None
            return walked[0] if walked is not None else call_result(callee, self._scopes)
        if isinstance(func, cst.Attribute):
            return self._method_call(node, func, receiver)
        if isinstance(func, cst.Name) and callee is None and not self._scopes.is_bound(func.value):
            return self._builtin_call(func.value, node)
        return None

    def _builtin_call(self, name: str, node: cst.Call) -> Optional[Value]:
        if name in knowledge.TEXT_BUILTINS:
            return Text()
        if name == "dict" and len(node.args) == 1 and not node.args[0].keyword and not node.args[0].star:
            copied = self.value_of(node.args[0].value)
            return copied.copy() if isinstance(copied, (Encoding, Mapping, OpenMapping)) else None
        if name == "dict":
            return dict_keys.dict_call(node, self.value_of)
        if name == "super":
            return super_of(node.args, self._scopes.self_value(), self.value_of)
        return None

    def _dict_comprehension(self, node: cst.DictComp) -> Optional[Value]:
        """`{k: v.to(device) for k, v in enc.items()}`: the same keys, and values of the same kind."""
        for_in = node.for_in
        target, items = for_in.target, for_in.iter
        if for_in.ifs or for_in.inner_for_in is not None or not isinstance(target, cst.Tuple):
            return None
        if len(target.elements) != 2 or not (isinstance(items, cst.Call) and not items.args):
            return None
        key, value = (element.value for element in target.elements)
        if not (isinstance(key, cst.Name) and isinstance(value, cst.Name) and is_name(node.key, key.value)):
            return None
        if not (isinstance(items.func, cst.Attribute) and items.func.attr.value == "items"):
            return None
        encoding = self.value_of(items.func.value)
        if not isinstance(encoding, Encoding) or not _same_tensor(node.value, value.value):
            return None
        return encoding.copy()

    def _method_call(self, node: cst.Call, func: cst.Attribute, receiver: Optional[Value]) -> Optional[Value]:
        method = func.attr.value
        if method == knowledge.EMBEDDING_LAYER_GETTER:
            return EmbeddingLayer()
        if isinstance(receiver, LibraryName) and receiver.path in knowledge.DATASET_CLASS:
            return datasets.constructed_text_dataset(node, method, self.value_of)
        if receiver is not None:
            result = library.method_result(receiver, method, node, self._at())
            if result is not None:
                return result
        if method in knowledge.FILE_READ_METHODS and self._is_text_file(func.value):
            return Text()
        if method == knowledge.PATH_READ_TEXT:
            return Text()
        return None

    def _at(self) -> library.At:
        return library.At(self.value_of, self._scopes.current, self.target)

    def _is_text_file(self, node: cst.BaseExpression) -> bool:
        """`open(path)` or `open(path, mode)` with a literal mode that is not binary."""
        if not (isinstance(node, cst.Call) and is_name(node.func, "open")) or self._scopes.is_bound("open"):
            return False
        mode = next((arg for arg in node.args if arg.keyword is not None and arg.keyword.value == "mode"), None)
        if mode is None:
            positional = [arg for arg in node.args if arg.keyword is None]
            mode = positional[1] if len(positional) > 1 else None
        if mode is None:
            return True
        literal = literal_string(mode.value)
        return literal is not None and "b" not in literal

    def _subscript(self, node: cst.Subscript) -> Optional[Value]:
        if all(isinstance(element.slice, cst.Slice) or _is_ellipsis(element.slice) for element in node.slice):
            # `ids[:, 1:]`, `ids[..., :-1]`: rows cut, not picked; a padded batch keeps its pads
            sliced = self.value_of(node.value)
            return sliced if isinstance(sliced, PaddedIds) else None
        if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
            return None
        key = literal_string(node.slice[0].slice.value)
        container = self.value_of(node.value)
        if isinstance(container, (TextDataset, MappedDataset)) and container.is_dict and key is not None:
            return container.split()
        if isinstance(container, Encoding):
            return tokenization.item_of(container, key)
        if isinstance(container, IdsBatch) and literal_int(node.slice[0].slice.value) is not None:
            return tokenization.row()
        if isinstance(container, Mapping):
            if key in container.held:
                return container.held[key]
            return run_time.picked(container, node.slice[0].slice.value)
        index = literal_int(node.slice[0].slice.value)
        if isinstance(container, Text) and container.is_batch and index is not None:
            return Text()  # one text of a list or tuple of them
        if isinstance(container, (Elements, EvalPrediction)) and index is not None:
            elements = container.values if isinstance(container, Elements) else container.elements()
            return elements[index] if -len(elements) <= index < len(elements) else None
        if isinstance(container, LabelIds) and (index is not None or type(node.slice[0].slice.value) is cst.Name):
            return container  # a row of them
        return None

    def _dict(self, node: cst.Dict) -> Optional[Value]:
        return dict_keys.dict_display(node, self.value_of)

    def _sequence(self, node: Union[cst.List, cst.Tuple]) -> Optional[Value]:
        if not node.elements:
            return None
        if isinstance(node, cst.List) and isinstance(node.elements[0].value, cst.Dict):
            return dict_keys.rows_of_dicts(node, self.value_of)
        endings = []
        for element in node.elements:
            if isinstance(element, cst.StarredElement):
                return None
            value = self.value_of(element.value)
            if not isinstance(value, Text) or value.is_batch:
                return None
            endings.append(value.ending)
        return Text(is_batch=True, tail=_common_tail(endings), sequence=type(node).__name__.lower())


def _binary(node: cst.BinaryOperation, evaluate) -> Optional[Value]:
    left = evaluate(node.left)
    if isinstance(node.operator, cst.Modulo):
        return Text() if isinstance(left, Text) and not left.is_batch else None
    if not isinstance(node.operator, _ELEMENTWISE):
        return None
    if isinstance(node.operator, cst.Multiply) and isinstance(left, Text) and left.is_batch:
        # `["a", "b"] * 2`: the same texts again
        return left if literal_int(node.right) is not None else None
    right = evaluate(node.right)
    if isinstance(node.operator, cst.Add) and isinstance(left, Text) and isinstance(right, Text):
        if left.is_batch != right.is_batch:
            return None
        sequence = left.sequence if left.sequence == right.sequence else None
        return Text(is_batch=left.is_batch, tail=None if left.is_batch else right.ending, sequence=sequence)
    # embeddings scaled, shifted or masked element by element are still embeddings
    if isinstance(left, Embeddings) or isinstance(right, Embeddings):
        return Embeddings() if not isinstance(left, Text) and not isinstance(right, Text) else None
    return None


def _formatted_text(node: cst.FormattedString) -> Text:
    """An f-string: its last text part is its `tail` when something is formatted before it."""
    *before, last = node.parts or [None]
    written_after = any(isinstance(part, cst.FormattedStringExpression) for part in before)
    return Text(tail=last.value if isinstance(last, cst.FormattedStringText) and written_after else None)


def _common_tail(endings: List[Optional[str]]) -> Optional[str]:
    """The longest text every ending ends with, where each has some text before it."""
    known = [ending for ending in endings if ending is not None]
    if len(known) != len(endings):
        return None
    tail = os.path.commonprefix([ending[::-1] for ending in known])[::-1]
    if not tail or any(not ending[: len(ending) - len(tail)].strip() for ending in known):
        return None
    return tail


def _is_ellipsis(index: cst.BaseSlice) -> bool:
    return isinstance(index, cst.Index) and isinstance(index.value, cst.Ellipsis)


# the class methods of transformers names a value may hold (`load = AutoModel.from_pretrained`)
_BOUND_METHODS = knowledge.CONSTRUCTORS | migrations.METHOD_NAMES
_ELEMENTWISE = (cst.Add, cst.Subtract, cst.Multiply, cst.Divide)
_NONE = NoneLiteral()


def _same_tensor(node: cst.BaseExpression, name: str) -> bool:
    """`name` itself, or `name.to(...)` / `.cuda()` / ... (the same tensor, moved or cast)."""
    while isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
        if node.func.attr.value not in knowledge.SAME_TENSOR_METHODS:
            return False
        node = node.func.value
    return is_name(node, name)


class CallParts:
    """What a call's callee, the receiver of a method call and its arguments hold, each evaluated
    at most once where the walk stands: the rules' view of the call and every effect of the call
    ask for them."""

    __slots__ = ("node", "method", "_evaluator", "_callee", "_receiver", "_arguments")

    def __init__(self, node: cst.Call, evaluator: Evaluator) -> None:
        self.node = node
        func = node.func
        self.method: Optional[str] = func.attr.value if type(func) is cst.Attribute else None
        self._evaluator = evaluator
        # evaluated on first use (functools.cached_property takes a lock at each first use)
        self._callee: Optional[Value] = _NOT_EVALUATED
        self._receiver: Optional[Value] = _NOT_EVALUATED
        self._arguments: Optional[List[Optional[Value]]] = None

    @property
    def callee(self) -> Optional[Value]:
        if self._callee is _NOT_EVALUATED:
            self._callee = self._evaluator.value_of(self.node.func)
        return self._callee

    @property
    def receiver(self) -> Optional[Value]:
        if self._receiver is _NOT_EVALUATED:
            func = self.node.func
            self._receiver = self._evaluator.value_of(func.value) if type(func) is cst.Attribute else None
        return self._receiver

    @property
    def arguments(self) -> List[Optional[Value]]:
        if self._arguments is None:
            self._arguments = [self._evaluator.value_of(arg.value) for arg in self.node.args]
        return self._arguments
