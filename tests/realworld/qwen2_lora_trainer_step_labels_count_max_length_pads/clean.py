from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

import torch
from peft import LoraConfig, TaskType, get_peft_model
from transformers import AutoModelForCausalLM, AutoTokenizer


@dataclass
class LoRATrainingConfig:
    lora_rank: int = 16
    lora_alpha: int = 32
    lora_dropout: float = 0.05
    target_modules: List[str] = field(default_factory=lambda: ["q_proj", "v_proj"])
    num_epochs: int = 1
    batch_size: int = 4
    learning_rate: float = 2e-5
    weight_decay: float = 0.01
    max_grad_norm: float = 1.0
    max_seq_length: int = 128  # 2048 in the report


class LoRATrainer:
    def __init__(self, config: LoRATrainingConfig, *, model_name: str = "Qwen/Qwen2-0.5B-Instruct",  # Qwen/Qwen3-0.6B in the report
                 device: Optional[str] = None) -> None:
        self.config = config
        self.model_name = model_name
        self.device = device or "cpu"
        self.tokenizer: Any = None
        self.model: Any = None

    def prepare_dataset(self, pairs: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
        self._ensure_tokenizer()
        dataset: List[Dict[str, Any]] = []
        for pair in pairs:
            text = self._format_pair(pair)
            encoding = self.tokenizer(
                text,
                truncation=True,
                max_length=self.config.max_seq_length,
                padding="max_length",
                return_tensors="pt",
            )
            dataset.append(
                {
                    "input_ids": encoding["input_ids"].squeeze(0),
                    "attention_mask": encoding["attention_mask"].squeeze(0),
                    "text": text,
                }
            )
        return dataset

    def train(self, pairs: List[Dict[str, Any]]) -> Dict[str, Any]:
        dataset = self.prepare_dataset(pairs)
        self._load_model()
        self._apply_lora()
        optimizer = torch.optim.AdamW(
            self.model.parameters(),
            lr=self.config.learning_rate,
            weight_decay=self.config.weight_decay,
        )
        self.model.train()
        losses = [self._train_epoch(dataset, optimizer) for _ in range(self.config.num_epochs)]
        return {"status": "completed", "avg_loss": sum(losses) / len(losses)}

    def _ensure_tokenizer(self) -> None:
        if self.tokenizer is not None:
            return
        self.tokenizer = AutoTokenizer.from_pretrained(self.model_name)
        if self.tokenizer.pad_token is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token

    def _load_model(self) -> None:
        if self.model is not None:
            return
        self._ensure_tokenizer()
        model_kwargs: Dict[str, Any] = {"dtype": torch.float32}  # torch_dtype=torch.bfloat16 in the report
        model_kwargs["device_map"] = {"": self.device}
        self.model = AutoModelForCausalLM.from_pretrained(self.model_name, **model_kwargs)

    def _apply_lora(self) -> None:
        lora_config = LoraConfig(
            task_type=TaskType.CAUSAL_LM,
            r=self.config.lora_rank,
            lora_alpha=self.config.lora_alpha,
            lora_dropout=self.config.lora_dropout,
            target_modules=self.config.target_modules,
        )
        self.model = get_peft_model(self.model, lora_config)

    def _format_pair(self, pair: Dict[str, Any]) -> str:
        messages = [
            {"role": "user", "content": pair.get("input", "")},
            {"role": "assistant", "content": pair.get("output", "")},
        ]
        return self.tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=False)

    def _train_epoch(self, dataset: List[Dict[str, Any]], optimizer: Any) -> float:
        total_loss = 0.0
        num_batches = 0
        for i in range(0, len(dataset), self.config.batch_size):
            batch_items = dataset[i: i + self.config.batch_size]
            total_loss += self._train_step(batch_items, optimizer)
            num_batches += 1
        return total_loss / num_batches if num_batches else 0.0

    def _train_step(self, batch_items: List[Dict[str, Any]], optimizer: Any) -> float:
        input_ids = torch.stack([item["input_ids"] for item in batch_items]).to(self.device)
        attention_mask = torch.stack([item["attention_mask"] for item in batch_items]).to(self.device)

        # Exclude padding positions from the loss (-100 is the cross-entropy ignore_index)
        labels = input_ids.clone()
        labels[attention_mask == 0] = -100

        outputs = self.model(
            input_ids=input_ids,
            attention_mask=attention_mask,
            labels=labels,
        )
        loss = outputs.loss

        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.config.max_grad_norm)
        optimizer.step()
        return loss.item()


pairs = [
    {"input": "Hello world", "output": "The weather today is sunny and warm."},
    {"input": "Once upon a time there was a small model.", "output": "a text"},
]
summary = LoRATrainer(LoRATrainingConfig()).train(pairs)
print(round(summary["avg_loss"], 4))
