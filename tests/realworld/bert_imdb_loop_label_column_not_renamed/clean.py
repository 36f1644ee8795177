"""The reporter's copy of the "Fine-tuning in native PyTorch" tutorial (transformers issue 12631): imdb
tokenized by Dataset.map, a DataLoader over it, and a training loop that unpacks each batch into the
model. Four imdb-like rows stand in for the dataset and the loop stops after two steps."""
import torch
from datasets import Dataset, DatasetDict
from torch.utils.data import DataLoader
from tqdm.auto import tqdm
from transformers import AutoModelForSequenceClassification, AutoTokenizer, get_scheduler

raw_datasets = DatasetDict({
    split: Dataset.from_dict({
        "text": ["The weather today is sunny and warm.", "My favourite food is bread with cheese.",
                 "Another piece of sample text.", "The quick brown fox jumps over the lazy dog."],
        "label": [1, 1, 0, 0],
    })
    for split in ("train", "test")
})
tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")


def tokenize_function(examples):
    return tokenizer(examples["text"], padding="max_length", truncation=True, max_length=32)


tokenized_datasets = raw_datasets.map(tokenize_function, batched=True)
tokenized_datasets = tokenized_datasets.remove_columns(["text"])
tokenized_datasets = tokenized_datasets.rename_column("label", "labels")
tokenized_datasets.set_format("torch")

small_train_dataset = tokenized_datasets["train"].shuffle(seed=42).select(range(4))
small_eval_dataset = tokenized_datasets["test"].shuffle(seed=42).select(range(4))
train_dataloader = DataLoader(small_train_dataset, shuffle=True, batch_size=2)
eval_dataloader = DataLoader(small_eval_dataset, batch_size=2)
model = AutoModelForSequenceClassification.from_pretrained("bert-base-uncased", num_labels=2)

optimizer = torch.optim.AdamW(model.parameters(), lr=5e-5)

num_epochs = 1
num_training_steps = num_epochs * len(train_dataloader)
lr_scheduler = get_scheduler(
    "linear",
    optimizer=optimizer,
    num_warmup_steps=0,
    num_training_steps=num_training_steps
)

device = torch.device("cuda") if torch.cuda.is_available() else torch.device("cpu")
model.to(device)

progress_bar = tqdm(range(num_training_steps))

model.train()
for epoch in range(num_epochs):
    for batch in train_dataloader:
        batch = {k: v.to(device) for k, v in batch.items()}
        outputs = model(**batch)
        loss = outputs.loss
        loss.backward()

        optimizer.step()
        lr_scheduler.step()
        optimizer.zero_grad()
        progress_bar.update(1)

print("trained", progress_bar.n)
