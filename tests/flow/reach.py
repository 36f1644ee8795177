# Lint-only: a line that ends with "# flagged: CODE ..." holds exactly those findings; no other line holds one.
# Shapes of real reports (tests/realworld/): a model kept by a module whose class names itself in
# super(Class, self), and a removed tokenizer method called inside a Dataset.map function.
# GPT017 holds for the target version, the installed transformers (5.x in the test set-up).
import torch.nn as nn
from transformers import AutoModel, AutoTokenizer


class Head(nn.Module):
    def __init__(self, encoder):
        super(Head, self).__init__()
        self.encoder = encoder
        self.linear = nn.Linear(32, 2)

    def forward(self, ids, mask):
        _, pooled = self.encoder(ids, attention_mask=mask)  # flagged: GPT013
        return self.linear(pooled)


head = Head(AutoModel.from_pretrained("bert-base-uncased"))
tokenizer = AutoTokenizer.from_pretrained("roberta-base")


def preprocess(examples):
    with tokenizer.as_target_tokenizer():  # flagged: GPT017
        labels = tokenizer(examples["summary"])
    return {"labels": labels["input_ids"]}
