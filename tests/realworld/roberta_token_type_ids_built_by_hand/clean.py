import torch
from transformers import RobertaModel

model = RobertaModel.from_pretrained('roberta-base')
input_ids = torch.tensor([[0, 164, 100, 135, 32, 2, 2, 157, 217, 164, 108, 5, 2]])
outputs = model(input_ids)
print(outputs[0].size())

# RoBERTa has a single token type: the pair is told apart by its separators alone
token_type_ids = torch.zeros_like(input_ids)
outputs = model(input_ids, token_type_ids=token_type_ids)
print(outputs[0].size())
