from collections.abc import Iterable
from functools import reduce
from typing import Any

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer, PreTrainedTokenizer
from transformers.cache_utils import DynamicCache

LegacyCache = Any


def legacy_cache_smash(a: LegacyCache, b: LegacyCache) -> LegacyCache:
    """Concatenates two LegacyCache Ks and Vs along the time axis."""
    legacy_merged = tuple(
        (torch.cat([a[i][0], b[i][0]], dim=2), torch.cat([a[i][1], b[i][1]], dim=2))
        for i in range(len(a))
    )
    return legacy_merged


def merge_dynamic_caches(caches: Iterable[DynamicCache]) -> DynamicCache:
    """Merges two DynamicCache Ks and Vs along the time axis."""
    legacies = [c.to_legacy_cache() for c in caches]
    assert len(legacies) >= 1
    rv = DynamicCache.from_legacy_cache(reduce(legacy_cache_smash, legacies))
    return rv


model_id = "meta-llama/Llama-3.2-1B"  # ibm-granite/granite-3.3-8b-instruct in the report
device = torch.device("cpu")  # mps in the report
model = AutoModelForCausalLM.from_pretrained(model_id).to(device)
tokenizer: PreTrainedTokenizer = AutoTokenizer.from_pretrained(model_id)


def cache(toks) -> DynamicCache:
    dc = DynamicCache()
    with torch.no_grad():
        rv = model(
            toks["input_ids"].to(device),
            attention_mask=toks["attention_mask"].to(device),
            past_key_values=dc,
        ).past_key_values
    return rv


def merge(strs: list[str]):
    strs_toks = [tokenizer(x, return_tensors="pt") for x in strs]
    strs_dcs = [cache(toks) for toks in strs_toks]

    merged_toks = torch.cat([toks["input_ids"] for toks in strs_toks], dim=1)
    merged_masks = torch.cat([toks["attention_mask"] for toks in strs_toks], dim=1)
    merged_dcs = merge_dynamic_caches(strs_dcs)

    return merged_toks, merged_masks, merged_dcs


strs = ["this is a test", "this is another test"]

merged_toks, merged_masks, merged_dcs = merge(strs)
merged_dcs.crop(-1)

result = model.generate(
    merged_toks.to(device),
    attention_mask=merged_masks.to(device),
    past_key_values=merged_dcs,
    use_cache=True,
    return_dict_in_generate=True,
    output_scores=True,
    max_new_tokens=5,
    do_sample=False,
)

result_decoded = tokenizer.decode(
    result.sequences[0, merged_toks.shape[1]:], skip_special_tokens=True
)
print(repr(result_decoded))
