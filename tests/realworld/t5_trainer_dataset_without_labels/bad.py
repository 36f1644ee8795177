from datasets import Dataset, DatasetDict
from transformers import T5ForConditionalGeneration, T5Tokenizer, Trainer, TrainingArguments

tokenizer = T5Tokenizer.from_pretrained("google-t5/t5-small")
raw_datasets = DatasetDict({
    "train": Dataset.from_dict({"event": ["PersonX eats a cake", "PersonX walks the dog"], "oReact": ["happy", "tired"]}),
    "test": Dataset.from_dict({"event": ["PersonX reads a book"], "oReact": ["calm"]}),
})


def tokenize_function(examples):
    return tokenizer(examples["event"], max_length=16, padding="max_length", truncation=True)


def tokenize_labels(examples):
    with tokenizer.as_target_tokenizer():
        return tokenizer(examples["oReact"], return_tensors="pt")


tokenized_datasets = raw_datasets.map(tokenize_function, batched=True)
# labels = raw_datasets.map(tokenize_labels, batched=True)
small_train_dataset = tokenized_datasets["train"].shuffle(seed=42).select(range(2))
small_eval_dataset = tokenized_datasets["test"].shuffle(seed=42).select(range(1))

training_args = TrainingArguments("test_trainer", per_device_train_batch_size=2, max_steps=1, report_to=[], use_cpu=True)
model = T5ForConditionalGeneration.from_pretrained("google-t5/t5-small")

trainer = Trainer(
    model=model, args=training_args, train_dataset=small_train_dataset, eval_dataset=small_eval_dataset
)
trainer.train()
print(trainer.state.log_history[-1]["train_loss"] > 0)
