"""The one place that knows what an expression is.

`Analysis` walks a module once, in statement order, tracking imports and bindings per scope,
and answers `value_of(expression)` for the node being visited. Rules only ask it.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Set, Tuple, Union

import libcst as cst

from . import knowledge
from .settings import Settings
from .values import (
    DataLoader,
    EmbeddingLayer,
    Embeddings,
    Model,
    ModelFactory,
    Encoding,
    Ids,
    KwargsModule,
    KwargsModuleClass,
    LibraryName,
    Mapping,
    Text,
    TextDataset,
    Tokenizer,
    TrainingArgs,
    TransformersModule,
    TransformersName,
    TransformersObject,
    Value,
    join,
)

Bindings = Dict[str, Optional[Value]]
_EMPTY_MODULE = cst.Module(body=[])


@dataclass
class Scope:
    kind: str  # "module", "function", "class" or "comprehension"
    parent: Optional["Scope"]
    bindings: Bindings = field(default_factory=dict)
    # function scopes of methods: the name of `self` and the class scope holding its attributes
    self_name: Optional[str] = None
    owner_class: Optional["Scope"] = None
    # class scopes: attributes assigned through `self.<name> = ...` in its methods
    attributes: Bindings = field(default_factory=dict)
    # function scopes: what was read from outside the function, for `Read.still_holds`
    outer_reads: List["Read"] = field(default_factory=list)


@dataclass(frozen=True)
class Read:
    """A value taken from a binding that may change after the read is analysed
    (a module global read inside a function, or a `self` attribute)."""

    bindings: Bindings
    name: str
    value: Value
    state: tuple

    def still_holds(self) -> bool:
        final = self.bindings.get(self.name)
        return type(final) is type(self.value) and final.state() == self.state


@dataclass(frozen=True)
class ModelCall:
    """A call that runs a model: `model(...)`, `model.forward(...)` or `model.generate(...)`."""

    node: cst.Call
    method: str  # "forward" or "generate"

    @property
    def positional(self) -> List[cst.Arg]:
        return [a for a in self.node.args if a.keyword is None and a.star == ""]

    def keyword(self, name: str) -> Optional[cst.Arg]:
        for arg in self.node.args:
            if arg.keyword is not None and arg.keyword.value == name:
                return arg
        return None

    @property
    def model_node(self) -> cst.BaseExpression:
        """The expression of the model: `model` in `model(...)` and `model.generate(...)`."""
        func = self.node.func
        if isinstance(func, cst.Attribute) and func.attr.value in knowledge.MODEL_INPUT_METHODS:
            return func.value
        return func

    @property
    def unpacks(self) -> bool:
        return any(arg.star for arg in self.node.args)

    def passes(self, name: str) -> Optional[cst.Arg]:
        """The keyword argument `name=`, unless its value is the literal None."""
        arg = self.keyword(name)
        is_none = arg is not None and isinstance(arg.value, cst.Name) and arg.value.value == "None"
        return None if is_none else arg

    def input_arg(self) -> Optional[cst.Arg]:
        """The argument in the `input_ids` slot: the first positional one, or `input_ids=`."""
        positional = self.positional
        if positional and self.node.args[0] is positional[0]:
            return positional[0]
        return self.passes("input_ids")


@dataclass(frozen=True)
class TokenizerCall:
    """A call that encodes (or pads) with a tokenizer."""

    node: cst.Call
    tokenizer: Tokenizer
    method: str

    def keyword(self, name: str) -> Optional[cst.Arg]:
        for arg in self.node.args:
            if arg.keyword is not None and arg.keyword.value == name:
                return arg
        return None


def argument(call: cst.Call, keyword: str, position: Optional[int] = None) -> Optional[cst.Arg]:
    """The argument passed for a parameter, by keyword or at its position."""
    for index, arg in enumerate(call.args):
        if arg.star:
            continue
        if arg.keyword is not None and arg.keyword.value == keyword:
            return arg
        if arg.keyword is None and index == position:
            return arg
    return None


def literal_string(node: cst.BaseExpression) -> Optional[str]:
    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    if isinstance(node, cst.ConcatenatedString):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def dotted_name(node: Union[cst.BaseExpression, cst.ImportAlias]) -> Optional[str]:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = dotted_name(node.value)
        return f"{base}.{node.attr.value}" if base else None
    return None


_SAME_TENSOR_METHODS = frozenset(
    {"to", "detach", "clone", "cuda", "cpu", "float", "half", "bfloat16", "contiguous", "requires_grad_"}
)
_TEXT_BUILTIN_CALLS = frozenset({"input", "str"})
# Builtins that only look at a tokenizer; any other call given one may set its pad token.
_TOKENIZER_SAFE_CONSUMERS = frozenset({"print", "len", "isinstance", "repr", "str", "type", "id"})


class Analysis:
    """Scope and binding tracking for one module; `value_of` answers for the visited node."""

    def __init__(self, settings: Settings = Settings()) -> None:
        self._model_names = settings.model_names
        self.module_scope = Scope("module", None)
        self.scope = self.module_scope
        self._branches: List[_Paths] = []
        self._statement: Optional[cst.CSTNode] = None
        self.top_statement: Optional[cst.BaseStatement] = None  # the module-level one being walked
        # most modules never bind a tokenizer: then no call needs its arguments evaluated
        self._tokenizers_bound = False
        self._rebound_by_functions: Set[str] = set()

    # ---- queries -------------------------------------------------------------------------

    def value_of(self, node: cst.BaseExpression) -> Optional[Value]:
        evaluate = _VALUE_OF.get(type(node))
        return evaluate(self, node) if evaluate is not None else None

    def model_call(self, node: cst.Call) -> Optional[ModelCall]:
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in knowledge.MODEL_INPUT_METHODS:
            if isinstance(self.value_of(func.value), Model):
                method = "generate" if func.attr.value == "generate" else "forward"
                return ModelCall(node, method)
        if isinstance(self.value_of(func), Model):
            return ModelCall(node, "forward")
        return None

    def tokenizer_call(self, node: cst.Call) -> Optional[TokenizerCall]:
        func = node.func
        receiver = self.value_of(func)
        if isinstance(receiver, Tokenizer):
            return TokenizerCall(node, receiver, "__call__")
        if isinstance(func, cst.Attribute):
            method = func.attr.value
            if method in knowledge.TOKENIZER_ENCODE_METHODS or method == "pad":
                receiver = self.value_of(func.value)
                if isinstance(receiver, Tokenizer):
                    return TokenizerCall(node, receiver, method)
        return None

    def visible_tokenizers(self) -> List[Tuple[str, Tokenizer]]:
        """Tokenizers reachable by a plain name (or `self.<name>`) from here, innermost first,
        one entry per distinct tokenizer."""
        found: List[Tuple[str, Tokenizer]] = []
        seen_names = set()
        scope: Optional[Scope] = self.scope
        candidates: List[Tuple[str, Optional[Value]]] = []
        if self.scope.self_name and self.scope.owner_class is not None:
            for attr, value in self.scope.owner_class.attributes.items():
                candidates.append((f"{self.scope.self_name}.{attr}", value))
        while scope is not None:
            if scope.kind != "class" or scope is self.scope:
                for name, value in scope.bindings.items():
                    # a name bound in an inner scope hides this binding: the lookup tells
                    if isinstance(value, Tokenizer) and name not in seen_names:
                        seen_names.add(name)
                        candidates.append((name, self._lookup(name)))
            scope = scope.parent
        for code, value in candidates:
            if isinstance(value, Tokenizer) and all(value is not t for _, t in found):
                found.append((code, value))
        return found

    @staticmethod
    def code_of(node: cst.CSTNode) -> str:
        return _EMPTY_MODULE.code_for_node(node)

    @classmethod
    def short_code_of(cls, node: cst.CSTNode) -> Optional[str]:
        """The node's code when it fits in a message: one line, at most 40 characters."""
        code = cls.code_of(node)
        return code if len(code) <= 40 and "\n" not in code else None

    def current_reads(self) -> Tuple[Read, ...]:
        scope: Optional[Scope] = self.scope
        reads: List[Read] = []
        while scope is not None:
            reads.extend(scope.outer_reads)
            scope = scope.parent
        return tuple(reads)

    @property
    def statement(self) -> Optional[cst.CSTNode]:
        """The simple statement line being visited."""
        return self._statement

    # ---- evaluation ----------------------------------------------------------------------

    def _lookup(self, name: str, record: bool = True) -> Optional[Value]:
        """The value bound to `name` here. `record`: a value read from outside the function is
        remembered, to check at the end that no later statement changed it."""
        scope: Optional[Scope] = self.scope
        inside_function = self._function_scope()
        while scope is not None:
            if scope.kind == "class" and scope is not self.scope:
                scope = scope.parent
                continue
            if name in scope.bindings:
                value = scope.bindings[name]
                crosses_function = inside_function is not None and not self._is_within(scope, inside_function)
                if record and value is not None and crosses_function:
                    inside_function.outer_reads.append(Read(scope.bindings, name, value, value.state()))
                return value
            scope = scope.parent
        if name in self._model_names:
            return ModelFactory()  # defined where the analysis cannot see, e.g. a star import
        return None

    def _function_scope(self) -> Optional[Scope]:
        scope: Optional[Scope] = self.scope
        while scope is not None:
            if scope.kind == "function":
                return scope
            scope = scope.parent
        return None

    def _is_within(self, scope: Scope, function: Scope) -> bool:
        current: Optional[Scope] = self.scope
        while current is not None:
            if current is scope:
                return True
            if current is function:
                return False
            current = current.parent
        return False

    def _self_attribute(self, node: cst.Attribute) -> Optional[Value]:
        scope = self.scope
        while scope.kind == "comprehension" and scope.parent is not None:
            scope = scope.parent
        if (
            scope.self_name is None
            or scope.owner_class is None
            or not isinstance(node.value, cst.Name)
            or node.value.value != scope.self_name
        ):
            return None
        attributes = scope.owner_class.attributes
        value = attributes.get(node.attr.value)
        if value is not None:
            scope.outer_reads.append(Read(attributes, node.attr.value, value, value.state()))
        return value

    def _attribute_value(self, node: cst.Attribute, base: Optional[Value] = None) -> Optional[Value]:
        """`node`'s value; `base` is the value of `node.value` when the caller has it already."""
        attr = node.attr.value
        own = self._self_attribute(node)
        if own is not None:
            return own
        if self._model_names and dotted_name(node) in self._model_names:
            return ModelFactory()
        if attr in knowledge.EMBEDDING_LAYER_ATTRIBUTES:
            return EmbeddingLayer()
        if base is None:
            base = self.value_of(node.value)
        if isinstance(base, TransformersModule):
            return TransformersName(attr) if knowledge.is_followed_name(attr) else None
        if isinstance(base, LibraryName):
            return LibraryName(f"{base.path}.{attr}")
        if isinstance(base, Encoding) and attr == "input_ids":
            return self._ids_of(base)
        if isinstance(base, Model) and attr in knowledge.MODEL_SUBMODEL_ATTRIBUTES:
            return base
        return None

    def _call_value(self, node: cst.Call) -> Optional[Value]:
        func = node.func
        receiver = None
        if isinstance(func, cst.Attribute):
            receiver = self.value_of(func.value)
            callee = self._attribute_value(func, receiver)
        else:
            callee = self.value_of(func)
        if isinstance(callee, TransformersName):
            return self._instance_of(callee, node)
        if isinstance(callee, ModelFactory):
            return Model()
        if isinstance(callee, KwargsModuleClass):
            return KwargsModule()
        if isinstance(callee, LibraryName):
            known = self._library_call_value(node, callee.path)
            if known is not None:
                return known
        if isinstance(callee, Tokenizer):
            return self._encoding_made_by(node)
        if isinstance(callee, EmbeddingLayer):
            return Embeddings()
        if isinstance(func, cst.Attribute):
            return self._method_call_value(node, func, receiver)
        if isinstance(func, cst.Name) and func.value in _TEXT_BUILTIN_CALLS and callee is None:
            if not self._is_bound(func.value):
                return Text()
        return None

    def _method_call_value(self, node: cst.Call, func: cst.Attribute, receiver: Optional[Value]) -> Optional[Value]:
        method = func.attr.value
        if method == knowledge.EMBEDDING_LAYER_GETTER:
            return EmbeddingLayer()
        if isinstance(receiver, TransformersName) and method in knowledge.CONSTRUCTORS:
            return self._instance_of(receiver, node)
        if isinstance(receiver, ModelFactory) and method in knowledge.CONSTRUCTORS:
            return Model()
        if isinstance(receiver, LibraryName) and receiver.path in knowledge.DATASET_CLASS:
            return self._constructed_text_dataset(node, method)
        if isinstance(receiver, Tokenizer):
            if method in knowledge.TOKENIZER_ENCODING_METHODS:
                return self._encoding_made_by(node)
            if method == "encode":
                return self._encoded_ids(node)
        if isinstance(receiver, TransformersObject) and receiver.made_by in knowledge.PADDING_COLLATORS:
            if method == "__call__":
                return Encoding(has_tensors=True)
        if isinstance(receiver, TextDataset) and not receiver.is_dict:
            if method in knowledge.DATASET_SAME_COLUMNS:
                return receiver
            if method == "train_test_split":
                return TextDataset(receiver.columns, is_dict=True)
        if isinstance(receiver, Model) and method in knowledge.MODEL_SAME_METHODS:
            return receiver
        if isinstance(receiver, EmbeddingLayer) and method in ("forward", "__call__"):
            return Embeddings()
        if isinstance(receiver, Embeddings) and method in _SAME_TENSOR_METHODS:
            return receiver
        if isinstance(receiver, Text) and not receiver.is_batch:
            if method in knowledge.STR_METHODS_RETURNING_TEXT:
                return Text()
            if method == "join":
                return Text()
        if method in knowledge.TEXT_READ_METHODS and self._is_open_call(func.value):
            return Text()
        if method == "read_text":
            return Text()
        return None

    def _is_open_call(self, node: cst.BaseExpression) -> bool:
        return (
            isinstance(node, cst.Call)
            and isinstance(node.func, cst.Name)
            and node.func.value == "open"
            and not self._is_bound("open")
            and not any(self._binary_mode(arg) for arg in node.args)
        )

    @staticmethod
    def _binary_mode(arg: cst.Arg) -> bool:
        mode = literal_string(arg.value)
        is_mode_slot = (arg.keyword is not None and arg.keyword.value == "mode") or arg.keyword is None
        return is_mode_slot and mode is not None and "b" in mode

    def _instance_of(self, cls: TransformersName, call: cst.Call) -> Optional[Value]:
        if cls.is_model_class:
            return Model(cls.name)
        if cls.name in knowledge.TRAINING_ARGUMENTS:
            keeps = any(
                arg.star == "**"
                or (arg.keyword is not None and arg.keyword.value == "remove_unused_columns")
                for arg in call.args
            )
            return TrainingArgs(call, removes_unused_columns=not keeps)
        if cls.is_tokenizer_class:
            checkpoint = self._checkpoint_name(call)
            gpt2 = cls.name in knowledge.GPT2_TOKENIZER_CLASSES or (
                checkpoint is not None and knowledge.is_gpt2_checkpoint(checkpoint)
            )
            pad_may_be_set = any(
                arg.star == "**" or (arg.keyword is not None and arg.keyword.value in knowledge.PAD_TOKEN_ATTRIBUTES)
                for arg in call.args
            )
            return Tokenizer(gpt2, pad_may_be_set)
        return TransformersObject(cls.name)

    # datasets

    def _subscript_value(self, node: cst.Subscript) -> Optional[Value]:
        container = self.value_of(node.value)
        if isinstance(container, TextDataset) and container.is_dict and len(node.slice) == 1:
            index = node.slice[0].slice
            if isinstance(index, cst.Index) and literal_string(index.value) is not None:
                return TextDataset(container.columns)
        if isinstance(container, Encoding) and len(node.slice) == 1:
            index = node.slice[0].slice
            if isinstance(index, cst.Index) and literal_string(index.value) == "input_ids":
                return self._ids_of(container)
        return None

    def _constructed_text_dataset(self, call: cst.Call, method: str) -> Optional[Value]:
        """`Dataset.from_dict({"text": ...})` / `Dataset.from_list([{"text": ...}, ...])`
        with literal column names, none of them a model input."""
        if method not in knowledge.DATASET_CONSTRUCTORS or not call.args or call.args[0].keyword is not None:
            return None
        data = call.args[0].value
        if method == "from_dict":
            rows = [data]
        elif isinstance(data, cst.List):
            rows = [element.value for element in data.elements if isinstance(element, cst.Element)]
        else:
            return None
        columns = set()
        for row in rows:
            keys = self._literal_keys(row)
            if not keys or keys & knowledge.MODEL_INPUT_COLUMNS:
                return None
            columns |= keys
        return TextDataset(frozenset(columns)) if columns else None

    def _dict_value(self, node: cst.Dict) -> Optional[Value]:
        keys = self._literal_keys(node)
        return Mapping(keys) if keys is not None else None

    @staticmethod
    def _literal_keys(node: cst.BaseExpression) -> Optional[frozenset]:
        """The keys of a dict literal whose keys are all string literals."""
        if not isinstance(node, cst.Dict):
            return None
        keys = set()
        for element in node.elements:
            key = literal_string(element.key) if isinstance(element, cst.DictElement) else None
            if key is None:
                return None
            keys.add(key)
        return frozenset(keys)

    def _library_call_value(self, call: cst.Call, path: str) -> Optional[Value]:
        if path in knowledge.LOAD_DATASET:
            return self._loaded_text_dataset(call)
        first = call.args[0].value if call.args and not call.args[0].star else None
        if path in knowledge.DATA_LOADER:
            dataset = self.value_of(first) if first is not None and call.args[0].keyword is None else None
            collate = argument(call, "collate_fn", 4)
            if collate is None and isinstance(dataset, TextDataset) and not dataset.is_dict:
                return DataLoader(Mapping(dataset.columns))
            collator = self.value_of(collate.value) if collate is not None else None
            if isinstance(collator, TransformersObject) and collator.made_by in knowledge.PADDING_COLLATORS:
                return DataLoader(Encoding(has_tensors=True))
            return DataLoader(None)
        if path in knowledge.TENSOR_MAKERS and first is not None:
            ids = self.value_of(first)
            if isinstance(ids, Ids) and ids.is_list and ids.source is None:
                return Ids(is_list=False, made_by=ids.made_by, source=None, scope=ids.scope)
        if path == knowledge.ACCELERATOR:
            return LibraryName(path + "()")  # an instance, so its `prepare` can be told apart
        if path in knowledge.PROGRESS_BARS and first is not None:
            return self.value_of(first)  # iterating tqdm(x) gives what iterating x gives
        return None

    def _encoding_made_by(self, call: cst.Call) -> Encoding:
        has_tensors = any(
            arg.star == "**" or (arg.keyword is not None and arg.keyword.value == "return_tensors") for arg in call.args
        )
        return Encoding(has_tensors, call, self.scope)

    def _encoded_ids(self, call: cst.Call) -> Optional[Value]:
        """`tok.encode(text)`: a flat list of ids for one text, unless tensors are asked for."""
        if any(arg.star or (arg.keyword is not None and arg.keyword.value == "return_tensors") for arg in call.args):
            return None
        text = self.value_of(call.args[0].value) if call.args else None
        if isinstance(text, Text) and not text.is_batch:
            return Ids(is_list=True, made_by=call, source=None, scope=self.scope)
        return None

    def _ids_of(self, encoding: Encoding) -> Optional[Value]:
        if encoding.has_tensors:
            return None
        return Ids(is_list=True, made_by=encoding.made_by, source=encoding, scope=encoding.scope)

    def _loaded_text_dataset(self, call: cst.Call) -> Optional[Value]:
        """`load_dataset("text", ...)`: one column, `text` (a dict of splits unless `split=`)."""
        if not call.args or call.args[0].keyword is not None or literal_string(call.args[0].value) != "text":
            return None
        if any(arg.star for arg in call.args):
            return None
        split = any(arg.keyword is not None and arg.keyword.value == "split" for arg in call.args)
        return TextDataset(frozenset({"text"}), is_dict=not split)

    def _checkpoint_name(self, call: cst.Call) -> Optional[str]:
        for arg in call.args:
            if arg.star:
                continue
            if arg.keyword is None or arg.keyword.value == "pretrained_model_name_or_path":
                value = self.value_of(arg.value)
                return value.literal if isinstance(value, Text) else None
        return None

    def _sequence_value(self, node: Union[cst.List, cst.Tuple]) -> Optional[Value]:
        if not node.elements:
            return None
        for element in node.elements:
            if isinstance(element, cst.StarredElement):
                return None
            value = self.value_of(element.value)
            if not isinstance(value, Text) or value.is_batch:
                return None
        return Text(is_batch=True)

    def _binary_value(self, node: cst.BinaryOperation) -> Optional[Value]:
        left = self.value_of(node.left)
        if isinstance(node.operator, cst.Modulo):
            return Text() if isinstance(left, Text) and not left.is_batch else None
        if isinstance(node.operator, cst.Add):
            right = self.value_of(node.right)
            if isinstance(left, Text) and isinstance(right, Text) and left.is_batch == right.is_batch:
                return Text(is_batch=left.is_batch)
        return None

    def _is_bound(self, name: str) -> bool:
        scope: Optional[Scope] = self.scope
        while scope is not None:
            if name in scope.bindings:
                return True
            scope = scope.parent
        return False

    # ---- binding -------------------------------------------------------------------------

    def _bind(self, target: cst.BaseExpression, value: Optional[Value]) -> None:
        if isinstance(value, Tokenizer):
            self._tokenizers_bound = True
        if isinstance(target, cst.Name):
            if target.value in self._rebound_by_functions:
                self.module_scope.bindings[target.value] = value = None
            if target.value == self.scope.self_name:
                self.scope.self_name = None  # `self` rebound: its attributes are no longer known
            self.scope.bindings[target.value] = value
            if isinstance(value, Tokenizer) and value.created_by is None and self._statement is not None:
                value.created_by = self._statement
                value.bound_as = target.value
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._bind(element.value, None)
        elif isinstance(target, cst.StarredElement):
            self._bind(target.value, None)
        elif isinstance(target, cst.Attribute):
            self._bind_attribute(target, value)

    def _bind_attribute(self, target: cst.Attribute, value: Optional[Value]) -> None:
        receiver = self.value_of(target.value)
        if isinstance(receiver, Tokenizer):
            # Setting any attribute of a tokenizer may set its pad token (pad_token, pad_token_id,
            # special tokens ...); padding_side is the common one that cannot.
            if target.attr.value != "padding_side":
                receiver.pad_may_be_set = True
            return
        scope = self.scope
        if (
            scope.self_name is not None
            and scope.owner_class is not None
            and isinstance(target.value, cst.Name)
            and target.value.value == scope.self_name
        ):
            attributes = scope.owner_class.attributes
            name = target.attr.value
            if name in attributes:
                value = join(attributes[name], value)
            attributes[name] = value
            if isinstance(value, Tokenizer) and value.created_by is None and self._statement is not None:
                value.created_by = self._statement
                value.bound_as = f"{scope.self_name}.{name}"

    def _bind_many(self, names: Sequence[str], value: Optional[Value] = None) -> None:
        for name in names:
            self.scope.bindings[name] = value

    def _note_tokenizer_uses(self, node: cst.Call) -> None:
        """A tokenizer handed to code we cannot see, or a method we do not know, may get a pad
        token there."""
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value not in knowledge.TOKENIZER_READ_ONLY_METHODS:
            receiver = self.value_of(func.value)
            if isinstance(receiver, Tokenizer):
                receiver.pad_may_be_set = True
        if isinstance(func, cst.Name) and func.value in _TOKENIZER_SAFE_CONSUMERS:
            return
        for arg in node.args:
            value = self.value_of(arg.value)
            if isinstance(value, Tokenizer):
                value.pad_may_be_set = True

    # ---- the walk ------------------------------------------------------------------------
    # An explicit walk rather than libcst's visitor: statements in order with their bindings,
    # and only the parts of expressions that can hold a call (no whitespace, no punctuation).
    # It runs several times faster than a visitor over every node.

    def walk(self, module: cst.Module) -> None:
        for statement in module.body:
            self.top_statement = statement
            self._block((statement,))

    def on_call(self, node: cst.Call) -> None:
        """Called for every call, outer calls before the calls inside them."""
        if self._tokenizers_bound:
            self._note_tokenizer_uses(node)

    def _block(self, statements: Sequence[cst.CSTNode]) -> None:
        for statement in statements:
            handler = _STATEMENT_HANDLERS.get(type(statement))
            if handler is not None:
                handler(self, statement)

    def _body(self, node: cst.BaseSuite) -> None:
        if isinstance(node, cst.SimpleStatementSuite):
            # a one-line body (`if x: y = 1`) has no line of its own to insert a fix after
            self._statement = None
            self._small_statements(node.body)
        else:
            self._block(node.body)

    def _line(self, node: cst.SimpleStatementLine) -> None:
        self._statement = node
        self._small_statements(node.body)
        self._statement = None

    def _small_statements(self, statements: Sequence[cst.BaseSmallStatement]) -> None:
        for statement in statements:
            handler = _SMALL_STATEMENT_HANDLERS.get(type(statement))
            if handler is not None:
                handler(self, statement)
            else:
                self._expressions(statement)

    def _expressions(self, node: cst.CSTNode) -> None:
        """Walks the parts of `node` that can hold calls, bindings (walrus) or scopes."""
        kind = type(node)
        special = _EXPRESSION_HANDLERS.get(kind)
        if special is not None:
            special(self, node)
            return
        if kind is cst.Call:
            self.on_call(node)  # type: ignore[arg-type]
        for field_name in _child_fields(kind):
            child = getattr(node, field_name)
            child_kind = type(child)
            if child_kind is tuple or child_kind is list:
                for item in child:
                    if _is_node_type(type(item)):
                        self._expressions(item)
            elif _is_node_type(child_kind):
                self._expressions(child)

    def _name(self, node: cst.Name) -> None:
        # every read of an encoding or of ids counts, so a fix can tell it is the only one
        if self._tokenizers_bound:
            value = self._lookup(node.value, record=False)
            owner = value.source if isinstance(value, Ids) and isinstance(value.source, Encoding) else value
            if isinstance(owner, (Encoding, Ids)):
                owner.read_at.add(id(node))

    # small statements

    def _import(self, node: cst.Import) -> None:
        for alias in node.names:
            module = dotted_name(alias.name)
            if alias.asname is not None:
                bound = alias.asname.name
                if isinstance(bound, cst.Name):
                    self.scope.bindings[bound.value] = _package_module(module)
            elif module is not None:
                top = module.split(".")[0]
                self.scope.bindings[top] = _package_module(top)

    def _import_from(self, node: cst.ImportFrom) -> None:
        module = dotted_name(node.module) if node.module is not None else None
        from_transformers = (
            not node.relative
            and module is not None
            and (module == knowledge.TRANSFORMERS or module.startswith(knowledge.TRANSFORMERS + "."))
        )
        if isinstance(node.names, cst.ImportStar):
            return
        for alias in node.names:
            name = dotted_name(alias.name)
            bound = alias.asname.name if alias.asname is not None else alias.name
            if not isinstance(bound, cst.Name) or name is None:
                continue
            if from_transformers and knowledge.is_followed_name(name):
                self.scope.bindings[bound.value] = TransformersName(name)
            elif not node.relative and module is not None and module.split(".")[0] in knowledge.LIBRARIES:
                self.scope.bindings[bound.value] = LibraryName(f"{module}.{name}")
            elif self._is_configured_model(bound.value, f"{module}.{name}" if module else name):
                self.scope.bindings[bound.value] = ModelFactory()
            else:
                self.scope.bindings[bound.value] = None

    def _assign(self, node: cst.Assign) -> None:
        self._expressions(node.value)
        prepared = self._prepared(node.value)
        value = self.value_of(node.value) if prepared is None else None
        for target in node.targets:
            if not isinstance(target.target, cst.Name):
                self._expressions(target.target)  # `x[f()] = ...` holds a call; a name does not
            if prepared is not None and isinstance(target.target, cst.Tuple):
                if len(target.target.elements) == len(prepared):
                    for element, prepared_value in zip(target.target.elements, prepared):
                        self._bind(element.value, prepared_value)
                    continue
            elif prepared is not None and len(prepared) == 1:
                value = prepared[0]
            self._bind(target.target, value)

    def _prepared(self, node: cst.BaseExpression) -> Optional[List[Optional[Value]]]:
        """`accelerator.prepare(a, b, ...)` returns its arguments, wrapped but of the same kind."""
        if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)):
            return None
        if node.func.attr.value != "prepare" or any(arg.star or arg.keyword for arg in node.args):
            return None
        receiver = self.value_of(node.func.value)
        if not (isinstance(receiver, LibraryName) and receiver.path == knowledge.ACCELERATOR + "()"):
            return None
        return [self.value_of(arg.value) for arg in node.args]

    def _ann_assign(self, node: cst.AnnAssign) -> None:
        if node.value is None:
            return
        self._expressions(node.value)
        value = self.value_of(node.value) or self._annotated_value(node.annotation.annotation)
        self._bind(node.target, value)

    def _aug_assign(self, node: cst.AugAssign) -> None:
        self._expressions(node.value)
        self._bind(node.target, None)

    def _named_expression(self, node: cst.NamedExpr) -> None:
        self._expressions(node.value)
        self._bind(node.target, self.value_of(node.value))

    def _delete(self, node: cst.Del) -> None:
        self._bind(node.target, None)

    def _global(self, node: cst.Global) -> None:
        # a function that rebinds a global may run between any two statements: from here on,
        # every read of that name is a guess
        for item in node.names:
            self._rebound_by_functions.add(item.name.value)
            self.module_scope.bindings[item.name.value] = None
            self.scope.bindings.pop(item.name.value, None)

    def _nonlocal(self, node: cst.Nonlocal) -> None:
        scope = self.scope.parent
        while scope is not None:
            for item in node.names:
                if item.name.value in scope.bindings:
                    scope.bindings[item.name.value] = None
            scope = scope.parent

    # compound statements; a name keeps a proven value after a branch only if every path agrees

    def _if(self, node: cst.If) -> None:
        self._expressions(node.test)
        paths = self._open_paths()
        self._body(node.body)
        paths.end_path()
        if isinstance(node.orelse, cst.If):
            self._if(node.orelse)
        elif isinstance(node.orelse, cst.Else):
            self._body(node.orelse.body)
        self._branches.pop().merge()

    def _loop(self, node: Union[cst.For, cst.While]) -> None:
        if isinstance(node, cst.For):
            self._expressions(node.iter)
        else:
            self._expressions(node.test)
        paths = self._open_paths()
        if isinstance(node, cst.For):
            self._bind_elements(node.target, node.iter)
        self._body(node.body)
        if node.orelse is not None:
            self._body(node.orelse.body)
        self._branches.pop()
        paths.merge_with_before()

    def _bind_elements(self, target: cst.BaseExpression, items: cst.BaseExpression) -> None:
        """Binds a loop's target to what iterating `items` gives: a text of a batch of texts, a
        batch of a data loader; `enumerate(...)` pairs it with a count."""
        if (
            isinstance(items, cst.Call)
            and isinstance(items.func, cst.Name)
            and items.func.value == "enumerate"
            and not self._is_bound("enumerate")
            and items.args
            and isinstance(target, cst.Tuple)
            and len(target.elements) == 2
        ):
            self._bind(target.elements[0].value, None)
            self._bind_elements(target.elements[1].value, items.args[0].value)
            return
        collection = self.value_of(items)
        if isinstance(collection, Text) and collection.is_batch:
            self._bind(target, Text())
        elif isinstance(collection, DataLoader):
            self._bind(target, collection.batches)
        else:
            self._bind(target, None)

    def _try(self, node: Union[cst.Try, cst.TryStar]) -> None:
        paths = self._open_paths()
        self._body(node.body)
        paths.end_try_body()
        for handler in node.handlers:
            if handler.type is not None:
                self._expressions(handler.type)
            if handler.name is not None:
                self._bind(handler.name.name, None)
            self._body(handler.body)
            paths.end_path()
        if node.orelse is not None:
            paths.resume_body_path()
            self._body(node.orelse.body)
            paths.end_try_else()
        paths.merge()
        self._branches.pop()
        if node.finalbody is not None:
            self._body(node.finalbody.body)

    def _match(self, node: cst.Match) -> None:
        self._expressions(node.subject)
        paths = self._open_paths()
        for case in node.cases:
            self._bind_pattern_names(case.pattern)
            if case.guard is not None:
                self._expressions(case.guard)
            self._body(case.body)
            paths.end_path()
        self._branches.pop().merge()

    def _bind_pattern_names(self, pattern: cst.CSTNode) -> None:
        if isinstance(pattern, (cst.MatchAs, cst.MatchStar)) and pattern.name is not None:
            self._bind(pattern.name, None)
        for field_name in _child_fields(type(pattern)):
            child = getattr(pattern, field_name)
            for item in child if isinstance(child, (tuple, list)) else (child,):
                if _is_node_type(type(item)):
                    self._bind_pattern_names(item)

    def _with(self, node: cst.With) -> None:
        for item in node.items:
            self._expressions(item.item)
        for item in node.items:
            if item.asname is not None:
                self._bind(item.asname.name, None)
        self._body(node.body)

    def _open_paths(self) -> "_Paths":
        paths = _Paths(self.scope)
        self._branches.append(paths)
        return paths

    # functions, classes, lambdas, comprehensions: scopes of their own

    def _function(self, node: cst.FunctionDef) -> None:
        for decorator in node.decorators:
            self._expressions(decorator.decorator)
        self._expressions(node.params)  # defaults are evaluated in the enclosing scope
        enclosing = self.scope
        scope = Scope("function", enclosing)
        for param in self._parameters(node.params):
            annotation = param.annotation.annotation if param.annotation is not None else None
            scope.bindings[param.name.value] = self._annotated_value(annotation) if annotation else None
        if enclosing.kind == "class" and not self._is_static(node):
            params = list(node.params.posonly_params) + list(node.params.params)
            if params:
                scope.self_name = params[0].name.value
                scope.owner_class = enclosing
        self.scope = scope
        self._body(node.body)
        self._pop_scope()
        name = node.name.value
        returns = node.returns
        gives_model = returns is not None and isinstance(self._annotated_value(returns.annotation), Model)
        makes_models = gives_model or self._is_configured_model(name)
        self.scope.bindings[name] = ModelFactory() if makes_models else None

    def _class(self, node: cst.ClassDef) -> None:
        for decorator in node.decorators:
            self._expressions(decorator.decorator)
        for base in (*node.bases, *node.keywords):
            self._expressions(base.value)
        self.scope = Scope("class", self.scope)
        self._body(node.body)
        self._pop_scope()
        name = node.name.value
        if self._is_model_subclass(node):
            self.scope.bindings[name] = ModelFactory()
        elif self._forward_names_no_parameter(node):
            self.scope.bindings[name] = KwargsModuleClass()
        else:
            self.scope.bindings[name] = None

    @staticmethod
    def _forward_names_no_parameter(node: cst.ClassDef) -> bool:
        for statement in node.body.body:
            if isinstance(statement, cst.FunctionDef) and statement.name.value == "forward":
                params = statement.params
                named = [*params.posonly_params, *params.params, *params.kwonly_params][1:]  # after self
                has_star = isinstance(params.star_arg, cst.Param) or params.star_kwarg is not None
                return not named and has_star
        return False

    def _is_model_subclass(self, node: cst.ClassDef) -> bool:
        if self._is_configured_model(node.name.value):
            return True
        # a class that defines its own entry points may take any input there
        defines = {s.name.value for s in node.body.body if isinstance(s, cst.FunctionDef)}
        if defines & knowledge.MODEL_INPUT_METHODS:
            return False
        for base in node.bases:
            value = self.value_of(base.value)
            if isinstance(value, ModelFactory) or (
                isinstance(value, TransformersName)
                and (value.is_model_class or value.name in knowledge.MODEL_BASE_CLASSES)
            ):
                return True
        return False

    def _is_configured_model(self, name: str, dotted: Optional[str] = None) -> bool:
        return name in self._model_names or (dotted is not None and dotted in self._model_names)

    def _lambda(self, node: cst.Lambda) -> None:
        self._expressions(node.params)
        scope = Scope("function", self.scope)
        for param in self._parameters(node.params):
            scope.bindings[param.name.value] = None
        self.scope = scope
        self._expressions(node.body)
        self._pop_scope()

    def _comprehension(self, node: Union[cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp]) -> None:
        self.scope = Scope("comprehension", self.scope)
        for_in: Optional[cst.CompFor] = node.for_in
        while for_in is not None:
            self._bind(for_in.target, None)
            for_in = for_in.inner_for_in
        for field_name in _child_fields(type(node)):
            child = getattr(node, field_name)
            if _is_node_type(type(child)):
                self._expressions(child)
        self._pop_scope()

    def _pop_scope(self) -> None:
        assert self.scope.parent is not None
        self.scope = self.scope.parent

    @staticmethod
    def _parameters(params: cst.Parameters) -> List[cst.Param]:
        found = list(params.posonly_params) + list(params.params) + list(params.kwonly_params)
        for star in (params.star_arg, params.star_kwarg):
            if isinstance(star, cst.Param):
                found.append(star)
        return found

    @staticmethod
    def _is_static(node: cst.FunctionDef) -> bool:
        return any(
            isinstance(d.decorator, cst.Name) and d.decorator.value in ("staticmethod", "classmethod")
            for d in node.decorators
        )

    def _annotated_value(self, annotation: cst.BaseExpression) -> Optional[Value]:
        if isinstance(annotation, cst.Name) and annotation.value == "str" and not self._is_bound("str"):
            return Text()
        cls = self.value_of(annotation)
        if isinstance(cls, TransformersName):
            if cls.is_model_class or cls.name in knowledge.MODEL_BASE_CLASSES:
                return Model(cls.name)
            if cls.is_tokenizer_class:
                return Tokenizer(gpt2=cls.name in knowledge.GPT2_TOKENIZER_CLASSES, pad_may_be_set=True)
        return None


