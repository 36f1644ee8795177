"""What an instance of the file's own class holds for a name: an attribute set through `self` in a
method of its class or of a base of the file (`own.ClassInfo.lineage`), else a method, looked up as
Python does for single inheritance; what `super()` gives in a method of a subclass."""
from __future__ import annotations

from typing import Optional, Sequence, Union

import libcst as cst

from .own import ClassInfo, FunctionInfo
from .own_reads import NotRedefined
from .scopes import Read, Scopes
from .values import OwnClass, OwnFunction, OwnInstance, OwnSuper, Text, Value, Evaluate

Owned = Union[OwnInstance, OwnClass, OwnSuper]


def attribute_of(instance: Owned, name: str, scopes: Scopes) -> Optional[Value]:
    """An attribute of an instance of the file's own class (one set through `self`, or a method), of
    the class itself (a dataclass field's default, a method), or of `super()` (a base's method)."""
    info: ClassInfo = instance.info  # type: ignore[assignment]
    method = info.method(name)
    if isinstance(instance, OwnSuper):  # an attribute set through `self` is not the base's
        return _bound(method) if method is not None else None
    setters = [cls for cls in info.lineage() if name in cls.scope.attributes]
    if isinstance(instance, OwnInstance):
        scopes.note_reads(_not_redefined(info, name))  # `self` may be a subclass's instance
    if method is not None and method.method_kind is not None and not setters:
        return _bound(method)
    if isinstance(instance, OwnClass) and name not in (info.fields or ()):
        return None
    if len(setters) > 1:
        return None  # set by the class and by a base: which one holds, the order their code runs tells
    if setters:
        attributes = setters[0].scope.attributes
        value = attributes[name]
        if isinstance(value, Text) and setters[0].attributes_handed_over:
            return None  # a setting other code may have changed
        if value is not None:
            scopes.note_reads((Read(attributes, name, value, value.state()),))
        return value
    return OwnFunction(method, bound=True) if method is not None and isinstance(instance, OwnInstance) else None


def kept_on_self(instance: Optional[Value], name: str, value: Value, scopes: Scopes) -> Optional[Value]:
    """`self.<name>` in a method, set in its class: unknown where a base of the file sets it too;
    it holds while no subclass sets it (or defines it) instead."""
    if not isinstance(instance, OwnInstance):
        return value
    info: ClassInfo = instance.info  # type: ignore[assignment]
    if sum(name in cls.scope.attributes for cls in info.lineage()) > 1:
        return None
    scopes.note_reads(_not_redefined(info, name))
    return value


def super_of(args: Sequence[cst.Arg], self_value: Optional[Value], evaluate: Evaluate) -> Optional[Value]:
    """`super()` in a method (`self_value` is its `self`), or `super(Class, instance)`, where the
    class's one base is a class of the file."""
    if args:
        if len(args) != 2 or any(arg.star or arg.keyword for arg in args):
            return None
        cls, instance = (evaluate(arg.value) for arg in args)
        if not (isinstance(cls, OwnClass) and isinstance(instance, OwnInstance)):
            return None
        info: ClassInfo = cls.info  # type: ignore[assignment]
    elif isinstance(self_value, OwnInstance):
        info = self_value.info  # type: ignore[assignment]
    else:
        return None
    return OwnSuper(info.base) if info.base is not None else None


def _not_redefined(info: ClassInfo, name: str) -> tuple:
    reads = info.name_reads.get(name)
    if reads is None:
        reads = info.name_reads[name] = (NotRedefined(info, name),)
    return reads


def _bound(method: FunctionInfo) -> OwnFunction:
    """A method read through an instance, its class or `super()`: a classmethod is given its class,
    a staticmethod nothing, any other the instance."""
    return OwnFunction(method, bound=method.method_kind != "staticmethod")
