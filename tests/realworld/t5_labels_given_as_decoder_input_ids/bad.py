import torch
from transformers import T5ForConditionalGeneration, T5TokenizerFast

tokenizer = T5TokenizerFast.from_pretrained("t5-small")
model = T5ForConditionalGeneration.from_pretrained("t5-small")

sources = ["translate English to German: the dog is lazy", "translate English to German: a quick fox"]
targets = ["der Hund ist faul", "ein schneller Fuchs springt"]
source = tokenizer(sources, padding=True, return_tensors="pt")
target = tokenizer(targets, padding=True, return_tensors="pt")
input_ids, attention_mask = source["input_ids"], source["attention_mask"]
decoder_input_ids, decoder_attention_mask = target["input_ids"], target["attention_mask"]

model.eval()
with torch.no_grad():
    labels = decoder_input_ids
    outputs = model(input_ids=input_ids,
                    attention_mask=attention_mask,
                    decoder_input_ids=decoder_input_ids,
                    decoder_attention_mask=decoder_attention_mask,
                    labels=labels)
print(round(outputs.loss.item(), 4))
