# Finds: GPT020 10:12
# Fails with: nothing (silent: the short row's prediction is read at a pad position, so the fixed code prints another token)
# Fix: none
from transformers import AutoModelForCausalLM, AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("tiiuae/falcon-7b")
tokenizer.pad_token = tokenizer.eos_token
model = AutoModelForCausalLM.from_pretrained("tiiuae/falcon-7b")
batch = tokenizer(["Hello world", "The quick brown fox jumps over the lazy dog."], padding=True, return_tensors="pt")
next_ids = model(**batch).logits[:, -1].argmax(-1)
print(next_ids.tolist())
