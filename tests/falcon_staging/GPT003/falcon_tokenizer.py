# Finds: GPT003 10:11
# Fails with: ValueError: Asking to pad but the tokenizer does not have a padding token.
# Fix: unsafe
# Falcon's tokenizer, as GPT-2's, ships without a pad token.
from transformers import AutoModelForCausalLM, AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("tiiuae/falcon-7b")
model = AutoModelForCausalLM.from_pretrained("tiiuae/falcon-7b")
texts = ["This is some sample text.", "Another piece of sample text, a bit longer."]
encoded = tokenizer(texts, padding=True, return_tensors="pt")
print(model(**encoded).logits.shape)
