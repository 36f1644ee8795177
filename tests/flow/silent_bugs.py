# Lint-only: a line that ends with "# flagged: CODE ..." holds exactly those findings; no other line holds one.
# The settings GPT020-GPT029 rely on are proven only where they always hold.
import sys

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer, DataCollatorForLanguageModeling

model = AutoModelForCausalLM.from_pretrained("gpt2")
texts = ["a b", "c"]

right = AutoTokenizer.from_pretrained("gpt2")
right.pad_token = right.eos_token
model.generate(**right(texts, padding=True, return_tensors="pt"))  # flagged: GPT020
alias = right
model.generate(**alias(texts, padding=True, return_tensors="pt"))  # flagged: GPT020

maybe_left = AutoTokenizer.from_pretrained("gpt2")
maybe_left.pad_token = maybe_left.eos_token
if len(sys.argv) > 1:
    maybe_left.padding_side = "left"
model.generate(**maybe_left(texts, padding=True, return_tensors="pt"))  # unknown side after the branch
maybe_left.padding_side = "right"
model.generate(**maybe_left(texts, padding=True, return_tensors="pt"))  # still unknown: a branch set it


def set_left():
    right.padding_side = "left"


model.generate(**right(texts, padding=True, return_tensors="pt"))  # set_left() may have run

handed = AutoTokenizer.from_pretrained("gpt2")
handed.pad_token = handed.eos_token
prepare = print if len(sys.argv) > 2 else repr
configure = prepare
configure(handed)
model.generate(**handed(texts, padding=True, return_tensors="pt"))  # unknown code may set the side

eos = AutoTokenizer.from_pretrained("gpt2", padding_side="left")
eos.pad_token = eos.eos_token
batch = eos(texts, padding=True, return_tensors="pt")
model.generate(batch["input_ids"])  # flagged: GPT021
model.generate(batch.input_ids, **{"attention_mask": batch.attention_mask})
eos(texts[0] + eos.eos_token)  # an eos in its texts: the collator would mask it
DataCollatorForLanguageModeling(eos, mlm=False)  # flagged: GPT024
DataCollatorForLanguageModeling(eos)  # masked LM: raises on GPT-2, and is not this rule's

branchy = AutoTokenizer.from_pretrained("gpt2")
for _ in range(2):
    branchy.pad_token = branchy.eos_token
DataCollatorForLanguageModeling(branchy, mlm=False)
branchy(f"{texts[0]}{branchy.eos_token}")

labels = batch["input_ids"].clone()
model(**batch, labels=labels)  # flagged: GPT022
labels.masked_fill_(batch["attention_mask"] == 0, -100)
model(**batch, labels=labels)
copied = batch["input_ids"].clone()
torch.save(copied, "ids.pt")
model(**batch, labels=copied)  # handed to a function: it may have replaced the pads
