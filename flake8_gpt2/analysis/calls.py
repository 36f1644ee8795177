"""The calls rules look at, classified once: a model run, a tokenizer encoding, a Trainer or a data
collator being made. Each view carries what the rules ask of it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, FrozenSet, List, Optional, Tuple, Type

import libcst as cst

from .. import knowledge, parameter_names
from ..facts import migrations
from ..facts.calls import THREAD, THREAD_KEYWORDS, callback_slot, function_result
from . import syntax
from .cache_reads import CacheRead, legacy_cache_call
from .evaluation import CallParts, Evaluator
from .values import (
    Encoding,
    Mapping,
    LibraryName,
    Logits,
    LossFunction,
    computes_a_loss,
    Model,
    NoneLiteral,
    Tokenizer,
    TransformersMethod,
    TransformersName,
    TransformersObject,
    Value,
)


@dataclass(frozen=True)
class ModelCall:
    """A call that runs a model: `model(...)`, `model.forward(...)` or `model.generate(...)`.
    `input` is the argument in the `input_ids` slot (the first positional one, or `input_ids=`),
    `input_value` what it holds."""

    node: cst.Call
    method: str  # "forward" or "generate"
    model: Model
    input: Optional[cst.Arg]
    input_value: Optional[Value]
    # keywords whose value may be None (a parameter that defaults to None): not given for sure
    maybe_none: FrozenSet[str] = frozenset()
    # keywords passed through `**` of a dict written in the file (`**generation_kwargs`), by name
    spread: Tuple[Tuple[str, cst.BaseExpression], ...] = ()
    # whether a `**` may pass keywords the analysis cannot name (not an encoding, nor such a dict)
    spreads_unknown: bool = False

    def input_holding(self, kind: Type[Value]) -> Optional[cst.Arg]:
        """The input argument, when it holds a value of `kind`."""
        return self.input if isinstance(self.input_value, kind) else None

    @property
    def positional(self) -> List[cst.Arg]:
        return syntax.positional(self.node)

    def keyword(self, name: str) -> Optional[cst.Arg]:
        return syntax.keyword(self.node, name)

    def setting(self, name: str) -> Optional[cst.BaseExpression]:
        """The value given for `name`, as a keyword of the call (as `passes` says) or through `**` of
        a dict of the file; None where it is not given, or given as None."""
        if self.keyword(name) is not None:
            arg = self.passes(name)
            return arg.value if arg is not None else None
        value = next((value for key, value in self.spread if key == name), None)
        return None if value is None or syntax.is_name(value, "None") else value

    def passes(self, name: str) -> Optional[cst.Arg]:
        """The keyword argument `name=`, unless its value is the literal None."""
        arg = self.keyword(name)
        return None if arg is not None and (syntax.is_name(arg.value, "None") or name in self.maybe_none) else arg

    @property
    def unpacks(self) -> bool:
        return syntax.unpacks(self.node)

    @property
    def callee_code(self) -> str:
        return syntax.code_of(self.node.func)


@dataclass(frozen=True)
class TokenizerCall:
    """A call that encodes (or pads) with a tokenizer."""

    node: cst.Call
    tokenizer: Tokenizer
    method: str

    def keyword(self, name: str) -> Optional[cst.Arg]:
        return syntax.keyword(self.node, name)


@dataclass(frozen=True)
class DecodeCall:
    """`tok.decode(ids)` or `tok.batch_decode(ids)`: `ids` is the first argument, `ids_value` what
    it holds."""

    node: cst.Call
    tokenizer: Tokenizer
    ids: cst.BaseExpression
    ids_value: Optional[Value]

    def keyword(self, name: str) -> Optional[cst.Arg]:
        return syntax.keyword(self.node, name)


@dataclass(frozen=True)
class LossCall:
    """A hand-written loss: `F.cross_entropy(logits, target)` or `nn.CrossEntropyLoss(...)(logits,
    target)`; `settings` are the calls whose keywords tell what it skips."""

    node: cst.Call
    target: Optional[cst.Arg]
    settings: Tuple[cst.Call, ...]


@dataclass(frozen=True)
class _ConstructorCall:
    node: cst.Call
    class_name: str

    def argument(self, name: str, position: Optional[int] = None) -> Optional[cst.Arg]:
        return syntax.argument(self.node, name, position)


class TrainerCall(_ConstructorCall):
    """`Trainer(...)` or a subclass of transformers that feeds dataset columns to the model."""


class CollatorCall(_ConstructorCall):
    """A data collator of transformers that pads with the tokenizer it is given."""


@dataclass(frozen=True)
class LastLogitsRead:
    """`logits[:, -1]` (or `[:, -1, :]`) of a model run on a padded batch, read by a call (as its
    receiver or an argument): the last position of every row."""

    node: cst.Subscript
    logits: Logits


@dataclass(frozen=True)
class ConversionCall:
    """`len(x)` or a tensor maker (`torch.tensor(x)`, `torch.tensor([x])`) given an encoding:
    `argument` is the expression that holds it (inside the list, for the second form)."""

    node: cst.Call
    function: str  # "len", or the tensor maker's dotted path
    argument: cst.BaseExpression
    encoding: Encoding


_PIPELINE_CLASSES = frozenset(knowledge.PIPELINE_TASKS.values())


@dataclass(frozen=True)
class PipelineCall:
    """A call of a pipeline of a task the analysis knows (`pipe(text, max_new_tokens=20)`); a
    text-generation pipeline hands the keywords it does not take itself to the model's `generate`."""

    node: cst.Call
    pipeline: TransformersObject

    @property
    def class_name(self) -> str:
        return self.pipeline.class_name

    def keyword(self, name: str) -> Optional[cst.Arg]:
        return syntax.keyword(self.node, name)


