import torch
from transformers import BertTokenizer, EncoderDecoderModel

tokenizer = BertTokenizer.from_pretrained('bert-base-uncased')
model = EncoderDecoderModel.from_encoder_decoder_pretrained('bert-base-uncased', 'bert-base-uncased')  # initialize Bert2Bert from pre-trained checkpoints

# forward
input_ids = torch.tensor(tokenizer.encode("Hello, my dog is cute", add_special_tokens=True)).unsqueeze(0)  # Batch size 1
outputs = model(input_ids=input_ids, decoder_input_ids=input_ids)

# training
# the decoder reads each token before the one it predicts (GPT053: not the labels themselves)
outputs = model(input_ids=input_ids, decoder_input_ids=input_ids[:, :-1], labels=input_ids[:, 1:])
loss, logits = outputs.loss, outputs.logits

# generation
generated = model.generate(input_ids, decoder_start_token_id=tokenizer.pad_token_id, max_length=8)
print(tokenizer.decode(generated[0]))
