import torch
from transformers import GPT2LMHeadModel, GPT2Tokenizer

tokenizer = GPT2Tokenizer.from_pretrained("gpt2")
model = GPT2LMHeadModel.from_pretrained("gpt2")

generated = tokenizer.encode("The weather today")
context = torch.tensor([generated])
past = None

for i in range(5):
    print(i)
    outputs = model(context, past_key_values=past)
    output, past = outputs.logits, outputs.past_key_values
    token = torch.argmax(output[0, -1, :])

    generated += [token.tolist()]
    context = token.view(1, 1)

sequence = tokenizer.decode(generated)
print(sequence)
