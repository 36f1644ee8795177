import torch
import torch.nn as nn
from transformers import BertModel, BertTokenizer


class BERTSentenceEncoder(nn.Module):

    def __init__(self, pretrain_path, max_length):
        nn.Module.__init__(self)
        self.bert = BertModel.from_pretrained(pretrain_path)
        self.max_length = max_length
        self.tokenizer = BertTokenizer.from_pretrained(pretrain_path)

    def forward(self, inputs):
        outputs = self.bert(inputs['word'], attention_mask=inputs['mask'])
        x = outputs.pooler_output
        return x

    def tokenize(self, raw_tokens):
        tokens = ['[CLS]']
        for token in raw_tokens:
            tokens += self.tokenizer.tokenize(token.lower())
        indexed_tokens = self.tokenizer.convert_tokens_to_ids(tokens)
        while len(indexed_tokens) < self.max_length:
            indexed_tokens.append(0)
        indexed_tokens = indexed_tokens[:self.max_length]
        mask = [1 if i < len(tokens) else 0 for i in range(self.max_length)]
        return indexed_tokens, mask


class Proto(nn.Module):

    def __init__(self, sentence_encoder):
        nn.Module.__init__(self)
        self.sentence_encoder = sentence_encoder

    def forward(self, support, N, K):
        support_emb = self.sentence_encoder(support)  # (B * N * K, D)
        hidden_size = support_emb.size(-1)
        support = support_emb.view(-1, N, K, hidden_size)
        return support.mean(2)


sentence_encoder = BERTSentenceEncoder("bert-base-uncased", 16)
words, masks = zip(*(sentence_encoder.tokenize(s.split()) for s in ["the dog is lazy", "a quick fox", "the cat sat", "birds sing"]))
support = {"word": torch.tensor(words), "mask": torch.tensor(masks)}
model = Proto(sentence_encoder)
print(model(support, N=2, K=2).shape)
