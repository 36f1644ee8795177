import torch
from torch import nn
from datasets import Dataset
from transformers import AutoModelForMaskedLM, AutoTokenizer, Trainer, TrainingArguments
from transformers.modeling_outputs import SequenceClassifierOutput

model_path = "bert-base-uncased"  # a protein language model (ESM) in the report
tokenizer = AutoTokenizer.from_pretrained(model_path)


class PLMClassifier(nn.Module):
    def __init__(self, model_path, num_labels):
        super().__init__()
        self.plm = AutoModelForMaskedLM.from_pretrained(model_path, output_hidden_states=True)
        self.num_labels = num_labels
        self.classifier = nn.Linear(self.plm.config.hidden_size, num_labels)
        self.loss_fct = nn.CrossEntropyLoss()

    def forward(self, input_ids, attention_mask=None, labels=None):
        # the class labels are for the classifier below, not for the language-modeling head of the backbone
        hidden = self.plm(input_ids=input_ids, attention_mask=attention_mask).hidden_states[-1]
        pooled = hidden.mean(dim=1)
        logits = self.classifier(pooled)
        loss = None
        if labels is not None:
            loss = self.loss_fct(logits.view(-1, self.num_labels), labels.view(-1))
        return SequenceClassifierOutput(loss=loss, logits=logits)


seqs = ["the quick fox jumps", "the lazy dog sleeps", "a cat sat on the mat", "birds sing in the morning"]
train_dataset = Dataset.from_dict({"seqs": seqs, "labels": [0, 1, 2, 1]})
train_dataset = train_dataset.map(
    lambda e: tokenizer(e["seqs"], padding="max_length", max_length=12, truncation=True),
    batched=True, remove_columns=["seqs"],
)

model = PLMClassifier(model_path, num_labels=3)
training_args = TrainingArguments(
    output_dir="plm_classifier",
    per_device_train_batch_size=2,
    max_steps=1,
    report_to="none",
    use_cpu=True,
    save_strategy="no",
)
trainer = Trainer(model=model, args=training_args, train_dataset=train_dataset)
trainer.train()
print(round(trainer.state.log_history[-1]["train_loss"], 4))
