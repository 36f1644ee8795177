import torch
from torch.utils.data import DataLoader, TensorDataset
from transformers import BertForSequenceClassification, BertTokenizer


class Arg:
    random_seed: int = 42  # Random Seed
    pretrained_model: str = 'bert-base-uncased'  # Transformers PLM name
    pretrained_tokenizer: str = ''  # Optional, Transformers Tokenizer Name. Overrides `pretrained_model`
    batch_size: int = 2  # Optional, Train/Eval Batch Size. Overrides `auto_batch_size`
    lr: float = 5e-6  # Starting Learning Rate
    epochs: int = 1  # Max Epochs
    max_length: int = 16  # Max Length input size


class Model(torch.nn.Module):  # a LightningModule in the report
    def __init__(self, options):
        super().__init__()
        self.args = options
        self.bert = BertForSequenceClassification.from_pretrained(self.args.pretrained_model)
        self.tokenizer = BertTokenizer.from_pretrained(
            self.args.pretrained_tokenizer
            if self.args.pretrained_tokenizer
            else self.args.pretrained_model
        )

    def forward(self, **kwargs):
        return self.bert(**kwargs)

    def training_step(self, batch, batch_idx):
        data, labels = batch
        output = self(input_ids=data, labels=labels)
        return output.loss

    def preprocess_dataframe(self, texts):
        return [self.tokenizer.encode(t, padding="max_length", max_length=self.args.max_length, truncation=True) for t in texts]

    def train_dataloader(self):
        # comments labelled 0..4 (comments_30K_labeled_train_01234.txt)
        texts = ["the dog is lazy", "what a quick fox", "the cat sat", "birds sing"]
        labels = [0, 4, 2, 1]
        dataset = TensorDataset(
            torch.tensor(self.preprocess_dataframe(texts)),
            torch.tensor(labels),
        )
        return DataLoader(dataset, batch_size=self.args.batch_size, shuffle=False)


model = Model(Arg())
optimizer = torch.optim.AdamW(model.parameters(), lr=Arg.lr)
for batch_idx, batch in enumerate(model.train_dataloader()):
    loss = model.training_step(batch, batch_idx)
    loss.backward()
    optimizer.step()
    print(round(loss.item(), 4))
