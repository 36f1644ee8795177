from transformers import AutoModelForCausalLM

model = AutoModelForCausalLM.from_pretrained("EleutherAI/gpt-neo-125m")
model.generate("Question: What is the square root of 15?\nAnswer:")
