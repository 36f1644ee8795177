"""semantic-router's generative LoRA category classifier (ft_qwen3_generative_lora.py, trimmed)."""
import json
import logging
import os
import tempfile
from typing import Dict, List

import torch
from datasets import Dataset
from peft import LoraConfig, TaskType, get_peft_model
from transformers import (
    AutoModelForCausalLM,
    AutoTokenizer,
    DataCollatorForLanguageModeling,
    Trainer,
    TrainingArguments,
)

logger = logging.getLogger(__name__)

REQUIRED_CATEGORIES = ["biology", "business", "law"]

INSTRUCTION_TEMPLATE = """You are an expert academic classifier. Classify the following question into exactly ONE category. Respond with ONLY the category name.

Categories: biology, business, law

Now classify this question:
Q: {question}
A:"""


def get_qwen3_target_modules() -> List[str]:
    """Get LoRA target modules for Qwen3 architecture."""
    return ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


class MMLU_Dataset:
    def __init__(self, dataset_name="TIGER-Lab/MMLU-Pro"):
        self.dataset_name = dataset_name
        self.label2id = {}
        self.id2label = {}

    def load_huggingface_dataset(self, max_samples_per_category=150):
        # the MMLU-Pro test split in the script; a few literal questions here
        texts = [
            "How do neurons transmit signals?",
            "What is the optimal capital structure for a corporation?",
            "What are the principles of contract law?",
            "What does a cell membrane do?",
        ]
        labels = ["biology", "business", "law", "biology"]
        return texts, labels

    def prepare_datasets(self, max_samples_per_category=150):
        texts, labels = self.load_huggingface_dataset(max_samples_per_category)
        unique_labels = sorted(list(set(labels)))
        ordered_labels = [cat for cat in REQUIRED_CATEGORIES if cat in unique_labels]
        self.label2id = {label: idx for idx, label in enumerate(ordered_labels)}
        self.id2label = {idx: label for label, idx in self.label2id.items()}
        return {
            "train": (texts, labels),
            "validation": (texts[:2], labels[:2]),
        }


def format_instruction(question: str, category: str = None) -> List[Dict[str, str]]:
    instruction = INSTRUCTION_TEMPLATE.format(question=question)
    messages = [{"role": "user", "content": instruction}]
    if category is not None:
        messages.append({"role": "assistant", "content": category})
    return messages


def create_generative_dataset(texts: List[str], labels: List[str], tokenizer, max_length=128):  # 512 in the script
    input_ids_list = []
    labels_list = []
    attention_mask_list = []

    for text, label in zip(texts, labels):
        messages = format_instruction(text, label)
        formatted_text = tokenizer.apply_chat_template(
            messages, tokenize=False, add_generation_prompt=False, enable_thinking=False
        )
        full_encoding = tokenizer(
            formatted_text,
            truncation=True,
            max_length=max_length,
            padding="max_length",
        )
        user_messages = [messages[0]]
        user_text = tokenizer.apply_chat_template(
            user_messages,
            tokenize=False,
            add_generation_prompt=True,
            enable_thinking=False,
        )
        user_encoding = tokenizer(user_text, add_special_tokens=False)

        labels = full_encoding["input_ids"].copy()
        user_length = len(user_encoding["input_ids"])
        for i in range(min(user_length, len(labels))):
            labels[i] = -100
        for i, token_id in enumerate(full_encoding["input_ids"]):
            if token_id == tokenizer.pad_token_id:
                labels[i] = -100

        input_ids_list.append(full_encoding["input_ids"])
        labels_list.append(labels)
        attention_mask_list.append(full_encoding["attention_mask"])

    return Dataset.from_dict(
        {
            "input_ids": input_ids_list,
            "attention_mask": attention_mask_list,
            "labels": labels_list,
        }
    )


