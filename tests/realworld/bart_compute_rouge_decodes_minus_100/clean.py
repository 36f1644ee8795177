import numpy as np
from datasets import Dataset, DatasetDict
from transformers import (
    AutoModelForSeq2SeqLM,
    AutoTokenizer,
    DataCollatorForSeq2Seq,
    Seq2SeqTrainer,
    Seq2SeqTrainingArguments,
)

tokenizer = AutoTokenizer.from_pretrained("facebook/bart-base")  # facebook/bart-large in the report
model = AutoModelForSeq2SeqLM.from_pretrained("facebook/bart-base")

dataset = DatasetDict({
    "train": Dataset.from_dict({"graph": ["dog | sits on | mat", "fox | jumps over | dog"], "story": ["The dog sits on the mat.", "The quick fox jumps over the lazy dog."]}),
    "valid": Dataset.from_dict({"graph": ["cat | sat on | mat", "bird | sings in | morning"], "story": ["A cat sat.", "Birds sing in the morning every day."]}),
})


def tokenize(batch):
    return tokenizer(batch["graph"], text_target=batch["story"], max_length=32, truncation=True)


tokenized_dataset = dataset.map(tokenize, batched=True, remove_columns=["graph", "story"])
collator = DataCollatorForSeq2Seq(tokenizer, model=model)


def overlap(predictions, references):
    return sum(len(set(p.split()) & set(r.split())) for p, r in zip(predictions, references))


def compute_rouge(pred):
    predictions, labels = pred
    #decode the predictions
    decode_predictions = tokenizer.batch_decode(predictions, skip_special_tokens=True)
    #decode labels: -100 marks the padding the collator added, which has no token
    labels = np.where(labels != -100, labels, tokenizer.pad_token_id)
    decode_labels = tokenizer.batch_decode(labels, skip_special_tokens=True)

    #compute results
    res = {"overlap": overlap(decode_predictions, decode_labels)}
    #get %
    return res


args = Seq2SeqTrainingArguments(
    output_dir="kg2narrative",
    per_device_eval_batch_size=2,
    predict_with_generate=True,
    generation_max_length=8,
    report_to=[],
    use_cpu=True,
)
trainer = Seq2SeqTrainer(
    model,
    args,
    train_dataset=tokenized_dataset['train'],
    eval_dataset=tokenized_dataset['valid'],
    data_collator=collator,
    processing_class=tokenizer,
    compute_metrics=compute_rouge
)
print(trainer.evaluate()["eval_overlap"])
