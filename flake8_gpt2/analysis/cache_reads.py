"""Reads of a model run's cache as the tuple of (key, value) pairs per layer that transformers 4
gave: `cache[i]` (and `cache[i][0]`), `for key, value in cache`, `cache.to_legacy_cache()`. A cache
object of transformers 5 is neither subscriptable nor iterable by pairs, and has no such method."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Union

import libcst as cst

from .. import knowledge
from .evaluation import CallParts
from .syntax import literal_int
from .values import Evaluate, ModelCache

SUBSCRIPT = "subscript"
PAIRS = "pairs"  # iterated over, each item unpacked into two names
LEGACY_METHOD = "legacy method"


@dataclass(frozen=True)
class CacheRead:
    """A read of a model run's cache object as the legacy tuple. `node`: the subscript (`cache[i]`,
    or `cache[i][0]` around it), the iterated cache of a loop, or the method call; `cache` the
    expression that holds the cache; for `cache[i][0]` and `cache[i][1]`, `layer` is `i` and `part`
    0 (the keys) or 1 (the values)."""

    node: cst.BaseExpression
    shape: str  # SUBSCRIPT, PAIRS or LEGACY_METHOD
    cache: cst.BaseExpression
    layer: Optional[cst.BaseExpression] = None
    part: Optional[int] = None


def cache_read(node: Union[cst.Subscript, cst.For, cst.CompFor], evaluate: Evaluate) -> Optional[CacheRead]:
    """What the outermost subscript of a chain (`a[i][j]`), or a loop, reads of a cache object."""
    if isinstance(node, cst.Subscript):
        return _subscript(node, evaluate)
    target = node.target
    if not isinstance(target, (cst.Tuple, cst.List)) or len(target.elements) != 2:
        return None
    if any(isinstance(element, cst.StarredElement) for element in target.elements):
        return None
    return CacheRead(node.iter, PAIRS, node.iter) if _is_cache_object(node.iter, evaluate) else None


def legacy_cache_call(parts: CallParts) -> Optional[CacheRead]:
    """`cache.to_legacy_cache()` of a cache object."""
    func = parts.node.func
    if parts.method != knowledge.LEGACY_CACHE_METHOD or not isinstance(func, cst.Attribute):
        return None
    receiver = parts.receiver
    if isinstance(receiver, ModelCache) and receiver.is_object:
        return CacheRead(parts.node, LEGACY_METHOD, func.value)
    return None


def _subscript(node: cst.Subscript, evaluate: Evaluate) -> Optional[CacheRead]:
    outer: Optional[cst.Subscript] = None
    inner = node
    while isinstance(inner.value, cst.Subscript):
        outer, inner = inner, inner.value
    if not _is_cache_object(inner.value, evaluate):
        return None
    layer = _index(inner)
    part = _index(outer) if layer is not None else None
    if outer is not None and part is not None and literal_int(part) in (0, 1):
        return CacheRead(outer, SUBSCRIPT, inner.value, layer, literal_int(part))
    return CacheRead(inner, SUBSCRIPT, inner.value)


def _index(node: Optional[cst.Subscript]) -> Optional[cst.BaseExpression]:
    """The index of `x[index]`: one element, not a slice nor starred."""
    if node is None or len(node.slice) != 1:
        return None
    index = node.slice[0].slice
    return index.value if isinstance(index, cst.Index) and index.star is None else None


def _is_cache_object(node: cst.BaseExpression, evaluate: Evaluate) -> bool:
    """A name, or the cache attribute of an output, that holds a cache object (only these are
    evaluated: a subscript's base is most often something else)."""
    named = isinstance(node, cst.Name)
    if not (named or (isinstance(node, cst.Attribute) and node.attr.value in knowledge.CACHE_NAMES)):
        return False
    value = evaluate(node)
    return isinstance(value, ModelCache) and value.is_object
