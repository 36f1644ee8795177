import torch
from transformers import BartForConditionalGeneration, BartTokenizer

model_name = "facebook/bart-base"

model = BartForConditionalGeneration.from_pretrained(model_name)
tokenizer = BartTokenizer.from_pretrained(model_name)

input = [
    "Long live America.",
    "I love Huggingface as it has made the ML development so easy.",
]

input_tok = tokenizer(input, return_tensors='pt', padding=True)

labels = input_tok['input_ids'].clone()
labels[labels == tokenizer.pad_token_id] = -100

out = model(input_tok['input_ids'], labels=labels)

default_loss = out.loss

criterion = torch.nn.CrossEntropyLoss(ignore_index=model.config.pad_token_id)
should_be_loss = criterion(out.logits.view(-1, out.logits.size(-1)), input_tok['input_ids'].view(-1))

print(round(default_loss.item(), 4), round(should_be_loss.item(), 4))
