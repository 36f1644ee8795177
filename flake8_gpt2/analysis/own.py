"""What the linted file's own functions, methods, lambdas and classes are given and give back.

Each gets an info the walk fills: every call of it with what the call passes, whether it escapes
(is used other than by a call, so code we cannot see may call it), what its body returns. A
parameter holds, for a second walk of the body, what every call passes when they all agree
(`FunctionInfo.parameter_values`); a finding of that walk holds only if they still agree once the
whole module is seen (`own_reads.ParameterRead`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, FrozenSet, List, Optional, Sequence, Set, Tuple, Union

import libcst as cst

from .. import knowledge
from .own_reads import states
from .parameter_uses import parameters_it_may_change
from .scopes import Scope, Scopes
from .syntax import is_name
from .type_tests import answers_all
from .values import (
    Encoding,
    Mapping,
    MaybeNone,
    NoneLiteral,
    Model,
    OwnClass,
    OwnFunction,
    OwnInstance,
    Partial,
    BatchingPipeline,
    Tokenizer,
    Value,
    join,
)

Definition = Union[cst.FunctionDef, cst.Lambda]
Arguments = Optional[Dict[str, Optional[Value]]]  # None: a call whose arguments cannot be matched


@dataclass(frozen=True)
class CallRecord:
    arguments: Arguments
    reads: tuple  # what the argument values relied on


@dataclass(eq=False)
class ClassInfo:
    node: cst.ClassDef
    scope: Scope  # the class body's scope; its `attributes` are those set through `self`
    methods: Dict[str, "FunctionInfo"] = field(default_factory=dict)
    escaped: bool = False  # a base of another class, decorated, handed to other code ...
    # an instance handed to other code, which may call its methods (not `__init__`: it only runs
    # where the class itself is called, and every such call of the file is seen)
    instances_escaped: bool = False
    # an instance handed to code that may also change what it keeps (not only call its methods)
    attributes_handed_over: bool = False
    # the kind of library class it subclasses whose methods the library calls (facts/calls.py
    # OVERRIDES), when it keeps that class's `__init__`
    library_api: Optional[str] = None
    # a dataclass that keeps its generated `__init__`: its fields, in order
    fields: Optional[Tuple[str, ...]] = None
    # its one base, a class of the file whose instances it extends (`declarations.own_base`), and
    # the classes of the file that extend it so
    base: Optional["ClassInfo"] = None
    subclasses: List["ClassInfo"] = field(default_factory=list)
    # by name, the one tuple of reads that tells a name read through an instance still holds
    # (`own_attributes.not_redefined`; one tuple, as `Scopes.note_reads` notes each tuple once)
    name_reads: Dict[str, tuple] = field(default_factory=dict)

    def hand_over(self, only_called: bool) -> None:
        """An instance is handed to other code: it may call the methods, and unless it only calls
        them, change what the instance keeps."""
        self.instances_escaped = True
        if not only_called and not self.attributes_handed_over:
            self.attributes_handed_over = True
            for value in self.scope.attributes.values():
                forget_kept(value)
        if self.base is not None:  # the instance is one of its base too
            self.base.hand_over(only_called)

    def lineage(self) -> List["ClassInfo"]:
        """The class, then its bases of the file, in the order Python looks a name up."""
        return [self, *(self.base.lineage() if self.base is not None else ())]

    def descendants(self) -> List["ClassInfo"]:
        return [cls for sub in self.subclasses for cls in (sub, *sub.descendants())]

    def method(self, name: str) -> Optional["FunctionInfo"]:
        """The method an instance of the class runs for `name`: its own, else its bases'."""
        return next((cls.methods[name] for cls in self.lineage() if name in cls.methods), None)

    def may_be_called_elsewhere(self) -> bool:
        """Whether code we cannot see may call the class or its methods, or a subclass's that runs
        them."""
        return self.escaped or any(sub.may_be_called_elsewhere() for sub in self.subclasses)

    def redefined_below(self, name: str) -> bool:
        """Whether a subclass defines or sets `name`: a method of the class reading it through
        `self` may be given one of its instances."""
        return any(name in sub.methods or name in sub.scope.attributes for sub in self.descendants())

    def called(self) -> Optional["FunctionInfo"]:
        """What calling an instance runs: `__call__`, or `forward` through `torch.nn.Module`."""
        return self.method(knowledge.CALL) or self.method(knowledge.FORWARD)


