"""Ground truth for the causal-LM rules (issues 12 and 13): what real transformers classes of
several architectures do with each wrong input, on the tiny offline checkpoints of
tests/tiny_checkpoints.py. Nothing is downloaded.

Run it once per transformers version, then merge the two runs into the page:

    python tools/causal_lm_ground_truth.py run 5.json          # in the 5.x venv
    /tmp/venv-tf4/bin/python tools/causal_lm_ground_truth.py run 4.json
    python tools/causal_lm_ground_truth.py report 4.json 5.json > docs/ground-truth-causal-lm.md

`run` needs torch and transformers (and peft for the PEFT rows, which it skips without it);
`report` needs neither.
"""
from __future__ import annotations

import contextlib
import inspect
import io
import json
import logging
import os
import platform
import sys
import tempfile
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Dict, List, Sequence, Tuple

ROOT = Path(__file__).resolve().parents[1]

NAMES = {
    "GPT-2": "gpt2",
    "Llama": "meta-llama/Llama-3.2-1B",
    "Llama-Instruct": "meta-llama/Llama-3.2-1B-Instruct",
    "Mistral": "mistralai/Mistral-7B-v0.1",
    "Qwen2": "Qwen/Qwen2-0.5B-Instruct",
    "GPT-Neo": "EleutherAI/gpt-neo-125m",
    "GPT-NeoX": "EleutherAI/pythia-70m",
    "OPT": "facebook/opt-125m",
    "Falcon": "tiiuae/falcon-7b",
}
TEXTS = ["This is some sample text.", "Another piece of sample text, a bit longer."]
ONE = "Hello world"
MESSAGES = [{"role": "user", "content": "Hello world"}]


@dataclass(frozen=True)
class Row:
    section: str
    pattern: str
    snippet: str
    fix: str
    archs: Tuple[str, ...]
    measure: Callable[[str], str]
    logs: Tuple[str, ...]  # what transformers logs or warns during the row is shown when it holds one of these


ROWS: List[Row] = []
SECTIONS: Dict[str, str] = {}


def row(section: str, pattern: str, snippet: str, fix: str, archs: Sequence[str] = ("GPT-2", "Llama"),
        logs: Sequence[str] = ()):
    def register(measure: Callable[[str], str]) -> Callable[[str], str]:
        ROWS.append(Row(section, pattern, snippet, fix, tuple(archs), measure, tuple(logs)))
        return measure

    return register


# ---------------------------------------------------------------------------------------------
# Loading (only under `run`)


def major() -> int:
    import transformers

    return int(transformers.__version__.split(".")[0])


def tokenizer(arch: str, pad_as_eos: bool = False, side: str = ""):
    """A fresh tokenizer (rows change them); with `pad_as_eos`, pad = eos where it has no pad;
    `side` sets the padding side, else it stays as the checkpoint ships it."""
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(NAMES[arch])
    if pad_as_eos and tok.pad_token is None:
        tok.pad_token = tok.eos_token
    if side:
        tok.padding_side = side
    return tok


@lru_cache(maxsize=None)
def model(arch: str, attn: str = ""):
    from transformers import AutoModelForCausalLM

    kwargs = {"attn_implementation": attn} if attn else {}
    return AutoModelForCausalLM.from_pretrained(NAMES[arch], **kwargs).eval()


def fresh_model(arch: str):
    from transformers import AutoModelForCausalLM

    return AutoModelForCausalLM.from_pretrained(NAMES[arch]).eval()


def batch(arch: str, side: str = "right"):
    """TEXTS padded (on the right unless told), pad = eos where the tokenizer has no pad."""
    return tokenizer(arch, pad_as_eos=True, side=side)(TEXTS, padding=True, return_tensors="pt")


def greedy(arch: str, **kwargs):
    """Next-token scores of a one-token greedy generate."""
    out = model(arch).generate(
        **kwargs, max_new_tokens=1, do_sample=False, output_scores=True, return_dict_in_generate=True,
        pad_token_id=tokenizer(arch, pad_as_eos=True).pad_token_id,
    )
    return out.scores[0]


def short_row_gap(arch: str, scores) -> float:
    """How far the short text's next-token scores in a batch are from generating it alone."""
    alone = greedy(arch, **tokenizer(arch)(TEXTS[:1], return_tensors="pt"))
    return (scores[0] - alone[0]).abs().max().item()


def cache_of(output):
    return output.cache if major() >= 5 else output.past_key_values


def cache_kw() -> str:
    return "cache" if major() >= 5 else "past_key_values"


def num(x: float) -> str:
    return f"{x:.4f}"


# ---------------------------------------------------------------------------------------------
# Rows. Each measure(arch) returns what happened; an exception is recorded as its type and the
# first line of its message.

S_FORWARD = "Positional arguments of forward and generate"
SECTIONS[S_FORWARD] = (
    "`lb = batch(arch, side=\"left\")` (pad = eos where the tokenizer has none), `ids, am = lb[\"input_ids\"], "
    "lb[\"attention_mask\"]`. \"masked\" means the logits equal `model(ids, attention_mask=am)` and differ from "
    "`model(ids)`."
)


def forward_with_mask_positional(arch: str) -> str:
    import torch

    lb = batch(arch, side="left")
    ids, am = lb["input_ids"], lb["attention_mask"]
    second = list(inspect.signature(model(arch).forward).parameters)[1]
    with torch.no_grad():
        got = model(arch)(ids, am).logits
        masked = model(arch)(ids, attention_mask=am).logits
        unmasked = model(arch)(ids).logits
    used = torch.allclose(got, masked) and not torch.allclose(got, unmasked)
    return f"slot 2 is `{second}`; OK, {'masked' if used else 'mask NOT used'}"


row(
    S_FORWARD,
    "mask as 2nd positional, forward",
    "`model(ids, am)`",
    "right as it is where slot 2 is `attention_mask`; GPT-2, GPT-Neo: `model(ids, attention_mask=am)`",
    ("GPT-2", "GPT-Neo", "Llama", "Mistral", "Qwen2", "OPT", "GPT-NeoX"),
)(forward_with_mask_positional)


