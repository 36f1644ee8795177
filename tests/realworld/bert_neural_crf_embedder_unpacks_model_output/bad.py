"""pytorch_neural_crf's BERT-CRF trainer (transformers_trainer.py, src/config, src/data and src/model,
trimmed into one file; the CRF layer is replaced by a token-level cross-entropy)."""
import argparse
import collections
from typing import Dict, List

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset
from torch.utils.data._utils.collate import default_collate
from transformers import BertModel, BertTokenizer, PreTrainedTokenizer, RobertaModel, RobertaTokenizer

context_models = {
    'bert-base-uncased': {"model": BertModel, "tokenizer": BertTokenizer},
    'roberta-base': {"model": RobertaModel, "tokenizer": RobertaTokenizer},
}

Feature = collections.namedtuple('Feature', 'input_ids attention_mask token_type_ids orig_to_tok_index word_seq_len label_ids')
Feature.__new__.__defaults__ = (None,) * 6


def parse_arguments(parser):
    parser.add_argument('--device', type=str, default="cpu")
    parser.add_argument('--batch_size', type=int, default=30)
    parser.add_argument('--learning_rate', type=float, default=2e-5)
    parser.add_argument('--embedder_type', type=str, default="bert-base-uncased",  # bert-base-cased there
                        help="you can use 'bert-base-uncased' and so on")
    parser.add_argument('--parallel_embedder', type=int, default=0)
    return parser.parse_args()


class Config:
    def __init__(self, args) -> None:
        self.device = torch.device(args.device)
        self.batch_size = args.batch_size
        self.learning_rate = args.learning_rate
        self.embedder_type = args.embedder_type if "embedder_type" in args.__dict__ else None
        self.parallel_embedder = args.parallel_embedder
        self.label2idx = None
        self.label_size = 0


def convert_instances_to_feature_tensors(sents: List[List[str]], labels: List[List[str]],
                                         tokenizer: PreTrainedTokenizer,
                                         label2idx: Dict[str, int]) -> List[Feature]:
    features = []
    for words, word_labels in zip(sents, labels):
        orig_to_tok_index = []
        tokens = []
        for i, word in enumerate(words):
            orig_to_tok_index.append(len(tokens))
            word_tokens = tokenizer.tokenize(" " + word)
            for sub_token in word_tokens:
                tokens.append(sub_token)
        label_ids = [label2idx[label] for label in word_labels]
        input_ids = tokenizer.convert_tokens_to_ids([tokenizer.cls_token] + tokens + [tokenizer.sep_token])
        segment_ids = [0] * len(input_ids)
        input_mask = [1] * len(input_ids)

        features.append(Feature(input_ids=input_ids,
                                attention_mask=input_mask,
                                orig_to_tok_index=orig_to_tok_index,
                                token_type_ids=segment_ids,
                                word_seq_len=len(orig_to_tok_index),
                                label_ids=label_ids))
    return features


class TransformersNERDataset(Dataset):

    def __init__(self, sents, labels, tokenizer: PreTrainedTokenizer):
        idx2labels = sorted({label for sent in labels for label in sent})
        self.label2idx = {label: i for i, label in enumerate(idx2labels)}
        self.insts_ids = convert_instances_to_feature_tensors(sents, labels, tokenizer, self.label2idx)
        self.tokenizer = tokenizer

    def __len__(self):
        return len(self.insts_ids)

    def __getitem__(self, index):
        return self.insts_ids[index]

    def collate_fn(self, batch: List[Feature]):
        word_seq_len = [len(feature.orig_to_tok_index) for feature in batch]
        max_seq_len = max(word_seq_len)
        max_wordpiece_length = max([len(feature.input_ids) for feature in batch])
        for i, feature in enumerate(batch):
            padding_length = max_wordpiece_length - len(feature.input_ids)
            input_ids = feature.input_ids + [self.tokenizer.pad_token_id] * padding_length
            mask = feature.attention_mask + [0] * padding_length
            type_ids = feature.token_type_ids + [self.tokenizer.pad_token_type_id] * padding_length
            padding_word_len = max_seq_len - len(feature.orig_to_tok_index)
            orig_to_tok_index = feature.orig_to_tok_index + [0] * padding_word_len
            label_ids = feature.label_ids + [0] * padding_word_len

            batch[i] = Feature(input_ids=np.asarray(input_ids),
                               attention_mask=np.asarray(mask), token_type_ids=np.asarray(type_ids),
                               orig_to_tok_index=np.asarray(orig_to_tok_index),
                               word_seq_len=feature.word_seq_len,
                               label_ids=np.asarray(label_ids))
        results = Feature(*(default_collate(samples) for samples in zip(*batch)))
        return results


