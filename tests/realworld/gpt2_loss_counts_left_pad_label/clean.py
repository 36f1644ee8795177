import torch
from transformers import GPT2LMHeadModel

model = GPT2LMHeadModel.from_pretrained("gpt2", return_dict=True)

with torch.no_grad():
    model.eval()
    loss, logits = model(
        input_ids=torch.tensor([[385, 363, 381]]),
        attention_mask=torch.tensor([[1, 1, 1]]),
        labels=torch.tensor([[385, 363, 381]]),
    )[:2]
    print(loss)
    loss, logits = model(
        input_ids=torch.tensor([[385, 385, 363, 381]]),
        attention_mask=torch.tensor([[0, 1, 1, 1]]),
        labels=torch.tensor([[-100, 385, 363, 381]]),
    )[:2]
    print(loss)