@row(
    S_FORWARD,
    "mask as 2nd positional, generate",
    "`model.generate(ids, am)`",
    "`model.generate(ids, attention_mask=am)` or `model.generate(**lb)`",
    ("GPT-2", "Llama", "Qwen2", "OPT"),
)
def generate_with_mask_positional(arch: str) -> str:
    lb = batch(arch, side="left")
    model(arch).generate(lb["input_ids"], lb["attention_mask"], max_new_tokens=2)
    return "OK"


def peft_model(arch: str):
    from peft import LoraConfig, get_peft_model

    return get_peft_model(fresh_model(arch), LoraConfig(r=4, lora_alpha=8, task_type="CAUSAL_LM")).eval()


@row(
    S_FORWARD,
    "PEFT-wrapped model, mask as 2nd positional",
    "`pm = get_peft_model(model, LoraConfig(task_type=\"CAUSAL_LM\")); pm(ids, am)`",
    "right as it is: `PeftModelForCausalLM.forward(input_ids, attention_mask, inputs_embeds, labels, …)` passes "
    "both on by keyword, whatever the base model's order",
)
def peft_forward_with_mask_positional(arch: str) -> str:
    import torch

    lb = batch(arch, side="left")
    ids, am = lb["input_ids"], lb["attention_mask"]
    pm = peft_model(arch)
    with torch.no_grad():
        got, masked, unmasked = pm(ids, am).logits, pm(ids, attention_mask=am).logits, pm(ids).logits
    used = torch.allclose(got, masked) and not torch.allclose(got, unmasked)
    second = list(inspect.signature(pm.forward).parameters)[1]
    return f"slot 2 is `{second}`; OK, {'masked' if used else 'mask NOT used'}"


@row(
    S_FORWARD,
    "PEFT-wrapped model, generate positional ids / unknown forward keyword",
    "`pm.generate(ids1, max_new_tokens=2)`; `pm(ids, text=TEXTS)`",
    "—; remove the unknown keyword",
)
def peft_generate_positional(arch: str) -> str:
    import torch

    pm = peft_model(arch)
    ids1 = tokenizer(arch)(ONE, return_tensors="pt")["input_ids"]
    shape = tuple(pm.generate(ids1, max_new_tokens=2, do_sample=False).shape)
    with torch.no_grad():
        try:
            same = torch.allclose(pm(ids1, text=TEXTS).logits, pm(ids1).logits)
            unknown = "unknown keyword ignored silently" if same else "unknown keyword changed the logits"
        except Exception as error:  # noqa: BLE001  (the row records what happens)
            unknown = describe(error)
    return f"generate OK {shape}; {unknown}"


@row(
    S_FORWARD,
    "positional order of forward",
    "`inspect.signature(type(model).forward)`, first four parameters; PEFT: `type(pm).forward`",
    "pass everything after `input_ids` by keyword",
    ("GPT-2", "GPT-Neo", "Llama", "Mistral", "Qwen2", "OPT", "GPT-NeoX"),
)
def forward_order(arch: str) -> str:
    order = list(inspect.signature(type(model(arch)).forward).parameters)[1:5]
    text = f"`{type(model(arch)).__name__}({', '.join(order)}, …)`"
    if arch == "GPT-2":
        try:
            from peft import PeftModelForCausalLM
        except ImportError:
            return text
        peft_order = list(inspect.signature(PeftModelForCausalLM.forward).parameters)[1:5]
        generate = list(inspect.signature(PeftModelForCausalLM.generate).parameters)[1:]
        text += f"; `PeftModelForCausalLM.forward({', '.join(peft_order)}, …)`, `.generate({', '.join(generate)})`"
    return text


@row(
    S_FORWARD,
    "PEFT loading forms",
    "`pm.save_pretrained(\"adapter\")`; `PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(name), "
    "\"adapter\")`; `AutoPeftModelForCausalLM.from_pretrained(\"adapter\")`",
    "— (each is a model: every rule applies through it)",
)
def peft_loading(arch: str) -> str:
    import torch
    from peft import AutoPeftModelForCausalLM, PeftModel

    folder = Path(tempfile.mkdtemp(prefix="adapter_"))
    peft_model(arch).save_pretrained(str(folder))
    loaded = PeftModel.from_pretrained(fresh_model(arch), str(folder))
    auto = AutoPeftModelForCausalLM.from_pretrained(str(folder))  # the base by its hub id, from the work dir
    ids1 = tokenizer(arch)(ONE, return_tensors="pt")["input_ids"]
    with torch.no_grad():
        same = torch.allclose(loaded(ids1).logits, auto(ids1).logits)
    return f"`{type(loaded).__name__}`, `{type(auto).__name__}`; same logits: {same}"


S_CHAT = "apply_chat_template"
SECTIONS[S_CHAT] = (
    "`messages = [{\"role\": \"user\", \"content\": \"Hello world\"}]`, `chat = tok.apply_chat_template(messages)` "
    "with the Llama-3 template (Llama-3.2-1B, BOS in the template) and ChatML (Qwen2-0.5B-Instruct, no BOS)."
)
CHAT_ARCHS = ("Llama", "Qwen2")


def chat(arch: str, **kwargs):
    return tokenizer(arch).apply_chat_template(MESSAGES, **kwargs)


def kind(value) -> str:
    import torch

    if isinstance(value, torch.Tensor):
        return f"Tensor {tuple(value.shape)}"
    if isinstance(value, str):
        return f"str {value[:30]!r}…"
    if isinstance(value, list):
        inner = f" of {type(value[0]).__name__}" if value else ""
        return f"list{inner}, len {len(value)}"
    if hasattr(value, "keys"):
        return f"{type(value).__name__} with keys {sorted(value.keys())}"
    return type(value).__name__


@row(S_CHAT, "default arguments", "`chat = tok.apply_chat_template(messages)`", "—", CHAT_ARCHS)
def chat_default(arch: str) -> str:
    return kind(chat(arch))


