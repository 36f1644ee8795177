# Finds: GPT021 10:13
# Fails with: nothing (silent: the pad tokens are attended to, so the fixed code prints other tokens)
# Fix: unsafe
from transformers import AutoModelForCausalLM, AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("tiiuae/falcon-7b", padding_side="left")
tokenizer.pad_token = tokenizer.eos_token
model = AutoModelForCausalLM.from_pretrained("tiiuae/falcon-7b")
batch = tokenizer(["a text", "The quick brown fox jumps over the lazy dog."], padding=True, return_tensors="pt")
generated = model.generate(batch["input_ids"], max_new_tokens=4, do_sample=False, attention_mask=batch["attention_mask"])
print(generated[0].tolist())
