from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

model_name = "t5-small"

model = AutoModelForSeq2SeqLM.from_pretrained(model_name)
tokenizer = AutoTokenizer.from_pretrained(model_name)

context = '''
    Frank Zappa ||| Disbandment ||| What group disbanded ||| Zappa and the Mothers of Invention ||| When did they disband?
'''

encoded_input = tokenizer(
    context,
    padding='max_length',
    max_length=64,
    truncation=True,
    return_tensors="pt",
)

encoder_output = model.generate(
    input_ids=encoded_input["input_ids"], attention_mask=encoded_input["attention_mask"], max_new_tokens=8
)
output = tokenizer.decode(
    encoder_output[0],
    skip_special_tokens=True
)
print(output)
