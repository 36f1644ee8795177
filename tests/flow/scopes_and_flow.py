# Lint-only: a line that ends with "# flagged: CODE ..." holds exactly those findings; no other line holds one.
from transformers import AutoModel, AutoTokenizer

model = AutoModel.from_pretrained("gpt2")
tok = AutoTokenizer.from_pretrained("gpt2")


def load():
    ...


try:
    text = load()
except Exception:
    text = "default"
model(text)  # the body's path gives an unknown value

try:
    both = "x"
except Exception:
    both = "y"
model(both)  # flagged: GPT001

try:
    later = load()
except Exception:
    pass
else:
    later = "z"
model(later)  # the handler's path leaves it unknown

try:
    pass
finally:
    final = "w"
model(final)  # flagged: GPT001

match load():
    case 1:
        case_value = "a"
    case _:
        case_value = load()
model(case_value)

for _ in range(3):
    in_loop = "q"
model(in_loop)  # flagged: GPT001

maybe = load()
while load():
    maybe = "text"
model(maybe)

outputs = [model(t) for t in ["a", "b"]]  # flagged: GPT001
if (walrus := "walrus"):
    model(walrus)  # flagged: GPT001
if load():
    branch = "text"
else:
    branch = load()
model(branch)


def rebinds_global():
    global shared
    shared = load()


shared = "text"
model(shared)


def outer():
    enclosed = "text"

    def inner():
        nonlocal enclosed
        enclosed = load()

    inner()
    model(enclosed)


first, *rest = "x", "y"
model(first)
with open(__file__) as handle:
    model(handle)


def parameter_named_model(model):
    return model("text")


def local_text():
    prompt = "text"
    return prompt


def other_function():
    return model(prompt)  # noqa: F821  (prompt is local to local_text)


def uses_global_model():
    return model("text")  # flagged: GPT001


def shadows_model():
    model = load()
    return model("text")


class Holder:
    model = "a class attribute, not self.model"

    def __init__(self):
        self.net = AutoModel.from_pretrained("gpt2")

    def run(self, prompt: str):
        self.model("text")
        return self.net(prompt)  # flagged: GPT001

    def rebinding(self):
        self = load()
        return self.net("text")


call = lambda model: model("text")  # noqa: E731
for sample in ["a", "b"]:
    model(sample)  # flagged: GPT001


def explicit_none_inputs(embeddings):
    return model(input_ids=None, inputs_embeds=embeddings)
