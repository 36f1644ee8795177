from dataclasses import dataclass
from typing import Any, Dict, List

import torch
from datasets import Dataset
from transformers import (
    AutoModelForSequenceClassification,
    AutoTokenizer,
    PreTrainedTokenizerBase,
    Trainer,
    TrainingArguments,
)

MODEL_CLASSES = {"llama": (AutoModelForSequenceClassification, AutoTokenizer)}


@dataclass
class RewardDataCollatorWithPadding:
    tokenizer: PreTrainedTokenizerBase
    padding: bool = True

    def __call__(self, features: List[Dict[str, Any]]) -> Dict[str, Any]:
        chosen = [{"input_ids": f["input_ids_chosen"], "attention_mask": f["attention_mask_chosen"]} for f in features]
        rejected = [{"input_ids": f["input_ids_rejected"], "attention_mask": f["attention_mask_rejected"]} for f in features]
        batch_chosen = self.tokenizer.pad(chosen, padding=self.padding, return_tensors="pt")
        batch_rejected = self.tokenizer.pad(rejected, padding=self.padding, return_tensors="pt")
        return {
            "input_ids_chosen": batch_chosen["input_ids"],
            "attention_mask_chosen": batch_chosen["attention_mask"],
            "input_ids_rejected": batch_rejected["input_ids"],
            "attention_mask_rejected": batch_rejected["attention_mask"],
            "return_loss": True,
        }


class RewardTrainer(Trainer):
    def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
        rewards_chosen = model(input_ids=inputs["input_ids_chosen"], attention_mask=inputs["attention_mask_chosen"])[0]
        rewards_rejected = model(input_ids=inputs["input_ids_rejected"], attention_mask=inputs["attention_mask_rejected"])[0]
        loss = -torch.nn.functional.logsigmoid(rewards_chosen - rewards_rejected).mean()
        if return_outputs:
            return loss, {"rewards_chosen": rewards_chosen, "rewards_rejected": rewards_rejected}
        return loss


def main():
    model_type, model_name_or_path = "llama", "meta-llama/Llama-3.2-1B"
    model_class, tokenizer_class = MODEL_CLASSES[model_type]
    model = model_class.from_pretrained(model_name_or_path, num_labels=1)
    tokenizer = tokenizer_class.from_pretrained(model_name_or_path)
    if tokenizer.pad_token_id is None:
        if tokenizer.unk_token_id is not None:
            tokenizer.pad_token = tokenizer.unk_token
        else:
            tokenizer.pad_token = tokenizer.eos_token

    raw = Dataset.from_dict(
        {
            "question": ["What is the capital of France?", "Say hello"],
            "response_chosen": ["Paris is the capital of France.", "Hello!"],
            "response_rejected": ["I do not know.", "No."],
        }
    )

    def preprocess_reward_function(examples):
        new_examples = {"input_ids_chosen": [], "attention_mask_chosen": [], "input_ids_rejected": [], "attention_mask_rejected": []}
        for question, chosen, rejected in zip(examples["question"], examples["response_chosen"], examples["response_rejected"]):
            tokenized_chosen = tokenizer("Question: " + question + "\n\nAnswer: " + chosen)
            tokenized_rejected = tokenizer("Question: " + question + "\n\nAnswer: " + rejected)
            new_examples["input_ids_chosen"].append(tokenized_chosen["input_ids"])
            new_examples["attention_mask_chosen"].append(tokenized_chosen["attention_mask"])
            new_examples["input_ids_rejected"].append(tokenized_rejected["input_ids"])
            new_examples["attention_mask_rejected"].append(tokenized_rejected["attention_mask"])
        return new_examples

    train_dataset = raw.map(preprocess_reward_function, batched=True, remove_columns=raw.column_names)
    training_args = TrainingArguments(
        output_dir="outputs-rm",
        per_device_train_batch_size=2,
        max_steps=1,
        remove_unused_columns=False,
        report_to="none",
        use_cpu=True,
    )
    trainer = RewardTrainer(
        model=model,
        args=training_args,
        train_dataset=train_dataset,
        data_collator=RewardDataCollatorWithPadding(tokenizer=tokenizer),
    )
    result = trainer.train()
    print(result.training_loss > 0)


main()
