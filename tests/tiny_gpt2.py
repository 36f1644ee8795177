"""Build a tiny GPT-2 checkpoint folder `<dest>/gpt2`, offline, as ../shared/ground-truth.md says:
the same files as the hub's `gpt2`, real GPT-2 settings but the sizes, `<|endoftext|>` as the
last id, and no pad token.

    python tests/tiny_gpt2.py DEST
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

SENTENCES = [
    "This is some sample text.",
    "Another piece of sample text.",
    "Another piece of sample text, a bit longer.",
    "Hello world",
    "The weather today is sunny and warm.",
    "My favourite food is bread with cheese.",
    "Once upon a time there was a small model.",
    "The quick brown fox jumps over the lazy dog.",
    "a text",
    "raw text",
]


def build(dest: Path) -> Path:
    import torch
    from tokenizers import ByteLevelBPETokenizer
    from transformers import GPT2Config, GPT2LMHeadModel

    folder = dest / "gpt2"
    folder.mkdir(parents=True, exist_ok=True)
    bpe = ByteLevelBPETokenizer(add_prefix_space=False)
    bpe.train_from_iterator(SENTENCES * 20, vocab_size=999, min_frequency=2, show_progress=False)
    bpe.save_model(str(folder))
    vocab_json, merges_txt = folder / "vocab.json", folder / "merges.txt"
    vocab = json.loads(vocab_json.read_text(encoding="utf-8"))
    eos_id = vocab["<|endoftext|>"] = len(vocab)
    vocab_json.write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    bpe = ByteLevelBPETokenizer(str(vocab_json), str(merges_txt), add_prefix_space=False)
    bpe.add_special_tokens(["<|endoftext|>"])
    bpe.save(str(folder / "tokenizer.json"))
    (folder / "tokenizer_config.json").write_text(json.dumps({"model_max_length": 1024}))

    torch.manual_seed(0)
    config = GPT2Config(
        vocab_size=eos_id + 1,
        n_positions=1024,
        n_embd=32,
        n_layer=2,
        n_head=2,
        bos_token_id=eos_id,
        eos_token_id=eos_id,
    )
    GPT2LMHeadModel(config).save_pretrained(str(folder))
    return folder


if __name__ == "__main__":
    print(build(Path(sys.argv[1])))
