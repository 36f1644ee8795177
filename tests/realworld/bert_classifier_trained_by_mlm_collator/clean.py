"""The reporter's Colab notebook training "a bert language model" on a text file (transformers issue
6452), with a small text file written first and the training cut to one step. transformers 5 removed
TextDataset; the notebook's call is kept, served by a class doing what transformers 4's did."""
import os
import tempfile

import torch
from transformers import BertTokenizer

work_dir = tempfile.mkdtemp()
with open(os.path.join(work_dir, "MyFile.txt"), "w") as f:
    f.write("The quick brown fox jumps over the lazy dog. The weather today is sunny and warm. " * 40)


class TextDataset(torch.utils.data.Dataset):
    """transformers 4's TextDataset: the whole file tokenized, cut into blocks of block_size tokens,
    each wrapped in BERT's [CLS] ... [SEP]."""

    def __init__(self, tokenizer, file_path, block_size):
        block_size = block_size - 2
        with open(file_path, encoding="utf-8") as f:
            text = f.read()
        ids = tokenizer.convert_tokens_to_ids(tokenizer.tokenize(text))
        self.examples = [
            [tokenizer.cls_token_id] + ids[i:i + block_size] + [tokenizer.sep_token_id]
            for i in range(0, len(ids) - block_size + 1, block_size)
        ]

    def __len__(self):
        return len(self.examples)

    def __getitem__(self, i):
        return torch.tensor(self.examples[i], dtype=torch.long)


tokenizer = BertTokenizer.from_pretrained('bert-base-uncased')
from transformers import BertForMaskedLM
model = BertForMaskedLM.from_pretrained('bert-base-uncased')

paths = os.path.join(work_dir, 'MyFile.txt')
dataset = TextDataset(
    tokenizer=tokenizer,
    file_path=paths,
    block_size=128,
)

from transformers import DataCollatorForLanguageModeling

data_collator = DataCollatorForLanguageModeling(
    tokenizer=tokenizer, mlm=True, mlm_probability=0.15
)

from transformers import Trainer, TrainingArguments

training_args = TrainingArguments(
    output_dir=os.path.join(work_dir, "EsperBERTo"),
    num_train_epochs=1,
    save_total_limit=2,
    per_device_train_batch_size=2,
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

result = trainer.train()
print("steps", result.global_step)
