from transformers import AutoModelForCausalLM, AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("facebook/opt-125m")
model_fintuned = AutoModelForCausalLM.from_pretrained("facebook/opt-125m")

prompt = "Human: Please tell me about Microsoft in a few sentence? Assistant:"
inputs = tokenizer(prompt, return_tensors="pt", padding="max_length", max_length=64)
output = model_fintuned.generate(inputs["input_ids"].to("cpu"), max_length=72)
print("wrong padding")
print(tokenizer.batch_decode(output))
