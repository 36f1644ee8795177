"""Which class of the file a class of the file extends: its instances then have the base's methods
and attributes too (`own.ClassInfo.lineage`), its calls reach the base's `__init__`."""
from __future__ import annotations

from typing import Optional

import libcst as cst

from .. import knowledge
from .own import ClassInfo
from .syntax import dotted_name, function_defs, is_name
from .values import Evaluate, OwnClass


def own_base(node: cst.ClassDef, evaluate: Evaluate) -> Optional[ClassInfo]:
    """The one base of a class whose instances the analysis follows, when that base is a class of
    the file that is neither a dataclass nor a library's subclass whose methods the library calls
    (with several bases, which one gives a name is not followed: the base is handed over)."""
    if node.decorators or node.keywords or len(node.bases) != 1 or node.bases[0].star:
        return None
    if forward_names_no_parameter(node) or not isinstance(node.bases[0].value, cst.Name):
        return None
    value = evaluate(node.bases[0].value)
    if not isinstance(value, OwnClass):
        return None
    base: ClassInfo = value.info  # type: ignore[assignment]
    if base.fields is not None or base.library_api is not None or base.node.decorators:
        return None
    return base


def extend(base: ClassInfo, info: ClassInfo) -> None:
    """`info` subclasses `base`: a method it overrides is also called by the base's methods through
    `self`, with arguments those calls do not record for it."""
    info.base = base
    base.subclasses.append(info)
    for name, method in info.methods.items():
        if name != "__init__" and base.method(name) is not None:
            method.escaped = True


def forward_names_no_parameter(node: cst.ClassDef) -> bool:
    """Whether the class's `forward` names no parameter; an abstract one is not what its instances
    run (the subclass's is)."""
    forward = function_defs(node.body).get(knowledge.FORWARD)
    if forward is None or any(_is_abstract(d.decorator) for d in forward.decorators):
        return False
    params = forward.params
    named = [*params.posonly_params, *params.params, *params.kwonly_params][1:]  # after self
    has_star = isinstance(params.star_arg, cst.Param) or params.star_kwarg is not None
    return not named and has_star


def _is_abstract(decorator: cst.BaseExpression) -> bool:
    return is_name(decorator, "abstractmethod") or dotted_name(decorator) == "abc.abstractmethod"