@dataclass(eq=False)
class FunctionInfo:
    node: Definition
    enclosing: Scope
    top: Optional[cst.BaseStatement]  # the module-level statement that holds it, for findings
    owner: Optional[ClassInfo] = None
    calls: Dict[int, CallRecord] = field(default_factory=dict)  # by call node
    escaped: bool = False
    fixed: Set[str] = field(default_factory=set)  # parameters no call can tell more of
    # the types `isinstance` tests each parameter against: kept only where a value answers them all
    type_tests: Dict[str, Set[FrozenSet[str]]] = field(default_factory=dict)
    none_tested: Set[str] = field(default_factory=set)  # parameters an `is None` test of the body reads
    defaults: Dict[str, Optional[Value]] = field(default_factory=dict)
    # what the body returns, from its walk where it is defined (parameters unknown)
    returns: Optional[Value] = None
    returned_elements: Optional[List[Optional[Value]]] = None  # when every return is a tuple
    return_reads: tuple = ()
    walked_with: tuple = ()  # what its last walk assumed (parameters, attributes of its class)
    # what the body returned walked again once the module is seen: with what the calls agree on
    # (the last such walk), and with what one call passes, by call node
    agreed_returns: Optional[Value] = None
    call_returns: Dict[int, Optional[Value]] = field(default_factory=dict)
    method_kind: Optional[str] = None  # "classmethod" or "staticmethod" (by that builtin alone)
    _may_change: Optional[FrozenSet[str]] = None

    def instance_owner(self) -> Optional[ClassInfo]:
        """The class whose instance the method is given (a classmethod or staticmethod reads none)."""
        return self.owner if self.method_kind is None else None

    def parameters_it_may_change(self) -> FrozenSet[str]:
        if self._may_change is None:
            self._may_change = parameters_it_may_change(self.node, is_method=self.owner is not None)
        return self._may_change

    def parameter_values(self) -> Dict[str, Value]:
        """Each parameter's value on every call of the file, where all calls agree on a known one."""
        owner = self.owner
        elsewhere = owner is not None and (owner.may_be_called_elsewhere() or self._called_by_instances())
        if self.escaped or not self.calls or elsewhere:
            return {}
        joined: Dict[str, Optional[Value]] = {}
        for record in self.calls.values():
            if record.arguments is None:
                return {}
            for name, value in record.arguments.items():
                joined[name] = join(joined[name], value) if name in joined else value
        return self.known(joined)

    def returns_for(self, call: int) -> Optional[Value]:
        """What the body returns given what one of its calls passes, from its walks once the module
        is seen: the walk with that call's values, or with what all calls agree on where they
        are that call's."""
        if call in self.call_returns:
            return self.call_returns[call]
        record = self.calls.get(call)
        if record is None or record.arguments is None or not self.walked_with:
            return None
        return self.agreed_returns if states(self.known(record.arguments)) == self.walked_with[0] else None

    def known(self, arguments: Dict[str, Optional[Value]]) -> Dict[str, Value]:
        """What a walk of the body may bind of `arguments`: the known values of parameters it does
        not bind again, but for a None default the body already sees."""
        return {
            name: value
            for name, value in arguments.items()
            if value is not None
            and name not in self.fixed
            and not self._as_defined(name, value)
            and answers_all(value, self.type_tests.get(name, ()))
        }

    def _called_by_instances(self) -> bool:
        """A method other code may call, through an instance it was handed."""
        assert self.owner is not None
        return self.owner.instances_escaped and not (
            isinstance(self.node, cst.FunctionDef) and self.node.name.value == "__init__"
        )

    def _as_defined(self, name: str, value: Value) -> bool:
        """None, or what may be None, given for a parameter whose default None the body already
        sees, and that no `is None` test of the body tells apart."""
        default = self.defaults.get(name)
        return isinstance(value, NoneLiteral) and type(default) is MaybeNone and name not in self.none_tested

    def arguments(self, args: Sequence[cst.Arg], bound: bool, evaluate, rest_given_later: bool = False) -> Arguments:
        """What a call's `args` pass for each parameter (a left-out one holds its default, or, when
        the rest is given later as to a `functools.partial`, is unknown), and `**kwargs` the dict of
        the other keywords; None when it unpacks `*` or a dict of unknown keys, or does not fit the
        parameters (then it raises, or we cannot tell)."""
        params = self.node.params
        positional = [*params.posonly_params, *params.params]
        if bound:
            if not positional:
                return None
            positional = positional[1:]
        by_keyword = {p.name.value for p in [*params.params, *params.kwonly_params]}
        values: Dict[str, Optional[Value]] = {}
        others: Set[str] = set()  # the keywords `**kwargs` gets
        index = 0
        for arg in args:
            keywords = _unpacked_keywords(arg, evaluate) if arg.star == "**" else None
            if arg.star and keywords is None:
                return None
            if arg.keyword is None and keywords is None:
                if index < len(positional):
                    values[positional[index].name.value] = evaluate(arg.value)
                    index += 1
                elif not isinstance(params.star_arg, cst.Param):
                    return None
                continue
            given = {arg.keyword.value: evaluate(arg.value)} if keywords is None else dict.fromkeys(keywords)
            values.update((name, value) for name, value in given.items() if name in by_keyword)
            others.update(name for name in given if name not in by_keyword)
            if others and params.star_kwarg is None:
                return None
        for param in [*positional, *params.kwonly_params]:
            name = param.name.value
            if name in values:
                continue
            if rest_given_later:
                values[name] = None
            elif param.default is None:
                return None
            else:
                default = self.defaults.get(name)
                values[name] = NoneLiteral() if type(default) is MaybeNone else default  # left out: None itself
        if params.star_kwarg is not None:
            values[params.star_kwarg.name.value] = None if rest_given_later else Mapping(frozenset(others))
        return values


