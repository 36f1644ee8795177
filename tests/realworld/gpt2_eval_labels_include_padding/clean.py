import math

import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForCausalLM, AutoTokenizer, DataCollatorWithPadding


def compute_perplexity(model, dataloader):
    model.eval()
    total_loss, total_tokens = 0.0, 0
    with torch.no_grad():
        for batch in dataloader:
            labels = batch["input_ids"].masked_fill(batch["attention_mask"] == 0, -100)
            outputs = model(**batch, labels=labels)
            total_loss += outputs.loss.item() * batch["input_ids"].numel()
            total_tokens += batch["input_ids"].numel()
    return math.exp(total_loss / total_tokens)


tokenizer = AutoTokenizer.from_pretrained("gpt2")
tokenizer.pad_token = tokenizer.eos_token
model = AutoModelForCausalLM.from_pretrained("gpt2")
texts = ["Hello world", "The quick brown fox jumps over the lazy dog.", "a text"]
features = [tokenizer(text) for text in texts]
dataloader = DataLoader(features, batch_size=3, collate_fn=DataCollatorWithPadding(tokenizer))
print(round(compute_perplexity(model, dataloader), 3))
