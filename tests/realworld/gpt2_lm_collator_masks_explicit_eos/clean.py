from transformers import AutoTokenizer, DataCollatorForLanguageModeling

tokenizer = AutoTokenizer.from_pretrained("gpt2")
tokenizer.add_special_tokens({"pad_token": "[PAD]"})

data_collator = DataCollatorForLanguageModeling(tokenizer=tokenizer, mlm=False)

sentences = ["Short sentence<|endoftext|>", "Now that's a longer sentence<|endoftext|>"]
tokenized = [tokenizer(sentence) for sentence in sentences]
batch = data_collator(tokenized)
print(batch["labels"].tolist())