@row(S_CHAT, "`len()` of it", "`len(tok.apply_chat_template(messages))`", "`len(chat[\"input_ids\"])` on 5.x",
     CHAT_ARCHS)
def chat_len(arch: str) -> str:
    return f"{len(chat(arch))} (the ids: {len(chat(arch, return_dict=False))})"


@row(
    S_CHAT,
    "passed positionally to generate",
    "`model.generate(tok.apply_chat_template(messages))`",
    "`model.generate(**tok.apply_chat_template(messages, return_dict=True, return_tensors=\"pt\"))` (both versions)",
    CHAT_ARCHS,
)
def chat_generate_positional(arch: str) -> str:
    return kind(model(arch).generate(chat(arch), max_new_tokens=2, do_sample=False))


@row(S_CHAT, "passed positionally to forward", "`model(tok.apply_chat_template(messages))`", "as above, `model(**…)`",
     CHAT_ARCHS)
def chat_forward_positional(arch: str) -> str:
    return kind(model(arch)(chat(arch)).logits)


@row(S_CHAT, "as `input_ids=`", "`model.generate(input_ids=tok.apply_chat_template(messages))`", "as above",
     CHAT_ARCHS)
def chat_input_ids(arch: str) -> str:
    return kind(model(arch).generate(input_ids=chat(arch), max_new_tokens=2, do_sample=False))


@row(S_CHAT, "into `torch.tensor`", "`torch.tensor([tok.apply_chat_template(messages)])`",
     "`return_tensors=\"pt\"` with `return_dict=True`, then `**`", CHAT_ARCHS)
def chat_tensor(arch: str) -> str:
    import torch

    return kind(torch.tensor([chat(arch)]))


@row(S_CHAT, "`tokenize=False`", "`tok.apply_chat_template(messages, tokenize=False)`", "—", CHAT_ARCHS)
def chat_text(arch: str) -> str:
    return kind(chat(arch, tokenize=False))


@row(S_CHAT, "`return_dict=False`", "`tok.apply_chat_template(messages, return_dict=False)`", "—", CHAT_ARCHS)
def chat_ids(arch: str) -> str:
    return kind(chat(arch, return_dict=False))


@row(S_CHAT, "`return_tensors=\"pt\"`", "`x = tok.apply_chat_template(messages, return_tensors=\"pt\")`; "
     "`model.generate(x)`", "add `return_dict=True` and pass `**x`", CHAT_ARCHS)
def chat_pt(arch: str) -> str:
    x = chat(arch, return_tensors="pt")
    generated = attempt(lambda: kind(model(arch).generate(x, max_new_tokens=2, do_sample=False)))
    return f"{kind(x)}; generate(x): {generated}"


@row(S_CHAT, "`add_generation_prompt=True, return_tensors=\"pt\"`, unpacked", "`model.generate(**tok."
     "apply_chat_template(messages, add_generation_prompt=True, return_tensors=\"pt\"))`",
     "add `return_dict=True` (4.x needs it)", CHAT_ARCHS)
def chat_prompt_unpacked(arch: str) -> str:
    x = chat(arch, add_generation_prompt=True, return_tensors="pt")
    return kind(model(arch).generate(**x, max_new_tokens=2, do_sample=False))


@row(S_CHAT, "the portable form", "`model.generate(**tok.apply_chat_template(messages, add_generation_prompt=True, "
     "return_dict=True, return_tensors=\"pt\"))`", "—", CHAT_ARCHS)
def chat_portable(arch: str) -> str:
    x = chat(arch, add_generation_prompt=True, return_dict=True, return_tensors="pt")
    return kind(model(arch).generate(**x, max_new_tokens=2, do_sample=False))


S_KEYWORDS = "Keywords of generate and of the text-generation pipeline"
SECTIONS[S_KEYWORDS] = "`enc1 = tok(\"Hello world\", return_tensors=\"pt\")`; greedy unless the row says otherwise."


def generate_keyword(keyword: str, value) -> Callable[[str], str]:
    def measure(arch: str) -> str:
        enc1 = tokenizer(arch)(ONE, return_tensors="pt")
        out = model(arch).generate(**enc1, max_new_tokens=3, do_sample=False, **{keyword: value})
        base = model(arch).generate(**enc1, max_new_tokens=3, do_sample=False)
        return f"OK {tuple(out.shape)}, {'same as without it' if out.equal(base) else 'output changed'}"

    return measure


for _keyword, _value, _fix in [
    ("max_new_token", 5, "`max_new_tokens=5`"),
    ("num_beans", 2, "`num_beams=2`"),
    ("max_tokens", 5, "`max_new_tokens=5`"),
    ("temprature", 0.7, "`temperature=0.7` (with `do_sample=True`)"),
    ("top_k", 5, "— (a real field; greedy ignores it)"),
]:
    logs = ["not valid"] if _keyword == "top_k" else []  # the flags message is the point only there
    row(S_KEYWORDS, f"`{_keyword}=`", f"`model.generate(**enc1, {_keyword}={_value})`", _fix, logs=logs)(
        generate_keyword(_keyword, _value)
    )


def pipeline_keyword(keyword: str) -> Callable[[str], str]:
    def measure(arch: str) -> str:
        from transformers import pipeline

        pipe = pipeline("text-generation", model=NAMES[arch])
        quiet = dict(do_sample=False, pad_token_id=pipe.tokenizer.eos_token_id)
        with_it = pipe(ONE, **{keyword: 5}, **quiet)[0]["generated_text"]
        without = pipe(ONE, **quiet)[0]["generated_text"]
        wanted = pipe(ONE, max_new_tokens=5, **quiet)[0]["generated_text"]
        if with_it == without:
            return f"OK, **ignored**: output equals the output without it ({len(without)} chars; " \
                   f"with `max_new_tokens=5`: {len(wanted)})"
        return f"OK, output changed ({len(with_it)} chars against {len(without)})"

    return measure


