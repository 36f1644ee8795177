"""What may be None, as Python decides it: an `if x is None` (or `is not None`) test of a name
of the scope walked narrows it in each branch (None in one, what it holds otherwise in the other:
`MaybeNone.other`), and `a or b` / `a and b` hold one of their operands, the one a known truth
value picks."""
from __future__ import annotations

from typing import Callable, Optional, Tuple

import libcst as cst

from .syntax import is_name
from .values import Evaluate, MaybeNone, Model, NoneLiteral, Text, Tokenizer, Value, join

Narrowing = Tuple[str, Optional[Value], Optional[Value]]  # the name, its value where the test holds, where not
Held = Callable[[str], Optional[Value]]  # what a name of the scope walked holds


def decide(test: cst.BaseExpression, held: Held) -> Optional[bool]:
    """Whether `if name is None` (or `is not None`) surely holds: the name surely holds None. (Not
    "surely does not": a value the analysis knows may still be None, as a pad token id may.)"""
    name_and_is = tested(test)
    if name_and_is is None or type(held(name_and_is[0])) is not NoneLiteral:
        return None
    return name_and_is[1]


def narrowing(test: cst.BaseExpression, held: Held) -> Optional[Narrowing]:
    """What `if name is None` / `if name is not None` tells in each branch, where `held(name)` (the
    name's binding in the scope walked) may be None."""
    name_and_is = tested(test)
    value = held(name_and_is[0]) if name_and_is is not None else None
    if name_and_is is None or not isinstance(value, NoneLiteral):
        return None  # a known value that is not None keeps it in both branches
    name, is_none = name_and_is
    when_none, when_not = NoneLiteral(), value.other if isinstance(value, MaybeNone) else None
    return (name, when_none, when_not) if is_none else (name, when_not, when_none)


def tested(test: cst.BaseExpression) -> Optional[Tuple[str, bool]]:
    """The name `name is None` (True) or `name is not None` (False) tests."""
    if not (isinstance(test, cst.Comparison) and len(test.comparisons) == 1 and isinstance(test.left, cst.Name)):
        return None
    comparison = test.comparisons[0]
    if not is_name(comparison.comparator, "None") or not isinstance(comparison.operator, (cst.Is, cst.IsNot)):
        return None
    return test.left.value, isinstance(comparison.operator, cst.Is)


def either(node: cst.BooleanOperation, evaluate: Evaluate) -> Optional[Value]:
    """`a or b` / `a and b`: the operand the left one's truth value picks, else what both agree on."""
    left, is_or = evaluate(node.left), isinstance(node.operator, cst.Or)
    truth = _truth(left)
    if truth is not None:
        return left if truth is is_or else evaluate(node.right)
    if isinstance(left, MaybeNone) and is_or:
        return join(left.other, evaluate(node.right))  # None gives the right operand
    return join(left, evaluate(node.right))


def _truth(value: Optional[Value]) -> Optional[bool]:
    if type(value) is NoneLiteral:
        return False
    if isinstance(value, Text) and not value.is_batch and value.literal is not None:
        return value.literal != ""
    if isinstance(value, (Model, Tokenizer)):  # a module has no length; a tokenizer has its vocabulary's
        return True
    return None
