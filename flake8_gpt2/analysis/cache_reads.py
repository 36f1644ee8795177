"""Reads of a model run's cache as the tuple that transformers 4 gave, of (key, value) pairs per
layer (of an encoder-decoder model: (self-attention key, value, cross-attention key, value) per
layer): `cache[i]` (and `cache[i][0]`), `for key, value in cache` (or `for kv in cache: key, value =
kv`), `cache.to_legacy_cache()`. A
cache object of transformers 5 is neither subscriptable nor iterable by those tuples, and has no
such method."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Union

import libcst as cst

from .. import knowledge
from .evaluation import CallParts
from .syntax import is_name, literal_int
from .values import CacheLayer, Evaluate, ModelCache

SUBSCRIPT = "subscript"
PAIRS = "pairs"  # iterated over, each item unpacked into two names
LEGACY_METHOD = "legacy method"


@dataclass(frozen=True)
class CacheRead:
    """A read of a model run's cache object as the legacy tuple. `node`: the subscript (`cache[i]`,
    or `cache[i][0]` around it), the iterated cache of a loop, or the method call; `cache` the
    expression that holds the cache, `cache_class` its class; for `cache[i][j]`, `layer` is `i` and
    `part` j, the place in the layer's tuple: 0 the keys, 1 the values (then, of an encoder-decoder's
    cache, 2 and 3 the cross-attention keys and values)."""

    node: cst.BaseExpression
    shape: str  # SUBSCRIPT, PAIRS or LEGACY_METHOD
    cache: cst.BaseExpression
    cache_class: str
    layer: Optional[cst.BaseExpression] = None
    part: Optional[int] = None


def cache_read(node: Union[cst.Subscript, cst.For, cst.CompFor, cst.Assign], evaluate: Evaluate) -> Optional[CacheRead]:
    """What the outermost subscript of a chain (`a[i][j]`), a loop, or an assignment that unpacks
    a layer's item, reads of a cache object."""
    if isinstance(node, cst.Subscript):
        return _subscript(node, evaluate)
    if isinstance(node, cst.Assign):
        return _layer_unpacked(node, evaluate)
    cache_class = _cache_class(node.iter, evaluate)
    if cache_class is None or not _unpacks_into(node.target, _TUPLE_LENGTH[cache_class]):
        return None
    return CacheRead(node.iter, PAIRS, node.iter, cache_class)


def _layer_unpacked(node: cst.Assign, evaluate: Evaluate) -> Optional[CacheRead]:
    """`key, value = layer` of a loop's item over a cache object (`for layer in cache`)."""
    if len(node.targets) != 1 or not isinstance(node.value, cst.Name):
        return None
    layer = evaluate(node.value)
    if not isinstance(layer, CacheLayer) or not _unpacks_into(node.targets[0].target, _TUPLE_LENGTH[layer.cache_class]):
        return None
    return CacheRead(node.value, PAIRS, layer.cache, layer.cache_class)


def _unpacks_into(target: cst.BaseExpression, count: int) -> bool:
    """Whether `target` unpacks exactly `count` names (no starred one)."""
    if not isinstance(target, (cst.Tuple, cst.List)):
        return False
    return len(target.elements) == count and not any(isinstance(e, cst.StarredElement) for e in target.elements)


def legacy_cache_call(parts: CallParts) -> Optional[CacheRead]:
    """`cache.to_legacy_cache()` of a cache object."""
    func = parts.node.func
    if parts.method != knowledge.LEGACY_CACHE_METHOD or not isinstance(func, cst.Attribute):
        return None
    receiver = parts.receiver
    if isinstance(receiver, ModelCache) and receiver.cache_class is not None:
        return CacheRead(parts.node, LEGACY_METHOD, func.value, receiver.cache_class)
    return None


# how many tensors each layer's tuple held in transformers 4
_TUPLE_LENGTH = {knowledge.DYNAMIC_CACHE: 2, knowledge.ENCODER_DECODER_CACHE: 4}


def _subscript(node: cst.Subscript, evaluate: Evaluate) -> Optional[CacheRead]:
    outer: Optional[cst.Subscript] = None
    inner = node
    while isinstance(inner.value, cst.Subscript):
        outer, inner = inner, inner.value
    cache_class = _cache_class(inner.value, evaluate)
    if cache_class is None:
        return None
    layer = _index(inner)
    index = _index(outer) if layer is not None else None
    part = literal_int(index) if index is not None else None
    if outer is not None and part is not None and part in range(_TUPLE_LENGTH[cache_class]):
        return CacheRead(outer, SUBSCRIPT, inner.value, cache_class, layer, part)
    return CacheRead(inner, SUBSCRIPT, inner.value, cache_class)


def _index(node: Optional[cst.Subscript]) -> Optional[cst.BaseExpression]:
    """The index of `x[index]`: one element, not a slice nor starred."""
    if node is None or len(node.slice) != 1:
        return None
    index = node.slice[0].slice
    return index.value if isinstance(index, cst.Index) and index.star is None else None


def _cache_class(node: cst.BaseExpression, evaluate: Evaluate) -> Optional[str]:
    """The class of the cache object a name, an attribute of `self`, or the cache attribute of an
    output holds (only these are evaluated: a subscript's base is most often something else)."""
    attribute = isinstance(node, cst.Attribute) and (
        node.attr.value in knowledge.CACHE_NAMES or is_name(node.value, "self")
    )
    if not (attribute or isinstance(node, cst.Name)):
        return None
    value = evaluate(node)
    return value.cache_class if isinstance(value, ModelCache) else None
