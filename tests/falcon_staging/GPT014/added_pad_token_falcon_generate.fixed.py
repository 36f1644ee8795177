# Finds: GPT014 13:10
# Fails with: IndexError: index out of range in self
# Fix: none
# Falcon's hub model has exactly its tokenizer's rows of embeddings (65024), as Llama 3's.
from transformers import AutoModelForCausalLM, AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("tiiuae/falcon-7b", padding_side="left")
tokenizer.add_special_tokens({"pad_token": "<pad>"})
model = AutoModelForCausalLM.from_pretrained("tiiuae/falcon-7b")
model.resize_token_embeddings(len(tokenizer))
model.generation_config.pad_token_id = tokenizer.pad_token_id
texts = ["Hello world", "This is some sample text."]
encoded = tokenizer(texts, padding=True, return_tensors="pt")
output = model.generate(**encoded, max_new_tokens=2, do_sample=False)
print(output.shape)
