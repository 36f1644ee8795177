from dataclasses import dataclass

import torch
from datasets import Dataset
from transformers import DataCollatorForSeq2Seq, LlamaForCausalLM, LlamaTokenizer


@dataclass
class train_config:
    model_name: str = "meta-llama/Llama-3.2-1B"
    batch_size_training: int = 2
    lr: float = 1e-4
    num_epochs: int = 1
    max_train_step: int = 1


def get_preprocessed_dataset(tokenizer):
    dataset = Dataset.from_dict(
        {
            "dialogue": ["A: Hi, are you coming tonight?\nB: Yes, at eight.", "A: Lunch?\nB: Sure."],
            "summary": ["B is coming tonight at eight.", "They will have lunch."],
        }
    )
    prompt = "Summarize this dialog:\n{dialog}\n---\nSummary:\n"

    def tokenize_add_label(sample):
        prompt_ids = tokenizer.encode(tokenizer.bos_token + prompt.format(dialog=sample["dialogue"]), add_special_tokens=False)
        summary_ids = tokenizer.encode(sample["summary"] + tokenizer.eos_token, add_special_tokens=False)
        return {
            "input_ids": prompt_ids + summary_ids,
            "attention_mask": [1] * (len(prompt_ids) + len(summary_ids)),
            "labels": [-100] * len(prompt_ids) + summary_ids,
        }

    return dataset.map(tokenize_add_label, remove_columns=list(dataset.features))


def train(model, train_dataloader, optimizer, train_config):
    model.train()
    for epoch in range(train_config.num_epochs):
        total_loss = 0.0
        for step, batch in enumerate(train_dataloader):
            loss = model(**batch).loss
            total_loss += loss.detach().float()
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
            if step + 1 >= train_config.max_train_step:
                break
    return {"train_loss": float(total_loss) > 0}


def main():
    model = LlamaForCausalLM.from_pretrained(train_config.model_name)
    tokenizer = LlamaTokenizer.from_pretrained(train_config.model_name)
    tokenizer.add_special_tokens({"pad_token": "<PAD>"})
    # If there is a mismatch between tokenizer vocab size and embedding matrix, expand the embedding matrix
    if len(tokenizer) > model.get_input_embeddings().weight.shape[0]:
        model.resize_token_embeddings(len(tokenizer))

    dataset_train = get_preprocessed_dataset(tokenizer)
    train_dataloader = torch.utils.data.DataLoader(
        dataset_train,
        batch_size=train_config.batch_size_training,
        collate_fn=DataCollatorForSeq2Seq(tokenizer),
    )
    optimizer = torch.optim.AdamW(model.parameters(), lr=train_config.lr)
    results = train(model, train_dataloader, optimizer, train_config)
    print(results)


main()
