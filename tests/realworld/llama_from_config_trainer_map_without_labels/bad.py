"""The reporter's "hello world" training of an empty Llama model (transformers issue 37470): Util.py's
helpers and the 00_trainer_8B.py script that calls them, in one file, on one node and one step."""
import os
import tempfile

from datasets import Dataset
from transformers import (AutoTokenizer, LlamaConfig, LlamaForCausalLM, Trainer,
                          TrainingArguments)


##
## Load an empty model
##
def load_model(model_dir, TRACE=False):
    rank = os.environ.get('RANK')

    # get just the config from the pretrained directory
    if TRACE: print("[{}] Loading Configuration".format(rank))
    config = LlamaConfig.from_pretrained(model_dir)
    if TRACE: print("Config:\n", config)

    # create an empty model based on just the config (i.e. no weights)
    if TRACE: print("[{}] Loading Model".format(rank))
    model = LlamaForCausalLM(config)
    return model


def load_tokenizer(model_dir, TRACE=False):
    rank = os.environ.get('RANK')
    if TRACE: print("[{}] Loading Tokenizer".format(rank))
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    return tokenizer


def load_dataset(tokenizer, TRACE=False):
    dataset = Dataset.from_dict({
        "text": [["The quick brown fox jumped over the lazy dog's back" * 20]]
    })

    def tokenize(examples):
        return tokenizer(examples["text"], truncation=True, max_length=128)

    return dataset.map(tokenize, remove_columns=["text"])


def main():
    model_dir = "meta-llama/Llama-3.2-1B"
    model = load_model(model_dir)
    tokenizer = load_tokenizer(model_dir)
    train_dataset = load_dataset(tokenizer)

    training_args = TrainingArguments(
        output_dir=tempfile.mkdtemp(),
        per_device_train_batch_size=1,
        max_steps=1,
        report_to="none",
        use_cpu=True,
    )
    trainer = Trainer(model=model, args=training_args, train_dataset=train_dataset)
    result = trainer.train()
    print("steps", result.global_step)


main()
