import argparse

import transformers
from datasets import Dataset
from peft import LoraConfig, get_peft_model
from transformers import LlamaForCausalLM, LlamaTokenizer

parser = argparse.ArgumentParser(description="Process some integers.")
parser.add_argument("--size", type=str, default="1", help="the size of llama model")
parser.add_argument("--data", type=str, default="alpaca", help="the data used for instructing tuning")
args = parser.parse_args()

MICRO_BATCH_SIZE = 2
CUTOFF_LEN = 512
LORA_R = 8
LORA_ALPHA = 16
LORA_DROPOUT = 0.0
TARGET_MODULES = ["q_proj", "v_proj"]
OUTPUT_DIR = "saved-" + args.data + args.size + "b"

model = LlamaForCausalLM.from_pretrained("meta-llama/Llama-3.2-" + args.size + "B")
tokenizer = LlamaTokenizer.from_pretrained("meta-llama/Llama-3.2-" + args.size + "B", add_eos_token=True)

config = LoraConfig(
    r=LORA_R,
    lora_alpha=LORA_ALPHA,
    target_modules=TARGET_MODULES,
    lora_dropout=LORA_DROPOUT,
    bias="none",
    task_type="CAUSAL_LM",
)
model = get_peft_model(model, config)
tokenizer.pad_token_id = 0  # unk. we want this to be different from the eos token
data = Dataset.from_list(
    [
        {"instruction": "Give three tips for staying healthy.", "input": "", "output": "Eat well, sleep, and exercise."},
        {"instruction": "Translate to French.", "input": "Good morning", "output": "Bonjour"},
    ]
)


def generate_and_tokenize_prompt(data_point):
    # This function masks out the labels for the input,
    # so that our loss is computed only on the response.
    user_prompt = (
        (
            f"""Below is an instruction that describes a task, paired with an input that provides further context. Write a response that appropriately completes the request.

### Instruction:
{data_point["instruction"]}

### Input:
{data_point["input"]}

### Response:
"""
        )
        if data_point["input"]
        else (
            f"""Below is an instruction that describes a task. Write a response that appropriately completes the request.

### Instruction:
{data_point["instruction"]}

### Response:
"""
        )
    )
    len_user_prompt_tokens = (
        len(
            tokenizer(
                user_prompt,
                truncation=True,
                max_length=CUTOFF_LEN + 1,
            )["input_ids"]
        )
        - 1
    )  # no eos token
    full_tokens = tokenizer(
        user_prompt + data_point["output"],
        truncation=True,
        max_length=CUTOFF_LEN + 1,
        padding="max_length",
    )["input_ids"][:-1]
    return {
        "input_ids": full_tokens,
        "labels": [-100] * len_user_prompt_tokens + full_tokens[len_user_prompt_tokens:],
        "attention_mask": [1] * (len(full_tokens)),
    }


train_data = data.shuffle().map(generate_and_tokenize_prompt)

trainer = transformers.Trainer(
    model=model,
    train_dataset=train_data,
    args=transformers.TrainingArguments(
        per_device_train_batch_size=MICRO_BATCH_SIZE,
        max_steps=1,
        learning_rate=3e-4,
        output_dir=OUTPUT_DIR,
        report_to="none",
        use_cpu=True,
    ),
    data_collator=transformers.DataCollatorForSeq2Seq(tokenizer, return_tensors="pt", padding=True),
)
model.config.use_cache = False

print(round(trainer.train().training_loss, 3))
