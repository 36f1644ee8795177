import os
import tempfile

import torch
from torch.utils.data import Dataset
from transformers import RobertaConfig, RobertaForMaskedLM, RobertaTokenizerFast

tokenizer = RobertaTokenizerFast.from_pretrained("roberta-base", max_len=512)  # the blog's EsperBERTo tokenizer in the report


class LineByLineTextDataset(Dataset):
    """transformers' LineByLineTextDataset (removed in transformers 5), as the report used it."""

    def __init__(self, tokenizer, file_path: str, block_size: int):
        with open(file_path, encoding="utf-8") as f:
            lines = [line for line in f.read().splitlines() if (len(line) > 0 and not line.isspace())]
        batch_encoding = tokenizer(lines, add_special_tokens=True, truncation=True, max_length=block_size)
        self.examples = [{"input_ids": torch.tensor(e, dtype=torch.long)} for e in batch_encoding["input_ids"]]

    def __len__(self):
        return len(self.examples)

    def __getitem__(self, i):
        return self.examples[i]


work = tempfile.mkdtemp()
with open(os.path.join(work, "train.txt"), "w", encoding="utf-8") as out:
    out.write("This is some sample text.\nHello world\nThe weather today is sunny and warm.\nraw text\n")

configuration = RobertaConfig(hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=64)
model = RobertaForMaskedLM(configuration)
dataset = LineByLineTextDataset(
    tokenizer=tokenizer,
    file_path=os.path.join(work, "train.txt"),
    block_size=128,
)
from transformers import DataCollatorForLanguageModeling

data_collator = DataCollatorForLanguageModeling(
    tokenizer=tokenizer, mlm=True, mlm_probability=0.15
)
from transformers import Trainer, TrainingArguments

training_args = TrainingArguments(
    output_dir=os.path.join(work, "Model1"),
    num_train_epochs=1,
    per_device_train_batch_size=2,
    save_steps=10_000,
    save_total_limit=2,
    prediction_loss_only=True,
    max_steps=1,
    report_to="none",
    use_cpu=True,
)

trainer = Trainer(
    model=model,
    args=training_args,
    data_collator=data_collator,
    train_dataset=dataset,
)
trainer.train()
print(trainer.state.log_history[-1]["train_loss"] > 0)
