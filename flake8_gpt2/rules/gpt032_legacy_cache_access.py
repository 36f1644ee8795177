"""GPT032: a model run's cache read as the tuple of (key, value) pairs that transformers 5 removed."""
from __future__ import annotations

from typing import Iterator, Optional

import libcst as cst

from ..analysis import RuleContext
from ..analysis.cache_reads import LEGACY_METHOD, PAIRS, CacheRead
from ..knowledge import LEGACY_CACHE_METHOD
from ..rule import FixAvailability, Rule
from ..violation import Fix, Replace, Violation

_LAYERS = "layers"
_PARTS = ("keys", "values")  # the attributes of a layer that `cache[i][0]` and `cache[i][1]` were


class LegacyCacheAccess(Rule):
    code = "GPT032"
    name = "legacy-cache-access"
    title = "model cache read as the tuple of (key, value) pairs that transformers 5 removed"
    fix_availability = FixAvailability.SOMETIMES
    fix_summary = "safe"

    def check_cache_read(self, read: CacheRead, context: RuleContext) -> Iterator[Violation]:
        if context.target.transformers_major < 5:
            return
        cache = context.short_code_of(read.cache) or "the cache"
        if read.shape == LEGACY_METHOD:
            what = f"it has no {LEGACY_CACHE_METHOD}() any more (AttributeError)"
            advice = f"build the pairs from its layers: [(layer.keys, layer.values) for layer in {cache}.layers]"
        elif read.shape == PAIRS:
            what = (
                "its items are (keys, values, sliding window) triples, so unpacking each into two names raises "
                "ValueError (too many values to unpack)"
            )
            advice = f"iterate over {cache}.layers and read each layer's .keys and .values"
        else:
            what = "indexing it raises TypeError (not subscriptable)"
            advice = f"read {cache}.layers[i].keys and {cache}.layers[i].values"
        yield Violation(
            self.code,
            f"{cache} is a cache object in transformers 5, not a tuple of (key, value) pairs per layer: {what}; "
            f"{advice} (4.57 has them too)",
            read.node,
            _fix(read),
        )


def _fix(read: CacheRead) -> Optional[Fix]:
    """`cache[i][0]` -> `cache.layers[i].keys`, `cache[i][1]` -> `cache.layers[i].values`: in 4.57
    the same tensors (the very objects), and the read that works in 5."""
    if read.layer is None or read.part is None:
        return None
    layer = cst.Subscript(
        cst.Attribute(read.cache, cst.Name(_LAYERS)), [cst.SubscriptElement(cst.Index(read.layer))]
    )
    return Fix((Replace(read.node, cst.Attribute(layer, cst.Name(_PARTS[read.part]))),), safe=True, final=True)
