"""Every tiny checkpoint loads offline, under its hub id, with AutoTokenizer and
AutoModelForCausalLM, without a warning, and generates; its tokenizer has the special tokens the
hub's checkpoint has; PEFT wraps GPT-2 and Llama."""
from __future__ import annotations

import json

import pytest

from tiny_checkpoints import FALCON_MARKERS, names

LOAD_EACH = '''
import contextlib, io, json, warnings
import transformers
from transformers import AutoModelForCausalLM, AutoTokenizer

facts = {"major": int(transformers.__version__.split(".")[0])}
for name in NAMES:
    said = io.StringIO()
    with contextlib.redirect_stderr(said), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tok = AutoTokenizer.from_pretrained(name)
        model = AutoModelForCausalLM.from_pretrained(name)
        prompt = tok("Hello world", return_tensors="pt")
        out = model.generate(**prompt, max_new_tokens=3, pad_token_id=tok.eos_token_id)
    # 5.x draws progress bars while it loads and saves; anything else is a warning
    complaints = [line for line in said.getvalue().splitlines() if line.strip() and "it/s]" not in line]
    facts[name] = {
        "complaints": complaints + [str(w.message) for w in caught],
        "model": type(model).__name__,
        "layers": model.config.num_hidden_layers,
        "first_id": prompt["input_ids"][0, 0].item(),
        "bos_id": tok.bos_token_id,
        "eos": [tok.eos_token, tok.eos_token_id],
        "specials": tok.all_special_tokens,
        "pad": tok.pad_token,
        "chat": tok.chat_template is not None,
        "generated": list(out.shape),
        "prompt": list(prompt["input_ids"].shape),
    }
print(json.dumps(facts))
'''

WRAP_IN_PEFT = '''
import json
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM, AutoTokenizer

wrapped = {}
for name in ("gpt2", "meta-llama/Llama-3.2-1B"):
    tok = AutoTokenizer.from_pretrained(name)
    pm = get_peft_model(AutoModelForCausalLM.from_pretrained(name), LoraConfig(r=4, task_type="CAUSAL_LM"))
    enc = tok("Hello world", return_tensors="pt")
    out = pm(**enc, labels=enc["input_ids"])
    wrapped[name] = [type(pm).__name__, out.loss.dim(), out.logits.shape[:2] == enc["input_ids"].shape]
print(json.dumps(wrapped))
'''

PAD = {
    "gpt2": None,
    "meta-llama/Llama-3.2-1B": None,
    "meta-llama/Llama-3.2-1B-Instruct": None,
    "mistralai/Mistral-7B-v0.1": None,
    "Qwen/Qwen2-0.5B-Instruct": "<|endoftext|>",
    "EleutherAI/gpt-neo-125m": None,
    "tiiuae/falcon-7b": None,
    "facebook/opt-125m": "<pad>",
}
PREPENDS_BOS = {
    "meta-llama/Llama-3.2-1B",
    "meta-llama/Llama-3.2-1B-Instruct",
    "mistralai/Mistral-7B-v0.1",
    "facebook/opt-125m",
}
CHAT = {"meta-llama/Llama-3.2-1B", "meta-llama/Llama-3.2-1B-Instruct", "Qwen/Qwen2-0.5B-Instruct"}


@pytest.fixture(scope="module")
def outputs(run_scripts, tmp_path_factory):
    """What each script printed, as JSON; both run in one subprocess."""
    folder = tmp_path_factory.mktemp("checkpoints")
    scripts = {"load_each": f"NAMES = {names()!r}\n" + LOAD_EACH, "wrap_in_peft": WRAP_IN_PEFT}
    for stem, text in scripts.items():
        (folder / f"{stem}.py").write_text(text, encoding="utf-8")
    results = run_scripts([folder / f"{stem}.py" for stem in scripts])
    printed = {}
    for path, outcome in results.items():
        assert outcome.ok, f"{path.name}: {outcome.exc_type}: {outcome.exc_message}\n{outcome.stderr[-2000:]}"
        printed[path.stem] = json.loads(outcome.stdout)
    return printed


@pytest.fixture(scope="module")
def facts(outputs):
    return outputs["load_each"]


@pytest.mark.parametrize("name", names())
def test_checkpoint_loads_quietly_and_generates(name, facts):
    got = facts[name]
    assert got["complaints"] == []
    assert got["layers"] == 2
    assert got["model"] == "GPT2LMHeadModel" if name == "gpt2" else got["model"].endswith("ForCausalLM")
    assert got["generated"] == [1, got["prompt"][1] + 3]


