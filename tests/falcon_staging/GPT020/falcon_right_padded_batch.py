# Finds: GPT020 10:13
# Fails with: nothing (silent: the short prompt is continued from its pad tokens, so the fixed code prints other tokens)
# Fix: unsafe
from transformers import AutoModelForCausalLM, AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("tiiuae/falcon-7b")
tokenizer.pad_token = tokenizer.eos_token
model = AutoModelForCausalLM.from_pretrained("tiiuae/falcon-7b")
batch = tokenizer(["Hello world", "The quick brown fox jumps over the lazy dog."], padding=True, return_tensors="pt")
generated = model.generate(**batch, max_new_tokens=4, do_sample=False)
print(tokenizer.decode(generated[0], skip_special_tokens=True))
