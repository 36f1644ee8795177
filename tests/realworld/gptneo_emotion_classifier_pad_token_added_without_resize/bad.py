import torch
from datasets import Dataset, DatasetDict
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments

# load_dataset("emotion") in the report
emotions = DatasetDict({
    "train": Dataset.from_dict({
        "text": ["i feel happy today", "i am so sad and tired of it all", "this makes me angry", "i love it"],
        "label": [1, 0, 3, 2],
    }),
})

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

model_name = "EleutherAI/gpt-neo-125m"
tokenizer = AutoTokenizer.from_pretrained(model_name)


def tokenize(batch):
    return tokenizer(batch["text"], padding=True, truncation=True)


tokenizer.add_special_tokens({'pad_token': '<|pad|>'})

emotions_encoded = emotions.map(tokenize, batched=True, batch_size=None)

num_labels = 6
model = (AutoModelForSequenceClassification.from_pretrained(model_name, num_labels=num_labels).to(device))

emotions_encoded.set_format("torch", columns=["input_ids", "attention_mask", "label"])

batch_size = 2
training_args = TrainingArguments(output_dir="results",
                                  num_train_epochs=2,
                                  max_steps=1,
                                  learning_rate=2e-5,
                                  per_device_train_batch_size=batch_size,
                                  weight_decay=0.01,
                                  report_to="none",
                                  use_cpu=True,
                                  save_strategy="no",
                                  disable_tqdm=True)

trainer = Trainer(model=model, args=training_args,
                  train_dataset=emotions_encoded["train"])
print(round(trainer.train().training_loss, 4))
