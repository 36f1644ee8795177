import torch
from transformers import LlamaForCausalLM, LlamaTokenizer

m = LlamaForCausalLM.from_pretrained(
    "mistralai/Mistral-7B-v0.1",
    dtype=torch.float32,
)
tokenizer = LlamaTokenizer.from_pretrained("mistralai/Mistral-7B-v0.1")

config = {"num_beams": 2, "min_new_tokens": 10, "max_length": 100, "repetition_penalty": 2.0}
input_ids = tokenizer("write me a story about a lonely computer", return_tensors="pt").input_ids
out = m.generate(input_ids, **config)
print(tokenizer.decode(out[0]))
