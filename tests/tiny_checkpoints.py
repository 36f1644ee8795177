"""Build tiny random checkpoints of causal LMs offline, each in a folder named like its hub id
(`gpt2`, `meta-llama/Llama-3.2-1B`, ...), so that a snippet run with the destination as its working
directory and HF_HUB_OFFLINE=1 reads exactly as its author wrote it.

GPT-2 is built as ../shared/ground-truth.md says: the same files as the hub's `gpt2`, real
settings but the sizes, `<|endoftext|>` as the last id and no pad token. The other families reuse
its byte-level BPE (Mistral, a sentencepiece model on the hub, gets a BPE with byte fallback trained
on the same sentences) and ship what the hub ships for that checkpoint: the tokenizer class, the
special tokens (BOS prepended or not, a pad token or none), the chat template and the generation
config. Only the sizes are tiny: two layers, hidden size 32.

    python tests/tiny_checkpoints.py DEST [NAME...]      # default: every checkpoint

Cost on the 2-core machine: the first eight take 0.15 s once torch and transformers are imported
(GPT-2 alone 0.02 s), 2.2 MB on disk; Falcon adds 0.04 s and 0.2 MB; a fresh process that imports them
and builds the eight takes 4.1 s, against 3.9 s for GPT-2 alone.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Dict, Optional, Sequence, Tuple

from tiny_text_checkpoints import BUILDERS as TEXT_BUILDERS

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


def build_gpt2(dest: Path) -> Path:
    import torch
    from tokenizers import ByteLevelBPETokenizer
    from transformers import GPT2Config, GPT2LMHeadModel

    folder = dest / "gpt2"
    folder.mkdir(parents=True, exist_ok=True)
    train_byte_level_bpe(folder)
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


def train_byte_level_bpe(folder: Path) -> None:
    """GPT-2's tokenizer, trained on SENTENCES: writes vocab.json and merges.txt (no special token)."""
    from tokenizers import ByteLevelBPETokenizer

    bpe = ByteLevelBPETokenizer(add_prefix_space=False)
    bpe.train_from_iterator(SENTENCES * 20, vocab_size=999, min_frequency=2, show_progress=False)
    bpe.save_model(str(folder))


