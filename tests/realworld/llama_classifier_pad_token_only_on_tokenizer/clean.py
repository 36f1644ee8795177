from transformers import LlamaForSequenceClassification, PreTrainedTokenizerFast

num_labels = 3
tokenizer = PreTrainedTokenizerFast.from_pretrained("meta-llama/Llama-3.2-1B")
model = LlamaForSequenceClassification.from_pretrained("meta-llama/Llama-3.2-1B", num_labels=num_labels)
if tokenizer.pad_token is None:
    tokenizer.pad_token = tokenizer.eos_token
model.config.pad_token_id = tokenizer.pad_token_id

batch = tokenizer(["This is some sample text.", "Hello world"], padding=True, return_tensors="pt")
logits = model(**batch).logits
print(logits.shape)
