from transformers import AutoTokenizer, GPTNeoForCausalLM
import torch
from torch.nn import functional as F


tokenizer = AutoTokenizer.from_pretrained("EleutherAI/gpt-neo-125m")
model = GPTNeoForCausalLM.from_pretrained("EleutherAI/gpt-neo-125m")

tokenizer.pad_token = tokenizer.eos_token
tokenizer.padding_side = 'left'
tokenizer.truncation_side = 'left'
no_items_for_history = 30

inputs = tokenizer("Hello, my dog is cute", max_length=no_items_for_history, padding='max_length', truncation=True, return_tensors="pt")

input_ids = inputs['input_ids']
attention_mask = inputs['attention_mask']

for i in range(10):
    if i == 0:
        outputs = model(input_ids=input_ids, attention_mask=attention_mask)
    else:
        outputs = model(input_ids=new_input_ids, attention_mask=attention_mask, past_key_values=past_key_values)
    logits = F.softmax(outputs.logits[:, -1, :], dim=1)
    new_input_ids = torch.argmax(logits, dim=1, keepdim=True)
    past_key_values = outputs.past_key_values
    attention_mask = torch.cat((attention_mask, torch.ones_like(new_input_ids)), dim=1)
    input_ids = torch.cat((input_ids, new_input_ids), dim=1)

print(input_ids[0, -10:].tolist())
