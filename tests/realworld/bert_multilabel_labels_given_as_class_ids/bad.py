from datasets import ClassLabel, Dataset, Features, Sequence, Value
from transformers import (
    AutoModelForSequenceClassification,
    AutoTokenizer,
    DataCollatorWithPadding,
    Trainer,
    TrainingArguments,
)

topics = ["sports", "politics", "culture"]
features = Features({"text": Value("string"), "label": Sequence(ClassLabel(names=topics))})
dataset = Dataset.from_dict(
    {
        "text": ["the minister opened the stadium", "a play about the election", "the museum hosts a match", "the team met the senator"],
        "label": [[0, 1], [1, 2], [0, 2], [0, 1]],  # the topics of each article
    },
    features=features,
)

tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")


def tokenize(batch):
    return tokenizer(batch["text"], truncation=True)


dataset = dataset.map(tokenize, batched=True, remove_columns=["text"])

model = AutoModelForSequenceClassification.from_pretrained("bert-base-uncased", num_labels=len(topics))
model.config.problem_type = "multi_label_classification"

args = TrainingArguments(
    output_dir="multilabel",
    per_device_train_batch_size=2,
    max_steps=1,
    report_to="none",
    use_cpu=True,
    save_strategy="no",
)
trainer = Trainer(
    model=model,
    args=args,
    train_dataset=dataset,
    data_collator=DataCollatorWithPadding(tokenizer),
)
trainer.train()
print(round(trainer.state.log_history[-1]["train_loss"], 4))
