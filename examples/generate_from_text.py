"""An inference script with the three mistakes flake8-gpt2 catches first.

    flake8 --select GPT examples/        # report
    flake8-gpt2 --diff --unsafe-fixes examples/   # see the fixes
"""
import torch
from transformers import GPT2LMHeadModel, GPT2Tokenizer

tokenizer = GPT2Tokenizer.from_pretrained("gpt2")
model = GPT2LMHeadModel.from_pretrained("gpt2").eval()

prompts = ["The weather today is", "My favourite food is"]
batch = tokenizer(prompts, padding=True, return_tensors="pt")

with torch.no_grad():
    logits = model(prompts).logits
    embeddings = model.transformer.wte(batch["input_ids"])
    hidden = model(embeddings, attention_mask=batch["attention_mask"])
    continuation = model.generate("Once upon a time", max_new_tokens=20)

print(tokenizer.decode(continuation[0]))
