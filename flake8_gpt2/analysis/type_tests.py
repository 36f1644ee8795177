"""`isinstance(x, T)` tests the analysis can answer: where `x` holds a value whose kind is known (a
text, a list or tuple of texts, a list of ids; the kinds a batch of texts, an encoding or a tensor
of ids is not) and `T` names builtin `str`, `list`, `tuple` or `dict`, or `torch.Tensor` (a tuple
of them too). The walk then walks only the branch
that runs (`decide`); a test it cannot answer keeps both. A function whose body tests a parameter
so is walked again with what its calls pass only where that value answers every such test
(`answers_all`); any other test of a parameter's kind keeps the parameter unknown."""
from __future__ import annotations

from typing import Callable, FrozenSet, Optional

import libcst as cst

from .. import knowledge
from .syntax import is_name
from .values import (
    Encoding, Ids, IdsBatch, LibraryName, Model, NoneLiteral, NumberTensor, Text, Tokenizer, TransformersName, Value
)

Evaluate = Callable[[cst.BaseExpression], Optional[Value]]
IsBuiltin = Callable[[str], bool]

STR, LIST, TUPLE, DICT, TENSOR = "str", "list", "tuple", "dict", "torch.Tensor"
_TRANSFORMERS_BASES = knowledge.TOKENIZER_SLOW_AND_FAST | {knowledge.TOKENIZER_BASE} | knowledge.MODEL_BASE_CLASSES
_BUILTIN_TYPES = frozenset({STR, LIST, TUPLE, DICT})


def tested(call: cst.Call) -> Optional[cst.BaseExpression]:
    """What `isinstance(x, T)` tests (`x`), when it is written so."""
    if not is_name(call.func, "isinstance") or len(call.args) != 2:
        return None
    if any(arg.keyword is not None or arg.star for arg in call.args):
        return None
    return call.args[0].value


def types_named(node: cst.BaseExpression, evaluate: Evaluate, is_builtin: IsBuiltin) -> Optional[FrozenSet[str]]:
    """The types `T` of `isinstance(x, T)` names (a tuple of them too), when the analysis knows them all."""
    if isinstance(node, cst.Tuple):
        named = set()
        for element in node.elements:
            if not isinstance(element, cst.Element):
                return None
            one = types_named(element.value, evaluate, is_builtin)
            if one is None:
                return None
            named |= one
        return frozenset(named)
    if isinstance(node, cst.Name) and node.value in _BUILTIN_TYPES and is_builtin(node.value):
        return frozenset({node.value})
    value = evaluate(node) if isinstance(node, (cst.Name, cst.Attribute)) else None
    if isinstance(value, LibraryName) and value.path == TENSOR:
        return frozenset({TENSOR})
    if isinstance(value, TransformersName) and value.name in _TRANSFORMERS_BASES:
        return frozenset({value.name})
    return None


def answer(value: Optional[Value], types: FrozenSet[str]) -> Optional[bool]:
    """`isinstance(value, types)`: True or False where the kind of the value tells, else None."""
    every_tokenizer = knowledge.TOKENIZER_BASE in types or knowledge.TOKENIZER_SLOW_AND_FAST <= types
    if isinstance(value, Tokenizer) and every_tokenizer:
        return True
    if isinstance(value, Model) and value.wrapper is None and types & knowledge.MODEL_BASE_CLASSES:
        return True
    answers = [_is_instance(value, one) for one in types]
    if any(one is True for one in answers):
        return True
    if answers and all(one is False for one in answers):
        return False
    return None


def _is_instance(value: Optional[Value], type_name: str) -> Optional[bool]:
    kind = _kind(value)
    if kind is not None:
        return kind == type_name
    # an encoding is a `BatchEncoding` or a dict of the same items; a tensor of ids a torch tensor
    # or an array of the kind `return_tensors=` asked for: only the kinds each is not
    if isinstance(value, Text):  # a list or tuple of texts
        return False if type_name not in (LIST, TUPLE) else None
    if isinstance(value, Encoding):
        return False if type_name != DICT else None
    if isinstance(value, (IdsBatch, NumberTensor, Ids)):
        return False if type_name != TENSOR else None
    return None


def _kind(value: Optional[Value]) -> Optional[str]:
    """The one type of the value, where the analysis knows it."""
    if type(value) is NoneLiteral:
        return "NoneType"
    if isinstance(value, Text):
        return (value.sequence if value.is_batch else STR) or None
    if isinstance(value, Ids) and value.is_list:
        return LIST
    return None


def decide(test: cst.BaseExpression, evaluate: Evaluate, is_builtin: IsBuiltin) -> Optional[bool]:
    """Whether an `if` test of `isinstance` (or `not isinstance`) surely holds, or surely does not."""
    negated = False
    while isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        test, negated = test.expression, not negated
    if not isinstance(test, cst.Call) or not is_builtin("isinstance"):
        return None
    subject = tested(test)
    if subject is None:
        return None
    types = types_named(test.args[1].value, evaluate, is_builtin)
    result = answer(evaluate(subject), types) if types is not None else None
    return None if result is None else result != negated


def answers_all(value: Optional[Value], tests: FrozenSet[FrozenSet[str]]) -> bool:
    """Whether every `isinstance` test of a parameter is answered for `value`."""
    return all(answer(value, types) is not None for types in tests)