def _package_module(name: Optional[str]) -> Optional[Value]:
    if name == knowledge.TRANSFORMERS:
        return TransformersModule()
    if name is not None and name.split(".")[0] in knowledge.LIBRARIES:
        return LibraryName(name)
    return None


_VALUE_OF = {
    cst.Name: lambda self, node: self._lookup(node.value),
    cst.Attribute: lambda self, node: self._attribute_value(node),
    cst.Call: lambda self, node: self._call_value(node),
    cst.SimpleString: lambda self, node: Text(literal=literal_string(node)),
    cst.ConcatenatedString: lambda self, node: Text(literal=literal_string(node)),
    cst.FormattedString: lambda self, node: Text(),
    cst.List: lambda self, node: self._sequence_value(node),
    cst.Tuple: lambda self, node: self._sequence_value(node),
    cst.BinaryOperation: lambda self, node: self._binary_value(node),
    cst.NamedExpr: lambda self, node: self.value_of(node.value),
    cst.Subscript: lambda self, node: self._subscript_value(node),
    cst.Dict: lambda self, node: self._dict_value(node),
}
_STATEMENT_HANDLERS = {
    cst.SimpleStatementLine: Analysis._line,
    cst.If: Analysis._if,
    cst.For: Analysis._loop,
    cst.While: Analysis._loop,
    cst.Try: Analysis._try,
    cst.TryStar: Analysis._try,
    cst.With: Analysis._with,
    cst.Match: Analysis._match,
    cst.FunctionDef: Analysis._function,
    cst.ClassDef: Analysis._class,
}
_SMALL_STATEMENT_HANDLERS = {
    cst.Assign: Analysis._assign,
    cst.AnnAssign: Analysis._ann_assign,
    cst.AugAssign: Analysis._aug_assign,
    cst.Import: Analysis._import,
    cst.ImportFrom: Analysis._import_from,
    cst.Del: Analysis._delete,
    cst.Global: Analysis._global,
    cst.Nonlocal: Analysis._nonlocal,
}
_EXPRESSION_HANDLERS = {
    cst.NamedExpr: Analysis._named_expression,
    cst.Lambda: Analysis._lambda,
    cst.ListComp: Analysis._comprehension,
    cst.SetComp: Analysis._comprehension,
    cst.DictComp: Analysis._comprehension,
    cst.GeneratorExp: Analysis._comprehension,
    # leaves: nothing inside can call
    cst.Name: Analysis._name,
    cst.SimpleString: lambda self, node: None,
    cst.Integer: lambda self, node: None,
    cst.Float: lambda self, node: None,
}
# fields that hold only whitespace, punctuation, operators or strings
_NOT_CHILDREN = frozenset(
    {
        "lpar", "rpar", "lbracket", "rbracket", "lbrace", "rbrace", "comma", "semicolon", "equal", "colon",
        "dot", "operator", "leading_lines", "lines_after_decorators", "header", "footer", "newline",
        "trailing_whitespace", "indent", "asynchronous", "star", "keyword", "prefix", "quote", "start", "end",
    }
)
_FIELDS_BY_TYPE: Dict[type, Tuple[str, ...]] = {}
_NODE_TYPES: Dict[type, bool] = {}