for _keyword in ("max_tokens", "max_new_token"):
    row(S_KEYWORDS, f"pipeline `{_keyword}=`", f"`pipeline(\"text-generation\", model=name)(\"Hello world\", "
        f"{_keyword}=5)`", "`max_new_tokens=5`")(pipeline_keyword(_keyword))


S_PAD = "Pad tokens"
SECTIONS[S_PAD] = "The tokenizers as each hub checkpoint ships them."


@row(S_PAD, "padding without a pad token", "`tok(TEXTS, padding=True)`", "`tok.pad_token = tok.eos_token` (inference)",
     ("GPT-2", "Llama", "Mistral", "GPT-Neo", "GPT-NeoX", "Qwen2", "OPT", "Falcon"))
def pad_missing(arch: str) -> str:
    tok = tokenizer(arch)
    tok(TEXTS, padding=True)
    return f"OK (pad token {tok.pad_token!r})"


def added_pad(arch: str, resize: bool) -> str:
    import torch

    tok = tokenizer(arch)
    lm = fresh_model(arch)
    tok.add_special_tokens({"pad_token": "[PAD]"})
    if resize:
        lm.resize_token_embeddings(len(tok))
    enc = tok(TEXTS, padding=True, return_tensors="pt")
    with torch.no_grad():
        logits = lm(**enc).logits
    rows = lm.get_input_embeddings().weight.shape[0]
    return f"OK {tuple(logits.shape)} (pad id {tok.pad_token_id}, embedding rows {rows})"


@row(S_PAD, "default padding side", "`AutoTokenizer.from_pretrained(name).padding_side` (the class it loads)",
     "set `padding_side=\"left\"` for generation, whatever the default",
     ("GPT-2", "Llama", "Mistral", "Qwen2", "GPT-Neo", "GPT-NeoX", "OPT", "Falcon"))
def padding_side_default(arch: str) -> str:
    tok = tokenizer(arch)
    return f"{tok.padding_side!r} ({type(tok).__name__})"


row(S_PAD, "pad token added, embeddings not resized", "`tok.add_special_tokens({\"pad_token\": \"[PAD]\"})`; "
    "`model(**tok(TEXTS, padding=True, return_tensors=\"pt\"))`", "`model.resize_token_embeddings(len(tok))` first",
    ("GPT-2", "Llama", "Mistral", "OPT", "Falcon"))(lambda arch: added_pad(arch, resize=False))
row(S_PAD, "pad token added, embeddings resized", "… `model.resize_token_embeddings(len(tok))`; `model(**enc)`", "—",
    ("GPT-2", "Llama", "Falcon"))(lambda arch: added_pad(arch, resize=True))


S_OUTPUTS = "What comes back out of the model"
SECTIONS[S_OUTPUTS] = (
    "`enc = batch(arch)` (right-padded, pad = eos), `ids = enc[\"input_ids\"]`; the model in eval mode unless the "
    "row says `train()`."
)


def keys_and(arch: str, action: Callable, **kwargs) -> str:
    import torch

    enc = batch(arch)
    with torch.no_grad():
        out = model(arch)(**enc, labels=enc["input_ids"], **kwargs)
    return action(out)


def unpack_two(out) -> str:
    loss, logits = out
    return f"binds loss={loss!r}, logits={logits!r}; then `loss.item()`: " + attempt(lambda: loss.item())


def attempt(action: Callable[[], object]) -> str:
    try:
        result = action()
        return result if isinstance(result, str) else f"OK {result!r}"
    except Exception as error:  # noqa: BLE001
        return describe(error)


row(S_OUTPUTS, "unpacking the output (3 keys)", "`loss, logits = model(**enc, labels=ids)`",
    "`out = model(**enc, labels=ids); loss, logits = out.loss, out.logits`")(
    lambda arch: keys_and(arch, lambda out: f"keys {list(out.keys())}; " + attempt(lambda: unpack_two(out))))
row(S_OUTPUTS, "unpacking the output (2 keys: no cache)", "`loss, logits = model(**enc, labels=ids, use_cache=False)`",
    "as above")(
    lambda arch: keys_and(arch, lambda out: f"keys {list(out.keys())}; " + unpack_two(out), use_cache=False))


def unpack_train(arch: str, checkpointing: bool) -> str:
    lm = fresh_model(arch)
    if checkpointing:
        lm.gradient_checkpointing_enable()
    lm.train()
    enc = batch(arch)
    out = lm(**enc, labels=enc["input_ids"])  # noqa: GPT022  (the output's keys are what is measured)
    return f"keys {list(out.keys())}; " + attempt(lambda: unpack_two(out))


row(S_OUTPUTS, "unpacking in training mode", "`model.train(); loss, logits = model(**enc, labels=ids)`", "as above")(
    lambda arch: unpack_train(arch, checkpointing=False))
row(S_OUTPUTS, "unpacking in training mode with gradient checkpointing", "`model.gradient_checkpointing_enable(); "
    "model.train(); loss, logits = model(**enc, labels=ids)`", "as above")(
    lambda arch: unpack_train(arch, checkpointing=True))
row(S_OUTPUTS, "`outputs[0]` with labels", "`logits = model(**enc, labels=ids)[0]`", "`.logits`")(
    lambda arch: keys_and(arch, lambda out: f"`[0]` is {kind(out[0])} (the loss); `[1]` is {kind(out[1])}"))
row(S_OUTPUTS, "`return_dict=False`", "`loss, logits = model(**enc, labels=ids, return_dict=False)`",
    "`loss, logits = model(…, return_dict=False)[:2]`")(
    lambda arch: keys_and(arch, lambda out: f"{type(out).__name__} of {len(out)}; " + attempt(lambda: unpack_two(out)),
                          return_dict=False))
row(S_OUTPUTS, "`.to_tuple()`", "`loss, logits = model(**enc, labels=ids).to_tuple()`",
    "`.to_tuple()[:2]`, or the attributes")(
    lambda arch: keys_and(arch, lambda out: f"tuple of {len(out.to_tuple())}; "
                          + attempt(lambda: unpack_two(out.to_tuple()))))