@dataclass(frozen=True)
class TransformersCall:
    """A call of a transformers class or function by its name (`TrainingArguments(...)`,
    `pipeline(...)`), of a class method of one (`from_pretrained`, written out or held as a value),
    or of a method the migration facts name on a tokenizer: `names` is the class or function (none
    for a tokenizer's method; each class a method held as a value may be bound to), `method` the
    method."""

    node: cst.Call
    names: Tuple[str, ...]
    method: Optional[str] = None
    tokenizer: Optional[Tokenizer] = None

    @property
    def name(self) -> Optional[str]:
        """The class or function, where it is one."""
        return self.names[0] if len(self.names) == 1 else None


@dataclass(frozen=True)
class Assignment:
    """An assignment statement, `target = ... = value`, seen after the calls in it ran and before
    its targets are bound."""

    node: cst.Assign

    @property
    def targets(self) -> List[cst.BaseAssignTargetExpression]:
        return [target.target for target in self.node.targets]

    @property
    def value(self) -> cst.BaseExpression:
        return self.node.value


# The one list of the views rules are given, each with the name of the `Rule` method that checks it:
# the engine gives a view to the rules whose class defines that method, and to no other.
CHECKS: Dict[type, str] = {
    ModelCall: "check_model_call",
    TokenizerCall: "check_tokenizer_call",
    DecodeCall: "check_decode_call",
    LossCall: "check_loss_call",
    TrainerCall: "check_trainer_call",
    CollatorCall: "check_collator_call",
    ConversionCall: "check_conversion_call",
    PipelineCall: "check_pipeline_call",
    Assignment: "check_assignment",  # given by the walk, not by `classify`
    LastLogitsRead: "check_last_logits_read",
    TransformersCall: "check_transformers_call",
    CacheRead: "check_cache_read",  # also given by the walk, for subscripts and loops
}


