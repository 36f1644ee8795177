import torch
from transformers import GPT2LMHeadModel, GPT2Tokenizer

device = "cpu"
model_id = "gpt2"
model = GPT2LMHeadModel.from_pretrained(model_id).to(device)
model.eval()
tokenizer = GPT2Tokenizer.from_pretrained(model_id)


def get_loss(input, target, encoded=True):
    input = input.to(device)
    target = torch.tensor(target).to(device)
    position_ids = input["attention_mask"].long().cumsum(-1) - 1
    position_ids.masked_fill_(input["attention_mask"] == 0, 1)
    output = model(**input, position_ids=position_ids, return_dict=True)
    output = output.logits[0][-1:]
    loss_fct = torch.nn.CrossEntropyLoss()
    loss = loss_fct(output.view(-1, output.size(-1)), target)
    return loss.cpu().detach()


tokenizer.pad_token = "!"
tokenizer.padding_side = "left"
text = "I like playing the"
target = tokenizer.encode(" piece")[:1]
with torch.no_grad():
    print(round(float(get_loss(tokenizer(text, return_tensors="pt"), target)), 4))
    print(round(float(get_loss(tokenizer(text, padding="max_length", max_length=24, return_tensors="pt"), target)), 4))