row(S_OUTPUTS, "attributes", "`out = model(**enc, labels=ids); loss, logits = out.loss, out.logits`", "—")(
    lambda arch: keys_and(arch, lambda out: f"OK {kind(out.loss)}, {kind(out.logits)}"))


S_SILENT = "Silent bugs"
SECTIONS[S_SILENT] = (
    "Issue 13's candidates. Most run without an error, and the numbers say by how much the result differs from "
    "the fixed code's; `temperature=0.0` with sampling and a short `max_length` raise instead. "
    "\"short row\" is the shorter text of the batch; \"alone\" means generating it without a batch."
)


@row(S_SILENT, "pad = eos with `DataCollatorForLanguageModeling(mlm=False)`",
     "`tok.pad_token = tok.eos_token`; `clm = DataCollatorForLanguageModeling(tok, mlm=False)`; "
     "`clm([tok(t + tok.eos_token) for t in TEXTS])[\"labels\"]`",
     "a dedicated pad token: `tok.add_special_tokens({\"pad_token\": \"<pad>\"})` + "
     "`model.resize_token_embeddings(len(tok))` (Llama 3: `tok.pad_token = \"<|finetune_right_pad_id|>\"`, no resize)",
     ("GPT-2", "Llama", "Falcon"))
def collator_masks_eos(arch: str) -> str:
    from transformers import DataCollatorForLanguageModeling

    def eos_labels(tok) -> str:
        features = [tok(t + tok.eos_token) for t in TEXTS]
        out = DataCollatorForLanguageModeling(tok, mlm=False)(features)
        at_eos = out["labels"][out["input_ids"] == tok.eos_token_id]
        real = sum(f["input_ids"].count(tok.eos_token_id) for f in features)
        # the longer text is not padded: its last token is its own EOS
        ids, labels = out["input_ids"][1, -2:].tolist(), out["labels"][1, -2:].tolist()
        tail = f"`input_ids[1, -2:]` {ids}, `labels[1, -2:]` {labels}"
        return f"{real} real EOS tokens, {int((at_eos != -100).sum())} kept as labels ({tail})"

    own = tokenizer(arch)
    own.add_special_tokens({"pad_token": "<pad>"})
    text = f"{eos_labels(tokenizer(arch, pad_as_eos=True))}; with a dedicated pad token: {eos_labels(own)}"
    shipped = tokenizer(arch)
    if "<|finetune_right_pad_id|>" in shipped.get_vocab():  # Llama 3.1+ ship a pad token that nothing sets
        shipped.pad_token = "<|finetune_right_pad_id|>"
        text += f"; with `<|finetune_right_pad_id|>`: {eos_labels(shipped)}"
    return text


@row(S_SILENT, "right-padded batch to generate", "`model.generate(**batch(arch, side=\"right\"))`",
     "`tok.padding_side = \"left\"` before encoding", ("GPT-2", "Llama", "Qwen2", "OPT", "Falcon"),
     logs=["right-padding"])
def right_padding_generate(arch: str) -> str:
    right = short_row_gap(arch, greedy(arch, **batch(arch, side="right")))
    left = short_row_gap(arch, greedy(arch, **batch(arch, side="left")))
    return f"short row's scores differ from alone by {num(right)} (left-padded: {num(left)})"


@row(S_SILENT, "last-position logits of a right-padded batch", "`model(**batch(arch)).logits[:, -1]`",
     "left padding (absolute positions, as GPT-2's, also need `position_ids=am.cumsum(-1) - 1`), or read each "
     "row's last real position", ("GPT-2", "Llama", "OPT", "Falcon"))
def right_padding_last_logits(arch: str) -> str:
    import torch

    def short_row_last(side: str, positions: bool = False) -> float:
        enc = batch(arch, side=side)
        if positions:  # what generate does for a left-padded batch, and a plain forward does not
            enc["position_ids"] = (enc["attention_mask"].cumsum(-1) - 1).clamp(min=0)
        with torch.no_grad():
            got = model(arch)(**enc).logits[0, -1]
            alone = model(arch)(**tokenizer(arch)(TEXTS[:1], return_tensors="pt")).logits[0, -1]
        return (got - alone).abs().max().item()

    right, left, placed = short_row_last("right"), short_row_last("left"), short_row_last("left", positions=True)
    return f"short row differs from alone by {num(right)} (left-padded: {num(left)}; left-padded with " \
           f"`position_ids` from the mask: {num(placed)})"


@row(S_SILENT, "`padding_side` set after encoding", "`enc = tok(TEXTS, padding=True, return_tensors=\"pt\")`; "
     "`tok.padding_side = \"left\"`; `model.generate(**enc)`", "set it before encoding, or at `from_pretrained`",
     ("GPT-2", "Llama", "Falcon"), logs=["right-padding"])
def padding_side_late(arch: str) -> str:
    tok = tokenizer(arch, pad_as_eos=True, side="right")
    enc = tok(TEXTS, padding=True, return_tensors="pt")
    tok.padding_side = "left"
    still_right = bool((enc["attention_mask"][:, -1] == 0).any())
    return f"batch still right-padded: {still_right}; short row differs from alone by " \
           f"{num(short_row_gap(arch, greedy(arch, **enc)))}"


@row(S_SILENT, "left-padded batch without its mask", "`model.generate(lb[\"input_ids\"])`",
     "`model.generate(**lb)`", ("GPT-2", "Llama", "Qwen2", "OPT", "Falcon"), logs=["attention mask"])
def generate_without_mask(arch: str) -> str:
    lb = batch(arch, side="left")
    gap = short_row_gap(arch, greedy(arch, input_ids=lb["input_ids"]))
    pad = tokenizer(arch, pad_as_eos=True).pad_token_id
    eos = model(arch).generation_config.eos_token_id
    if pad in (eos if isinstance(eos, list) else [eos]):
        own = "own pad token, but among generation_config's eos ids"
        why = "pad = eos" if pad == tokenizer(arch).eos_token_id else own
    else:
        why = "own pad token: generate infers the mask from it"
    return f"short row differs from alone by {num(gap)} ({why})"


