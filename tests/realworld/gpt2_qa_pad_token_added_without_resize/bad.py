import string

import torch
from transformers import GPT2LMHeadModel, GPT2Tokenizer

dataset = [
    {"user": "Hello world, what is the weather today?", "bot": "The weather today is sunny and warm."},
    {"user": "What is your favourite food?", "bot": "My favourite food is bread with cheese."},
]


def preprocess_text(text):
    text = text.lower()
    text = text.translate(str.maketrans("", "", string.punctuation))
    return " ".join(text.split())


preprocessed_dataset = [
    {"user": preprocess_text(entry["user"]), "bot": preprocess_text(entry["bot"])} for entry in dataset
]

model = GPT2LMHeadModel.from_pretrained("gpt2")
tokenizer = GPT2Tokenizer.from_pretrained("gpt2")
tokenizer.add_special_tokens({"pad_token": "[PAD]"})

inputs = tokenizer(
    [entry["user"] for entry in preprocessed_dataset], padding=True, truncation=True, return_tensors="pt"
)
input_ids = inputs["input_ids"]
attention_mask = inputs["attention_mask"]

with torch.no_grad():
    outputs = model(input_ids, attention_mask=attention_mask)
print(outputs.logits.shape)
