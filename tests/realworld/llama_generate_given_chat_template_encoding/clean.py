import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

LLAMA = "meta-llama/Llama-3.2-1B-Instruct"

messages = [
    {"role": "system", "content": "You are a helpful assistant"},
    {"role": "user", "content": "Tell a light-hearted joke for a room of Data Scientists"},
]

tokenizer = AutoTokenizer.from_pretrained(LLAMA)
tokenizer.pad_token = tokenizer.eos_token
inputs = tokenizer.apply_chat_template(messages, return_tensors="pt").to("cpu")

model = AutoModelForCausalLM.from_pretrained(LLAMA, dtype=torch.float32)
outputs = model.generate(**inputs, max_new_tokens=8)
print(tokenizer.decode(outputs[0]))
