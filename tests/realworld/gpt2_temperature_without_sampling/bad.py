from transformers import AutoModelForCausalLM, AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("gpt2")
model = AutoModelForCausalLM.from_pretrained("gpt2")

input_ids = tokenizer("Once upon a time there was", return_tensors="pt").input_ids
for temperature in [0.5, 1.0, 2.0]:
    outputs = model.generate(input_ids, max_new_tokens=8, temperature=temperature, pad_token_id=tokenizer.eos_token_id)
    print(temperature, tokenizer.decode(outputs[0]))
