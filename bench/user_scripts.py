"""Generate a tree of realistic user scripts that import transformers and call models and
tokenizers, mostly correctly, for the benchmark.

    python bench/user_scripts.py OUT_DIR [--files 400] [--seed 0]
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

HEADER = '''"""{title}."""
import argparse
import json
import logging
import math
import os
from dataclasses import dataclass, field
from typing import Dict, List, Optional

import torch
from torch.utils.data import DataLoader
from transformers import (
    AutoModelForCausalLM,
    AutoTokenizer,
    DataCollatorForLanguageModeling,
    GPT2LMHeadModel,
    GPT2TokenizerFast,
    Trainer,
    TrainingArguments,
    get_linear_schedule_with_warmup,
)

logger = logging.getLogger(__name__)
'''

BLOCKS = {
    "config": '''

@dataclass
class {Name}Config:
    model_name: str = "gpt2"
    max_length: int = {n}
    batch_size: int = {m}
    learning_rate: float = 5e-5
    warmup_steps: int = {n}
    output_dir: str = "outputs/{name}"
    tags: List[str] = field(default_factory=lambda: ["{name}", "gpt2"])

    def to_json(self) -> str:
        return json.dumps(self.__dict__, indent=2)
''',
    "load": '''

def load_{name}(model_name: str = "gpt2", device: str = "cpu"):
    tokenizer = AutoTokenizer.from_pretrained(model_name)
    tokenizer.pad_token = tokenizer.eos_token
    model = AutoModelForCausalLM.from_pretrained(model_name).to(device)
    model.eval()
    logger.info("loaded %s with %d parameters", model_name, sum(p.numel() for p in model.parameters()))
    return model, tokenizer
''',
    "generate": '''

@torch.no_grad()
def generate_{name}(model, tokenizer, prompts: List[str], max_new_tokens: int = {n}) -> List[str]:
    tokenizer.padding_side = "left"
    inputs = tokenizer(prompts, return_tensors="pt", padding=True, truncation=True, max_length={m})
    outputs = model.generate(
        **inputs,
        max_new_tokens=max_new_tokens,
        do_sample=True,
        top_p=0.95,
        temperature=0.{m},
        pad_token_id=tokenizer.eos_token_id,
    )
    texts = tokenizer.batch_decode(outputs[:, inputs["input_ids"].shape[1]:], skip_special_tokens=True)
    return [text.strip() for text in texts]
''',
    "perplexity": '''

@torch.no_grad()
def perplexity_{name}(model, tokenizer, texts: List[str], stride: int = {n}) -> float:
    encodings = tokenizer("\\n\\n".join(texts), return_tensors="pt")
    seq_len = encodings.input_ids.size(1)
    nlls = []
    prev_end = 0
    for begin in range(0, seq_len, stride):
        end = min(begin + {m}, seq_len)
        target_len = end - prev_end
        input_ids = encodings.input_ids[:, begin:end]
        target_ids = input_ids.clone()
        target_ids[:, :-target_len] = -100
        outputs = model(input_ids, labels=target_ids)
        nlls.append(outputs.loss * target_len)
        prev_end = end
        if end == seq_len:
            break
    return math.exp(torch.stack(nlls).sum() / end)
''',
    "train_loop": '''

def train_{name}(model, tokenizer, texts: List[str], epochs: int = {m}, lr: float = 5e-5):
    encodings = [tokenizer(t, truncation=True, max_length={n}) for t in texts]
    collator = DataCollatorForLanguageModeling(tokenizer, mlm=False)
    loader = DataLoader(encodings, batch_size={m}, shuffle=True, collate_fn=collator)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr)
    scheduler = get_linear_schedule_with_warmup(optimizer, {n}, epochs * len(loader))
    model.train()
    for epoch in range(epochs):
        total = 0.0
        for step, batch in enumerate(loader):
            outputs = model(**batch)
            loss = outputs.loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            total += loss.item()
            if step % {n} == 0:
                logger.info("epoch %d step %d loss %.4f", epoch, step, loss.item())
        logger.info("epoch %d mean loss %.4f", epoch, total / max(1, len(loader)))
    return model
''',
    "trainer": '''

def run_trainer_{name}(dataset, model_name: str = "gpt2", output_dir: str = "out/{name}"):
    tokenizer = GPT2TokenizerFast.from_pretrained(model_name)
    tokenizer.pad_token = tokenizer.eos_token
    model = GPT2LMHeadModel.from_pretrained(model_name)

    def tokenize(batch):
        return tokenizer(batch["text"], truncation=True, max_length={n})

    tokenized = dataset.map(tokenize, batched=True, remove_columns=["text"])
    args = TrainingArguments(
        output_dir=output_dir,
        per_device_train_batch_size={m},
        num_train_epochs=1,
        logging_steps={n},
        save_strategy="no",
        report_to=[],
    )
    trainer = Trainer(
        model=model,
        args=args,
        train_dataset=tokenized,
        data_collator=DataCollatorForLanguageModeling(tokenizer, mlm=False),
    )
    trainer.train()
    return trainer
''',
    "scorer": '''

class {Name}Scorer:
    def __init__(self, model_name: str = "gpt2"):
        self.tokenizer = AutoTokenizer.from_pretrained(model_name)
        self.model = AutoModelForCausalLM.from_pretrained(model_name)
        self.cache: Dict[str, float] = {{}}

    @torch.no_grad()
    def score(self, text: str) -> float:
        if text in self.cache:
            return self.cache[text]
        enc = self.tokenizer(text, return_tensors="pt")
        out = self.model(**enc, labels=enc["input_ids"])
        value = -out.loss.item()
        self.cache[text] = value
        return value

    def rank(self, candidates: List[str]) -> List[str]:
        return sorted(candidates, key=self.score, reverse=True)
''',
    "embed": '''

@torch.no_grad()
def embed_{name}(model, tokenizer, texts: List[str]) -> torch.Tensor:
    batch = tokenizer(texts, padding=True, return_tensors="pt")
    embeddings = model.get_input_embeddings()(batch["input_ids"])
    hidden = model(inputs_embeds=embeddings, attention_mask=batch["attention_mask"], output_hidden_states=True)
    mask = batch["attention_mask"].unsqueeze(-1)
    return (hidden.hidden_states[-1] * mask).sum(1) / mask.sum(1)
''',
    "io": '''

def read_{name}(path: str, limit: Optional[int] = None) -> List[str]:
    lines = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if limit is not None and number >= limit:
                break
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            lines.append(line)
    return lines


def write_{name}(path: str, rows: List[Dict[str, str]]) -> None:
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\\n")
''',
    "mistake": '''

def quick_check_{name}():
    tokenizer = GPT2TokenizerFast.from_pretrained("gpt2")
    model = GPT2LMHeadModel.from_pretrained("gpt2")
    prompts = ["Hello there", "How are you"]
    return model(prompts)
''',
}

MAIN = '''

def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description="{title}")
    parser.add_argument("--model", default="gpt2")
    parser.add_argument("--input", default="data.txt")
    parser.add_argument("--output", default="out.jsonl")
    parser.add_argument("--limit", type=int, default={n})
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    logger.info("arguments: %s", vars(args))


if __name__ == "__main__":
    main()
'''

NAMES = ["alpha", "beta", "gamma", "delta", "story", "chat", "poem", "summary", "review", "news", "code", "qa"]


def script(rng: random.Random, number: int) -> str:
    name = f"{rng.choice(NAMES)}{number}"
    parts = [HEADER.format(title=f"Script {number}: experiments with {name}")]
    kinds = [k for k in BLOCKS if k != "mistake"]
    chosen = rng.sample(kinds, rng.randint(4, len(kinds)))
    if rng.random() < 0.1:
        chosen.append("mistake")
    for kind in chosen:
        parts.append(BLOCKS[kind].format(name=name, Name=name.capitalize(), n=rng.randint(8, 512), m=rng.randint(2, 9)))
    parts.append(MAIN.format(title=f"Run {name}", n=rng.randint(10, 1000)))
    return "".join(parts)


def generate(out: Path, files: int, seed: int = 0) -> list:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(files):
        path = out / f"script_{number:04d}.py"
        path.write_text(script(rng, number), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=400)
    parser.add_argument("--seed", type=int, default=0)
    options = parser.parse_args()
    generate(options.out, options.files, options.seed)
