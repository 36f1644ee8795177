# Lint-only: a line that ends with "# flagged: CODE ..." holds exactly those findings; no other line holds one.
# Class methods of transformers names held in variables and called later, and dicts of generation
# settings copied before `**`: their calls are seen as the calls written out.
import transformers
from transformers import AutoModelForCausalLM, AutoTokenizer

load = AutoModelForCausalLM.from_pretrained
model = load("gpt2", use_auth_token=True)  # flagged: GPT016
model("Continue the story:")  # flagged: GPT001
load_tokenizer = AutoTokenizer.from_pretrained
tokenizer = load_tokenizer("gpt2", use_auth_token=True)
tokenizer(["a", "b"], padding=True)  # flagged: GPT003
make = AutoModelForCausalLM.from_config
make(model.config)("Continue the story:")  # flagged: GPT001


def chosen(kind):
    if kind == "t5":
        loader = transformers.T5ForConditionalGeneration.from_pretrained
    elif kind == "bart":
        loader = transformers.BartForConditionalGeneration.from_pretrained
    else:
        raise ValueError(kind)
    picked = loader("t5-small", use_auth_token=False)  # flagged: GPT016
    picked("Summarize this:")  # flagged: GPT001
    return picked


def model_or_tokenizer(kind):
    if kind == "tokenizer":
        loader = AutoTokenizer.from_pretrained
    else:
        loader = AutoModelForCausalLM.from_pretrained
    made = loader("gpt2", use_auth_token=False)  # a tokenizer still takes it
    made("Continue the story:")
    return made


def maybe_other(kind, other):
    loader = AutoModelForCausalLM.from_pretrained
    if kind:
        loader = other
    made = loader("gpt2", use_auth_token=False)
    made("Continue the story:")
    return made


def rebound(other):
    loader = AutoModelForCausalLM.from_pretrained
    loader = other.from_pretrained
    return loader("gpt2", use_auth_token=False)


ids = tokenizer("Hello world", return_tensors="pt").input_ids
defaults = {"max_new_tokens": 5, "temperature": 0.7}
copied = dict(defaults)
model.generate(ids, **copied)  # flagged: GPT026
model.generate(ids, **defaults.copy())  # flagged: GPT026
model.generate(ids, **{**defaults})  # flagged: GPT026
model.generate(ids, **dict(defaults, top_k=5))  # flagged: GPT026
sampling = defaults.copy()
sampling["do_sample"] = True
model.generate(ids, **sampling)
model.generate(ids, **copied)  # flagged: GPT026
defaults["do_sample"] = True
model.generate(ids, **defaults)
model.generate(ids, **copied)  # flagged: GPT026
handed = dict(copied)
transformers.set_seed(0)
print(handed)
change_settings(handed)
model.generate(ids, **handed)
