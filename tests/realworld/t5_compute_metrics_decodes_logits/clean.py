import numpy as np
from datasets import Dataset
from transformers import (
    AutoModelForSeq2SeqLM,
    AutoTokenizer,
    DataCollatorForSeq2Seq,
    Seq2SeqTrainer,
    Seq2SeqTrainingArguments,
)

mfn = "t5-small"
tokenizer = AutoTokenizer.from_pretrained(mfn)
model = AutoModelForSeq2SeqLM.from_pretrained(mfn)

raw = Dataset.from_dict({
    "source": ["generate: the dog is lazy", "generate: a quick brown fox"],
    "target": ["lazy dog", "quick fox"],
})


def preprocess(examples):
    return tokenizer(examples["source"], text_target=examples["target"], max_length=32, truncation=True)


eval_dataset = raw.map(preprocess, batched=True, remove_columns=["source", "target"])


def compute_metrics(eval_pred):
    preds, labels = eval_pred
    decoded_preds = tokenizer.batch_decode(preds, skip_special_tokens=True)
    labels = np.where(labels != -100, labels, tokenizer.pad_token_id)
    decoded_labels = tokenizer.batch_decode(labels, skip_special_tokens=True)
    exact = np.mean([p.strip() == l.strip() for p, l in zip(decoded_preds, decoded_labels)])
    return {"exact_match": exact}


training_args = Seq2SeqTrainingArguments(output_dir="gen/" + mfn.replace("/", '_'),
                                         learning_rate=1e-4,
                                         do_eval=True,
                                         predict_with_generate=True,
                                         generation_max_length=8,
                                         per_device_eval_batch_size=2,
                                         report_to=[],
                                         use_cpu=True)
trainer = Seq2SeqTrainer(model=model,
                         args=training_args,
                         eval_dataset=eval_dataset,
                         data_collator=DataCollatorForSeq2Seq(tokenizer, model=model),
                         processing_class=tokenizer,
                         compute_metrics=compute_metrics)
print(trainer.evaluate()["eval_exact_match"])
