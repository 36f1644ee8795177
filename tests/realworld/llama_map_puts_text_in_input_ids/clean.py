from datasets import Dataset
from transformers import (
    AutoModelForCausalLM,
    AutoTokenizer,
    DataCollatorForLanguageModeling,
    Trainer,
    TrainingArguments,
)

tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3.2-1B")
tokenizer.pad_token = tokenizer.eos_token
model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.2-1B")


def preprocess_function(examples):
    prompt, answer = examples["text"].split("\t")
    return tokenizer(prompt + " " + answer)


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
data_collator = DataCollatorForLanguageModeling(tokenizer=tokenizer, mlm=False)
trainer = Trainer(model=model, args=training_args, train_dataset=dataset, data_collator=data_collator)
trainer.train()
