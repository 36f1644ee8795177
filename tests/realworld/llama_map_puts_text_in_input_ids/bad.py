from datasets import Dataset
from transformers import AutoModelForCausalLM, Trainer, TrainingArguments

model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.2-1B")


def preprocess_function(examples):
    return {"input_ids": examples["text"].split("\t")[0], "labels": examples["text"].split("\t")[1]}


dataset = Dataset.from_dict({"text": ["Hello world\tThis is some sample text.", "a text\traw text"]})
dataset = dataset.map(preprocess_function).remove_columns("text")
print(dataset)
print(dataset[0])

training_args = TrainingArguments(
    output_dir="test_ft",
    num_train_epochs=1,
    per_device_train_batch_size=2,
    max_steps=1,
    report_to="none",
    use_cpu=True,
)
trainer = Trainer(model=model, args=training_args, train_dataset=dataset)
trainer.train()