class TransformersEmbedder(nn.Module):
    """
    Encode the input with transformers model such as
    BERT, Roberta, and so on.
    """

    def __init__(self, transformer_model_name: str,
                 parallel_embedder: bool = False):
        super(TransformersEmbedder, self).__init__()
        output_hidden_states = False  ## to use all hidden states or not

        self.model = context_models[transformer_model_name]["model"].from_pretrained(transformer_model_name,
                                                                                   output_hidden_states=output_hidden_states)
        self.parallel = parallel_embedder
        if parallel_embedder:
            self.model = nn.DataParallel(self.model)

    def get_output_dim(self):
        return self.model.config.hidden_size if not self.parallel else self.model.module.config.hidden_size

    def forward(self, word_seq_tensor: torch.Tensor,
                orig_to_token_index: torch.LongTensor,  ## batch_size * max_seq_leng
                input_mask: torch.LongTensor) -> torch.Tensor:
        word_rep, _ = self.model(**{"input_ids": word_seq_tensor, "attention_mask": input_mask})
        ##exclude the [CLS] and [SEP] token
        batch_size, _, rep_size = word_rep.size()
        _, max_sent_len = orig_to_token_index.size()
        return torch.gather(word_rep[:, 1:, :], 1, orig_to_token_index.unsqueeze(-1).expand(batch_size, max_sent_len, rep_size))


class LinearEncoder(nn.Module):

    def __init__(self, label_size: int, input_dim: int):
        super(LinearEncoder, self).__init__()
        self.hidden2tag = nn.Linear(input_dim, label_size)

    def forward(self, word_rep: torch.Tensor, word_seq_lens: torch.Tensor) -> torch.Tensor:
        outputs = self.hidden2tag(word_rep)
        return outputs


class TransformersCRF(nn.Module):

    def __init__(self, config):
        super(TransformersCRF, self).__init__()
        self.embedder = TransformersEmbedder(transformer_model_name=config.embedder_type,
                                             parallel_embedder=config.parallel_embedder)
        self.encoder = LinearEncoder(label_size=config.label_size, input_dim=self.embedder.get_output_dim())
        self.label_size = config.label_size

    def forward(self, words: torch.Tensor,
                word_seq_lens: torch.Tensor,
                orig_to_tok_index: torch.Tensor,
                input_mask: torch.Tensor,
                labels: torch.Tensor) -> torch.Tensor:
        word_rep = self.embedder(words, orig_to_tok_index, input_mask)
        lstm_scores = self.encoder(word_rep, word_seq_lens)
        batch_size = word_rep.size(0)
        sent_len = word_rep.size(1)
        maskTemp = torch.arange(1, sent_len + 1, dtype=torch.long).view(1, sent_len).expand(batch_size, sent_len)
        mask = torch.le(maskTemp, word_seq_lens.view(batch_size, 1).expand(batch_size, sent_len))
        return nn.functional.cross_entropy(lstm_scores[mask], labels[mask])


def train_model(config: Config, train_loader: DataLoader):
    model = TransformersCRF(config)
    optimizer = torch.optim.AdamW(model.parameters(), lr=config.learning_rate)
    model.train()
    for iter, batch in enumerate(train_loader, 1):
        optimizer.zero_grad()
        loss = model(words=batch.input_ids.to(config.device), word_seq_lens=batch.word_seq_len.to(config.device),
                     orig_to_tok_index=batch.orig_to_tok_index.to(config.device), input_mask=batch.attention_mask.to(config.device),
                     labels=batch.label_ids.to(config.device))
        loss.backward()
        optimizer.step()
        print(f"batch {iter} trained")


def main():
    parser = argparse.ArgumentParser(description="LSTM CRF implementation")
    opt = parse_arguments(parser)
    conf = Config(opt)
    tokenizer = context_models[conf.embedder_type]["tokenizer"].from_pretrained(conf.embedder_type)
    sents = [["The", "weather", "today", "is", "sunny"], ["Hello", "world"]]
    labels = [["O", "O", "B-DATE", "O", "O"], ["O", "B-LOC"]]
    train_dataset = TransformersNERDataset(sents, labels, tokenizer)
    conf.label2idx = train_dataset.label2idx
    conf.label_size = len(train_dataset.label2idx)
    train_dataloader = DataLoader(train_dataset, batch_size=conf.batch_size,
                                  shuffle=True, collate_fn=train_dataset.collate_fn)
    train_model(conf, train_dataloader)


if __name__ == "__main__":
    main()
