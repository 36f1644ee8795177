from functools import partial

from datasets import Dataset
from transformers import (
    AutoModelForCausalLM,
    AutoTokenizer,
    DataCollatorForSeq2Seq,
    PreTrainedTokenizerFast,
    Trainer,
    TrainingArguments,
)


def _process_fn(samples, tokenizer: PreTrainedTokenizerFast, config):
    samples = [[{"role": "user", "content": x[0]}, {"role": "assistant", "content": x[1]}]
               for x in zip(samples["input"], samples["output"])]
    prompts = [tokenizer.apply_chat_template(s[:1], tokenize=False, add_generation_prompt=True) for s in samples]
    texts = [tokenizer.apply_chat_template(s, tokenize=False) for s in samples]
    tokenized_data = tokenizer(texts, truncation=True, max_length=config["max_length"], add_special_tokens=False)
    prompt_lengths = [len(tokenizer(p, add_special_tokens=False)["input_ids"]) for p in prompts]
    tokenized_data["labels"] = [
        [-100] * n + ids[n:] for n, ids in zip(prompt_lengths, tokenized_data["input_ids"])
    ]
    return tokenized_data


config = {"model": "Qwen/Qwen2-0.5B-Instruct", "max_length": 256}
tokenizer = AutoTokenizer.from_pretrained(config["model"])
model = AutoModelForCausalLM.from_pretrained(config["model"])

raw = Dataset.from_dict(
    {
        "input": ["Translate to French: cat", "Write a long sentence about the weather in spring and the flowers."],
        "output": ["chat", "In spring the weather turns mild and the flowers open in every garden."],
    }
)
dataset = raw.map(partial(_process_fn, tokenizer=tokenizer, config=config), batched=True, remove_columns=raw.column_names)

trainer = Trainer(
    model=model,
    args=TrainingArguments(output_dir="out", per_device_train_batch_size=2, max_steps=1, report_to="none", use_cpu=True),
    train_dataset=dataset,
    data_collator=DataCollatorForSeq2Seq(tokenizer=tokenizer, model=model),
)
print(trainer.train().training_loss > 0)
