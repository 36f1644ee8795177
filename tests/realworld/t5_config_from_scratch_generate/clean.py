from transformers import T5Config, T5ForConditionalGeneration, T5TokenizerFast

tokenizer = T5TokenizerFast.from_pretrained("t5-small")
# the config loaded from the pretrained checkpoint holds decoder_start_token_id
config = T5Config.from_pretrained("t5-small")
model = T5ForConditionalGeneration(config)

questions = ["Question: what does the dog like", "Question: where is the cat"]
batch = tokenizer(questions, padding=True, return_tensors="pt")

outputs = model.generate(batch["input_ids"], attention_mask=batch["attention_mask"], max_length=10, early_stopping=True)
print(tokenizer.batch_decode(outputs, skip_special_tokens=True))
