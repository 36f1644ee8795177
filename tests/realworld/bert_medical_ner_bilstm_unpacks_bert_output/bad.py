"""Chinese-Medical-Entity-Recognition's BERT-BiLSTM tagger (models.py, utils.py and main.py, trimmed
into one file). The CRF layer (torchcrf) is replaced by a token-level cross-entropy."""
import argparse

import torch
import torch.nn as nn
from torch.utils import data
from torch.utils.data import Dataset
from transformers import BertModel, BertTokenizer, get_linear_schedule_with_warmup

bert_model = 'bert-base-uncased'  # bert-base-chinese in the repository
tokenizer = BertTokenizer.from_pretrained(bert_model)
VOCAB = ('<PAD>', '[CLS]', '[SEP]', 'O', 'B-BODY', 'I-BODY', 'B-DISEASES', 'I-DISEASES')

tag2idx = {tag: idx for idx, tag in enumerate(VOCAB)}
idx2tag = {idx: tag for idx, tag in enumerate(VOCAB)}
MAX_LEN = 256 - 2

LINES = ["the\tO", "heart\tB-BODY", "hurts\tO", "。\tO", "a\tO", "cold\tB-DISEASES", "fever\tI-DISEASES", "in\tO", "the\tO", "lungs\tB-BODY", "。\tO"]


class NerDataset(Dataset):
    ''' Generate our dataset '''
    def __init__(self, lines):
        self.sents = []
        self.tags_li = []

        tags = [line.split('\t')[1] for line in lines]
        words = [line.split('\t')[0] for line in lines]

        word, tag = [], []
        for char, t in zip(words, tags):
            if char != '。':
                word.append(char)
                tag.append(t)
            else:
                if len(word) > MAX_LEN:
                    self.sents.append(['[CLS]'] + word[:MAX_LEN] + ['[SEP]'])
                    self.tags_li.append(['[CLS]'] + tag[:MAX_LEN] + ['[SEP]'])
                else:
                    self.sents.append(['[CLS]'] + word + ['[SEP]'])
                    self.tags_li.append(['[CLS]'] + tag + ['[SEP]'])
                word, tag = [], []

    def __getitem__(self, idx):
        words, tags = self.sents[idx], self.tags_li[idx]
        token_ids = tokenizer.convert_tokens_to_ids(words)
        laebl_ids = [tag2idx[tag] for tag in tags]
        seqlen = len(laebl_ids)
        return token_ids, laebl_ids, seqlen

    def __len__(self):
        return len(self.sents)


def PadBatch(batch):
    maxlen = max([i[2] for i in batch])
    token_tensors = torch.LongTensor([i[0] + [0] * (maxlen - len(i[0])) for i in batch])
    label_tensors = torch.LongTensor([i[1] + [0] * (maxlen - len(i[1])) for i in batch])
    mask = (token_tensors > 0)
    return token_tensors, label_tensors, mask


class Bert_BiLSTM_CRF(nn.Module):

    def __init__(self, tag_to_ix, embedding_dim=768, hidden_dim=256):
        super(Bert_BiLSTM_CRF, self).__init__()
        self.tag_to_ix = tag_to_ix
        self.tagset_size = len(tag_to_ix)
        self.hidden_dim = hidden_dim
        self.embedding_dim = embedding_dim

        self.bert = BertModel.from_pretrained(bert_model)
        self.lstm = nn.LSTM(input_size=embedding_dim, hidden_size=hidden_dim//2,
                            num_layers=2, bidirectional=True, batch_first=True)
        self.dropout = nn.Dropout(p=0.1)
        self.linear = nn.Linear(hidden_dim, self.tagset_size)
        self.loss = nn.CrossEntropyLoss(reduction='none')

    def _get_features(self, sentence):
        with torch.no_grad():
            embeds, _ = self.bert(sentence)
        enc, _ = self.lstm(embeds)
        enc = self.dropout(enc)
        feats = self.linear(enc)
        return feats

    def forward(self, sentence, tags, mask, is_test=False):
        emissions = self._get_features(sentence)
        if not is_test:  # Training, return loss
            loss = self.loss(emissions.transpose(1, 2), tags)
            return (loss * mask).sum() / mask.sum()
        else:  # Testing, return decoding
            return [row[m].tolist() for row, m in zip(emissions.argmax(-1), mask)]


def train(e, model, iterator, optimizer, scheduler, device):
    model.train()
    losses = 0.0
    step = 0
    for i, batch in enumerate(iterator):
        step += 1
        x, y, z = batch
        x = x.to(device)
        y = y.to(device)
        z = z.to(device)

        loss = model(x, y, z)
        losses += loss.item()
        loss.backward()
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad()

    print("Epoch: {}, Loss:{:.4f}".format(e, losses/step))


if __name__ == "__main__":
    torch.manual_seed(0)
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch_size", type=int, default=64)
    parser.add_argument("--lr", type=float, default=0.001)
    parser.add_argument("--n_epochs", type=int, default=1)
    ner = parser.parse_args([])
    device = 'cpu'
    model = Bert_BiLSTM_CRF(tag2idx, embedding_dim=BertModel.from_pretrained(bert_model).config.hidden_size)

    train_dataset = NerDataset(LINES)
    train_iter = data.DataLoader(dataset=train_dataset,
                                 batch_size=ner.batch_size,
                                 shuffle=True,
                                 num_workers=0,
                                 collate_fn=PadBatch)

    optimizer = torch.optim.AdamW(model.parameters(), lr=ner.lr, eps=1e-6)
    total_steps = ner.n_epochs
    scheduler = get_linear_schedule_with_warmup(optimizer, num_warmup_steps=0, num_training_steps=total_steps)

    for epoch in range(1, ner.n_epochs+1):
        train(epoch, model, train_iter, optimizer, scheduler, device)
