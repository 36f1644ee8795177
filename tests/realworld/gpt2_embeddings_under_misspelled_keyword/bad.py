from transformers import GPT2LMHeadModel, GPT2Model, GPT2Tokenizer

tokenizer = GPT2Tokenizer.from_pretrained("gpt2")
encoder = GPT2Model.from_pretrained("gpt2")
out = encoder(**tokenizer("Hello world", return_tensors="pt"), output_hidden_states=True)

modelGPT = GPT2LMHeadModel.from_pretrained("gpt2")
result = modelGPT(input_embeds=out[2][-1])  # where out[2][-1] is [batch_size, sequence_length, hidden_size]
print(result.logits.shape)