def _is_node_type(kind: type) -> bool:
    # isinstance and issubclass against libcst's abstract CSTNode go through ABCMeta, which
    # searches all of its hundreds of subclasses for a type that is not one; the MRO does not
    known = _NODE_TYPES.get(kind)
    if known is None:
        known = _NODE_TYPES[kind] = cst.CSTNode in kind.__mro__
    return known


def _child_fields(kind: type) -> Tuple[str, ...]:
    fields = _FIELDS_BY_TYPE.get(kind)
    if fields is None:
        fields = _FIELDS_BY_TYPE[kind] = tuple(
            f.name
            for f in dataclasses.fields(kind)
            if f.name not in _NOT_CHILDREN and not f.name.startswith("whitespace")
        )
    return fields


class _Paths:
    """The states of one scope's bindings along the paths through a compound statement."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.before = dict(scope.bindings)
        self.start = self.before  # where the next path starts
        self.ends: List[Bindings] = []
        self.body_end: Optional[Bindings] = None  # `try`: the path through the whole body

    def _reset(self, state: Bindings) -> None:
        self.scope.bindings.clear()
        self.scope.bindings.update(state)

    def end_path(self) -> None:
        self.ends.append(dict(self.scope.bindings))
        self._reset(self.start)

    def end_try_body(self) -> None:
        # a handler may start anywhere in the body: before it, or after any of it
        self.body_end = dict(self.scope.bindings)
        self.start = {
            name: join(self.before[name], value) if name in self.before else value
            for name, value in self.body_end.items()
        }
        self._reset(self.start)

    def resume_body_path(self) -> None:
        assert self.body_end is not None
        self._reset(self.body_end)

    def end_try_else(self) -> None:
        self.body_end = dict(self.scope.bindings)
        self._reset(self.start)

    def merge(self) -> None:
        # in a `try`, the path that raised nothing is the body's (and its `else`'s)
        self.ends.append(self.body_end if self.body_end is not None else dict(self.scope.bindings))
        merged: Bindings = {}
        for name in set().union(*self.ends):
            # a path on which the name is unbound cannot reach a use of it
            values = [end[name] for end in self.ends if name in end]
            value = values[0]
            for other in values[1:]:
                value = join(value, other)
            merged[name] = value
        self._reset(merged)

    def merge_with_before(self) -> None:
        # a loop body may run zero times: the value before the loop is one of the paths
        for name, value in list(self.scope.bindings.items()):
            if name in self.before and self.before[name] is not value:
                self.scope.bindings[name] = join(self.before[name], value)
