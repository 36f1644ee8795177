# Lint-only: a line that ends with "# flagged: CODE ..." holds exactly those findings; no other line holds one.
# Values through the file's own functions, methods and instances. A call of the file passes what it
# passes, whatever other calls pass and whoever else may call the function: a body is walked again
# with each of a few calls' values (a finding only such a walk makes gets no fix).
import functools
import sys

import torch
from transformers import AutoModel, AutoTokenizer, GPT2LMHeadModel

tok = AutoTokenizer.from_pretrained("gpt2")


def load():
    return GPT2LMHeadModel.from_pretrained("gpt2")


def load_pair():
    return AutoModel.from_pretrained("gpt2"), tok


def maybe_load(flag):
    if flag:
        return load()


def generator_load():
    yield load()


async def async_load():
    return load()


model = load()
model("text")  # flagged: GPT001
pair_model, pair_tok = load_pair()
pair_model("text")  # flagged: GPT001
maybe_load(True)("text")  # falls off its end: may give None
next(generator_load())("text")


def every_call_passes_text(prompt):
    return model(prompt)  # flagged: GPT001


every_call_passes_text("a")
every_call_passes_text(prompt="b")


def one_call_unknown(prompt):
    return model(prompt)  # flagged: GPT001


one_call_unknown("a")
one_call_unknown(sys.argv[1])


def kinds_differ(prompt):
    return model(prompt)  # flagged: GPT001


kinds_differ("a")
kinds_differ(tok("a", return_tensors="pt").input_ids)


def never_called(prompt):
    return model(prompt)


def unpacked_calls(prompt):
    return model(prompt)


unpacked_calls(*["a"])
unpacked_calls(**{"prompt": "a"})


def converts_first(prompt):
    prompt = tok(prompt, return_tensors="pt").input_ids
    return model(prompt)


converts_first("a")


def tells_kinds_apart(prompt):
    if isinstance(prompt, str):
        return model(**tok(prompt, return_tensors="pt"))
    return model(prompt)


tells_kinds_apart("a")


def passed_as_callback(prompt):
    return model(prompt)  # flagged: GPT001


passed_as_callback("a")
outputs = list(map(passed_as_callback, ["b"]))


@functools.lru_cache()
def decorated(prompt):
    return model(prompt)


decorated("a")


@torch.no_grad()
def without_gradients(prompt):
    return model(prompt)  # flagged: GPT001


without_gradients("a")


def stored(prompt):
    return model(prompt)  # flagged: GPT001


stored("a")
handlers = {"run": stored}


def exported(prompt):
    return model(prompt)  # flagged: GPT001


exported("a")
__all__ = ["exported"]


def calls_later_defined():
    return defined_below("a")


def defined_below(prompt):
    return model(prompt)  # flagged: GPT001


def chain_start(prompt):
    return chain_end(prompt)


def chain_end(prompt):
    return model(prompt)  # flagged: GPT001


chain_start("a")


def may_be_none(model=None, prompt="text"):
    return model(prompt)


may_be_none()


class Generator:
    def __init__(self, model, tokenizer):
        self.model = model
        self.tokenizer = tokenizer

    def complete(self, prompt):
        return self.model.generate(prompt)  # flagged: GPT001

    def complete_right(self, prompt):
        return self.model.generate(**self.tokenizer(prompt, return_tensors="pt"))


generator = Generator(model, tok)
generator.complete("a")
generator.complete_right("a")


class Handed:
    def __init__(self, model):
        self.model = model

    def run(self, prompt):
        return self.model(prompt)  # flagged: GPT001


handed = Handed(model)
handed.run("a")
print(handed)


class Wrapper(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.lm = GPT2LMHeadModel.from_pretrained("gpt2")

    def forward(self, batch):
        return self.lm(batch)  # flagged: GPT004


wrapper = Wrapper()
wrapper(tok("a", return_tensors="pt"))


class Trained(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.lm = GPT2LMHeadModel.from_pretrained("gpt2")

    def forward(self, batch):
        return self.lm(batch)


Trained()(tok("a", return_tensors="pt"))
trainer_like = torch.compile(Trained())


class Base:
    def run(self, prompt):
        return model(prompt)  # flagged: GPT001


class Derived(Base):
    def run(self, prompt):
        return super().run(tok(prompt, return_tensors="pt").input_ids)


Base().run("a")
