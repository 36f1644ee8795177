import os
import random
import tempfile

import numpy as np
import torch
from torch.utils.data import DataLoader, RandomSampler, SequentialSampler, TensorDataset
from transformers import (BertForSequenceClassification, BertTokenizer, XLMRobertaForSequenceClassification,
                          XLMRobertaTokenizer, get_linear_schedule_with_warmup)

BERT_MODEL = "bert-base-uncased"  # bert-base-multilingual-uncased in the report
XLMR_MODEL = "xlm-roberta-base"


def num_correct(preds, labels):
    pred_flat = np.argmax(preds, axis=1).flatten()
    labels_flat = labels.flatten()
    return np.sum(pred_flat == labels_flat)


def get_model_cls(model_type):
    if model_type == "bert":
        return BERT_MODEL, BertTokenizer, BertForSequenceClassification
    elif model_type == "xlmr":
        return XLMR_MODEL, XLMRobertaTokenizer, XLMRobertaForSequenceClassification
    else:
        raise NameError(f"Unsupported model {model_type}")


def finetune_mode(file_path, save_path, model="bert", device="cpu",
                  batch_size=4, num_labels=2, lr=2e-5, epochs=1, max_length=16):
    model_name, tokenizer_cls, model_cls = get_model_cls(model)
    tokenizer = tokenizer_cls.from_pretrained(model_name, do_lower_case=(model == "bert"))

    model_save_path = os.path.join(save_path, model_name)
    if os.path.exists(model_save_path):
        model = model_cls.from_pretrained(model_save_path, output_attentions=False, output_hidden_states=True)
        model.to(device)
        return tokenizer, model

    def read_data(file_name, dedup=True):
        dedup_set = set()
        data, labels = [], []
        with open(file_name, 'r', encoding='UTF-8') as fin:
            for line in fin:
                sentence = line.rstrip()
                seg = sentence.split('\t')
                if (not dedup) or (seg[1] not in dedup_set):
                    data.append(seg[1])
                    labels.append(int(seg[0]))
                    dedup_set.add(seg[1])
        encoded_dict = tokenizer(
            data,
            add_special_tokens=True,
            max_length=max_length,
            padding="max_length",
            truncation=True,
            return_attention_mask=True,
            return_tensors='pt',
        )
        return TensorDataset(encoded_dict["input_ids"], encoded_dict["attention_mask"], torch.LongTensor(labels))

    train_dataset = read_data(os.path.join(file_path, "train.txt"))
    val_dataset = read_data(os.path.join(file_path, "test.txt"), False)
    train_dataloader = DataLoader(train_dataset, sampler=RandomSampler(train_dataset), batch_size=batch_size)
    validation_dataloader = DataLoader(val_dataset, sampler=SequentialSampler(val_dataset), batch_size=batch_size)

    model = model_cls.from_pretrained(
        model_name,
        num_labels=num_labels,
        output_attentions=False,
        output_hidden_states=True,
        hidden_dropout_prob=0.15,
        attention_probs_dropout_prob=0.15,
    )
    model.to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, eps=1e-8)
    total_steps = len(train_dataloader) * epochs
    scheduler = get_linear_schedule_with_warmup(optimizer, num_warmup_steps=0, num_training_steps=total_steps)
    random.seed(42)
    np.random.seed(42)
    torch.manual_seed(42)

    for epoch_i in range(0, epochs):
        total_train_loss = 0
        model.train()
        for step, batch in enumerate(train_dataloader):
            b_input_ids = batch[0].to(device)
            b_input_mask = batch[1].to(device)
            b_labels = batch[2].to(device)
            model.zero_grad()
            res = model(b_input_ids, token_type_ids=None, attention_mask=b_input_mask, labels=b_labels)
            loss = res.loss
            total_train_loss += loss.item()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()

        model.eval()
        total_eval_correct = 0
        for batch in validation_dataloader:
            b_input_ids = batch[0].to(device)
            b_input_mask = batch[1].to(device)
            b_labels = batch[2].to(device)
            with torch.no_grad():
                res = model(b_input_ids, token_type_ids=None, attention_mask=b_input_mask, labels=b_labels)
            total_eval_correct += num_correct(res.logits.detach().cpu().numpy(), b_labels.to('cpu').numpy())
        print("  Accuracy: {0:.4f}".format(total_eval_correct / len(val_dataset)))

    model.save_pretrained(model_save_path)
    return tokenizer, model


def embed_sentences(sentences, tokenizer, model, batch_size=128, encode_length=512):
    model.eval()
    encoded_dict = tokenizer(
        sentences,
        add_special_tokens=True,
        max_length=encode_length,
        padding="max_length",
        truncation=True,
        return_attention_mask=True,
        return_tensors='pt',
    )
    with torch.no_grad():
        res = model(encoded_dict["input_ids"].to(model.device),
                    attention_mask=encoded_dict["attention_mask"].to(model.device))
    return res.hidden_states[-1][:, 0, :].cpu().numpy()


class TransformerEncoder:
    def __init__(self, cache_path, model_path, train_file_path, transformer_type, device="cpu", encode_maxlen=512):
        self.cache_path = cache_path
        self.model_path = model_path
        self.train_file_path = train_file_path
        self.transformer_type = transformer_type
        self.device = device
        self.encode_length = encode_maxlen

    def embed_sentences(self, texts):
        tokenizer, model = finetune_mode(
            self.train_file_path, self.model_path, self.transformer_type, self.device, num_labels=12)
        return embed_sentences(texts, tokenizer, model, batch_size=128, encode_length=self.encode_length)


# the SLU intent data: one "label<TAB>sentence" per line, 12 intents numbered 0-11
work = tempfile.mkdtemp()
lines = ["0\tplay some music", "5\twhat is the weather today", "11\tset an alarm for seven", "3\thello world"]
for split in ("train.txt", "test.txt"):
    with open(os.path.join(work, split), "w", encoding="UTF-8") as out:
        out.write("\n".join(lines) + "\n")

encoder = TransformerEncoder(work, os.path.join(work, "models"), work, "bert")
print(encoder.embed_sentences(["play some music", "hello world"]).shape)
