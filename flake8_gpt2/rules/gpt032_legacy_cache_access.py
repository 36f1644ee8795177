"""GPT032: a model run's cache read as the tuple of (key, value) pairs (of an encoder-decoder: of
self- and cross-attention keys and values) that transformers 5 removed."""
from __future__ import annotations

from typing import Iterator, Optional

import libcst as cst

from ..analysis import RuleContext
from ..analysis.cache_reads import CacheRead, LEGACY_METHOD, PAIRS
from ..knowledge import ENCODER_DECODER_CACHE, LEGACY_CACHE_METHOD
from ..parameter_names import CACHE_LAYERS, CROSS_ATTENTION_CACHE, LAYER_KEYS, LAYER_VALUES, SELF_ATTENTION_CACHE
from ..rule import FixAvailability, Rule
from ..violation import Fix, Replace, Violation

_PARTS = (LAYER_KEYS, LAYER_VALUES)  # the attributes of a layer that `cache[i][0]` and `cache[i][1]` were
# the caches of an encoder-decoder's cache that `cache[i][0:2]` and `cache[i][2:4]` were read from
_ATTENTIONS = (SELF_ATTENTION_CACHE, CROSS_ATTENTION_CACHE)


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
        encoder_decoder = read.cache_class == ENCODER_DECODER_CACHE
        # where each layer's keys and values are (of the self-attention, for an encoder-decoder)
        layers = f"{cache}.self_attention_cache.layers" if encoder_decoder else f"{cache}.layers"
        if read.shape == LEGACY_METHOD:
            what = f"it has no {LEGACY_CACHE_METHOD}() any more (AttributeError)"
            advice = f"build the pairs from its layers: [(layer.keys, layer.values) for layer in {layers}]"
            if encoder_decoder:
                advice = (
                    "build the tuples from its layers: [(layer.keys, layer.values, cross.keys, cross.values) for "
                    f"layer, cross in zip({layers}, {cache}.cross_attention_cache.layers)]"
                )
        elif read.shape == PAIRS:
            items = "six-tuples" if encoder_decoder else "(keys, values, sliding window) triples"
            what = (
                f"its items are {items}, so unpacking each into {4 if encoder_decoder else 2} names raises "
                "ValueError (too many values to unpack)"
            )
            advice = f"iterate over {layers} and read each layer's .keys and .values"
        else:
            what = "indexing it raises TypeError (not subscriptable)"
            advice = f"read {layers}[i].keys and {layers}[i].values"
        if encoder_decoder and read.shape != LEGACY_METHOD:
            advice += f" (and {cache}.cross_attention_cache.layers for the cross-attention's)"
        tuples = "(key, value) pairs"
        if encoder_decoder:
            tuples = "(self-attention keys, values, cross-attention keys, values)"
        yield Violation(
            self.code,
            f"{cache} is a cache object in transformers 5, not a tuple of {tuples} per layer: {what}; "
            f"{advice} (4.57 has them too)",
            read.node,
            _fix(read),
        )


def _fix(read: CacheRead) -> Optional[Fix]:
    """`cache[i][0]` -> `cache.layers[i].keys`, `cache[i][1]` -> `cache.layers[i].values`; of an
    encoder-decoder's cache, `cache[i][j]` -> `cache.self_attention_cache.layers[i].keys` ... and
    `cache.cross_attention_cache...` for j 2 and 3: in 4.57 the same tensors (the very objects), and
    the read that works in 5."""
    if read.layer is None or read.part is None:
        return None
    holder = read.cache
    if read.cache_class == ENCODER_DECODER_CACHE:
        holder = cst.Attribute(holder, cst.Name(_ATTENTIONS[read.part // 2]))
    layer = cst.Subscript(cst.Attribute(holder, cst.Name(CACHE_LAYERS)), [cst.SubscriptElement(cst.Index(read.layer))])
    return Fix((Replace(read.node, cst.Attribute(layer, cst.Name(_PARTS[read.part % 2]))),), safe=True, final=True)
