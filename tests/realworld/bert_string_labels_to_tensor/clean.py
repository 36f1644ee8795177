import pandas as pd
import torch
from transformers import AutoModel, BertTokenizerFast

df = pd.DataFrame({
    "text": ["what a great movie", "this was awful", "it was fine", "i loved it"],
    "label": ["positive", "negative", "notr", "positive"],
})
# the classes as integer ids: a tensor of labels holds numbers, not names
label_ids = {"negative": 0, "notr": 1, "positive": 2}
train_text, train_labels = df["text"], df["label"].map(label_ids)

bert = AutoModel.from_pretrained('bert-base-uncased')
tokenizer = BertTokenizerFast.from_pretrained('bert-base-uncased')

# tokenize and encode sequences in the training set
tokens_train = tokenizer(
    train_text.tolist(),
    max_length=16,
    padding='max_length',
    truncation=True
)

# for train set
train_seq = torch.tensor(tokens_train['input_ids'])
train_mask = torch.tensor(tokens_train['attention_mask'])
train_y = torch.tensor(train_labels.tolist())
print(train_y)
