import tempfile
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

import pandas as pd
import torch
from datasets import Dataset
from transformers import (
    AutoModelForCausalLM,
    AutoTokenizer,
    HfArgumentParser,
    Trainer,
    TrainingArguments,
)


@dataclass
class ModelArguments:
    model_name_or_path: Optional[str] = field(
        default="Qwen/Qwen2-0.5B-Instruct",  # ../basemodel/Qwen3-1-7B-expand in the report
        metadata={"help": "Path to pretrained model"}
    )


def prepare_chat_dataset(data_pq):
    texts = []
    system_message = "You are a professional recommendation expert."
    for _, row in data_pq.iterrows():
        assistant_content = f"<think>\n\n</think>\n{row['groundtruth']}"
        formatted_text = f"""<|im_start|>system
{system_message}<|im_end|>
<|im_start|>user
{row['description']}<|im_end|>
<|im_start|>assistant
{assistant_content}<|im_end|>
"""
        texts.append(formatted_text)
    return Dataset.from_dict({'text': texts})


def tokenize_function(examples, tokenizer):
    tokenized = tokenizer(
        examples['text'],
        padding='longest',
        truncation=True,
        max_length=4096,
        add_special_tokens=True,
        return_attention_mask=True,
    )
    return tokenized


class CustomDataCollator:
    def __init__(self, tokenizer, mlm=False):
        self.tokenizer = tokenizer
        self.mlm = mlm

    def __call__(self, features: List[Dict[str, Any]]) -> Dict[str, Any]:
        input_ids = [feature["input_ids"] for feature in features]
        attention_mask = [feature["attention_mask"] for feature in features]

        max_length = max(len(ids) for ids in input_ids)

        padded_input_ids = []
        padded_attention_mask = []
        labels = []

        for i, (ids, mask) in enumerate(zip(input_ids, attention_mask)):
            padding_length = max_length - len(ids)
            padded_ids = ids + [self.tokenizer.pad_token_id] * padding_length
            padded_mask = mask + [0] * padding_length

            # pad positions (from the map's padding='longest' and from here) are left out of the loss
            label = [t if m == 1 else -100 for t, m in zip(padded_ids, padded_mask)]

            text = self.tokenizer.decode(ids, skip_special_tokens=False)
            user_start_pos = text.find("<|im_start|>user")

            if user_start_pos != -1:
                user_start_tokens = self.tokenizer.encode("<|im_start|>user", add_special_tokens=False)

                for j in range(len(ids) - len(user_start_tokens) + 1):
                    if ids[j:j + len(user_start_tokens)] == user_start_tokens:
                        for k in range(j):
                            label[k] = -100
                        break
                else:
                    for k in range(len(label)):
                        label[k] = -100
            else:
                for k in range(len(label)):
                    label[k] = -100

            padded_input_ids.append(padded_ids)
            padded_attention_mask.append(padded_mask)
            labels.append(label)

        return {
            "input_ids": torch.tensor(padded_input_ids, dtype=torch.long),
            "attention_mask": torch.tensor(padded_attention_mask, dtype=torch.long),
            "labels": torch.tensor(labels, dtype=torch.long),
        }


if __name__ == "__main__":
    parser = HfArgumentParser((ModelArguments, TrainingArguments))
    model_args, training_args = parser.parse_args_into_dataclasses(args=[
        "--output_dir", tempfile.mkdtemp(), "--per_device_train_batch_size", "2", "--max_steps", "1",
        "--report_to", "none", "--use_cpu", "--save_strategy", "no", "--remove_unused_columns", "False",
    ])
    training_args.label_names = ["labels"]

    model = AutoModelForCausalLM.from_pretrained(model_args.model_name_or_path)
    tokenizer = AutoTokenizer.from_pretrained(model_args.model_name_or_path)
    tokenizer.pad_token = tokenizer.eos_token

    # pd.read_parquet(data_path) in the report
    data_pq = pd.DataFrame({
        "description": ["The user bought a tent and a lamp.", "The user bought a book."],
        "groundtruth": ["<|sid_begin|>a sleeping bag<|sid_end|>", "<|sid_begin|>another book about small models<|sid_end|>"],
    })
    train_dataset = prepare_chat_dataset(data_pq)
    train_dataset = train_dataset.map(
        lambda x: tokenize_function(x, tokenizer),
        batched=True,
        remove_columns=train_dataset.column_names,
    )

    trainer = Trainer(
        model=model,
        args=training_args,
        train_dataset=train_dataset,
        data_collator=CustomDataCollator(tokenizer=tokenizer, mlm=False),
    )
    print(round(trainer.train().training_loss, 4))