def classify(parts: CallParts, evaluator: Evaluator) -> List[object]:
    """What the call is, for the rules (views of `CHECKS`): a model run, a tokenizer call, a Trainer
    or a collator being made (a call can be a model run and a tokenizer call at once, as far as types
    go)."""
    node = parts.node
    found: List[object] = []
    callee = parts.callee
    if isinstance(callee, TransformersName):
        if callee.name in knowledge.TRAINERS:
            found.append(TrainerCall(node, callee.name))
        elif callee.name in knowledge.PADDING_COLLATORS:
            found.append(CollatorCall(node, callee.name))
    if isinstance(callee, TransformersObject) and callee.class_name in _PIPELINE_CLASSES:
        found.append(PipelineCall(node, callee))
    model_call = _model_call(parts, evaluator)
    if model_call is not None:
        found.append(model_call)
    tokenizer_call = _tokenizer_call(parts)
    if tokenizer_call is not None:
        found.append(tokenizer_call)
    elif parts.method in knowledge.DECODE_METHODS:
        found.extend(_decode_call(parts, evaluator))
    if computes_a_loss(callee):
        settings = (callee.made_by, node) if isinstance(callee, LossFunction) else (node,)
        found.append(LossCall(node, syntax.argument(node, "target", 1), settings))
    conversion = _conversion_call(node, callee, evaluator)
    if conversion is not None:
        found.append(conversion)
    found.extend(_last_logits_reads(node, evaluator))
    transformers_call = _transformers_call(parts)
    if transformers_call is not None:
        found.append(transformers_call)
    legacy_cache = legacy_cache_call(parts)
    if legacy_cache is not None:
        found.append(legacy_cache)
    return found


def _transformers_call(parts: CallParts) -> Optional[TransformersCall]:
    callee = parts.callee
    if isinstance(callee, TransformersName):
        return TransformersCall(parts.node, (callee.name,))
    if isinstance(callee, TransformersMethod):
        return TransformersCall(parts.node, callee.names, callee.method)
    if parts.method not in migrations.METHOD_NAMES:
        return None  # the receivers of other methods are not evaluated for it
    receiver = parts.receiver
    if isinstance(receiver, Tokenizer):
        return TransformersCall(parts.node, (), parts.method, receiver)
    return None


def _last_logits_reads(node: cst.Call, evaluator: Evaluator) -> List[LastLogitsRead]:
    read = [node.func.value] if isinstance(node.func, cst.Attribute) else []
    read += [arg.value for arg in node.args]
    found = []
    for expression in read:
        if isinstance(expression, cst.Subscript) and syntax.is_last_position(expression):
            logits = evaluator.value_of(expression.value)
            if isinstance(logits, Logits):
                found.append(LastLogitsRead(expression, logits))
    return found


def _conversion_call(node: cst.Call, callee: Optional[Value], evaluator: Evaluator) -> Optional[ConversionCall]:
    first = syntax.first_positional(node)
    if first is None:
        return None
    if callee is None and len(node.args) == 1 and syntax.is_name(node.func, "len") and evaluator.is_builtin("len"):
        function = "len"
    elif isinstance(callee, LibraryName) and callee.path in knowledge.TENSOR_MAKERS:
        function = callee.path
        if isinstance(first, (cst.List, cst.Tuple)) and len(first.elements) == 1:
            element = first.elements[0]
            first = element.value if isinstance(element, cst.Element) else first
    else:
        return None
    value = evaluator.value_of(first)
    return ConversionCall(node, function, first, value) if isinstance(value, Encoding) else None


def _model_call(parts: CallParts, evaluator: Evaluator) -> Optional[ModelCall]:
    node = parts.node
    method = knowledge.FORWARD
    model = parts.callee
    if parts.method in knowledge.MODEL_INPUT_METHODS:
        receiver = parts.receiver
        if isinstance(receiver, Model):
            method = knowledge.GENERATE if parts.method == knowledge.GENERATE else knowledge.FORWARD
            model = receiver
    if not isinstance(model, Model):
        return _run_by_thread(parts, evaluator)
    return _model_run(node, method, model, evaluator)


