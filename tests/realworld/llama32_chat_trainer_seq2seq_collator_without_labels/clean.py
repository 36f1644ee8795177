from datasets import Dataset
from transformers import (
    AutoModelForCausalLM,
    AutoTokenizer,
    DataCollatorForLanguageModeling,
    Trainer,
    TrainingArguments,
)

max_seq_length = 128
model_name = "meta-llama/Llama-3.2-1B-Instruct"
model = AutoModelForCausalLM.from_pretrained(model_name)
tokenizer = AutoTokenizer.from_pretrained(model_name)
tokenizer.pad_token = "<|finetune_right_pad_id|>"  # what the loader of the report sets

dataset = Dataset.from_dict(
    {
        "conversations": [
            [{"role": "user", "content": "Hi there"}, {"role": "assistant", "content": "Hello! How can I help?"}],
            [{"role": "user", "content": "What is 2 + 2?"}, {"role": "assistant", "content": "4"}],
        ]
    }
)


def formatting_prompts_func(examples):
    convos = examples["conversations"]
    texts = [tokenizer.apply_chat_template(convo, tokenize=False, add_generation_prompt=False) for convo in convos]
    return {"text": texts}


dataset = dataset.map(formatting_prompts_func, batched=True)
dataset = dataset.map(
    lambda examples: tokenizer(examples["text"], truncation=True, max_length=max_seq_length),
    batched=True,
    remove_columns=["conversations", "text"],
)

trainer = Trainer(
    model=model,
    train_dataset=dataset,
    data_collator=DataCollatorForLanguageModeling(tokenizer=tokenizer, mlm=False),
    args=TrainingArguments(
        per_device_train_batch_size=2,
        gradient_accumulation_steps=1,
        warmup_steps=0,
        max_steps=1,
        learning_rate=2e-4,
        logging_steps=1,
        optim="adamw_torch",
        weight_decay=0.01,
        lr_scheduler_type="linear",
        seed=3407,
        output_dir="outputs",
        report_to="none",
        use_cpu=True,
    ),
)
trainer_stats = trainer.train()
print(trainer_stats.training_loss > 0)
