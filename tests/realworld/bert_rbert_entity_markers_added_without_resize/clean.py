"""R-BERT relation classification (r_bert.py, model.py and utils.py, trimmed into one file)."""
import logging
import random
from types import SimpleNamespace

import numpy as np
import torch
import torch.nn as nn
from torch.nn import CrossEntropyLoss, MSELoss
from torch.utils.data import DataLoader, RandomSampler, TensorDataset
from transformers import BertConfig, BertModel, BertPreTrainedModel, BertTokenizer, get_linear_schedule_with_warmup

logger = logging.getLogger(__name__)
additional_special_tokens = ["[E11]", "[E12]", "[E21]", "[E22]"]


class BertForSequenceClassification(BertPreTrainedModel):
    def __init__(self, config):
        super(BertForSequenceClassification, self).__init__(config)
        self.num_labels = config.num_labels
        self.l2_reg_lambda = config.l2_reg_lambda
        self.bert = BertModel(config)
        self.latent_entity_typing = config.latent_entity_typing
        self.cls_dropout = nn.Dropout(0.1)
        self.ent_dropout = nn.Dropout(0.1)
        classifier_size = config.hidden_size*3
        self.classifier = nn.Linear(
            classifier_size, self.config.num_labels)
        self.post_init()

    def forward(self, input_ids, token_type_ids=None, attention_mask=None, e1_mask=None, e2_mask=None, labels=None,
                position_ids=None):
        outputs = self.bert(input_ids, position_ids=position_ids, token_type_ids=token_type_ids,
                            attention_mask=attention_mask)
        pooled_output = outputs[1]
        sequence_output = outputs[0]

        def extract_entity(sequence_output, e_mask):
            extended_e_mask = e_mask.unsqueeze(1)
            extended_e_mask = torch.bmm(
                extended_e_mask.float(), sequence_output).squeeze(1)
            return extended_e_mask.float()

        e1_h = self.ent_dropout(extract_entity(sequence_output, e1_mask))
        e2_h = self.ent_dropout(extract_entity(sequence_output, e2_mask))
        context = self.cls_dropout(pooled_output)
        pooled_output = torch.cat([context, e1_h, e2_h], dim=-1)

        logits = self.classifier(pooled_output)
        outputs = (logits,) + outputs[2:]

        if labels is not None:
            if self.num_labels == 1:
                loss_fct = MSELoss()
                loss = loss_fct(logits.view(-1), labels.view(-1))
            else:
                loss_fct = CrossEntropyLoss()
                loss = loss_fct(logits.view(-1, self.num_labels), labels.view(-1))
            outputs = (loss,) + outputs
        return outputs


def convert_examples_to_features(examples, max_seq_len, tokenizer,
                                 cls_token='[CLS]', cls_token_segment_id=1, sep_token='[SEP]',
                                 pad_token=0, pad_token_segment_id=0, sequence_a_segment_id=0):
    features = []
    for (ex_index, (text_a, label)) in enumerate(examples):
        tokens_a = tokenizer.tokenize(text_a)
        tokens = tokens_a + [sep_token]
        segment_ids = [sequence_a_segment_id] * len(tokens)
        tokens = [cls_token] + tokens
        segment_ids = [cls_token_segment_id] + segment_ids

        input_ids = tokenizer.convert_tokens_to_ids(tokens)
        e11_p = tokens.index("[E11]")+1
        e12_p = tokens.index("[E12]")
        e21_p = tokens.index("[E21]")+1
        e22_p = tokens.index("[E22]")

        input_mask = [1] * len(input_ids)
        padding_length = max_seq_len - len(input_ids)
        input_ids = input_ids + ([pad_token] * padding_length)
        input_mask = input_mask + ([0] * padding_length)
        segment_ids = segment_ids + ([pad_token_segment_id] * padding_length)
        e1_mask = [0 for i in range(len(input_mask))]
        e2_mask = [0 for i in range(len(input_mask))]
        for i in range(e11_p, e12_p):
            e1_mask[i] = 1
        for i in range(e21_p, e22_p):
            e2_mask[i] = 1
        features.append(dict(input_ids=input_ids, input_mask=input_mask, segment_ids=segment_ids,
                             e1_mask=e1_mask, e2_mask=e2_mask, label_id=int(label)))
    return features


