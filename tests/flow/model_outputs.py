# Lint-only: a line that ends with "# flagged: CODE ..." holds exactly those findings; no other line holds one.
# GPT013: what a model's forward gives, and where it is known to be a ModelOutput.
import torch
from torch.utils.data import DataLoader
from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer, DataCollatorForLanguageModeling
from transformers import GPT2Config, GPT2LMHeadModel

tokenizer = AutoTokenizer.from_pretrained("gpt2")
tokenizer.pad_token = tokenizer.eos_token
model = AutoModelForCausalLM.from_pretrained("gpt2")
enc = tokenizer("Hello world", return_tensors="pt")
ids = enc["input_ids"]

loss, logits = model(ids, labels=ids)  # flagged: GPT013
[loss, logits] = model(ids, labels=ids)  # flagged: GPT013
loss, *rest = model(ids, labels=ids)  # flagged: GPT013
loss, logits = model.forward(ids, labels=ids)  # flagged: GPT013
loss, logits = model.eval()(ids, labels=ids)  # flagged: GPT013
loss, logits = model(**enc, labels=ids, return_dict=True)  # flagged: GPT013
out = model(**enc, labels=ids)
loss, logits = out  # flagged: GPT013
logits = out[0]  # flagged: GPT013
top = out[0][:, -1].topk(5)  # flagged: GPT013
loss = out[0]
logits = out[1]
loss, logits = out[:2]
loss, logits = out.loss, out.logits
loss, logits = out.to_tuple()[:2]
plain = model(ids)
logits = plain[0]
top = plain[0][:, -1].topk(5)

# a tuple asked for: in the call, at loading, in the configuration
loss, logits, cache = model(ids, labels=ids, return_dict=False)
flag = False
loss, logits = model(ids, labels=ids, return_dict=flag)
tuples = AutoModelForCausalLM.from_pretrained("gpt2", return_dict=False)
loss, logits = tuples(ids, labels=ids)
scripted = AutoModelForCausalLM.from_pretrained("gpt2", torchscript=True)
loss, logits = scripted(ids, labels=ids)
configured = AutoModelForCausalLM.from_pretrained("gpt2", config=AutoConfig.from_pretrained("gpt2"))
loss, logits = configured(ids, labels=ids)
later = AutoModelForCausalLM.from_pretrained("gpt2")
later.config.return_dict = False
loss, logits = later(ids, labels=ids)
replaced = AutoModelForCausalLM.from_pretrained("gpt2")
replaced.config = GPT2Config(return_dict=False)
loss, logits = replaced(ids, labels=ids)
remote = AutoModelForCausalLM.from_pretrained("some/model", trust_remote_code=True)
loss, logits = remote(ids, labels=ids)
built = GPT2LMHeadModel(GPT2Config())
loss, logits = built(ids, labels=ids)
options = {"return_dict": False}
loss, logits = model(ids, labels=ids, **options)
args = (ids,)
loss, logits = model(*args)

# generate, and what is not a transformers model
first, second = model.generate(ids)


class TupleLM(torch.nn.Module):
    def forward(self, input_ids, labels=None):
        return input_ids.float().mean(), input_ids


loss, logits = TupleLM()(ids, labels=ids)

# batches of a collator may hold labels: the unpacking is flagged, `[0]` (loss or logits) is not
loader = DataLoader([], collate_fn=DataCollatorForLanguageModeling(tokenizer, mlm=False))  # no eos in its texts
for batch in loader:
    loss, logits = model(**batch)  # flagged: GPT013
    logits = model(**batch)[0]


class Wrapper:
    def __init__(self):
        self.model = AutoModelForCausalLM.from_pretrained("gpt2")

    def step(self, ids):
        loss, logits = self.model(ids, labels=ids)  # flagged: GPT013
        return loss


def unknown(some_model, ids):
    loss, logits = some_model(ids, labels=ids)
    return loss


def uses_global(ids):
    loss, logits = model(ids, labels=ids)  # flagged: GPT013
    return loss


if ids is None:
    maybe = AutoModelForCausalLM.from_pretrained("gpt2", return_dict=False)
else:
    maybe = AutoModelForCausalLM.from_pretrained("gpt2")
loss, logits = maybe(ids, labels=ids)
