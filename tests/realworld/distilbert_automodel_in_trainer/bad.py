import numpy as np
from datasets import Dataset, DatasetDict
from transformers import AutoModel, AutoTokenizer, Trainer, TrainingArguments

model_ckpt = "distilbert-base-uncased"
tokenizer = AutoTokenizer.from_pretrained(model_ckpt)
device = "cpu"
model = AutoModel.from_pretrained(model_ckpt).to(device)

emotions = DatasetDict({
    "train": Dataset.from_dict({"text": ["i feel happy", "i am so sad", "what a lazy dog", "the fox is quick"], "label": [1, 0, 0, 1]}),
    "validation": Dataset.from_dict({"text": ["i feel sad", "a happy fox"], "label": [0, 1]}),
})


def tokenize(batch):
    return tokenizer(batch["text"], padding=True, truncation=True)


emotions_encoded = emotions.map(tokenize, batched=True, batch_size=None)


def compute_metrics(pred):
    labels = pred.label_ids
    preds = pred.predictions.argmax(-1)
    acc = float((labels == preds).mean())
    return {"accuracy": acc}


batch_size = 2
training_args = TrainingArguments(output_dir="distilbert-base-uncased-finetuned-emotion",
                                  num_train_epochs=1,
                                  learning_rate=2e-5,
                                  per_device_train_batch_size=batch_size,
                                  per_device_eval_batch_size=batch_size,
                                  weight_decay=0.01,
                                  eval_strategy="epoch",
                                  disable_tqdm=True,
                                  logging_steps=1,
                                  report_to=[],
                                  use_cpu=True)

trainer = Trainer(model=model, args=training_args,
                  compute_metrics=compute_metrics,
                  train_dataset=emotions_encoded["train"],
                  eval_dataset=emotions_encoded["validation"],
                  processing_class=tokenizer)
trainer.train()
print(np.round(trainer.evaluate()["eval_accuracy"], 2))