# Chat templates as the hub's checkpoints ship them, shortened to what every snippet uses.
LLAMA3_CHAT_TEMPLATE = (
    "{{- bos_token }}"
    "{%- for message in messages %}"
    "{{- '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' + message['content'] | trim"
    " + '<|eot_id|>' }}"
    "{%- endfor %}"
    "{%- if add_generation_prompt %}{{- '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{%- endif %}"
)
CHATML_CHAT_TEMPLATE = (
    "{% for message in messages %}"
    "{% if loop.first and messages[0]['role'] != 'system' %}"
    "{{ '<|im_start|>system\\nYou are a helpful assistant.<|im_end|>\\n' }}{% endif %}"
    "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)
LLAMA3_SPECIALS = (
    "<|begin_of_text|>",
    "<|end_of_text|>",
    "<|start_header_id|>",
    "<|end_header_id|>",
    "<|finetune_right_pad_id|>",
    "<|eot_id|>",
)
FALCON_MARKERS = (
    ">>TITLE<<",
    ">>ABSTRACT<<",
    ">>INTRODUCTION<<",
    ">>SUMMARY<<",
    ">>COMMENT<<",
    ">>ANSWER<<",
    ">>QUESTION<<",
    ">>DOMAIN<<",
    ">>PREFIX<<",
    ">>SUFFIX<<",
    ">>MIDDLE<<",
)
LLAMA_SIZES = dict(
    hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2
)


@dataclass(frozen=True)
class Checkpoint:
    """One hub checkpoint, tiny. Token ids in `config`/`generation` are given by token text in
    `token_ids` (config key -> token, or a tuple of tokens for a list of ids)."""

    model_type: str
    sizes: Dict[str, object]  # two layers, hidden size 32
    settings: Dict[str, object]  # the hub's config.json, but the sizes and the token ids
    tokenizer_config: Dict[str, object]
    token_ids: Dict[str, object]
    specials_first: Tuple[str, ...] = ()  # ids 0.. (OPT, Pythia); the others append theirs after the BPE
    specials_last: Tuple[str, ...] = ()
    prepend_bos: Optional[str] = None  # the token the tokenizer puts before every text
    generation: Dict[str, object] = field(default_factory=dict)  # the hub's generation_config.json
    sentencepiece: bool = False  # Mistral: metaspace BPE with byte fallback instead of byte-level


LLAMA3 = Checkpoint(
    "llama",
    LLAMA_SIZES,
    dict(max_position_embeddings=131072, rope_theta=500000.0, tie_word_embeddings=True),
    {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "bos_token": "<|begin_of_text|>",
        "eos_token": "<|end_of_text|>",
        "model_input_names": ["input_ids", "attention_mask"],
        "model_max_length": 131072,
        "chat_template": LLAMA3_CHAT_TEMPLATE,
    },
    {"bos_token_id": "<|begin_of_text|>", "eos_token_id": "<|end_of_text|>"},
    specials_last=LLAMA3_SPECIALS,
    prepend_bos="<|begin_of_text|>",
    generation={"do_sample": True, "temperature": 0.6, "top_p": 0.9},
)

CHECKPOINTS: Dict[str, Checkpoint] = {
    "meta-llama/Llama-3.2-1B": LLAMA3,
    # the instruct model ends its turns with <|eot_id|>
    "meta-llama/Llama-3.2-1B-Instruct": replace(
        LLAMA3,
        tokenizer_config=dict(LLAMA3.tokenizer_config, eos_token="<|eot_id|>"),
        token_ids=dict(LLAMA3.token_ids, eos_token_id=("<|end_of_text|>", "<|eot_id|>")),
    ),
    "mistralai/Mistral-7B-v0.1": Checkpoint(
        "mistral",
        LLAMA_SIZES,
        dict(max_position_embeddings=32768, sliding_window=4096, rope_theta=10000.0),
        {
            "tokenizer_class": "LlamaTokenizer",
            "bos_token": "<s>",
            "eos_token": "</s>",
            "unk_token": "<unk>",
            "pad_token": None,
            "add_bos_token": True,
            "add_eos_token": False,
            "legacy": True,
        },
        {"bos_token_id": "<s>", "eos_token_id": "</s>"},
        prepend_bos="<s>",
        sentencepiece=True,
    ),
    "Qwen/Qwen2-0.5B-Instruct": Checkpoint(
        "qwen2",
        LLAMA_SIZES,
        dict(max_position_embeddings=32768, rope_theta=1000000.0, tie_word_embeddings=True),
        {
            "tokenizer_class": "Qwen2Tokenizer",
            "bos_token": None,
            "eos_token": "<|im_end|>",
            "pad_token": "<|endoftext|>",
            "unk_token": None,
            "model_max_length": 32768,
            "errors": "replace",
            "chat_template": CHATML_CHAT_TEMPLATE,
        },
        {"bos_token_id": "<|endoftext|>", "eos_token_id": "<|im_end|>"},
        specials_last=("<|endoftext|>", "<|im_start|>", "<|im_end|>"),
        generation={
            "do_sample": True,
            "repetition_penalty": 1.1,
            "temperature": 0.7,
            "top_p": 0.8,
            "top_k": 20,
            "pad_token_id": "<|endoftext|>",
            "eos_token_id": ("<|im_end|>", "<|endoftext|>"),
        },
    ),
    "EleutherAI/gpt-neo-125m": Checkpoint(
        "gpt_neo",
        dict(hidden_size=32, num_layers=2, num_heads=2, attention_types=[[["global", "local"], 1]]),
        dict(window_size=256, max_position_embeddings=2048),
        {"tokenizer_class": "GPT2Tokenizer", "model_max_length": 2048},
        {"bos_token_id": "<|endoftext|>", "eos_token_id": "<|endoftext|>"},
        specials_last=("<|endoftext|>",),
    ),
    "EleutherAI/pythia-70m": Checkpoint(
        "gpt_neox",
        dict(hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=128),
        dict(max_position_embeddings=2048, rotary_pct=0.25, use_parallel_residual=True, tie_word_embeddings=False),
        {
            "tokenizer_class": "GPTNeoXTokenizer",
            "bos_token": "<|endoftext|>",
            "eos_token": "<|endoftext|>",
            "unk_token": "<|endoftext|>",
            "add_prefix_space": False,
        },
        {"bos_token_id": "<|endoftext|>", "eos_token_id": "<|endoftext|>"},
        specials_first=("<|endoftext|>", "<|padding|>"),
    ),
    # as the hub's vocabulary: eleven `>>...<<` markers, then <|endoftext|> (id 11, the config's bos and
    # eos), then the BPE; the tokenizer adds neither and has no pad token; multi-query attention, rotary
    "tiiuae/falcon-7b": Checkpoint(
        "falcon",
        dict(hidden_size=32, num_hidden_layers=2, num_attention_heads=4),
        dict(multi_query=True, parallel_attn=True, new_decoder_architecture=False, alibi=False, bias=False),
        {
            "tokenizer_class": "PreTrainedTokenizerFast",
            "eos_token": "<|endoftext|>",
            "additional_special_tokens": list(FALCON_MARKERS),
            "add_prefix_space": False,
            "model_max_length": 2048,
            "model_input_names": ["input_ids", "attention_mask"],
        },
        {"bos_token_id": "<|endoftext|>", "eos_token_id": "<|endoftext|>"},
        specials_first=FALCON_MARKERS + ("<|endoftext|>",),
    ),
    "facebook/opt-125m": Checkpoint(
        "opt",
        dict(hidden_size=32, num_hidden_layers=2, ffn_dim=64, num_attention_heads=2, max_position_embeddings=2048),
        dict(word_embed_proj_dim=32, do_layer_norm_before=True),
        {
            "tokenizer_class": "GPT2Tokenizer",
            "bos_token": "</s>",
            "eos_token": "</s>",
            "unk_token": "</s>",
            "pad_token": "<pad>",
            "add_bos_token": True,
            "errors": "replace",
        },
        {"bos_token_id": "</s>", "eos_token_id": "</s>", "pad_token_id": "<pad>"},
        specials_first=("<s>", "<pad>", "</s>", "<unk>"),
        prepend_bos="</s>",
    ),
}


def build(dest: Path, name: str) -> Path:
    if name == "gpt2":
        return build_gpt2(dest)
    if name in TEXT_BUILDERS:
        folder = dest / name
        folder.mkdir(parents=True, exist_ok=True)
        TEXT_BUILDERS[name](folder, SENTENCES)
        return folder
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM, GenerationConfig

    spec = CHECKPOINTS[name]
    folder = dest / name
    folder.mkdir(parents=True, exist_ok=True)
    vocab = write_tokenizer(folder, spec)
    (folder / "tokenizer_config.json").write_text(json.dumps(spec.tokenizer_config, indent=2))

    def ids(values: Dict[str, object]) -> Dict[str, object]:
        return {
            key: [vocab[t] for t in value] if isinstance(value, tuple) else vocab.get(value, value)
            for key, value in values.items()
        }

    torch.manual_seed(0)
    config = AutoConfig.for_model(
        spec.model_type, vocab_size=len(vocab), **spec.sizes, **spec.settings, **ids(spec.token_ids)
    )
    AutoModelForCausalLM.from_config(config).save_pretrained(str(folder))
    if spec.generation:
        generation = ids(dict(spec.token_ids, **spec.generation))
        GenerationConfig(**generation).save_pretrained(str(folder))
    return folder


def write_tokenizer(folder: Path, spec: Checkpoint) -> Dict[str, int]:
    """tokenizer.json (and vocab.json/merges.txt, which GPT2Tokenizer-style classes also read);
    returns the vocabulary, special tokens included."""
    from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers, processors

    if spec.sentencepiece:
        tokenizer = train_metaspace_bpe()
        vocab = tokenizer.get_vocab()
    else:
        train_byte_level_bpe(folder)
        trained, merges = models.BPE.read_file(str(folder / "vocab.json"), str(folder / "merges.txt"))
        vocab = {token: i for i, token in enumerate(spec.specials_first)}
        vocab.update((token, len(spec.specials_first) + i) for token, i in trained.items())
        vocab.update({token: len(vocab) + i for i, token in enumerate(spec.specials_last)})
        (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
        tokenizer = Tokenizer(models.BPE(vocab, merges))
        tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
        tokenizer.decoder = decoders.ByteLevel()
        tokenizer.post_processor = processors.ByteLevel(trim_offsets=False)
        specials = spec.specials_first + spec.specials_last
        tokenizer.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in specials])
    if spec.prepend_bos:
        bos = spec.prepend_bos
        tokenizer.post_processor = processors.TemplateProcessing(
            single=f"{bos}:0 $A:0", pair=f"{bos}:0 $A:0 {bos}:1 $B:1", special_tokens=[(bos, vocab[bos])]
        )
    tokenizer.save(str(folder / "tokenizer.json"))
    return vocab


