import torch
from transformers import RobertaModel

model = RobertaModel.from_pretrained('roberta-base')
input_ids = torch.tensor([[0, 164, 100, 135, 32, 2, 2, 157, 217, 164, 108, 5, 2]])
outputs = model(input_ids)
print(outputs[0].size())

token_type_ids = torch.tensor([[0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]])
outputs = model(input_ids, token_type_ids=token_type_ids)
print(outputs[0].size())
