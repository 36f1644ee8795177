import torch
from transformers import LlamaForCausalLM, LlamaTokenizer

m = LlamaForCausalLM.from_pretrained(
    "mistralai/Mistral-7B-v0.1",
    dtype=torch.float32,
)
tokenizer = LlamaTokenizer.from_pretrained("mistralai/Mistral-7B-v0.1")

config = {"num_beams": 2, "min_new_tokens": 10, "max_length": 100, "repetition_penalty": 2.0}
out = m.generate("write me a story about a lonely computer")
print(out)
