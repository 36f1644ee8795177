from transformers import AutoModelForCausalLM, AutoTokenizer, DataCollatorForLanguageModeling

model = AutoModelForCausalLM.from_pretrained("gpt2")
tokenizer = AutoTokenizer.from_pretrained("gpt2")
tokenizer.pad_token = tokenizer.eos_token

data_collator = DataCollatorForLanguageModeling(tokenizer=tokenizer, mlm=False)

list_of_seqs = ["GLWSKIKEVGKEAAKAAAKAAGKAALGAVSEAV", "DGVKLCDVPSGTWSGHCGSSSKCSQQCKDREHFAYGGACHYQFPSVKCFCKRQC"]

tokens = tokenizer(list_of_seqs, padding=True, return_tensors="pt", return_special_tokens_mask=True)
collated = data_collator(tokens)
print(collated["labels"].shape)
