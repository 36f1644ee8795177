from transformers import AutoTokenizer, DataCollatorForLanguageModeling

tokenizer = AutoTokenizer.from_pretrained("gpt2")
tokenizer.pad_token = tokenizer.eos_token

data_collator = DataCollatorForLanguageModeling(tokenizer=tokenizer, mlm=False)

sentences = ["Short sentence<|endoftext|>", "Now that's a longer sentence<|endoftext|>"]
tokenized = [tokenizer(sentence) for sentence in sentences]
batch = data_collator(tokenized)
print(batch["labels"].tolist())
