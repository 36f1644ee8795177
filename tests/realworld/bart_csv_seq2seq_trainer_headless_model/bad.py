"""The reporter's Colab fine-tuning of BART on a pair of csv files (transformers issue 36058): pandas
frames made datasets, tokenized with their targets by Dataset.map, and a Trainer with
DataCollatorForSeq2Seq. Small csv files are written first and the training is one step."""
import os
import tempfile

import pandas as pd
import torch
from datasets import Dataset, DatasetDict
from transformers import BartModel, BartTokenizer, DataCollatorForSeq2Seq, Trainer, TrainingArguments

work_dir = tempfile.mkdtemp()
rows = pd.DataFrame({
    "input_text": ["The weather today is sunny and warm.", "My favourite food is bread with cheese.",
                   "Once upon a time there was a small model.", "The quick brown fox jumps over the lazy dog."],
    "target_text": ["sunny and warm", "bread with cheese", "a small model", "the lazy dog"],
})
rows.to_csv(os.path.join(work_dir, "train.csv"), index=False)
rows.to_csv(os.path.join(work_dir, "test.csv"), index=False)

df_train = pd.read_csv(os.path.join(work_dir, "train.csv"))
df_test = pd.read_csv(os.path.join(work_dir, "test.csv"))

dataset = DatasetDict({
    "train": Dataset.from_pandas(df_train),
    "test": Dataset.from_pandas(df_test),
})

model_name = "facebook/bart-base"
tokenizer = BartTokenizer.from_pretrained(model_name)
model = BartModel.from_pretrained(model_name)


def preprocess_function(examples):
    inputs = tokenizer(examples["input_text"], max_length=128, truncation=True)
    targets = tokenizer(examples["target_text"], max_length=32, truncation=True)
    inputs["labels"] = targets["input_ids"]
    return inputs


tokenized_datasets = dataset.map(preprocess_function, batched=True,
                                 remove_columns=["input_text", "target_text"])

data_collator = DataCollatorForSeq2Seq(tokenizer=tokenizer, model=model)

training_args = TrainingArguments(
    output_dir=os.path.join(work_dir, "results"),
    per_device_train_batch_size=2,
    per_device_eval_batch_size=2,
    num_train_epochs=1,
    max_steps=1,
    report_to="none",
    use_cpu=True,
)

trainer = Trainer(
    model=model,
    args=training_args,
    train_dataset=tokenized_datasets["train"],
    eval_dataset=tokenized_datasets["test"],
    data_collator=data_collator,
)

result = trainer.train()
print("steps", result.global_step)
