"""Which parameters of a function of the file it may change: those it does more with than call,
ask an attribute, or give a method known to leave a tokenizer as it is. A tokenizer handed to one
of the others (directly or through a `functools.partial`) cannot get a pad token there."""
from __future__ import annotations

from typing import FrozenSet, Optional, Set, Union

import libcst as cst

from .. import knowledge
from .syntax import child_fields, is_node_type, parameters


def parameters_it_may_change(node: Union[cst.FunctionDef, cst.Lambda]) -> FrozenSet[str]:
    names = frozenset(param.name.value for param in parameters(node.params))
    changed: Set[str] = set()
    _collect(node.body, None, None, names, changed)
    return frozenset(changed)


def _collect(
    node: cst.CSTNode,
    parent: Optional[cst.CSTNode],
    grandparent: Optional[cst.CSTNode],
    names: FrozenSet[str],
    changed: Set[str],
) -> None:
    if type(node) is cst.Name:
        if node.value in names and not _is_read(node, parent, grandparent):
            changed.add(node.value)
        return
    for field_name in child_fields(type(node)):
        child = getattr(node, field_name)
        for item in child if type(child) in (tuple, list) else (child,):
            if is_node_type(type(item)):
                _collect(item, node, parent, names, changed)


def _is_read(name: cst.Name, parent: Optional[cst.CSTNode], grandparent: Optional[cst.CSTNode]) -> bool:
    if isinstance(parent, cst.Arg) and parent.keyword is name:
        return True  # a keyword's name, not the parameter
    if isinstance(parent, cst.Call) and parent.func is name:
        return True  # called: a tokenizer encodes
    if not isinstance(parent, cst.Attribute):
        return False  # handed on, stored, returned, rebound: anything may happen to it there
    if parent.attr is name:
        return True
    if isinstance(grandparent, cst.Attribute):
        return False  # `pipe.tokenizer.pad_token = ...`: what an attribute holds may be changed
    if isinstance(grandparent, cst.Call) and grandparent.func is parent:
        return parent.attr.value in knowledge.TOKENIZER_READ_ONLY_METHODS
    return not isinstance(grandparent, (cst.AssignTarget, cst.AugAssign, cst.AnnAssign, cst.Del))