def train_metaspace_bpe():
    """A sentencepiece-style BPE as Llama-2 and Mistral ship it: <unk> <s> </s>, then the 256
    byte-fallback tokens, then merges of `▁`-prefixed words."""
    from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers, trainers

    specials = ["<unk>", "<s>", "</s>"]
    byte_tokens = [f"<0x{b:02X}>" for b in range(256)]
    tokenizer = Tokenizer(models.BPE(unk_token="<unk>", fuse_unk=True, byte_fallback=True))
    tokenizer.decoder = decoders.Sequence(
        [decoders.Replace("▁", " "), decoders.ByteFallback(), decoders.Fuse(), decoders.Strip(" ", 1, 0)]
    )
    trainer = trainers.BpeTrainer(
        vocab_size=999, min_frequency=2, special_tokens=specials + byte_tokens, show_progress=False
    )
    # words are merged within themselves only, as sentencepiece does
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="first", split=True)
    tokenizer.train_from_iterator(SENTENCES * 20, trainer=trainer)
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="first", split=False)
    tokenizer.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in specials])
    return tokenizer


def names() -> Sequence[str]:
    """The causal LMs."""
    return ["gpt2", *CHECKPOINTS]


def every_name() -> Sequence[str]:
    return [*names(), *TEXT_BUILDERS]


def build_all(dest: Path, wanted: Sequence[str] = ()) -> None:
    for name in wanted or every_name():
        build(dest, name)


if __name__ == "__main__":
    build_all(Path(sys.argv[1]), sys.argv[2:])
    print(sys.argv[1])
