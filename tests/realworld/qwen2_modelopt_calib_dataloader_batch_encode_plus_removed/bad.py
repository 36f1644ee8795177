"""NVIDIA Model-Optimizer's PTQ calibration path (modelopt/torch/utils/dataset_utils.py,
examples/llm_ptq/example_utils.py and hf_ptq.py at the parent of a415667, trimmed into one file)."""
import argparse
import copy
from typing import TYPE_CHECKING, Any
from warnings import warn

import torch
from torch.utils.data import DataLoader
from transformers import AutoModelForCausalLM, AutoTokenizer, PreTrainedTokenizer, PreTrainedTokenizerFast

if TYPE_CHECKING:
    from transformers import PreTrainedTokenizerBase

SUPPORTED_DATASET_CONFIG: dict[str, Any] = {
    "cnn_dailymail": {
        "rows": [{"article": "The quick brown fox jumps over the lazy dog."},
                 {"article": "Once upon a time there was a small model."}],
        "preprocess": lambda sample: sample["article"],
    },
    "nemotron-post-training-dataset-v2": {
        "rows": [{"messages": [{"role": "user", "content": "Hello"}, {"role": "assistant", "content": "Hi there!"}]}],
        "preprocess": lambda sample: "\n".join(turn["content"] for turn in sample["messages"]),
    },
}


def get_dataset_samples(dataset_name: str, num_samples: int, *, apply_chat_template: bool = False,
                        tokenizer: "PreTrainedTokenizerBase | None" = None) -> list[str]:
    config = SUPPORTED_DATASET_CONFIG[dataset_name]
    return [config["preprocess"](sample) for sample in config["rows"][:num_samples]]


class _CustomDataset(torch.utils.data.Dataset):
    def __init__(self, encodings):
        self.encodings = encodings

    def __getitem__(self, idx):
        item = {
            key: val[idx] if torch.is_tensor(val[idx]) else torch.tensor(val[idx])
            for key, val in self.encodings.items()
        }
        return item

    def __len__(self):
        return len(next(iter(self.encodings.values())))


def get_dataset_dataloader(
    dataset_name: str | list[str] = "cnn_dailymail",
    tokenizer: "PreTrainedTokenizerBase | None" = None,
    batch_size: int = 1,
    num_samples: int | list[int] = 512,
    max_sample_length: int = 512,
    device: torch.device | None = None,
    include_labels: bool = False,
    apply_chat_template: bool = False,
) -> DataLoader:
    assert tokenizer is not None, "Please provide a tokenizer."
    # batch_encode_plus will modify the tokenizer in place, so we need to clone it.
    tokenizer = copy.deepcopy(tokenizer)

    if tokenizer.padding_side != "left":
        warn(
            "Tokenizer with the right padding_side may impact calibration accuracy. Recommend set to left"
        )

    if isinstance(num_samples, int):
        num_samples = [num_samples]

    if isinstance(dataset_name, str):
        dataset_name = [dataset_name]

    assert len(dataset_name) == len(num_samples), (
        "dataset_name and num_samples must be the same length"
    )

    all_samples = []
    for ds_name, num_sample in zip(dataset_name, num_samples):
        samples = get_dataset_samples(
            ds_name, num_sample, apply_chat_template=apply_chat_template, tokenizer=tokenizer
        )
        all_samples.extend(samples)

    batch_encoded = tokenizer.batch_encode_plus(
        all_samples,
        return_tensors="pt",
        padding=True,
        truncation=True,
        max_length=max_sample_length,
    )
    if device:
        batch_encoded = batch_encoded.to(device)

    if include_labels:
        batch_encoded["labels"] = torch.where(
            batch_encoded["attention_mask"] > 0.5, batch_encoded["input_ids"], -100
        )
        tokenized_dataset = _CustomDataset(batch_encoded)
    else:
        tokenized_dataset = _CustomDataset({"input_ids": batch_encoded["input_ids"]})

    calib_dataloader = DataLoader(tokenized_dataset, batch_size=batch_size, shuffle=False)

    return calib_dataloader


def _forward_loop(model: torch.nn.Module, dataloader: DataLoader) -> None:
    with torch.no_grad():
        infer_method = model.forward
        for _, data in enumerate(dataloader):
            infer_method(**data)


def get_tokenizer(ckpt_path, trust_remote_code=False, **kwargs) -> "PreTrainedTokenizerBase":
    print(f"Initializing tokenizer from {ckpt_path}")

    if "vila" in ckpt_path.lower():
        ckpt_path += "/llm"

    tokenizer = AutoTokenizer.from_pretrained(
        ckpt_path, trust_remote_code=trust_remote_code, **kwargs
    )

    # can't set attribute 'pad_token' for "<unk>"
    # We skip this step for Nemo models
    if tokenizer.pad_token != "<unk>" or tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token

    assert tokenizer.pad_token is not None, f"Pad token for {ckpt_path} cannot be set!"

    return tokenizer


def make_calib_dataloader(args: argparse.Namespace, language_model: torch.nn.Module,
                          tokenizer: "PreTrainedTokenizerBase | None", device: torch.device,
                          model_type: str | None) -> DataLoader:
    assert tokenizer is not None and isinstance(
        tokenizer, (PreTrainedTokenizer, PreTrainedTokenizerFast)
    ), "The PreTrainedTokenizer must be set"
    include_labels = (
        args.auto_quantize_bits is not None and args.auto_quantize_method == "gradient"
    )
    calib_dataloader = get_dataset_dataloader(
        dataset_name=args.dataset,
        tokenizer=tokenizer,
        batch_size=args.batch_size,
        num_samples=args.calib_size,
        device=device,
        include_labels=include_labels,
    )
    return calib_dataloader


def load_model(args: argparse.Namespace):
    full_model = AutoModelForCausalLM.from_pretrained(args.pyt_ckpt_path, trust_remote_code=args.trust_remote_code)
    model_type = full_model.config.model_type
    device = full_model.device
    if args.dataset is None:
        args.dataset = ["cnn_dailymail", "nemotron-post-training-dataset-v2"]
    args.calib_size = (args.calib_size + [args.calib_size[-1]] * len(args.dataset))[
        : len(args.dataset)
    ]
    tokenizer = get_tokenizer(args.pyt_ckpt_path, trust_remote_code=args.trust_remote_code)
    default_padding_side = tokenizer.padding_side
    # Left padding usually provides better calibration result.
    tokenizer.padding_side = "left"
    return full_model, model_type, tokenizer, default_padding_side, device


def main(args: argparse.Namespace) -> None:
    full_model, model_type, tokenizer, default_padding_side, device = load_model(args)
    calib_dataloader = make_calib_dataloader(args, full_model, tokenizer, device, model_type)
    _forward_loop(full_model, calib_dataloader)
    tokenizer.padding_side = default_padding_side
    print("calibrated on", len(calib_dataloader.dataset), "samples")


parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--pyt_ckpt_path", help="Specify where the PyTorch checkpoint path is", default="Qwen/Qwen2-0.5B-Instruct")
parser.add_argument("--dataset", type=lambda s: s.split(","), default=None)
parser.add_argument("--calib_size", type=lambda s: [int(x) for x in s.split(",")], default=[512])
parser.add_argument("--batch_size", type=int, default=2)
parser.add_argument("--auto_quantize_bits", type=float, default=None)
parser.add_argument("--auto_quantize_method", default="gradient")
parser.add_argument("--trust_remote_code", default=False, action="store_true")
main(parser.parse_args())
