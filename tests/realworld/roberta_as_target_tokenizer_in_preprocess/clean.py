import datasets
from transformers import AutoTokenizer

MAX_SOURCE_LENGTH = 64
MAX_TARGET_LENGTH = 16
USES_PADDING = "max_length"

tokenizer = AutoTokenizer.from_pretrained("roberta-base")

raw = datasets.Dataset.from_dict({
    "document": ["the quick brown fox jumps over the lazy dog", "a cat sat on the mat all day"],
    "summary": ["fox jumps", "cat sits"],
})


def preprocess_function(examples):
    inputs = examples["document"]
    targets = examples["summary"]
    model_inputs = tokenizer(inputs, max_length=MAX_SOURCE_LENGTH, padding=USES_PADDING, truncation=True)

    labels = tokenizer(text_target=targets, max_length=MAX_TARGET_LENGTH, padding=USES_PADDING, truncation=True)

    model_inputs["labels"] = labels["input_ids"]
    return model_inputs


tokenized = raw.map(preprocess_function, batched=True, remove_columns=["document", "summary"])
print(tokenized[0]["labels"])
