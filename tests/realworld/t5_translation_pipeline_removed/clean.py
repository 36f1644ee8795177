from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("t5-small")
model = AutoModelForSeq2SeqLM.from_pretrained("t5-small")
inputs = tokenizer("translate French to English: Ce cours est produit par Hugging Face.", return_tensors="pt")
outputs = model.generate(**inputs, max_new_tokens=8)
print(tokenizer.batch_decode(outputs, skip_special_tokens=True))
