import torch
from torch.utils.data import DataLoader, Dataset
from transformers import AutoTokenizer, OPTConfig, OPTModel


class CharRNNDataset(Dataset):
    def __init__(self, data, block_size):
        self.data = data
        self.block_size = block_size

    def __len__(self):
        return len(self.data) - self.block_size

    def __getitem__(self, idx):
        chunk = self.data[idx : idx + self.block_size + 1]
        x = chunk[:-1]
        y = chunk[1:]
        return x, y


def main():
    torch.manual_seed(0)
    tokenizer = AutoTokenizer.from_pretrained("facebook/opt-125m")
    text = "The quick brown fox jumps over the lazy dog. " * 4
    data = torch.tensor(tokenizer(text)["input_ids"], dtype=torch.long)
    dataset = CharRNNDataset(data, block_size=16)
    loader = DataLoader(dataset, batch_size=4, shuffle=True)

    config = OPTConfig(
        vocab_size=len(tokenizer),
        hidden_size=32,
        num_hidden_layers=2,
        ffn_dim=64,
        num_attention_heads=2,
        word_embed_proj_dim=32,
        max_position_embeddings=64,
    )
    model = OPTModel(config)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)

    model.train()
    for step, (x, y) in enumerate(loader):
        outputs = model(input_ids=x, labels=y)
        loss = outputs.loss
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        print(step, round(loss.item(), 2) > 0)
        break


main()
