"""Every tiny checkpoint loads offline, under its hub id, with AutoTokenizer and
AutoModelForCausalLM, without a warning, and generates; its tokenizer has the special tokens the
hub's checkpoint has."""
from __future__ import annotations

import json

import pytest

from tiny_checkpoints import names

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
        "pad": tok.pad_token,
        "chat": tok.chat_template is not None,
        "generated": list(out.shape),
        "prompt": list(prompt["input_ids"].shape),
    }
print(json.dumps(facts))
'''

PAD = {
    "gpt2": None,
    "meta-llama/Llama-3.2-1B": None,
    "meta-llama/Llama-3.2-1B-Instruct": None,
    "mistralai/Mistral-7B-v0.1": None,
    "Qwen/Qwen2-0.5B-Instruct": "<|endoftext|>",
    "EleutherAI/gpt-neo-125m": None,
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
def facts(run_scripts, tmp_path_factory):
    script = tmp_path_factory.mktemp("load_each") / "load_each.py"
    script.write_text(f"NAMES = {names()!r}\n" + LOAD_EACH, encoding="utf-8")
    outcome = run_scripts([script])[script.resolve()]
    assert outcome.ok, f"{outcome.exc_type}: {outcome.exc_message}\n{outcome.stderr[-2000:]}"
    return json.loads(outcome.stdout)


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
