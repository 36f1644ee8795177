import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

model_id = "meta-llama/Llama-3.2-1B"

tokenizer = AutoTokenizer.from_pretrained(model_id)
with torch.device("cpu"):
    model = AutoModelForCausalLM.from_pretrained(model_id)

tokenizer.pad_token_id = tokenizer.eos_token_id
tokenizer.padding_side = "right"
inp = tokenizer(["Today I am in Paris and", "Hi there!"], padding=True, return_tensors="pt").to("cpu")

res = model.generate(**inp, num_beams=1, do_sample=False, min_new_tokens=10, max_new_tokens=10)

print(tokenizer.batch_decode(res))