def _unpacked_keywords(arg: cst.Arg, evaluate) -> Optional[FrozenSet[str]]:
    """The keywords `**mapping` passes, where the dict's keys are all known."""
    mapping = evaluate(arg.value)
    return mapping.keys if type(mapping) is Mapping else None


def attribute_states(owner: Optional[ClassInfo]) -> tuple:
    """What the attributes of a method's class hold: a method is walked again when one becomes known,
    or tells more (a model or a tokenizer whose checkpoint `__init__`, walked again with what its
    calls pass, now knows)."""
    if owner is None:
        return ()
    held = (
        (name, value) for cls in owner.lineage() for name, value in cls.scope.attributes.items() if value is not None
    )
    return tuple(sorted((name, type(value).__name__, repr(value.state())) for name, value in held))


def handed_to_unknown_code(value: Optional[Value]) -> None:
    """Code we cannot see may set the pad token of a tokenizer (a pipeline's too) or resize a model's
    embeddings."""
    if isinstance(value, BatchingPipeline):
        value = value.tokenizer
    if isinstance(value, Tokenizer):
        value.pad_may_be_set = True
    elif isinstance(value, Model):
        value.may_be_resized = True


def forget_kept(value: Optional[Value]) -> None:
    """What an instance handed to other code keeps may be changed there."""
    handed_to_unknown_code(value)
    if isinstance(value, Tokenizer):
        value.settings.forget()


def default_value(param: cst.Param, evaluate) -> Optional[Value]:
    if param.default is None:
        return None
    return MaybeNone() if is_name(param.default, "None") else evaluate(param.default)


# ---- what the own code gives to the evaluation ---------------------------------------------------


def call_target(callee: Optional[Value]) -> Tuple[Optional[FunctionInfo], bool]:
    """The function a call of `callee` runs, and whether it is bound (its `self` not passed)."""
    if isinstance(callee, Partial):
        callee = callee.function
    if isinstance(callee, OwnFunction):
        return callee.info, callee.bound  # type: ignore[return-value]
    if isinstance(callee, OwnClass):
        return callee.info.method("__init__"), True  # type: ignore[attr-defined]
    if isinstance(callee, OwnInstance):
        return callee.info.called(), True  # type: ignore[attr-defined]
    return None, False


