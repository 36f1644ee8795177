# Finds: GPT024 9:12
# Fails with: nothing (silent: every eos label is -100, so the fixed code prints labels that keep the eos id)
# Fix: unsafe
from transformers import AutoModelForCausalLM, AutoTokenizer, DataCollatorForLanguageModeling

tokenizer = AutoTokenizer.from_pretrained("tiiuae/falcon-7b")
tokenizer.add_special_tokens({"pad_token": "<|pad|>"})
model = AutoModelForCausalLM.from_pretrained("tiiuae/falcon-7b")
model.resize_token_embeddings(len(tokenizer))
collator = DataCollatorForLanguageModeling(tokenizer=tokenizer, mlm=False)
texts = ["Hello world", "The quick brown fox jumps over the lazy dog."]
batch = collator([tokenizer(text + tokenizer.eos_token) for text in texts])
print("eos learnt in", [tokenizer.eos_token_id in row for row in batch["labels"].tolist()])
print(round(model(**batch).loss.item(), 4))
