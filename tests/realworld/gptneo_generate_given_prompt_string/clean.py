from transformers import AutoModelForCausalLM, AutoTokenizer

model = AutoModelForCausalLM.from_pretrained("EleutherAI/gpt-neo-125m")
tokenizer = AutoTokenizer.from_pretrained("EleutherAI/gpt-neo-125m")
inputs = tokenizer("Question: What is the square root of 15?\nAnswer:", return_tensors="pt")
print(tokenizer.decode(model.generate(**inputs, max_new_tokens=5)[0]))
