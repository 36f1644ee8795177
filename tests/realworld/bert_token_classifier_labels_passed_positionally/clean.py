"""The reporter's reproduction of a BertForTokenClassification training step (transformers issue 7287):
ids, attention masks and labels of one batch, all of shape (batch_size, seq_len), passed positionally."""
import torch as th
from transformers import BertForTokenClassification, BertTokenizer

batch_size = 32
seq_len = 128
num_labels = 9

tokenizer = BertTokenizer.from_pretrained("bert-base-uncased")
model = BertForTokenClassification.from_pretrained("bert-base-uncased", num_labels=num_labels)

th.manual_seed(0)
inputs = th.randint(tokenizer.vocab_size // 2, tokenizer.vocab_size, (batch_size, seq_len))
attention_masks = th.ones((batch_size, seq_len), dtype=th.long)
labels = th.randint(0, num_labels, (batch_size, seq_len))

loss = model(inputs, attention_mask=attention_masks, labels=labels)
print(loss[0])
