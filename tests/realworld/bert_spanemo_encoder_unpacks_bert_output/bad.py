"""SpanEmo multi-label emotion classification (scripts/model.py, data_loader.py, learner.py and
train.py at d399009, trimmed into one file)."""
import io

import numpy as np
import pandas as pd
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset
from transformers import AutoModel, AutoTokenizer, BertModel, BertTokenizer, get_linear_schedule_with_warmup

TRAIN_TSV = (
    "ID\tTweet\tanger\tanticipation\tdisgust\tfear\tjoy\tlove\toptimism\thopeless\tsadness\tsurprise\ttrust\n"
    "1\tthe quick brown fox jumps over the lazy dog\t0\t1\t0\t0\t1\t0\t1\t0\t0\t0\t0\n"
    "2\tthe weather was warm and sunny today\t0\t0\t0\t0\t1\t1\t0\t0\t0\t0\t1\n"
)


def twitter_preprocessor():
    return str.split


class DataClass(Dataset):
    def __init__(self, args, filename):
        self.args = args
        self.filename = filename
        self.max_length = int(args['--max-length'])
        self.data, self.labels = self.load_dataset()

        if args['--lang'] == 'English':
            self.bert_tokeniser = BertTokenizer.from_pretrained('bert-base-uncased', do_lower_case=True)
        elif args['--lang'] == 'Arabic':
            self.bert_tokeniser = AutoTokenizer.from_pretrained("asafaya/bert-base-arabic")

        self.inputs, self.lengths, self.label_indices = self.process_data()

    def load_dataset(self):
        df = pd.read_csv(io.StringIO(self.filename), sep='\t')
        x_train, y_train = df.Tweet.values, df.iloc[:, 2:].values
        return x_train, y_train

    def process_data(self):
        preprocessor = twitter_preprocessor()
        data = [' '.join(preprocessor(x)) for x in self.data]

        if self.args['--lang'] == 'English':
            segment_a = "text sample piece model dog bread fox food weather world or cheese?"
            label_names = ["text", "sample", "piece", "model", "dog", "bread", "fox", "food", "weather", "world",
                           "cheese"]

        inputs, lengths, label_indices = [], [], []
        for x in data:
            x = self.bert_tokeniser(segment_a,
                                    x,
                                    add_special_tokens=True,
                                    max_length=self.max_length,
                                    padding='max_length',
                                    truncation=True)
            input_id = x['input_ids']
            input_length = len([i for i in x['attention_mask'] if i == 1])
            inputs.append(input_id)
            lengths.append(input_length)

            label_idxs = [self.bert_tokeniser.convert_ids_to_tokens(input_id).index(label_names[idx])
                          for idx, _ in enumerate(label_names)]
            label_indices.append(label_idxs)

        inputs = torch.tensor(inputs, dtype=torch.long)
        data_length = torch.tensor(lengths, dtype=torch.long)
        label_indices = torch.tensor(label_indices, dtype=torch.long)
        return inputs, data_length, label_indices

    def __getitem__(self, index):
        inputs = self.inputs[index]
        labels = self.labels[index]
        label_idxs = self.label_indices[index]
        length = self.lengths[index]
        return inputs, labels, length, label_idxs

    def __len__(self):
        return len(self.inputs)


class BertEncoder(nn.Module):
    def __init__(self, lang='English'):
        super(BertEncoder, self).__init__()
        if lang == 'English':
            self.bert = BertModel.from_pretrained('bert-base-uncased')
        elif lang == 'Arabic':
            self.bert = AutoModel.from_pretrained("asafaya/bert-base-arabic")
        self.feature_size = self.bert.config.hidden_size

    def forward(self, input_ids):
        last_hidden_state, pooler_output = self.bert(input_ids=input_ids)
        return last_hidden_state