def call_result(callee: Value, scopes: Scopes) -> Optional[Value]:
    """What calling one of the file's own functions, classes or instances gives."""
    if isinstance(callee, OwnClass):
        return OwnInstance(callee.info)
    info, _ = call_target(callee)
    if info is None or info.returns is None or not _reads_hold(info):
        return None
    scopes.note_reads(info.return_reads)
    return info.returns


def returned_elements(callee: Optional[Value], scopes: Scopes) -> Optional[List[Optional[Value]]]:
    """`a, b = f()` where every return of `f` is a tuple literal of that length."""
    info, _ = call_target(callee)
    if info is None or isinstance(callee, OwnClass) or info.returned_elements is None or not _reads_hold(info):
        return None
    scopes.note_reads(info.return_reads)
    return info.returned_elements


def partial_of(path: str, call: cst.Call, evaluate) -> Optional[Value]:
    """`functools.partial(f, ...)` of a function of the file; its arguments are noted as a call of
    `f` (`OwnCalls.note_partial`)."""
    first = call.args[0].value if call.args and not call.args[0].keyword and not call.args[0].star else None
    function = evaluate(first) if first is not None else None
    return Partial(function) if isinstance(function, OwnFunction) else None


def _reads_hold(info: FunctionInfo) -> bool:
    """Whether what the body read from outside, where it was defined, is still so here."""
    return all(read.still_holds() for read in info.return_reads)


def note_fields_given(node: cst.Call, info: ClassInfo, scopes: Scopes, evaluate) -> None:
    """A dataclass made with values for its fields: each joins what the field may hold."""
    assert info.fields is not None
    attributes = info.scope.attributes
    for index, arg in enumerate(node.args):
        if arg.star:  # any field may be given
            for name in info.fields:
                scopes.set_attribute(attributes, name, arg, None)
            continue
        name = arg.keyword.value if arg.keyword is not None else None
        if arg.keyword is None and index < len(info.fields):
            name = info.fields[index]
        if name is not None:
            scopes.set_attribute(attributes, name, arg, evaluate(arg.value))


def read_only_arguments(info: FunctionInfo, args: Sequence[cst.Arg], bound: bool) -> List[cst.Arg]:
    """The arguments of a call whose parameters the function only reads (`parameter_uses.py`): what
    they hold is not handed to code that may change it."""
    if not isinstance(info.node, cst.FunctionDef):
        return []
    params = info.node.params
    positional = [*params.posonly_params, *params.params][(1 if bound else 0):]
    changed = info.parameters_it_may_change()
    names = {param.name.value for param in [*params.params, *params.kwonly_params]}
    kept = []
    for index, arg in enumerate(args):
        if arg.star:
            break
        name = arg.keyword.value if arg.keyword is not None else (
            positional[index].name.value if index < len(positional) else None
        )
        if name is not None and (arg.keyword is None or name in names) and name not in changed:
            kept.append(arg)
    return kept


def batch_of(collator: Optional[Value]) -> Optional[Value]:
    """Every batch a data callback of the file gives (a `collate_fn`, a Trainer's `data_collator`):
    a dict of literal keys, or an encoding; None for anything else."""
    info, _ = call_target(collator)
    if info is None or isinstance(collator, OwnClass):
        return None
    return _as_batch(info.returns)


def default_collated(dataset: Optional[Value]) -> Optional[Value]:
    """A batch of the default collate over an instance of the file's own dataset class: a dict
    with the keys of what its `__getitem__` returns."""
    if not isinstance(dataset, OwnInstance):
        return None
    getitem = dataset.info.method("__getitem__")  # type: ignore[attr-defined]
    return _as_batch(getitem.returns) if getitem is not None else None


def _as_batch(value: Optional[Value]) -> Optional[Value]:
    if isinstance(value, Mapping):
        return Mapping(value.keys)
    if isinstance(value, Encoding):
        return Encoding(has_tensors=True)
    return None
