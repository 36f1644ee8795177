from transformers import AutoTokenizer, DataCollatorForSeq2Seq

model_name = "facebook/bart-base"
tokenizer = AutoTokenizer.from_pretrained(model_name)
data_collator = DataCollatorForSeq2Seq(tokenizer, model=None)

texts = ["text" * 5, "text" * 10]
labels = ["label" * 5, "label" * 10]
features = [
    {
        "input_ids": tokenizer(i)['input_ids'],
        "labels": tokenizer(j)['input_ids']
    }
    for i, j in zip(texts, labels)
]
result = data_collator(features)
print(result["labels"][0])
print(tokenizer.decode(result["labels"][0]))
