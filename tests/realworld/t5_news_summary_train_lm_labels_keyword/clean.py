"""The "Fine Tuning Transformer for Summary Generation" notebook (abhimishra91/transformers-tutorials,
transformers_summarization_wandb.ipynb) that the reporter of its issue 21 ran: a Dataset class over a
news-summary dataframe, train() and validate() functions and main(). wandb is left out (its config
is a namespace), a small dataframe stands in for news_summary.csv, and the lengths are small."""
from types import SimpleNamespace

import numpy as np
import pandas as pd
import torch
from torch import cuda
from torch.utils.data import DataLoader, Dataset
from transformers import T5ForConditionalGeneration, T5Tokenizer

device = 'cuda' if cuda.is_available() else 'cpu'


class CustomDataset(Dataset):

    def __init__(self, dataframe, tokenizer, source_len, summ_len):
        self.tokenizer = tokenizer
        self.data = dataframe
        self.source_len = source_len
        self.summ_len = summ_len
        self.text = self.data.text
        self.ctext = self.data.ctext

    def __len__(self):
        return len(self.text)

    def __getitem__(self, index):
        ctext = str(self.ctext[index])
        ctext = ' '.join(ctext.split())

        text = str(self.text[index])
        text = ' '.join(text.split())

        source = self.tokenizer([ctext], max_length=self.source_len, padding='max_length', truncation=True,
                                return_tensors='pt')
        target = self.tokenizer([text], max_length=self.summ_len, padding='max_length', truncation=True,
                                return_tensors='pt')

        source_ids = source['input_ids'].squeeze()
        source_mask = source['attention_mask'].squeeze()
        target_ids = target['input_ids'].squeeze()
        target_mask = target['attention_mask'].squeeze()

        return {
            'source_ids': source_ids.to(dtype=torch.long),
            'source_mask': source_mask.to(dtype=torch.long),
            'target_ids': target_ids.to(dtype=torch.long),
            'target_ids_y': target_ids.to(dtype=torch.long)
        }


def train(epoch, tokenizer, model, device, loader, optimizer):
    model.train()
    for _, data in enumerate(loader, 0):
        y = data['target_ids'].to(device, dtype=torch.long)
        y_ids = y[:, :-1].contiguous()
        lm_labels = y[:, 1:].clone().detach()
        lm_labels[y[:, 1:] == tokenizer.pad_token_id] = -100
        ids = data['source_ids'].to(device, dtype=torch.long)
        mask = data['source_mask'].to(device, dtype=torch.long)

        outputs = model(input_ids=ids, attention_mask=mask, decoder_input_ids=y_ids, labels=lm_labels)
        loss = outputs[0]

        if _ % 500 == 0:
            print(f'Epoch: {epoch}, Loss:  {loss.item()}')

        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


def validate(epoch, tokenizer, model, device, loader):
    model.eval()
    predictions = []
    actuals = []
    with torch.no_grad():
        for _, data in enumerate(loader, 0):
            y = data['target_ids'].to(device, dtype=torch.long)
            ids = data['source_ids'].to(device, dtype=torch.long)
            mask = data['source_mask'].to(device, dtype=torch.long)

            generated_ids = model.generate(
                input_ids=ids,
                attention_mask=mask,
                max_length=16,
                num_beams=2,
                repetition_penalty=2.5,
                length_penalty=1.0,
                early_stopping=True
            )
            preds = [tokenizer.decode(g, skip_special_tokens=True, clean_up_tokenization_spaces=True) for g in generated_ids]
            target = [tokenizer.decode(t, skip_special_tokens=True, clean_up_tokenization_spaces=True) for t in y]
            predictions.extend(preds)
            actuals.extend(target)
    return predictions, actuals


def main():
    config = SimpleNamespace()
    config.TRAIN_BATCH_SIZE = 2
    config.VALID_BATCH_SIZE = 2
    config.TRAIN_EPOCHS = 1
    config.VAL_EPOCHS = 1
    config.LEARNING_RATE = 1e-4
    config.SEED = 42
    config.MAX_LEN = 32
    config.SUMMARY_LEN = 12

    torch.manual_seed(config.SEED)
    np.random.seed(config.SEED)
    torch.backends.cudnn.deterministic = True

    tokenizer = T5Tokenizer.from_pretrained("t5-small")

    df = pd.DataFrame({
        "text": ["The weather is sunny.", "Bread with cheese.", "A small model.", "The lazy dog.", "Sample text."],
        "ctext": ["The weather today is sunny and warm.", "My favourite food is bread with cheese.",
                  "Once upon a time there was a small model.", "The quick brown fox jumps over the lazy dog.",
                  "Another piece of sample text, a bit longer."],
    })
    df = df[['text', 'ctext']]
    df.ctext = 'summarize: ' + df.ctext
    print(df.head())

    train_size = 0.8
    train_dataset = df.sample(frac=train_size, random_state=config.SEED).reset_index(drop=True)
    val_dataset = df.drop(train_dataset.index).reset_index(drop=True)

    training_set = CustomDataset(train_dataset, tokenizer, config.MAX_LEN, config.SUMMARY_LEN)
    val_set = CustomDataset(val_dataset, tokenizer, config.MAX_LEN, config.SUMMARY_LEN)

    train_params = {
        'batch_size': config.TRAIN_BATCH_SIZE,
        'shuffle': True,
        'num_workers': 0
    }

    val_params = {
        'batch_size': config.VALID_BATCH_SIZE,
        'shuffle': False,
        'num_workers': 0
    }

    training_loader = DataLoader(training_set, **train_params)
    val_loader = DataLoader(val_set, **val_params)

    model = T5ForConditionalGeneration.from_pretrained("t5-small")
    model = model.to(device)

    optimizer = torch.optim.Adam(params=model.parameters(), lr=config.LEARNING_RATE)

    print('Initiating Fine-Tuning for the model on our dataset')
    for epoch in range(config.TRAIN_EPOCHS):
        train(epoch, tokenizer, model, device, training_loader, optimizer)

    for epoch in range(config.VAL_EPOCHS):
        predictions, actuals = validate(epoch, tokenizer, model, device, val_loader)
        final_df = pd.DataFrame({'Generated Text': predictions, 'Actual Text': actuals})
        print('Output generated for review', final_df.shape)


if __name__ == '__main__':
    main()