@pytest.mark.parametrize("name", names())
def test_tokenizer_has_the_hubs_special_tokens(name, facts):
    got = facts[name]
    # Pythia's tokenizer class gained a default pad token, `<|padding|>`, in transformers 5
    pad = PAD.get(name, "<|padding|>" if facts["major"] >= 5 else None)
    assert got["pad"] == pad
    assert (got["first_id"] == got["bos_id"]) == (name in PREPENDS_BOS)
    assert got["chat"] == (name in CHAT)


def test_falcon_is_its_own_family_as_the_hub_ships_it(facts):
    """Loaded by AutoModelForCausalLM as FalconForCausalLM; its tokenizer ends texts with nothing and
    has `<|endoftext|>` (id 11, after the eleven `>>...<<` markers) as eos, no bos, no pad token."""
    got = facts["tiiuae/falcon-7b"]
    assert got["model"] == "FalconForCausalLM"
    assert got["eos"] == ["<|endoftext|>", 11]
    assert got["bos_id"] is None and got["pad"] is None
    assert sorted(got["specials"]) == sorted(FALCON_MARKERS + ("<|endoftext|>",))


def test_peft_wraps_gpt2_and_llama_offline(outputs):
    for name in ("gpt2", "meta-llama/Llama-3.2-1B"):
        kind, loss_dims, logits_per_token = outputs["wrap_in_peft"][name]
        assert kind == "PeftModelForCausalLM" and loss_dims == 0 and logits_per_token


LOAD_TEXT_MODELS = '''
import json
import torch
from transformers import AutoModel, AutoModelForSeq2SeqLM, AutoModelForSequenceClassification, AutoTokenizer

facts = {}
for name, auto in NAMES.items():
    tok = AutoTokenizer.from_pretrained(name)
    model = getattr(__import__("transformers"), auto).from_pretrained(name)
    enc = tok(["Hello world", "a text"], padding=True, return_tensors="pt")
    facts[name] = {
        "model": type(model).__name__,
        "layers": model.config.num_hidden_layers,
        "pad": [tok.pad_token, tok.pad_token_id],
        "start": getattr(model.config, "decoder_start_token_id", None),
        "text": tok.decode(enc["input_ids"][0]),
    }
    if auto == "AutoModelForSeq2SeqLM":
        facts[name]["generated"] = model.generate(**enc, max_new_tokens=3).shape[0]
print(json.dumps(facts))
'''
TEXT_MODELS = {
    "facebook/bart-base": ("AutoModelForSeq2SeqLM", "BartForConditionalGeneration", ["<pad>", 1], 2),
    "google-t5/t5-small": ("AutoModelForSeq2SeqLM", "T5ForConditionalGeneration", ["<pad>", 0], 0),
    "t5-small": ("AutoModelForSeq2SeqLM", "T5ForConditionalGeneration", ["<pad>", 0], 0),
    "bert-base-uncased": ("AutoModelForSequenceClassification", "BertForSequenceClassification", ["[PAD]", 0], None),
    "roberta-base": ("AutoModelForSequenceClassification", "RobertaForSequenceClassification", ["<pad>", 1], None),
    "distilbert-base-uncased": (
        "AutoModelForSequenceClassification", "DistilBertForSequenceClassification", ["[PAD]", 0], None
    ),
}
TEXTS = {
    "facebook/bart-base": "<s>Hello world</s>",
    "google-t5/t5-small": "Hello world</s>",
    "t5-small": "Hello world</s>",
    "bert-base-uncased": "[CLS] hello world [SEP]",
    "roberta-base": "<s>Hello world</s>",
    "distilbert-base-uncased": "[CLS] hello world [SEP]",
}


@pytest.fixture(scope="module")
def text_facts(run_scripts, tmp_path_factory):
    script = tmp_path_factory.mktemp("text_checkpoints") / "load_text_models.py"
    names = {name: auto for name, (auto, *_) in TEXT_MODELS.items()}
    script.write_text(f"NAMES = {names!r}\n" + LOAD_TEXT_MODELS, encoding="utf-8")
    outcome = run_scripts([script])[script.resolve()]
    assert outcome.ok, f"{outcome.exc_type}: {outcome.exc_message}\n{outcome.stderr[-2000:]}"
    return json.loads(outcome.stdout)


@pytest.mark.parametrize("name", list(TEXT_MODELS))
def test_encoder_decoder_and_encoder_checkpoints_load_as_the_hubs(name, text_facts):
    """T5 and BART load as their conditional-generation class and generate; BERT, RoBERTa and
    DistilBERT as classifiers;
    each with its hub's pad token, decoder start token and special tokens around a text."""
    _, model, pad, start = TEXT_MODELS[name]
    got = text_facts[name]
    assert (got["model"], got["layers"], got["pad"], got["start"]) == (model, 2, pad, start)
    assert got["text"] == TEXTS[name]
    assert got.get("generated", 2) == 2
