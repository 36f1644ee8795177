from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("facebook/bart-base")
model = AutoModelForSeq2SeqLM.from_pretrained("facebook/bart-base")
inputs = tokenizer(
    """
    America has changed dramatically during recent years. Not only has the number of
    graduates in traditional engineering disciplines declined, but in most of the premier
    American universities engineering curricula now concentrate on the science of engineering.
""", return_tensors="pt"
)
summary_ids = model.generate(**inputs, max_new_tokens=8)
print(tokenizer.batch_decode(summary_ids, skip_special_tokens=True))