@row(S_SILENT, "labels = padded ids", "`model(**enc, labels=enc[\"input_ids\"])`",
     "`labels = ids.masked_fill(am == 0, -100)`", ("GPT-2", "Llama", "Mistral"))
def labels_with_pads(arch: str) -> str:
    import torch

    enc = batch(arch)
    ids, am = enc["input_ids"], enc["attention_mask"]
    with torch.no_grad():
        bad = model(arch)(**enc, labels=ids).loss.item()
        good = model(arch)(**enc, labels=ids.masked_fill(am == 0, -100)).loss.item()
    return f"loss {num(bad)} against {num(good)}"


@row(S_SILENT, "labels shifted by hand", "`labels = torch.cat([ids1[:, 1:], torch.full((1, 1), -100)], 1)`; "
     "`model(ids1, labels=labels)`", "`labels=ids1` (the model shifts them)")
def labels_shifted(arch: str) -> str:
    import torch

    ids1 = tokenizer(arch)(TEXTS[1], return_tensors="pt")["input_ids"]
    shifted = torch.cat([ids1[:, 1:], torch.full((1, 1), -100)], 1)
    with torch.no_grad():
        bad = model(arch)(ids1, labels=shifted).loss.item()
        good = model(arch)(ids1, labels=ids1).loss.item()
    return f"loss {num(bad)} against {num(good)} (predicts two tokens ahead)"


@row(S_SILENT, "chat text encoded again", "`text = tok.apply_chat_template(messages, tokenize=False)`; "
     "`tok(text)[\"input_ids\"][:3]`", "`tok(text, add_special_tokens=False)`", ("Llama", "Llama-Instruct", "Qwen2"))
def chat_text_twice(arch: str) -> str:
    tok = tokenizer(arch)
    text = chat(arch, tokenize=False)
    ids = tok(text)["input_ids"]
    bos = tok.bos_token_id
    return f"{ids[:3]}: BOS ({bos}) {ids[:2].count(bos) if bos is not None else 0}×; " \
           f"with `add_special_tokens=False`: {tok(text, add_special_tokens=False)['input_ids'][:2]}"


def sampling_settings(arch: str, **kwargs) -> str:
    import torch

    enc1 = tokenizer(arch)(ONE, return_tensors="pt")
    greedy_ids = model(arch).generate(**enc1, max_new_tokens=8, do_sample=False)
    torch.manual_seed(0)
    out = model(arch).generate(**enc1, max_new_tokens=8, **kwargs)
    config = model(arch).generation_config
    return f"{'equals greedy' if out.equal(greedy_ids) else 'differs from greedy (sampled)'} " \
           f"(generation_config.do_sample={config.do_sample})"


row(S_SILENT, "`temperature`/`top_p` without `do_sample=True`", "`model.generate(**enc1, temperature=0.7, top_p=0.9)`",
    "`do_sample=True`", ("GPT-2", "Llama", "OPT"), logs=["not valid"])(
    lambda arch: sampling_settings(arch, temperature=0.7, top_p=0.9))
row(S_SILENT, "`temperature=0.0` with sampling", "`model.generate(**enc1, do_sample=True, temperature=0.0)`",
    "`do_sample=False` for greedy")(lambda arch: sampling_settings(arch, do_sample=True, temperature=0.0))


@row(S_SILENT, "literal `max_length` not longer than the prompt", "`model.generate(**enc, max_length=5)` with a "
     "10-token prompt (11 with Llama's BOS)", "`max_new_tokens=5`")
def max_length_short(arch: str) -> str:
    enc = tokenizer(arch)(TEXTS[1], return_tensors="pt")
    prompt = enc["input_ids"].shape[1]

    def generated(max_length: int) -> str:
        out = model(arch).generate(**enc, max_length=max_length, do_sample=False)
        return f"{out.shape[1] - prompt} new tokens"

    return f"`max_length=5`: {attempt(lambda: generated(5))}; `max_length={prompt}` (the prompt's length): " \
           + attempt(lambda: generated(prompt))


def attentions(arch: str, attn: str = "") -> str:
    import torch

    with torch.no_grad():
        out = model(arch, attn)(**tokenizer(arch)(ONE, return_tensors="pt"), output_attentions=True)
    got = "`None`" if out.attentions is None else f"{len(out.attentions)} tensors"
    return f"attentions: {got} ({model(arch, attn).config._attn_implementation})"


row(S_SILENT, "`output_attentions=True` under the default attention", "`model(**enc1, output_attentions=True)"
    ".attentions`", "`from_pretrained(name, attn_implementation=\"eager\")`", ("GPT-2", "Llama", "Falcon"),
    logs=["output_attentions"])(attentions)
row(S_SILENT, "`output_attentions=True` with eager attention", "`from_pretrained(name, attn_implementation=\"eager\")`",
    "—", ("GPT-2", "Llama", "Falcon"))(lambda arch: attentions(arch, "eager"))


@row(S_SILENT, "whole sequence fed again with the cache", "`out = model(ids1)`; `model(torch.cat([ids1, nxt], 1), "
     "past_key_values=out.past_key_values)` (5.x: `cache=out.cache`)", "feed only the new token: `model(nxt, …)`")
def cache_whole_sequence(arch: str) -> str:
    import torch

    lm = model(arch)
    ids1 = tokenizer(arch)(TEXTS[1], return_tensors="pt")["input_ids"]
    nxt = torch.tensor([[5]])
    full = torch.cat([ids1, nxt], 1)
    with torch.no_grad():
        truth = lm(full).logits[0, -1]
        only_new = lm(nxt, **{cache_kw(): cache_of(lm(ids1, use_cache=True))}).logits[0, -1]
        try:
            again = lm(full, **{cache_kw(): cache_of(lm(ids1, use_cache=True))}).logits[0, -1]
            wrong = f"last logits differ by {num((again - truth).abs().max().item())}"
        except Exception as error:  # noqa: BLE001
            wrong = describe(error)
    return f"{wrong}; only the new token: {num((only_new - truth).abs().max().item())}"


