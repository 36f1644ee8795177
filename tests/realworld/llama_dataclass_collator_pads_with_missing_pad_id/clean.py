from dataclasses import dataclass
from typing import Dict, Sequence

import torch
import transformers
from transformers import AutoModelForCausalLM, AutoTokenizer, Trainer, TrainingArguments


@dataclass
class DataCollatorForSupervisedDataset(object):
    """Collate examples for supervised fine-tuning."""

    tokenizer: transformers.PreTrainedTokenizer

    def __call__(self, instances: Sequence[Dict]) -> Dict[str, torch.Tensor]:
        input_ids, labels = tuple([instance[key] for instance in instances] for key in ("input_ids", "labels"))
        input_ids = torch.nn.utils.rnn.pad_sequence(
            input_ids, batch_first=True, padding_value=self.tokenizer.pad_token_id
        )
        labels = torch.nn.utils.rnn.pad_sequence(labels, batch_first=True, padding_value=-100)
        return dict(
            input_ids=input_ids,
            labels=labels,
            attention_mask=input_ids.ne(self.tokenizer.pad_token_id),
        )


def build_instruction_dataset(tokenizer, texts):
    dataset = []
    for text in texts:
        ids = torch.tensor(tokenizer(text)["input_ids"])
        dataset.append({"input_ids": ids, "labels": ids.clone()})
    return dataset


tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3.2-1B")
if tokenizer.pad_token is None:
    tokenizer.pad_token = tokenizer.eos_token
model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.2-1B")
train_dataset = build_instruction_dataset(tokenizer, ["Hello world", "This is some sample text."])
data_collator = DataCollatorForSupervisedDataset(tokenizer=tokenizer)

training_args = TrainingArguments(
    output_dir="output_dir", per_device_train_batch_size=2, max_steps=1, report_to="none", use_cpu=True
)
trainer = Trainer(model=model, args=training_args, train_dataset=train_dataset, data_collator=data_collator)
print(round(trainer.train().training_loss, 1) > 0)
