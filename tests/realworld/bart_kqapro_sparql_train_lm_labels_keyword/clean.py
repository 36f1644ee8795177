"""KQA Pro's BART SPARQL baseline (Bart_SPARQL/train.py and Bart_SPARQL/data.py at 1c5771d, trimmed into one
file), with a small preprocessed question file written first as its preprocess.py would."""
import argparse
import json
import logging
import os
import pickle
import random
import tempfile

import numpy as np
import torch
import torch.optim as optim
from transformers import BartConfig, BartForConditionalGeneration, BartTokenizer, get_linear_schedule_with_warmup

logging.basicConfig(level=logging.INFO, format='%(asctime)s %(levelname)-8s %(message)s')


def seed_everything(seed=1029):
    random.seed(seed)
    os.environ['PYTHONHASHSEED'] = str(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def invert_dict(d):
    return {v: k for k, v in d.items()}


def load_vocab(path):
    vocab = json.load(open(path))
    vocab['answer_idx_to_token'] = invert_dict(vocab['answer_token_to_idx'])
    return vocab


def collate(batch):
    batch = list(zip(*batch))
    source_ids = torch.stack(batch[0])
    source_mask = torch.stack(batch[1])
    choices = torch.stack(batch[2])
    if batch[-1][0] is None:
        target_ids, answer = None, None
    else:
        target_ids = torch.stack(batch[3])
        answer = torch.cat(batch[4])
    return source_ids, source_mask, choices, target_ids, answer


class Dataset(torch.utils.data.Dataset):
    def __init__(self, inputs):
        self.source_ids, self.source_mask, self.target_ids, self.choices, self.answers = inputs
        self.is_test = len(self.answers) == 0

    def __getitem__(self, index):
        source_ids = torch.LongTensor(self.source_ids[index])
        source_mask = torch.LongTensor(self.source_mask[index])
        choices = torch.LongTensor(self.choices[index])
        if self.is_test:
            target_ids = None
            answer = None
        else:
            target_ids = torch.LongTensor(self.target_ids[index])
            answer = torch.LongTensor([self.answers[index]])
        return source_ids, source_mask, choices, target_ids, answer

    def __len__(self):
        return len(self.source_ids)


class DataLoader(torch.utils.data.DataLoader):
    def __init__(self, vocab_json, question_pt, batch_size, training=False):
        vocab = load_vocab(vocab_json)
        inputs = []
        with open(question_pt, 'rb') as f:
            for _ in range(5):
                inputs.append(pickle.load(f))
        dataset = Dataset(inputs)
        super().__init__(dataset, batch_size=batch_size, shuffle=training, collate_fn=collate)
        self.vocab = vocab


def preprocess(input_dir, model_name_or_path):
    tokenizer = BartTokenizer.from_pretrained(model_name_or_path)
    questions = ["Which dog is the quick brown one?", "What was the weather like today?"]
    sparqls = ["SELECT ?e WHERE { ?e <pred:name> \"dog\" }", "SELECT ?v WHERE { ?e <weather> ?v }"]
    source = tokenizer(questions, max_length=32, padding='max_length', truncation=True)
    target = tokenizer(sparqls, max_length=32, padding='max_length', truncation=True)
    with open(os.path.join(input_dir, 'vocab.json'), 'w') as f:
        json.dump({'answer_token_to_idx': {'yes': 0, 'no': 1}}, f)
    for split in ('train', 'val'):
        with open(os.path.join(input_dir, split + '.pt'), 'wb') as f:
            for item in (np.array(source['input_ids']), np.array(source['attention_mask']),
                         np.array(target['input_ids']), np.array([[0, 1]] * 2), np.array([0, 1])):
                pickle.dump(item, f)


def train(args):
    device = 'cuda' if torch.cuda.is_available() else 'cpu'

    vocab_json = os.path.join(args.input_dir, 'vocab.json')
    train_pt = os.path.join(args.input_dir, 'train.pt')
    val_pt = os.path.join(args.input_dir, 'val.pt')
    train_loader = DataLoader(vocab_json, train_pt, args.batch_size, training=True)
    val_loader = DataLoader(vocab_json, val_pt, args.batch_size)

    config_class, model_class, tokenizer_class = (BartConfig, BartForConditionalGeneration, BartTokenizer)
    tokenizer = tokenizer_class.from_pretrained(args.model_name_or_path)
    model = model_class.from_pretrained(args.model_name_or_path)
    model = model.to(device)
    t_total = len(train_loader) // args.gradient_accumulation_steps * args.num_train_epochs
    no_decay = ["bias", "LayerNorm.weight"]
    bart_param_optimizer = list(model.named_parameters())
    optimizer_grouped_parameters = [
        {'params': [p for n, p in bart_param_optimizer if not any(nd in n for nd in no_decay)],
         'weight_decay': args.weight_decay, 'lr': args.learning_rate},
        {'params': [p for n, p in bart_param_optimizer if any(nd in n for nd in no_decay)], 'weight_decay': 0.0,
         'lr': args.learning_rate}
    ]
    args.warmup_steps = int(t_total * args.warmup_proportion)
    optimizer = optim.AdamW(optimizer_grouped_parameters, lr=args.learning_rate, eps=args.adam_epsilon)
    scheduler = get_linear_schedule_with_warmup(optimizer, num_warmup_steps=args.warmup_steps,
                                                num_training_steps=t_total)
    global_step = 0
    tr_loss = 0.0
    model.zero_grad()
    for _ in range(int(args.num_train_epochs)):
        for step, batch in enumerate(train_loader):
            model.train()
            batch = tuple(t.to(device) for t in batch)
            pad_token_id = tokenizer.pad_token_id
            source_ids, source_mask, y = batch[0], batch[1], batch[-2]
            y_ids = y[:, :-1].contiguous()
            lm_labels = y[:, 1:].clone()
            lm_labels[y[:, 1:] == pad_token_id] = -100

            inputs = {
                "input_ids": source_ids.to(device),
                "attention_mask": source_mask.to(device),
                "decoder_input_ids": y_ids.to(device),
                "labels": lm_labels.to(device)
            }
            outputs = model(**inputs)
            loss = outputs[0]
            loss.backward()
            tr_loss += loss.item()
            if (step + 1) % args.gradient_accumulation_steps == 0:
                torch.nn.utils.clip_grad_norm_(model.parameters(), args.max_grad_norm)
                optimizer.step()
                scheduler.step()
                model.zero_grad()
                global_step += 1
    return global_step, tr_loss / global_step


def main():
    work_dir = tempfile.mkdtemp()
    parser = argparse.ArgumentParser()
    parser.add_argument('--input_dir', default=work_dir)
    parser.add_argument('--output_dir', default=work_dir)
    parser.add_argument('--save_dir', default=work_dir, help='path to save checkpoints and logs')
    parser.add_argument('--model_name_or_path', default='facebook/bart-base', help='pretrained language models')
    parser.add_argument('--weight_decay', default=1e-5, type=float)
    parser.add_argument('--batch_size', default=2, type=int)
    parser.add_argument('--seed', type=int, default=666, help='random seed')
    parser.add_argument('--learning_rate', default=3e-5, type=float)
    parser.add_argument('--num_train_epochs', default=1, type=int)
    parser.add_argument('--warmup_proportion', default=0.1, type=float)
    parser.add_argument("--adam_epsilon", default=1e-8, type=float)
    parser.add_argument("--gradient_accumulation_steps", type=int, default=1)
    parser.add_argument("--max_grad_norm", default=1.0, type=float)
    args = parser.parse_args()

    seed_everything(666)
    preprocess(args.input_dir, args.model_name_or_path)
    global_step, loss = train(args)
    print("steps", global_step, "loss", round(loss, 4) > 0)


main()
