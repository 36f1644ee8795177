import argparse

import torch
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader, Dataset, RandomSampler
from transformers import GPT2LMHeadModel, GPT2Tokenizer


class LineByLineTextDataset(Dataset):
    def __init__(self, tokenizer, lines, block_size=512):
        self.examples = tokenizer(lines, add_special_tokens=True, truncation=True, max_length=block_size)["input_ids"]

    def __len__(self):
        return len(self.examples)

    def __getitem__(self, i):
        return torch.tensor(self.examples[i], dtype=torch.long)


def train(args, train_dataset, model, tokenizer):
    def collate(examples):
        if tokenizer.pad_token is None:
            return pad_sequence(examples, batch_first=True)
        return pad_sequence(examples, batch_first=True, padding_value=tokenizer.pad_token_id)

    train_sampler = RandomSampler(train_dataset)
    train_dataloader = DataLoader(
        train_dataset, sampler=train_sampler, batch_size=args.train_batch_size, collate_fn=collate
    )
    for step, batch in enumerate(train_dataloader):
        outputs = model(batch, labels=batch)
        print(step, round(outputs.loss.item(), 4))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model_name_or_path", default="gpt2")
    parser.add_argument("--train_batch_size", type=int, default=2)
    args = parser.parse_args()

    tokenizer = GPT2Tokenizer.from_pretrained(args.model_name_or_path)
    model = GPT2LMHeadModel.from_pretrained(args.model_name_or_path)
    lines = ["This is some sample text.", "Hello world", "Another piece of sample text, a bit longer."]
    train(args, LineByLineTextDataset(tokenizer, lines), model, tokenizer)


main()
