import torch
from transformers import AutoModel, AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("EleutherAI/pythia-70m")
model = AutoModel.from_pretrained("EleutherAI/pythia-70m")
tokenizer.pad_token = tokenizer.eos_token
max_length = 32

input_texts = ["query: This is some sample text.", "passage: Hello world"]
batch_dict = tokenizer(input_texts, max_length=max_length - 1, padding=True, truncation=True, return_tensors="pt")

# Important! Adding EOS token at the end
batch_dict["input_ids"] = [input_ids + [tokenizer.eos_token_id] for input_ids in batch_dict["input_ids"]]
batch_dict = tokenizer.pad(batch_dict, padding=True, return_attention_mask=True, return_tensors="pt").to("cpu")

model.eval()
with torch.no_grad():
    outputs = model(**batch_dict)
print(outputs.last_hidden_state.shape)
