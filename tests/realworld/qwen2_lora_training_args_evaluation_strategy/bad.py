import argparse

from datasets import Dataset
from transformers import AutoModelForCausalLM, AutoTokenizer, DataCollatorForLanguageModeling, Trainer, TrainingArguments


class LoraModel:
    def __init__(self, model_name_or_path):
        self.tokenizer = AutoTokenizer.from_pretrained(model_name_or_path)
        self.model = AutoModelForCausalLM.from_pretrained(model_name_or_path)

    def train_model(self, train_data, output_dir, eval_data=None):
        def tokenize(example):
            return self.tokenizer(example["text"], truncation=True, max_length=64)

        train_dataset = Dataset.from_dict({"text": train_data}).map(tokenize, remove_columns=["text"])
        training_args = TrainingArguments(
            output_dir=output_dir,
            per_device_train_batch_size=2,
            max_steps=1,
            evaluation_strategy="no",
            report_to="none",
            use_cpu=True,
        )
        trainer = Trainer(
            model=self.model,
            args=training_args,
            train_dataset=train_dataset,
            data_collator=DataCollatorForLanguageModeling(self.tokenizer, mlm=False),
        )
        return trainer.train()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model_name_or_path", default="Qwen/Qwen2-0.5B-Instruct")
    parser.add_argument("--output_dir", default="outputs-lora")
    args = parser.parse_args()
    model = LoraModel(args.model_name_or_path)
    result = model.train_model(train_data=["Hello world", "This is some sample text."], output_dir=args.output_dir)
    print(round(result.training_loss, 2) > 0)


main()