def _run_by_thread(parts: CallParts, evaluator: Evaluator) -> Optional[ModelCall]:
    """`Thread(target=model.generate, kwargs=dict(key=...))`: the model runs with the keywords of
    the `dict(...)` call, which stands for the run (a finding is reported, and a fix edits, there),
    also where a name holds it (`kwargs=generation_kwargs`) while no key was written into it since."""
    callee = parts.callee
    if not (isinstance(callee, LibraryName) and function_result(callee.path) == THREAD):
        return None
    target = syntax.argument(parts.node, *callback_slot(THREAD))
    kwargs = syntax.argument(parts.node, *THREAD_KEYWORDS)
    if target is None or kwargs is None or not isinstance(target.value, cst.Attribute):
        return None
    method, model = target.value.attr.value, evaluator.value_of(target.value.value)
    mapping = evaluator.value_of(kwargs.value)
    if method not in knowledge.MODEL_INPUT_METHODS or not isinstance(model, Model) or not isinstance(mapping, Mapping):
        return None
    if mapping.written is None:
        return None
    run = knowledge.GENERATE if method == knowledge.GENERATE else knowledge.FORWARD
    return _model_run(mapping.written, run, model, evaluator)


def _model_run(node: cst.Call, method: str, model: Model, evaluator: Evaluator) -> ModelCall:
    arg = _input_arg(node)
    value = evaluator.value_of(arg.value) if arg is not None else None
    if arg is not None and _may_be_none(arg.value, evaluator):
        arg = value = None  # a pass-through of an input that may be None does not give it
    maybe_none = frozenset(
        arg.keyword.value for arg in node.args if arg.keyword is not None and _may_be_none(arg.value, evaluator)
    )
    spread: List[Tuple[str, cst.BaseExpression]] = []
    spreads_unknown = False
    for star in node.args:
        if star.star != "**":
            spreads_unknown = spreads_unknown or star.star == "*"
            continue
        mapping = evaluator.value_of(star.value)
        if isinstance(mapping, Mapping) and mapping.elements is not None:
            spread.extend(mapping.elements.items())
        elif not isinstance(mapping, Encoding):
            spreads_unknown = True
    return ModelCall(node, method, model, arg, value, maybe_none, tuple(spread), spreads_unknown)


def _may_be_none(node: cst.BaseExpression, evaluator: Evaluator) -> bool:
    """`None`, a name that may hold it, or `x if c else None`."""
    if isinstance(node, cst.IfExp):
        return _may_be_none(node.body, evaluator) or _may_be_none(node.orelse, evaluator)
    return isinstance(evaluator.value_of(node), NoneLiteral)


def _input_arg(node: cst.Call) -> Optional[cst.Arg]:
    positional = syntax.positional(node)
    if positional and node.args[0] is positional[0]:
        return positional[0]
    arg = syntax.keyword(node, parameter_names.INPUT_IDS)
    return None if arg is None or syntax.is_name(arg.value, "None") else arg


def _decode_call(parts: CallParts, evaluator: Evaluator) -> List[DecodeCall]:
    receiver, ids = parts.receiver, syntax.first_positional(parts.node)
    if not isinstance(receiver, Tokenizer) or ids is None:
        return []
    return [DecodeCall(parts.node, receiver, ids, evaluator.value_of(ids))]


def _tokenizer_call(parts: CallParts) -> Optional[TokenizerCall]:
    if isinstance(parts.callee, Tokenizer):
        return TokenizerCall(parts.node, parts.callee, knowledge.CALL)
    method = parts.method
    if method is not None and (method in knowledge.TOKENIZER_ENCODE_METHODS or method == "pad"):
        receiver = parts.receiver
        if isinstance(receiver, Tokenizer):
            return TokenizerCall(parts.node, receiver, method)
    return None
