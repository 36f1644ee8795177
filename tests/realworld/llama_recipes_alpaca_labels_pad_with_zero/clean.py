"""llama-recipes' alpaca fine-tuning (ft_datasets/alpaca_dataset.py, utils/dataset_utils.py,
configs/datasets.py, llama_finetuning.py and utils/train_utils.py at the initial commit, trimmed into
one file): one training step's loss."""
import copy
import json
import os
import tempfile
from dataclasses import dataclass
from functools import partial

import torch
from torch.utils.data import Dataset
from transformers import AutoTokenizer, LlamaForCausalLM, default_data_collator

PROMPT_DICT = {
    "prompt_input": (
        "Below is an instruction that describes a task, paired with an input that provides further context. "
        "Write a response that appropriately completes the request.\n\n"
        "### Instruction:\n{instruction}\n\n### Input:\n{input}\n\n### Response:"
    ),
    "prompt_no_input": (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request.\n\n"
        "### Instruction:\n{instruction}\n\n### Response:"
    ),
}


class InstructionDataset(Dataset):
    def __init__(self, dataset_config, tokenizer, partition="train", max_words=30):
        self.ann = json.load(open(dataset_config.data_path))
        if partition == "train":
            self.ann = self.ann
        else:
            self.ann = self.ann[:200]

        self.max_words = max_words
        self.tokenizer = tokenizer

    def __len__(self):
        return len(self.ann)

    def __getitem__(self, index):
        IGNORE_INDEX = -100  # The default setting in CrossEntropyLoss

        ann = self.ann[index]
        if ann.get("input", "") == "":
            prompt = PROMPT_DICT["prompt_no_input"].format_map(ann)
        else:
            prompt = PROMPT_DICT["prompt_input"].format_map(ann)
        example = prompt + ann["output"]
        prompt = torch.tensor(
            self.tokenizer.encode(prompt), dtype=torch.int64
        )
        example = self.tokenizer.encode(example)
        example.append(self.tokenizer.eos_token_id)
        example = torch.tensor(
            example, dtype=torch.int64
        )
        padding = self.max_words - example.shape[0]
        if padding > 0:
            example = torch.cat((example, torch.zeros(padding, dtype=torch.int64) - 1))
        elif padding < 0:
            example = example[: self.max_words]
        labels = copy.deepcopy(example)
        labels[: len(prompt)] = -1
        example_mask = example.ge(0)
        label_mask = labels.ge(0)
        example[~example_mask] = 0
        labels[~label_mask] = IGNORE_INDEX
        example_mask = example_mask.float()
        label_mask = label_mask.float()

        return {
            "input_ids": example,
            "labels": labels,
            "attention_mask": example_mask,
        }


def get_alpaca_dataset(dataset_config, tokenizer, partition, max_words=30):
    return InstructionDataset(dataset_config, tokenizer, partition=partition, max_words=max_words)


DATASET_PREPROC = {
    "alpaca_dataset": partial(get_alpaca_dataset, max_words=224),
}


def get_preprocessed_dataset(tokenizer, dataset_config, split: str = "train") -> torch.utils.data.Dataset:
    if not dataset_config.dataset in DATASET_PREPROC:  # noqa: E713
        raise NotImplementedError(f"{dataset_config.dataset} is not (yet) implemented")

    def get_split():
        return (
            dataset_config.train_split
            if split == "train"
            else dataset_config.test_split
        )

    return DATASET_PREPROC[dataset_config.dataset](
        dataset_config,
        tokenizer,
        get_split(),
    )


DATA_DIR = tempfile.mkdtemp()
with open(os.path.join(DATA_DIR, "alpaca_data.json"), "w") as f:
    json.dump([{"instruction": "Give three tips for staying healthy.", "input": "",
                "output": "Eat well, sleep enough and exercise."},
               {"instruction": "Translate to French.", "input": "Good morning",
                "output": "Bonjour"}], f)


@dataclass
class alpaca_dataset:
    dataset: str = "alpaca_dataset"
    train_split: str = "train"
    test_split: str = "val"
    data_path: str = os.path.join(DATA_DIR, "alpaca_data.json")


@dataclass
class train_config:
    model_name: str = "meta-llama/Llama-3.2-1B"  # the Llama 2 checkpoint path in the recipe
    batch_size_training: int = 2
    num_workers_dataloader: int = 0


def train(model, train_dataloader):
    model.train()
    total_loss = 0.0
    for step, batch in enumerate(train_dataloader):
        for key in batch.keys():
            batch[key] = batch[key].to('cpu')
        outputs = model(**batch)
        loss = outputs.loss
        total_loss += loss.detach().float()
        break
    return total_loss


def main():
    torch.manual_seed(0)
    model = LlamaForCausalLM.from_pretrained(train_config.model_name)
    tokenizer = AutoTokenizer.from_pretrained(train_config.model_name)
    dataset_config = alpaca_dataset()
    dataset_train = get_preprocessed_dataset(tokenizer, dataset_config, split="train")
    train_dataloader = torch.utils.data.DataLoader(
        dataset_train,
        batch_size=train_config.batch_size_training,
        num_workers=train_config.num_workers_dataloader,
        drop_last=True,
        collate_fn=default_data_collator,
    )
    print(round(float(train(model, train_dataloader)), 4))


main()
