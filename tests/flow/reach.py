# Lint-only: a line that ends with "# flagged: CODE ..." holds exactly those findings; no other line holds one.
# Shapes of real reports (tests/realworld/): a model kept by a module whose class names itself in
# super(Class, self), and a removed tokenizer method called inside a Dataset.map function.
# GPT017 holds for the target version, the installed transformers (5.x in the test set-up).
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset
from transformers import AutoModel, AutoTokenizer, Trainer
import some_library


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


# A class whose instances are handed to other code: their methods may be called with anything, but
# `__init__` runs only where the class is called, with what those calls pass. A DataLoader or a
# Trainer only calls what it is given; other code may also change what an instance keeps.
class Summarizer(nn.Module):
    def __init__(self, checkpoint="gpt2"):
        super().__init__()
        self.tokenizer = AutoTokenizer.from_pretrained(checkpoint)

    def forward(self, texts):
        return self.tokenizer(texts, padding=True, return_tensors="pt")  # flagged: GPT003


class Restored(nn.Module):
    def __init__(self, checkpoint="gpt2"):
        super().__init__()
        self.tokenizer = AutoTokenizer.from_pretrained(checkpoint)

    def forward(self, texts):
        # `Restored.from_saved` (not defined here) may call the class with other arguments
        return self.tokenizer(texts, padding=True, return_tensors="pt")


class Lines(Dataset):
    def __init__(self, texts, tokenizer):
        self.texts = texts
        self.tokenizer = tokenizer

    def __len__(self):
        return len(self.texts)

    def __getitem__(self, index):
        return self.tokenizer(self.texts[index], padding="max_length", max_length=8)  # flagged: GPT003


class HandedOver:
    def __init__(self, texts, tokenizer):
        self.texts = texts
        self.tokenizer = tokenizer

    def __getitem__(self, index):
        # handed to code that may set the tokenizer's pad token first
        return self.tokenizer(self.texts[index], padding="max_length", max_length=8)


class PadsItsTokenizer:
    def __init__(self, texts, tokenizer):
        self.texts = texts
        self.tokenizer = tokenizer
        self.tokenizer.pad_token = self.tokenizer.eos_token

    def __getitem__(self, index):
        return self.tokenizer(self.texts[index], padding="max_length", max_length=8)


Trainer(model=Summarizer(), train_dataset=Lines(["a b", "c"], AutoTokenizer.from_pretrained("gpt2")))
some_library.hand_over(Restored())
restored = Restored.from_saved("last.ckpt")
some_library.hand_over(HandedOver(["a b", "c"], AutoTokenizer.from_pretrained("gpt2")))
loader = DataLoader(PadsItsTokenizer(["a b", "c"], AutoTokenizer.from_pretrained("gpt2")))


# rows written as dict displays: the default collate gives each key's texts as a list; `*{...}`
# spreads a dict's keys, which are no rows
bare = AutoModel.from_pretrained("gpt2")
for spread_rows in DataLoader([*{"text": "a"}, {"text": "b"}], batch_size=2):
    bare(spread_rows["text"])
for dict_rows in DataLoader([{"text": "a"}, {"text": "b"}], batch_size=2):
    bare(dict_rows["text"])  # flagged: GPT001
