import argparse
import logging
import os
import tempfile

from datasets import load_dataset
from transformers import AutoTokenizer

logger = logging.getLogger(__name__)


def collect_codebase(output_file):
    with open(output_file, "w", encoding="utf-8") as out:
        out.write("def add(a, b):\n    return a + b\n")
        out.write("print('Hello world')\n")


def load_and_tokenize_dataset(output_file, model_name, max_length=32):
    tokenizer = AutoTokenizer.from_pretrained(model_name)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token

    logger.info("Tokenizing dataset...")
    dataset = load_dataset("text", data_files={"train": output_file})

    def tokenize_function(examples):
        return tokenizer(examples["text"], truncation=True, padding="max_length", max_length=max_length)

    tokenized_dataset = dataset.map(tokenize_function, batched=True, remove_columns=["text"])
    return tokenized_dataset, tokenizer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model_name", default="meta-llama/Llama-3.2-1B")
    parser.add_argument("--output_file", default=os.path.join(tempfile.mkdtemp(), "codebase.txt"))
    args = parser.parse_args()
    collect_codebase(args.output_file)
    tokenized_dataset, tokenizer = load_and_tokenize_dataset(args.output_file, args.model_name)
    print(len(tokenized_dataset["train"][0]["input_ids"]))


main()