class SpanEmo(nn.Module):
    def __init__(self, output_dropout=0.1, lang='English', joint_loss='joint', alpha=0.2):
        super(SpanEmo, self).__init__()
        self.bert = BertEncoder(lang=lang)
        self.joint_loss = joint_loss
        self.alpha = alpha

        self.ffn = nn.Sequential(
            nn.Linear(self.bert.feature_size, self.bert.feature_size),
            nn.Tanh(),
            nn.Dropout(p=output_dropout),
            nn.Linear(self.bert.feature_size, 1)
        )

    def forward(self, batch, device):
        inputs, targets, lengths, label_idxs = batch
        inputs, num_rows = inputs.to(device), inputs.size(0)
        label_idxs, targets = label_idxs[0].long().to(device), targets.float().to(device)

        last_hidden_state = self.bert(inputs)

        logits = self.ffn(last_hidden_state).squeeze(-1).index_select(dim=1, index=label_idxs)

        if self.joint_loss == 'joint':
            cel = F.binary_cross_entropy_with_logits(logits, targets)
            cl = self.corr_loss(logits, targets)
            loss = ((1 - self.alpha) * cel) + (self.alpha * cl)
        elif self.joint_loss == 'cross-entropy':
            loss = F.binary_cross_entropy_with_logits(logits, targets)

        y_pred = self.compute_pred(logits)
        return loss, num_rows, y_pred, targets.cpu().numpy()

    @staticmethod
    def corr_loss(y_hat, y_true, reduction='mean'):
        loss = torch.zeros(y_true.size(0))
        for idx, (y, y_h) in enumerate(zip(y_true, y_hat.sigmoid())):
            y_z, y_o = (y == 0).nonzero(), y.nonzero()
            if y_o.nelement() != 0:
                output = torch.exp(torch.sub(y_h[y_z], y_h[y_o][:, None]).squeeze(-1)).sum()
                num_comparisons = y_z.size(0) * y_o.size(0)
                loss[idx] = output.div(num_comparisons)
        return loss.mean() if reduction == 'mean' else loss.sum()

    @staticmethod
    def compute_pred(logits, threshold=0.5):
        y_pred = torch.sigmoid(logits) > threshold
        return y_pred.float().cpu().numpy()


class Trainer(object):
    def __init__(self, model, train_data_loader, val_data_loader, filename):
        self.model = model
        self.train_data_loader = train_data_loader
        self.val_data_loader = val_data_loader
        self.filename = filename

    def fit(self, num_epochs, args, device='cuda:0'):
        optimizer, scheduler, step_scheduler_on_batch = self.optimizer(args)
        self.model = self.model.to(device)
        for epoch in range(num_epochs):
            self.model.train()
            overall_training_loss = 0.0
            for step, batch in enumerate(self.train_data_loader):
                loss, num_rows, _, _ = self.model(batch, device)
                overall_training_loss += loss.item() * num_rows

                loss.backward()
                torch.nn.utils.clip_grad_norm_(self.model.parameters(), max_norm=1.0)
                optimizer.step()
                if step_scheduler_on_batch:
                    scheduler.step()
                optimizer.zero_grad()
            overall_training_loss = overall_training_loss / len(self.train_data_loader.dataset)
            print('epoch#: ', epoch + 1, round(overall_training_loss, 4) > 0)

    def optimizer(self, args):
        optimizer = torch.optim.AdamW([
            {'params': self.model.bert.parameters()},
            {'params': self.model.ffn.parameters(),
             'lr': float(args['--ffn-lr'])},
        ], lr=float(args['--bert-lr']))
        num_train_steps = (int(len(self.train_data_loader.dataset)) /
                           int(args['--train-batch-size'])) * int(args['--max-epoch'])
        num_warmup_steps = int(num_train_steps * 0.1)
        scheduler = get_linear_schedule_with_warmup(optimizer,
                                                    num_warmup_steps=num_warmup_steps,
                                                    num_training_steps=num_train_steps)
        step_scheduler_on_batch = True
        return optimizer, scheduler, step_scheduler_on_batch


args = {'--loss-type': 'joint', '--max-length': '32', '--output-dropout': '0.1', '--seed': '0',
        '--train-batch-size': '2', '--eval-batch-size': '2', '--max-epoch': '1', '--ffn-lr': '0.001',
        '--bert-lr': '2e-5', '--lang': 'English', '--train-path': TRAIN_TSV, '--dev-path': TRAIN_TSV,
        '--alpha-loss': '0.2'}
device = torch.device('cpu')
np.random.seed(int(args['--seed']))
train_dataset = DataClass(args, args['--train-path'])
train_data_loader = DataLoader(train_dataset,
                               batch_size=int(args['--train-batch-size']),
                               shuffle=True
                               )
dev_dataset = DataClass(args, args['--dev-path'])
dev_data_loader = DataLoader(dev_dataset,
                             batch_size=int(args['--eval-batch-size']),
                             shuffle=False
                             )
model = SpanEmo(output_dropout=float(args['--output-dropout']),
                lang=args['--lang'],
                joint_loss=args['--loss-type'],
                alpha=float(args['--alpha-loss']))
learn = Trainer(model, train_data_loader, dev_data_loader, filename="spanemo")
learn.fit(
    num_epochs=int(args['--max-epoch']),
    args=args,
    device=device
)
