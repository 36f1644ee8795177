import pandas as pd
import torch
from transformers import GPT2Model, GPT2Tokenizer

data = pd.DataFrame(
    {
        "gene-symbol": ["Hello world", "a text", "raw text", "This is some sample text.", "Another piece"],
        "syndromic": [0, 1, 0, 1, 0],
    }
)
train_data = data

tokenizer = GPT2Tokenizer.from_pretrained("gpt2")
model = GPT2Model.from_pretrained("gpt2")

tokenizer.add_special_tokens({"pad_token": "[PAD]"})

train_tokens = tokenizer(
    train_data["gene-symbol"].tolist(), padding=True, truncation=True, max_length=10, return_tensors="pt"
)

with torch.no_grad():
    train_outputs = model(**train_tokens)
train_features = train_outputs.last_hidden_state[:, 0, :].numpy()
print(train_features.shape)
