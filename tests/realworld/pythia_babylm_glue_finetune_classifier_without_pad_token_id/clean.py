"""Finetuning the library models for sequence classification (the BabyLM pipeline's run_glue copy)."""
import logging
from dataclasses import dataclass, field
from typing import Optional

import numpy as np
from datasets import Dataset, DatasetDict
from transformers import (
    AutoConfig,
    AutoModelForSequenceClassification,
    AutoTokenizer,
    EvalPrediction,
    HfArgumentParser,
    Trainer,
    TrainingArguments,
    default_data_collator,
    set_seed,
)

logger = logging.getLogger(__name__)

# finetune_model.sh's command line
ARGV = [
    "--model_name_or_path", "EleutherAI/pythia-70m",  # the reporter's own decoder checkpoint
    "--train_file", "filtered/cola.train.json",
    "--validation_file", "filtered/cola.valid.json",
    "--do_train",
    "--max_seq_length", "32",
    "--per_device_train_batch_size", "2",
    "--max_steps", "1",
    "--output_dir", "finetune/cola/",
    "--report_to", "none",
    "--use_cpu",
]


@dataclass
class DataTrainingArguments:
    max_seq_length: int = field(default=128)
    pad_to_max_length: bool = field(default=True)
    train_file: Optional[str] = field(default=None)
    validation_file: Optional[str] = field(default=None)


@dataclass
class ModelArguments:
    model_name_or_path: str = field(metadata={"help": "Path to pretrained model or model identifier"})
    config_name: Optional[str] = field(default=None)
    tokenizer_name: Optional[str] = field(default=None)
    use_fast_tokenizer: bool = field(default=True)


def load_raw_datasets(data_args):
    # load_dataset("json", data_files=...) of the filtered BLiMP/GLUE files in the pipeline
    rows = {"sentence": ["The quick brown fox jumps over the lazy dog.", "Dog the lazy over jumps.",
                         "Hello world", "My favourite food is bread with cheese."], "label": [1, 0, 1, 1]}
    return DatasetDict({"train": Dataset.from_dict(rows), "validation": Dataset.from_dict(rows)})


def main():
    parser = HfArgumentParser((ModelArguments, DataTrainingArguments, TrainingArguments))
    model_args, data_args, training_args = parser.parse_args_into_dataclasses(args=ARGV)
    set_seed(training_args.seed)

    raw_datasets = load_raw_datasets(data_args)
    label_list = raw_datasets["train"].unique("label")
    label_list.sort()
    num_labels = len(label_list)

    config = AutoConfig.from_pretrained(
        model_args.config_name if model_args.config_name else model_args.model_name_or_path,
        num_labels=num_labels,
    )
    tokenizer = AutoTokenizer.from_pretrained(
        model_args.tokenizer_name if model_args.tokenizer_name else model_args.model_name_or_path,
        use_fast=model_args.use_fast_tokenizer,
    )
    model = AutoModelForSequenceClassification.from_pretrained(
        model_args.model_name_or_path,
        config=config,
    )

    sentence1_key, sentence2_key = "sentence", None
    padding = "max_length" if data_args.pad_to_max_length else False
    label_to_id = {v: i for i, v in enumerate(label_list)}
    model.config.label2id = label_to_id
    model.config.pad_token_id = tokenizer.pad_token_id
    model.config.id2label = {id: label for label, id in config.label2id.items()}
    max_seq_length = min(data_args.max_seq_length, tokenizer.model_max_length)

    def preprocess_function(examples):
        args = (
            (examples[sentence1_key],) if sentence2_key is None else (examples[sentence1_key], examples[sentence2_key])
        )
        result = tokenizer(*args, padding=padding, max_length=max_seq_length, truncation=True)
        if label_to_id is not None and "label" in examples:
            result["label"] = [(label_to_id[l] if l != -1 else -1) for l in examples["label"]]
        return result

    raw_datasets = raw_datasets.map(preprocess_function, batched=True)
    train_dataset = raw_datasets["train"]
    eval_dataset = raw_datasets["validation"]

    def compute_metrics(p: EvalPrediction):
        preds = p.predictions[0] if isinstance(p.predictions, tuple) else p.predictions
        preds = np.argmax(preds, axis=1)
        return {"accuracy": (preds == p.label_ids).astype(np.float32).mean().item()}

    data_collator = default_data_collator if data_args.pad_to_max_length else None

    trainer = Trainer(
        model=model,
        args=training_args,
        train_dataset=train_dataset if training_args.do_train else None,
        eval_dataset=eval_dataset if training_args.do_eval else None,
        compute_metrics=compute_metrics,
        data_collator=data_collator,
    )
    if training_args.do_train:
        train_result = trainer.train()
        print(train_result.metrics["train_loss"] > 0)


if __name__ == "__main__":
    main()
