# Finds: GPT020 10:12
# Fails with: nothing (silent: the short row's prediction is read at a pad position, so the fixed code prints another token)
# Fix: none
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("tiiuae/falcon-7b")
tokenizer.pad_token = tokenizer.eos_token
model = AutoModelForCausalLM.from_pretrained("tiiuae/falcon-7b")
batch = tokenizer(["Hello world", "The quick brown fox jumps over the lazy dog."], padding=True, return_tensors="pt")
logits = model(**batch).logits
next_ids = logits[torch.arange(len(logits)), batch["attention_mask"].sum(1) - 1].argmax(-1)
print(next_ids.tolist())
