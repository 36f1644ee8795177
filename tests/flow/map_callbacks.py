# Lint-only: a line that ends with "# flagged: CODE ..." holds exactly those findings; no other line holds one.
# What `Dataset.map` hands a function of the file: a row, or with `batched=True` a batch, of the
# dataset's columns, those known to hold text as text; where its other arguments change what it
# passes, or the columns are not exactly known, nothing.
from datasets import Dataset, load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer, Trainer

model = AutoModelForCausalLM.from_pretrained("gpt2")
tokenizer = AutoTokenizer.from_pretrained("gpt2")
tokenizer.pad_token = tokenizer.eos_token
lines = load_dataset("text", data_files="train.txt")
rows = Dataset.from_list([{"text": "a b", "score": 1}, {"text": "c", "score": 2}])
flag = input() == "y"


def run_row(row):
    return {"out": model.generate(row["text"])}  # flagged: GPT001


lines.map(run_row)


def run_score(row):
    return {"out": model(row["score"])}


rows.map(run_score)


def run_numbered(batch, index):
    return {"out": model(batch["text"])}


rows.map(run_numbered, with_indices=True)


def run_when_asked(batch):
    return {"out": model(batch["text"])}


rows.map(run_when_asked, batched=flag)


def text_under_ids(batch):
    return {"input_ids": batch["text"], "labels": batch["text"]}


Trainer(model=model, train_dataset=rows.map(text_under_ids, batched=True))  # flagged: GPT011


def row_text_under_ids(row):
    return {"input_ids": row["text"], "labels": row["text"]}


Trainer(model=model, train_dataset=rows.map(row_text_under_ids, batched=flag))


def ids_under_ids(batch):
    ids = tokenizer(batch["text"])["input_ids"]
    return {"input_ids": ids, "labels": ids}


tokenized = rows.map(ids_under_ids, batched=True)
Trainer(model=model, train_dataset=tokenized)
# the columns of a mapped dataset are only those it may hold: its function is not given rows
Trainer(model=model, train_dataset=tokenized.map(text_under_ids, batched=True))


def collate(rows):
    return tokenizer([row["input_ids"] for row in rows], return_tensors="pt", padding=True)


# a collator of the file's own gets the text under `input_ids` (the model takes it) and may tokenize it
Trainer(model=model, train_dataset=rows.map(text_under_ids, batched=True), data_collator=collate)


columns = {"text": ["a b", "c d"], "label": [0, 1]}
named = Dataset.from_dict(columns)


def text_under_ids_of_named(batch):
    return {"input_ids": batch["text"], "labels": batch["text"]}


Trainer(model=model, train_dataset=named.map(text_under_ids_of_named, batched=True))  # flagged: GPT011
columns_changed = {"text": ["a b", "c d"]}
columns_changed["text"] = [[1, 2], [3, 4]]
changed = Dataset.from_dict(columns_changed)


def ids_of_changed(batch):
    return {"input_ids": batch["text"], "labels": batch["text"]}


Trainer(model=model, train_dataset=changed.map(ids_of_changed, batched=True))


def targets_apart(batch, *rest):
    inputs = tokenizer(batch["text"], max_length=32, padding="max_length", truncation=True)
    targets = tokenizer(batch["text"], max_length=16, padding="max_length", truncation=True)
    inputs["labels"] = targets["input_ids"]
    return inputs


def targets_with_the_inputs(batch, *rest):
    inputs = tokenizer(batch["text"], max_length=32, padding="max_length", truncation=True)
    targets = tokenizer(batch["text"], max_length=32, padding="max_length", truncation=True)
    inputs["labels"] = targets["input_ids"]
    return inputs


Trainer(model=model, train_dataset=rows.map(targets_apart, batched=True, with_indices=False))  # flagged: GPT052
# where the paths disagree on what each row holds, a mapped dataset keeps no rows' encoding
if flag:
    either = rows.map(targets_apart, batched=True, with_indices=False)
else:
    either = rows.map(targets_with_the_inputs, batched=True, with_indices=False)
Trainer(model=model, train_dataset=either)
