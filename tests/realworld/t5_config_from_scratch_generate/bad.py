from transformers import T5Config, T5ForConditionalGeneration, T5TokenizerFast

tokenizer = T5TokenizerFast.from_pretrained("t5-small")
# the model is made from a config written by hand, not the checkpoint's
config = T5Config(vocab_size=len(tokenizer), d_model=32, d_kv=8, d_ff=64, num_layers=2, num_heads=4)
model = T5ForConditionalGeneration(config)

questions = ["Question: what does the dog like", "Question: where is the cat"]
batch = tokenizer(questions, padding=True, return_tensors="pt")

outputs = model.generate(batch["input_ids"], attention_mask=batch["attention_mask"], max_length=10, early_stopping=True)
print(tokenizer.batch_decode(outputs, skip_special_tokens=True))