# ---------------------------------------------------------------------------------------------
# Running and reporting


def describe(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    if not lines:
        return f"{type(error).__name__} with an empty message"
    return f"{type(error).__name__}: {lines[0][:170]}{'…' if len(lines[0]) > 170 else ''}"


class Said(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: List[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def measure_once(measure: Callable[[str], str], arch: str, logs: Sequence[str]) -> str:
    import torch
    import transformers.utils.logging as hf_logging

    hf_logging.warning_once.cache_clear()
    said = Said()
    hf_logger = logging.getLogger("transformers")
    hf_logger.addHandler(said)
    torch.manual_seed(0)
    try:
        with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stderr(io.StringIO()):
            warnings.simplefilter("always")
            try:
                result = measure(arch)
            except Exception as error:  # noqa: BLE001  (the row records what happens)
                result = describe(error)
    finally:
        hf_logger.removeHandler(said)
    notes = [line.strip().splitlines()[0] for line in said.lines + [str(w.message) for w in caught] if line.strip()]
    notes = [n[:110] + ("…" if len(n) > 110 else "") for n in dict.fromkeys(notes) if any(w in n for w in logs)]
    return result + "".join(f" [logs: {n}]" for n in notes)


def run(out_path: str) -> None:
    import torch
    import transformers

    sys.path.insert(0, str(ROOT / "tests"))
    import tiny_checkpoints

    try:
        import peft

        peft_version = peft.__version__
    except ImportError:
        peft_version = None
    transformers.utils.logging.disable_default_handler()  # measure_once collects what it says
    work = Path(tempfile.mkdtemp(prefix="causal_lm_gt_"))
    with contextlib.redirect_stderr(io.StringIO()):
        tiny_checkpoints.build_all(work)
    os.chdir(work)
    results: Dict[str, Dict[str, str]] = {}
    for r in ROWS:
        key = f"{r.section}|{r.pattern}"
        if r.section == S_FORWARD and "PEFT" in r.pattern and peft_version is None:
            continue
        results[key] = {arch: measure_once(r.measure, arch, r.logs) for arch in r.archs}
    versions = {
        "transformers": transformers.__version__,
        "torch": torch.__version__,
        "tokenizers": __import__("tokenizers").__version__,
        "peft": peft_version or "not installed",
        "Python": platform.python_version(),
    }
    Path(out_path).write_text(json.dumps({"versions": versions, "results": results}, indent=1), encoding="utf-8")


def cell(per_arch: Dict[str, str]) -> str:
    """One table cell: architectures with the same result share it."""
    groups: Dict[str, List[str]] = {}
    for arch, result in per_arch.items():
        groups.setdefault(result, []).append(arch)
    if len(groups) == 1:
        return next(iter(groups)).replace("|", "\\|")
    return "<br>".join(f"{', '.join(archs)}: {result}" for result, archs in groups.items()).replace("|", "\\|")


# What the run recorded below shows, in words: update it when a rerun on other versions changes a row.
IN_SHORT = """\
**In short** (4.57.6 and 5.24.0):

- **Positional order is per class.** Slot 2 of `forward` is `attention_mask` on Llama, Mistral, Qwen2, OPT and
  GPT-NeoX, so `model(ids, am)` is right there (and masks); on GPT-2 and GPT-Neo it is the cache and the call fails.
  A PEFT wrapper's `forward(input_ids, attention_mask, inputs_embeds, labels, …)` makes `pm(ids, am)` right
  even around GPT-2. Slot 3 differs between versions (GPT-2: `cache_position` in 4.x, `attention_mask` in 5.x;
  OPT: `head_mask` in 4.x, `cache` in 5.x). `generate(ids, am)` fails everywhere (slot 2 is `generation_config`).
- **`apply_chat_template(messages)` returns a `BatchEncoding` in 5.x** (a list of ids in 4.x): positional or
  `input_ids=` use fails (AttributeError with an empty message), `len()` is 2, `torch.tensor([...])` fails.
  `return_tensors="pt"` alone gives a `BatchEncoding` in 5.x and a tensor in 4.x, so `generate(x)` works only on
  4.x and `generate(**x)` only on 5.x. `return_dict=True, return_tensors="pt"` with `**` works on both;
  `return_dict=False` gives ids on both; `tokenize=False` text on both.
- **Misspelled and foreign `generate` keywords raise** ValueError ("The following `model_kwargs` are not used by
  the model: [...]") in both versions, through `pipeline("text-generation")` too: none is silently ignored.
  A real field that the decoding mode does not use (`top_k` when greedy) only logs "not valid and may be ignored".
- **Pad tokens.** Llama-3, Mistral, GPT-2, GPT-Neo and Falcon tokenizers have none (padding raises); Qwen2
  (`<|endoftext|>`) and OPT (`<pad>`) have one; Pythia's `GPTNeoXTokenizer` has none in 4.x but `<|padding|>` in
  5.x (the class default changed). `AutoTokenizer` gives Mistral a `LlamaTokenizerFast` that pads on the left in
  4.x, but in 5.x a `TokenizersBackend` (its mapping for `model_type` mistral) that pads on the right, though
  `LlamaTokenizer.from_pretrained` still pads on the left there: the padding side follows the class, not the name.
  A pad token added without `resize_token_embeddings` makes the forward raise IndexError on every architecture.
- **Outputs.** With labels a causal LM's output has three keys (`loss`, `logits`, and `past_key_values` in 4.x /
  `cache` in 5.x): `loss, logits = out` raises "too many values to unpack (expected 2)". Without a cache
  (`use_cache=False`, or gradient checkpointing in training) it has two and binds the strings `'loss'` and
  `'logits'`; the next use fails on `'str'`. `out[0]` is the loss; `return_dict=False` and `.to_tuple()` give
  three items.
- **Silent rows** all reproduce on both versions. Pad = eos with the LM collator masks every real EOS label
  (a dedicated pad token, or Llama 3's own `<|finetune_right_pad_id|>`, keeps them). Right padding (also
  `padding_side` set after encoding) and a missing mask change the short row's next-token scores by 0.09-0.59
  here, while left padding with the mask gives the row's own scores (Qwen2 on 4.x to 0.009). Without the mask,
  OPT is right anyway (generate infers the mask from its own pad token); Qwen2 is not (its pad is one of its
  generation eos ids). Reading `logits[:, -1]` of a right-padded batch reads a pad position; left padding fixes
  it for rotary positions (Llama) and OPT's mask-derived ones, but GPT-2's absolute positions also need
  `position_ids` from the mask in a plain forward (`generate` computes them). Pads in the labels and
  hand-shifted labels change the loss. A chat text encoded again starts with two BOS tokens on Llama 3 (Qwen2
  has no BOS). Feeding the whole sequence with the cache changes the last logits. `temperature`/`top_p` without
  `do_sample=True` are ignored (greedy output, a "not valid" log) **unless the checkpoint's generation config
  samples**, as Llama 3.2's and Qwen2-Instruct's do. `temperature=0.0` with sampling and a `max_length` not
  longer than the prompt **raise ValueError on both versions**. `output_attentions=True` under SDPA gives `()`
  in 5.x; in 4.x GPT-2 falls back and returns 2 tensors, Llama returns `None`; eager gives them everywhere.
- **Falcon** (`tiiuae/falcon-7b`, a family no rule knew) behaves as Llama on every padding row, on both versions:
  no pad token (ValueError), pads on the right (`PreTrainedTokenizerFast` in 4.x, `TokenizersBackend` in 5.x), a
  pad token added without resizing raises IndexError, pad = eos with the LM collator masks every real EOS label,
  right padding (also set late) and a missing mask change the short row's scores (0.10-0.51) while left padding
  with the mask gives its own. Its default attention is SDPA on both versions, but `output_attentions=True`
  still gives one tensor a layer: Falcon's attention computes the weights itself when asked, so it is not
  one of the families whose attentions come back empty.
"""


def report(old_path: str, new_path: str) -> str:
    old, new = (json.loads(Path(p).read_text(encoding="utf-8")) for p in (old_path, new_path))
    lines = [
        "# Ground truth: causal LMs beyond GPT-2",
        "",
        "Generated by `tools/causal_lm_ground_truth.py` from real transformers classes on CPU, on the tiny "
        "random checkpoints of `tests/tiny_checkpoints.py` (two layers, hidden size 32, each saved under its "
        "hub id with the tokenizer class, special tokens, chat template and generation config that the hub's "
        "checkpoint ships). Nothing was downloaded. The reference for the rules of issues 12 and 13, in the "
        "layout of the GPT-2 ground truth: \"same\" means the 5.x result is word for word the 4.x one.",
        "",
        "| | transformers 4.x | transformers 5.x |",
        "|---|---|---|",
    ]
    for name in old["versions"]:
        lines.append(f"| {name} | {old['versions'][name]} | {new['versions'][name]} |")
    lines += [
        "",
        IN_SHORT,
        "Rerun (about a minute each):",
        "",
        "```sh",
        "python3 -m venv /tmp/venv-tf4 && /tmp/venv-tf4/bin/pip install torch==2.13.0 transformers==4.57.6 \\",
        "    tokenizers==0.22.2 datasets==5.0.1 accelerate==1.15.0 peft==0.21.2",
        "/tmp/venv-tf4/bin/python tools/causal_lm_ground_truth.py run /tmp/gt4.json",
        "PYTHONPATH=$PWD .venv/bin/python tools/causal_lm_ground_truth.py run /tmp/gt5.json",
        "python3 tools/causal_lm_ground_truth.py report /tmp/gt4.json /tmp/gt5.json > docs/ground-truth-causal-lm.md",
        "```",
        "",
        "Names: `TEXTS = [\"This is some sample text.\", \"Another piece of sample text, a bit longer.\"]`; "
        "`batch(arch, side)` is `tok(TEXTS, padding=True, return_tensors=\"pt\")` after `tok.pad_token = "
        "tok.eos_token` where the tokenizer has no pad token; `ids1`/`enc1` encode `\"Hello world\"` alone. "
        "\"[logs: …]\" is what transformers logged or warned during the row. Where architectures differ, the cell "
        "lists each.",
        "",
        "The tiny checkpoints: " + ", ".join(f"{arch} = `{name}`" for arch, name in NAMES.items()) + ". "
        "Where they differ from the hub's: the vocabulary is the tiny BPE's (385 tokens), so ids differ; the "
        "special tokens follow it, except OPT's, Pythia's and Falcon's, which keep the first ids as on the hub "
        "(Falcon: its eleven `>>…<<` markers, then `<|endoftext|>` as id 11); Mistral's "
        "sentencepiece `tokenizer.model` is not shipped (its `tokenizer.json` is a metaspace BPE with byte fallback, "
        "as the hub's), so only 4.x's slow `LlamaTokenizer` cannot load it; the chat templates are the hub's "
        "without the tool-calling branches.",
    ]
    section = None
    for r in ROWS:
        key = f"{r.section}|{r.pattern}"
        if key not in new["results"]:
            continue
        if r.section != section:
            section = r.section
            lines += ["", f"## {section}", "", SECTIONS[section], "",
                      "| pattern | snippet | 4.x result | 5.x result | correct fix |", "|---|---|---|---|---|"]
        old_cell = cell(old["results"][key]) if key in old["results"] else "not run"
        new_cell = cell(new["results"][key])
        if new_cell == old_cell:
            new_cell = "same"
        pattern = f"{r.pattern} ({', '.join(r.archs)})"
        pattern, snippet, fix = (text.replace("|", "\\|") for text in (pattern, r.snippet, r.fix))
        lines.append(f"| {pattern} | {snippet} | {old_cell} | {new_cell} | {fix} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    os.environ.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    os.environ.setdefault("HF_HOME", tempfile.mkdtemp(prefix="hf_home_"))  # no user cache read or written
    command, *paths = sys.argv[1:]
    if command == "run":
        run(*paths)
    else:
        sys.stdout.write(report(*paths))
