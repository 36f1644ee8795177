import torch
from transformers import AutoModel, AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained('roberta-base')  # roberta-large in the report
model = AutoModel.from_pretrained('roberta-base')

# RoBERTa counts positions from padding_idx + 1: the tokenizer's own limit (512) is the usable length
em = tokenizer.model_max_length  # 512
texts = [
    " ".join(["The quick brown fox jumps over the lazy dog."] * 80),
    "The dog sits on the mat.",
]
inputs = tokenizer(texts, max_length=em, truncation=True, padding=True, return_tensors='pt')
with torch.no_grad():
    outputs = model(**inputs)
print(outputs.last_hidden_state.shape)
