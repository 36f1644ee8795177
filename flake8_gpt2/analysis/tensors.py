"""Tensors the code makes of what it writes: of the ids of one text (`torch.tensor(tok.encode(text))`),
of a list display of number literals (`torch.tensor([[0, 0, 1]])`, `torch.tensor([[0.5], [1.0]])`),
of 1s (`torch.ones_like(ids)`); their shape, whether they hold floats and the highest integer they
hold, through the tensor methods that keep or cast them."""
from __future__ import annotations

from typing import Optional, Tuple

import libcst as cst

from .. import knowledge, parameter_names
from .syntax import argument, first_positional, keyword, largest_literal_int, unpacks
from .tokenization import padded_ids_copy
from .values import Evaluate, Ids, IdsBatch, LibraryName, NumberTensor, PaddedIds, Text, Value

# (shape, holds floats) of a list display of number literals
Display = Tuple[Tuple[int, ...], bool]


def ids_tensor(path: str, call: cst.Call, evaluate: Evaluate) -> Optional[Value]:
    """`torch.tensor(ids)` of a list of ids: a tensor of them; of a list display of numbers, a
    `NumberTensor`."""
    first = first_positional(call)
    ids = evaluate(first) if first is not None else None
    if isinstance(ids, Ids) and ids.is_list and ids.source is None:
        return Ids(is_list=False, tokenizer_call=ids.tokenizer_call, source=None, scope=ids.scope)
    if isinstance(ids, PaddedIds) and len(call.args) == 1:
        return padded_ids_copy(ids, "clone", call, evaluate)  # `torch.LongTensor(batch["input_ids"])` copies them
    return number_tensor(path, call, evaluate)


def number_tensor(path: str, call: cst.Call, evaluate: Evaluate) -> Optional[NumberTensor]:
    """`torch.tensor(display)` of a list display of number literals, nested evenly: its shape, and
    whether it holds floats (as written, as `dtype=` says, always ints for `torch.LongTensor`)."""
    data = argument(call, parameter_names.DATA, 0)
    if data is None or unpacks(call) or len([arg for arg in call.args if arg.keyword is None]) != 1:
        return None
    display = _display(data.value)
    if display is None:
        return None
    shape, floats = display
    dtype = keyword(call, "dtype")
    if path == knowledge.LONG_TENSOR:
        if dtype is not None:
            return None
        floats = False
    elif dtype is not None:
        floats = _holds_floats(evaluate(dtype.value))
    return NumberTensor(shape, floats, largest_literal_int(data.value) if floats is False else None)


def ones(path: str, call: cst.Call, evaluate: Evaluate) -> Optional[Value]:
    """`torch.ones_like(ids)` of a tensor of integers (ids), or `torch.ones(shape, dtype=torch.long)`:
    a tensor of 1s."""
    dtype = keyword(call, "dtype")
    if unpacks(call) or (dtype is None and path == knowledge.TORCH_ONES):
        return None
    if dtype is not None and _holds_floats(evaluate(dtype.value)) is not False:
        return None
    if path == knowledge.TORCH_ONES_LIKE:
        first = first_positional(call)
        like = evaluate(first) if first is not None else None
        integers = isinstance(like, IdsBatch) or (isinstance(like, Ids) and not like.is_list)
        if not (integers or (isinstance(like, NumberTensor) and like.floats is False)):
            return None
    return NumberTensor(None, floats=False, highest=1)


def shape_code(shape: Tuple[int, ...]) -> str:
    """A shape as Python writes the tuple: `(2,)`, `(2, 3)`."""
    return f"({', '.join(str(size) for size in shape)}{',' if len(shape) == 1 else ''})"


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
    the method gives (unknown where `.to(...)` is given what may be a dtype); its integers where
    it still holds integers."""
    if method in knowledge.FLOAT_CASTS:
        floats: Optional[bool] = True
    elif method in knowledge.INTEGER_CASTS:
        floats = False
    else:
        floats = _moved(tensor, call, evaluate)
    kept = tensor.floats is False and floats is False
    made = NumberTensor(tensor.shape, floats, tensor.highest if kept else None, tensor.written)
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
