import transformers
from datasets import Dataset, DatasetDict

tokenizer = transformers.AutoTokenizer.from_pretrained("meta-llama/Llama-3.2-1B")
raw_datasets = DatasetDict(
    {
        "train": Dataset.from_dict(
            {
                "sentence1": ["Hello world", "The weather today is sunny and warm."],
                "sentence2": ["a text", "My favourite food is bread with cheese."],
            }
        )
    }
)


def tokenize_function(example):
    return tokenizer(example["sentence1"], example["sentence2"], truncation=True)


tokenized_datasets = raw_datasets.map(tokenize_function, batched=True)
print(tokenized_datasets["train"][0]["input_ids"])