def main(
    model_name: str = "Qwen/Qwen2-0.5B-Instruct",  # Qwen/Qwen3-0.6B in the script
    lora_rank: int = 16,
    lora_alpha: int = 32,
    lora_dropout: float = 0.05,
    num_epochs: int = 1,  # 8 in the script
    batch_size: int = 4,
    learning_rate: float = 3e-4,
    max_samples_per_category: int = 150,
    num_workers: int = 0,
    output_dir: str = None,
):
    dataset_loader = MMLU_Dataset()
    datasets = dataset_loader.prepare_datasets(max_samples_per_category)

    train_texts, train_labels = datasets["train"]
    val_texts, val_labels = datasets["validation"]

    tokenizer = AutoTokenizer.from_pretrained(model_name, trust_remote_code=True)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
        tokenizer.pad_token_id = tokenizer.eos_token_id

    model = AutoModelForCausalLM.from_pretrained(
        model_name,
        torch_dtype=torch.float32,
        trust_remote_code=True,
        low_cpu_mem_usage=True,
    )
    model.config.use_cache = False
    model.gradient_checkpointing_enable()
    model.enable_input_require_grads()

    target_modules = get_qwen3_target_modules()
    peft_config = LoraConfig(
        task_type=TaskType.CAUSAL_LM,
        inference_mode=False,
        r=lora_rank,
        lora_alpha=lora_alpha,
        lora_dropout=lora_dropout,
        target_modules=target_modules,
        bias="none",
    )
    model = get_peft_model(model, peft_config)
    model.train()

    train_dataset = create_generative_dataset(train_texts, train_labels, tokenizer)
    val_dataset = create_generative_dataset(val_texts, val_labels, tokenizer)

    if output_dir is None:
        output_dir = os.path.join(tempfile.mkdtemp(), f"qwen3_generative_classifier_r{lora_rank}")
    os.makedirs(output_dir, exist_ok=True)

    data_collator = DataCollatorForLanguageModeling(
        tokenizer=tokenizer,
        mlm=False,
    )

    training_args = TrainingArguments(
        output_dir=output_dir,
        num_train_epochs=num_epochs,
        per_device_train_batch_size=batch_size,
        per_device_eval_batch_size=1,
        gradient_accumulation_steps=max(1, 16 // batch_size),
        learning_rate=learning_rate,
        weight_decay=0.01,
        logging_steps=10,
        eval_strategy="no",
        save_strategy="no",
        save_total_limit=1,
        warmup_steps=0.1,  # transformers 5.15: a float below 1 is the ratio
        lr_scheduler_type="cosine",
        bf16=False,
        fp16=False,
        gradient_checkpointing=True,
        gradient_checkpointing_kwargs={"use_reentrant": False},
        dataloader_num_workers=num_workers,
        remove_unused_columns=False,
        max_grad_norm=1.0,
        optim="adamw_torch",
        prediction_loss_only=True,
        dataloader_pin_memory=False,
        auto_find_batch_size=False,
        report_to="none",
    )

    trainer = Trainer(
        model=model,
        args=training_args,
        train_dataset=train_dataset,
        eval_dataset=val_dataset,
        data_collator=data_collator,
    )
    trainer.train()

    trainer.save_model(output_dir)
    tokenizer.save_pretrained(output_dir)
    label_mapping = {
        "label2id": dataset_loader.label2id,
        "id2label": dataset_loader.id2label,
        "instruction_template": INSTRUCTION_TEMPLATE,
    }
    with open(os.path.join(output_dir, "label_mapping.json"), "w") as f:
        json.dump(label_mapping, f, indent=2)
    print(f"Model saved with {len(label_mapping['label2id'])} categories")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Qwen3 Generative Classification (Instruction-Following)")
    parser.add_argument("--mode", choices=["train", "test"], default="train")
    parser.add_argument("--model", default="Qwen/Qwen2-0.5B-Instruct", help="Qwen3 model name")
    parser.add_argument("--lora-rank", type=int, default=16, help="LoRA rank")
    parser.add_argument("--lora-alpha", type=int, default=32, help="LoRA alpha")
    parser.add_argument("--lora-dropout", type=float, default=0.05, help="LoRA dropout")
    parser.add_argument("--epochs", type=int, default=1, help="Number of training epochs")
    parser.add_argument("--batch-size", type=int, default=4, help="Per-device batch size")
    parser.add_argument("--learning-rate", type=float, default=3e-4, help="Learning rate")
    parser.add_argument("--max-samples-per-category", type=int, default=150)
    parser.add_argument("--num-workers", type=int, default=0)
    parser.add_argument("--output-dir", type=str, default=None)

    args = parser.parse_args()

    if args.mode == "train":
        main(
            model_name=args.model,
            lora_rank=args.lora_rank,
            lora_alpha=args.lora_alpha,
            lora_dropout=args.lora_dropout,
            num_epochs=args.epochs,
            batch_size=args.batch_size,
            learning_rate=args.learning_rate,
            max_samples_per_category=args.max_samples_per_category,
            num_workers=args.num_workers,
            output_dir=args.output_dir,
        )
