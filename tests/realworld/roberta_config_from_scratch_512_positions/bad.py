import torch
from torch.utils.data import DataLoader, Dataset
from transformers import (
    DataCollatorForLanguageModeling,
    RobertaConfig,
    RobertaForMaskedLM,
    RobertaTokenizer,
)

# Initialize tokenizer and model
tokenizer = RobertaTokenizer.from_pretrained("roberta-base")

# a small model of my own, pre-trained from scratch (the report keeps the base sizes)
config = RobertaConfig(hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=64)
model = RobertaForMaskedLM(config)


# Sample input texts
texts = [
    # Something that will fill the context so that the position_id will cause
    # out of bounds access thanks to create_position_ids_from_input_ids
    " ".join(["The cat sits on the mat."] * 120),
    "The dog sits on the mat.",
]


class TextDataset(Dataset):
    def __init__(self, texts, tokenizer, max_length=512):
        self.encodings = tokenizer(texts, truncation=True, max_length=max_length)

    def __len__(self):
        return len(self.encodings["input_ids"])

    def __getitem__(self, idx):
        return {key: torch.tensor(val[idx]) for key, val in self.encodings.items()}


dataset = TextDataset(texts, tokenizer)
collator = DataCollatorForLanguageModeling(tokenizer=tokenizer, mlm=True, mlm_probability=0.15)
loader = DataLoader(dataset, batch_size=2, collate_fn=collator)

torch.manual_seed(0)
for batch in loader:
    outputs = model(**batch)
    print(outputs.logits.shape)
