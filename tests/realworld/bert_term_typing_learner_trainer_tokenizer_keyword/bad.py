import random
import tempfile
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple

import torch
from datasets import Dataset, DatasetDict
from transformers import (
    AutoModelForSequenceClassification,
    AutoTokenizer,
    DataCollatorWithPadding,
    Trainer,
    TrainingArguments,
    set_seed,
)


@dataclass
class TermTyping:
    term: str
    types: List[str]


@dataclass
class OntologyData:
    term_typings: List[TermTyping]


class RWTHDBISSFTLearner:
    def __init__(
        self,
        model_name: str = "bert-base-uncased",  # microsoft/deberta-v3-small in the report
        output_dir: Optional[str] = None,
        max_length: int = 64,
        per_device_train_batch_size: int = 2,
        num_train_epochs: int = 3,
        learning_rate: float = 2e-5,
        seed: int = 42,
    ) -> None:
        self.model_name = model_name
        self.output_dir = output_dir or tempfile.mkdtemp()
        self.max_length = max_length
        self.per_device_train_batch_size = per_device_train_batch_size
        self.num_train_epochs = num_train_epochs
        self.learning_rate = learning_rate
        self.seed = seed
        self.model: Optional[AutoModelForSequenceClassification] = None
        self.tokenizer: Optional[AutoTokenizer] = None
        self.id2label: Dict[int, str] = {}
        self.label2id: Dict[str, int] = {}

    def _expand_multilabel_training_rows(
        self, term_typings: List[Any]
    ) -> Tuple[List[str], List[int], Dict[int, str], Dict[str, int]]:
        label_strings: List[str] = []
        for instance in term_typings:
            label_strings.extend([str(label) for label in instance.types])
        unique_labels = sorted(set(label_strings))
        id2label = {i: label for i, label in enumerate(unique_labels)}
        label2id = {label: i for i, label in enumerate(unique_labels)}
        texts: List[str] = []
        label_ids: List[int] = []
        for instance in term_typings:
            for label in instance.types:
                texts.append(str(instance.term))
                label_ids.append(label2id[str(label)])
        return texts, label_ids, id2label, label2id

    def _train_from_term_typings(self, train_data: Any) -> None:
        set_seed(self.seed)
        random.seed(self.seed)
        torch.manual_seed(self.seed)

        term_typings: List[Any] = getattr(train_data, "term_typings", None)
        if term_typings is None:
            raise ValueError("train_data must provide .term_typings for term-typing.")

        texts, label_ids, self.id2label, self.label2id = (
            self._expand_multilabel_training_rows(term_typings)
        )
        dataset = DatasetDict(
            {"train": Dataset.from_dict({"labels": label_ids, "text": texts})}
        )

        backbone = self.model_name
        self.tokenizer = AutoTokenizer.from_pretrained(backbone, use_fast=True)

        def tokenize_batch(batch: Dict[str, List[str]]):
            return self.tokenizer(
                batch["text"], truncation=True, max_length=self.max_length
            )

        tokenized = dataset.map(tokenize_batch, batched=True, remove_columns=["text"])
        data_collator = DataCollatorWithPadding(self.tokenizer)

        self.model = AutoModelForSequenceClassification.from_pretrained(
            backbone,
            num_labels=len(self.id2label),
            id2label=self.id2label,
            label2id=self.label2id,
        )

        training_args = TrainingArguments(
            output_dir=self.output_dir,
            learning_rate=self.learning_rate,
            per_device_train_batch_size=self.per_device_train_batch_size,
            num_train_epochs=self.num_train_epochs,
            max_steps=1,
            save_strategy="no",
            report_to=[],
            use_cpu=True,
        )

        trainer = Trainer(
            model=self.model,
            args=training_args,
            train_dataset=tokenized["train"],
            tokenizer=self.tokenizer,
            data_collator=data_collator,
        )

        output = trainer.train()
        print(round(output.training_loss, 4))


data = OntologyData([
    TermTyping("aspirin", ["drug"]),
    TermTyping("heart", ["organ", "anatomy"]),
    TermTyping("fever", ["symptom"]),
])
RWTHDBISSFTLearner()._train_from_term_typings(data)
