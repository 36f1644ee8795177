"""The reporter's Colab fine-tuning of GPT-2 on a csv of "triplet" sequences (transformers issue 12594),
with a small csv written first and the training cut to one step."""
import os
import tempfile

import pandas as pd
from datasets import load_dataset
from transformers import (DataCollatorForLanguageModeling, GPT2LMHeadModel, GPT2Tokenizer, Trainer,
                          TrainingArguments)

work_dir = tempfile.mkdtemp()
csv_path = os.path.join(work_dir, "triplets.csv")
pd.DataFrame({"triplet": ["Hello world", "The quick brown fox jumps over the lazy dog.",
                          "This is some sample text.", "a text"]}).to_csv(csv_path, index=False)

model_name = "gpt2"
tokenizer = GPT2Tokenizer.from_pretrained(model_name)
tokenizer.pad_token = tokenizer.unk_token
model = GPT2LMHeadModel.from_pretrained(model_name)

datasets = load_dataset("csv", data_files={"train": csv_path})


def tokenize_function(examples):
    return tokenizer(examples["triplet"])


tokenized_datasets = datasets.map(tokenize_function, batched=True, remove_columns=["triplet"])

data_collator = DataCollatorForLanguageModeling(tokenizer=tokenizer, mlm=False)

training_args = TrainingArguments(
    output_dir=os.path.join(work_dir, "gpt2-triplets"),
    num_train_epochs=1,
    per_device_train_batch_size=2,
    max_steps=1,
    report_to="none",
    use_cpu=True,
)

trainer = Trainer(
    model=model,
    args=training_args,
    data_collator=data_collator,
    train_dataset=tokenized_datasets["train"],
)

result = trainer.train()
print("steps", result.global_step)
