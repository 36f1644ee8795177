"""Tensors written as literals: `torch.tensor([0, 1])` and `torch.tensor([[0.5], [1.0]])`, their shape
and whether they hold floats, through the tensor methods that keep the shape."""
from __future__ import annotations

from typing import Optional, Tuple

import libcst as cst

from .. import knowledge
from .syntax import argument, keyword, unpacks
from .values import Evaluate, LibraryName, NumberTensor, Text, Value

# (shape, holds floats) of a list display of number literals
Display = Tuple[Tuple[int, ...], bool]


def number_tensor(path: str, call: cst.Call, evaluate: Evaluate) -> Optional[NumberTensor]:
    """`torch.tensor(display)` of a list display of number literals, nested evenly: its shape, and
    whether it holds floats (as written, as `dtype=` says, always ints for `torch.LongTensor`)."""
    data = argument(call, "data", 0)
    if data is None or unpacks(call) or len([arg for arg in call.args if arg.keyword is None]) != 1:
        return None
    display = _display(data.value)
    if display is None:
        return None
    shape, floats = display
    if path == knowledge.LONG_TENSOR:
        return NumberTensor(shape, floats=False) if keyword(call, "dtype") is None else None
    dtype = keyword(call, "dtype")
    return NumberTensor(shape, floats if dtype is None else _holds_floats(evaluate(dtype.value)))


def _display(node: cst.BaseExpression) -> Optional[Display]:
    if not isinstance(node, (cst.List, cst.Tuple)) or not node.elements:
        return None
    if any(not isinstance(element, cst.Element) for element in node.elements):
        return None
    numbers = [_number(element.value) for element in node.elements]
    if all(number is not None for number in numbers):
        return (len(numbers),), any(numbers)
    rows = [_display(element.value) for element in node.elements]
    if any(row is None for row in rows) or len({row[0] for row in rows}) != 1:  # type: ignore[index]
        return None
    return (len(rows), *rows[0][0]), any(row[1] for row in rows)  # type: ignore[index]


def _number(node: cst.BaseExpression) -> Optional[bool]:
    """Whether a number literal (`1`, `-0.5`) is a float; None for anything else."""
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, (cst.Minus, cst.Plus)):
        node = node.expression
    if isinstance(node, cst.Float):
        return True
    return False if isinstance(node, cst.Integer) else None


def _holds_floats(dtype: Optional[Value]) -> Optional[bool]:
    """True for a float dtype (`torch.float16`), False for an integer one, else unknown."""
    if not isinstance(dtype, LibraryName):
        return None
    if dtype.path in knowledge.FLOAT_DTYPES:
        return True
    return False if dtype.path in knowledge.INTEGER_DTYPES else None


def converted(tensor: NumberTensor, method: str, call: cst.Call, evaluate: Evaluate) -> NumberTensor:
    """`t.float()`, `t.long()`, `t.to(device)`, `t.to(torch.float16)`: the same shape, of the dtype
    the method gives (unknown where `.to(...)` is given what may be a dtype)."""
    if method in knowledge.FLOAT_CASTS:
        floats: Optional[bool] = True
    elif method in knowledge.INTEGER_CASTS:
        floats = False
    else:
        floats = _moved(tensor, call, evaluate)
    made = NumberTensor(tensor.shape, floats)
    made.may_change = tensor.may_change
    return made


def _moved(tensor: NumberTensor, call: cst.Call, evaluate: Evaluate) -> Optional[bool]:
    """Whether `t.to(...)` holds floats: as the dtype it is given says, as before where it is given
    only a device (a string or int literal, `device=`), unknown where an argument may be a dtype."""
    floats = tensor.floats
    for arg in call.args:
        if arg.star:
            return None
        name = arg.keyword.value if arg.keyword is not None else None
        if name in ("device", "non_blocking", "copy") or isinstance(arg.value, (cst.SimpleString, cst.Integer)):
            continue
        value = evaluate(arg.value)
        if not isinstance(value, Text):  # a device by its name
            floats = _holds_floats(value)
    return floats
