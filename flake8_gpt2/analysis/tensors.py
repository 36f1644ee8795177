"""Tensors the code makes of what it writes: of the ids of one text (`torch.tensor(tok.encode(text))`),
of integer literals (`torch.tensor([[0, 0, 1]])`), of 1s (`torch.ones_like(ids)`)."""
from __future__ import annotations

from typing import Optional

import libcst as cst

from .. import knowledge
from .syntax import dotted_name, first_positional, keyword, largest_literal_int, unpacks
from .values import Evaluate, Ids, IdsBatch, IntTensor, Value


def ids_tensor(path: str, call: cst.Call, evaluate: Evaluate) -> Optional[Value]:
    """`torch.tensor(ids)` of a list of ids: a tensor of them; of a list of integer literals, a
    tensor of integers."""
    first = first_positional(call)
    highest = largest_literal_int(first) if first is not None else None
    if highest is not None and _integer_dtype(call):
        return IntTensor(highest)
    ids = evaluate(first) if first is not None else None
    if isinstance(ids, Ids) and ids.is_list and ids.source is None:
        return Ids(is_list=False, tokenizer_call=ids.tokenizer_call, source=None, scope=ids.scope)
    return None


def ones(path: str, call: cst.Call, evaluate: Evaluate) -> Optional[Value]:
    """`torch.ones_like(ids)` of a tensor of integers (ids), or `torch.ones(shape, dtype=torch.long)`:
    a tensor of 1s."""
    if path == knowledge.TORCH_ONES:
        return IntTensor(1) if keyword(call, "dtype") is not None and _integer_dtype(call) else None
    first = first_positional(call)
    like = evaluate(first) if first is not None else None
    integers = isinstance(like, (IdsBatch, IntTensor)) or (isinstance(like, Ids) and not like.is_list)
    return IntTensor(1) if integers and _integer_dtype(call) else None


def _integer_dtype(call: cst.Call) -> bool:
    """No `dtype=`, or an integer one (`torch.long`), and no `*`/`**` that may give one."""
    dtype = keyword(call, "dtype")
    if dtype is None:
        return not unpacks(call)
    return dotted_name(dtype.value) in knowledge.TORCH_INTEGER_DTYPES


def int_tensor_method(tensor: IntTensor, method: str, call: cst.Call, at: object) -> Optional[Value]:
    """A tensor of integers moved (`.to(device)`, `.cuda()`) or read as they are (`.detach()`,
    `.long()`): the same integers, unless `.to` may be given a dtype."""
    if method == "to" and (unpacks(call) or any(_names_torch(arg.value) for arg in call.args)):
        return None
    return tensor


def _names_torch(node: cst.BaseExpression) -> bool:
    """`torch.float`, `dtype=...`: a dotted name of torch (a dtype), as `.to()` may be given."""
    name = dotted_name(node)
    return name is not None and name.startswith("torch.")