def load_and_cache_examples(config, tokenizer):
    examples = [("the [E11] author [E12] of a keygen uses a [E21] disassembler [E22] to look at the code .", "6"),
                ("the [E11] news [E12] came from a [E21] source [E22] .", "2")]
    features = convert_examples_to_features(examples, config.max_seq_len, tokenizer)
    all_input_ids = torch.tensor([f["input_ids"] for f in features], dtype=torch.long)
    all_input_mask = torch.tensor([f["input_mask"] for f in features], dtype=torch.long)
    all_segment_ids = torch.tensor([f["segment_ids"] for f in features], dtype=torch.long)
    all_e1_mask = torch.tensor([f["e1_mask"] for f in features], dtype=torch.long)
    all_e2_mask = torch.tensor([f["e2_mask"] for f in features], dtype=torch.long)
    all_label_ids = torch.tensor([f["label_id"] for f in features], dtype=torch.long)
    return TensorDataset(all_input_ids, all_input_mask, all_segment_ids, all_label_ids, all_e1_mask, all_e2_mask)


def train(config, train_dataset, model, tokenizer):
    train_sampler = RandomSampler(train_dataset)
    train_dataloader = DataLoader(train_dataset, sampler=train_sampler, batch_size=config.per_gpu_train_batch_size)
    optimizer = torch.optim.AdamW(model.parameters(), lr=config.learning_rate)
    scheduler = get_linear_schedule_with_warmup(optimizer, num_warmup_steps=0, num_training_steps=len(train_dataloader))
    model.zero_grad()
    tr_loss = 0.0
    for step, batch in enumerate(train_dataloader):
        model.train()
        batch = tuple(t.to(config.device) for t in batch)
        inputs = {'input_ids':      batch[0],
                  'attention_mask': batch[1],
                  'token_type_ids': batch[2],
                  'labels':      batch[3],
                  'e1_mask': batch[4],
                  'e2_mask': batch[5],
                  }
        outputs = model(**inputs)
        loss = outputs[0]
        loss.backward()
        optimizer.step()
        scheduler.step()
        model.zero_grad()
        tr_loss += loss.item()
    return tr_loss


def main():
    config = SimpleNamespace(pretrained_model_name="bert-base-uncased", task_name="semeval", max_seq_len=64,
                             l2_reg_lambda=5e-3, latent_entity_typing=False, per_gpu_train_batch_size=2,
                             learning_rate=2e-5, seed=12345, device=torch.device("cpu"))
    random.seed(config.seed)
    np.random.seed(config.seed)
    torch.manual_seed(config.seed)
    num_labels = 19
    bertconfig = BertConfig.from_pretrained(
        config.pretrained_model_name, num_labels=num_labels, finetuning_task=config.task_name)
    bertconfig.l2_reg_lambda = config.l2_reg_lambda
    bertconfig.latent_entity_typing = config.latent_entity_typing
    do_lower_case = "-uncased" in config.pretrained_model_name
    tokenizer = BertTokenizer.from_pretrained(
        config.pretrained_model_name, do_lower_case=do_lower_case, additional_special_tokens=additional_special_tokens)
    model = BertForSequenceClassification.from_pretrained(
        config.pretrained_model_name, config=bertconfig)
    model.resize_token_embeddings(len(tokenizer))
    model.to(config.device)
    train_dataset = load_and_cache_examples(config, tokenizer)
    tr_loss = train(config, train_dataset, model, tokenizer)
    print("loss", round(tr_loss, 4) > 0)


main()
