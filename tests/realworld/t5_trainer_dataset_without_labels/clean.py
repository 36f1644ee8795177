from datasets import Dataset, DatasetDict
from transformers import T5ForConditionalGeneration, T5Tokenizer, Trainer, TrainingArguments

tokenizer = T5Tokenizer.from_pretrained("google-t5/t5-small")
raw_datasets = DatasetDict({
    "train": Dataset.from_dict({"event": ["PersonX eats a cake", "PersonX walks the dog"], "oReact": ["happy", "tired"]}),
    "test": Dataset.from_dict({"event": ["PersonX reads a book"], "oReact": ["calm"]}),
})


def tokenize_function(examples):
    model_inputs = tokenizer(examples["event"], max_length=16, padding="max_length", truncation=True)
    labels = tokenizer(text_target=examples["oReact"], max_length=8, padding="max_length", truncation=True)
    model_inputs["labels"] = [
        [t if t != tokenizer.pad_token_id else -100 for t in ids] for ids in labels["input_ids"]
    ]
    return model_inputs


tokenized_datasets = raw_datasets.map(tokenize_function, batched=True)
small_train_dataset = tokenized_datasets["train"].shuffle(seed=42).select(range(2))
small_eval_dataset = tokenized_datasets["test"].shuffle(seed=42).select(range(1))

training_args = TrainingArguments("test_trainer", per_device_train_batch_size=2, max_steps=1, report_to=[], use_cpu=True)
model = T5ForConditionalGeneration.from_pretrained("google-t5/t5-small")

trainer = Trainer(
    model=model, args=training_args, train_dataset=small_train_dataset, eval_dataset=small_eval_dataset
)
trainer.train()
print(trainer.state.log_history[-1]["train_loss"] > 0)
