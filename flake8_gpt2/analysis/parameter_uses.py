"""Which parameters of a function of the file it may change: those it does more with than call,
ask an attribute, or give a method known to leave a tokenizer or a model as it is (`model.train()`).
A tokenizer handed to one of the others (directly or through a `functools.partial`) cannot get a pad
token there, nor a model resized embeddings."""
from __future__ import annotations

from typing import FrozenSet, Optional, Set, Union

import libcst as cst

from .. import knowledge
from .syntax import child_fields, is_name, is_node_type, parameters


def parameters_it_may_change(node: Union[cst.FunctionDef, cst.Lambda], is_method: bool = False) -> FrozenSet[str]:
    """A method that keeps a parameter as it is on its instance (`self.tokenizer = tokenizer`) does not
    change it there: the class's code that reads it is walked, and an instance handed to other
    code hands its attributes over (`own_calls.OwnCalls.note_reference`)."""
    params = parameters(node.params)
    names = frozenset(param.name.value for param in params)
    changed: Set[str] = set()
    _collect(node.body, None, None, names, changed, params[0].name.value if is_method and params else None)
    return frozenset(changed)


def _collect(
    node: cst.CSTNode,
    parent: Optional[cst.CSTNode],
    grandparent: Optional[cst.CSTNode],
    names: FrozenSet[str],
    changed: Set[str],
    self_name: Optional[str] = None,
) -> None:
    if type(node) is cst.Name:
        if node.value in names and not _is_read(node, parent, grandparent):
            changed.add(node.value)
        return
    if self_name is not None and _kept_on_instance(node, self_name):
        return
    for field_name in child_fields(type(node)):
        child = getattr(node, field_name)
        for item in child if type(child) in (tuple, list) else (child,):
            if is_node_type(type(item)):
                _collect(item, node, parent, names, changed, self_name)


def _kept_on_instance(node: cst.CSTNode, self_name: str) -> bool:
    """`self.name = value` of a bare name: the value is kept, not changed."""
    if not isinstance(node, cst.Assign) or type(node.value) is not cst.Name:
        return False
    targets = [target.target for target in node.targets]
    return all(isinstance(t, cst.Attribute) and is_name(t.value, self_name) for t in targets)


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
        return parent.attr.value in knowledge.READ_ONLY_METHODS
    return not isinstance(grandparent, (cst.AssignTarget, cst.AugAssign, cst.AnnAssign, cst.Del))
