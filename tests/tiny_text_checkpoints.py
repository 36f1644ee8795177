"""Tiny encoder-decoder and encoder checkpoints, built offline as tests/tiny_checkpoints.py builds the
causal LMs: the hub's tokenizer files and special tokens, trained on the same SENTENCES, two layers,
hidden size 32, each in a folder named like its hub id.

- `facebook/bart-base`: BART's byte-level BPE (GPT-2's, with `<s> <pad> </s> <unk>` as ids 0-3 and
  `<mask>` last; every text wrapped in `<s> ... </s>`), pad id 1, decoder start `</s>`.
- `google-t5/t5-small` and `t5-small`: a sentencepiece-like Unigram (`<pad> </s> <unk>` as ids 0-2,
  100 `<extra_id_N>` last; every text ends with `</s>`), decoder start = pad id 0.
- `bert-base-uncased`: a lower-casing WordPiece (`[PAD]` id 0; `[CLS] ... [SEP]`), saved with the
  pre-training heads and pooler as the hub's is.
- `distilbert-base-uncased` (and `distilbert/...`): BERT's WordPiece, a masked LM that takes no
  `token_type_ids`.
- `roberta-base` (and `FacebookAI/...`): BART's byte-level BPE, a masked LM with one segment type
  (`type_vocab_size=1`) and 514 positions, pad id 1.

Cost on the 2-core machine, once a first model has been saved (which pays transformers' imports):
T5 0.15 s and 0.06 s for its second name, BERT 0.09 s; 1.2 MB on disk for the four.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Dict, List

T5_EXTRA_IDS = [f"<extra_id_{i}>" for i in range(100)]
BART_SPECIALS = ["<s>", "<pad>", "</s>", "<unk>"]
BERT_SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def _byte_level_bpe(folder: Path, sentences: List[str], tokenizer_class: str, max_length: int) -> Dict[str, int]:
    """BART's and RoBERTa's tokenizer files: GPT-2's byte-level BPE with `<s> <pad> </s> <unk>` as ids
    0-3, `<mask>` last, every text wrapped in `<s> ... </s>`; the vocabulary."""
    from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers, processors
    from tokenizers import ByteLevelBPETokenizer

    trainer = ByteLevelBPETokenizer(add_prefix_space=False)
    trainer.train_from_iterator(sentences * 20, vocab_size=999, min_frequency=2, show_progress=False)
    trainer.save_model(str(folder))
    trained, merges = models.BPE.read_file(str(folder / "vocab.json"), str(folder / "merges.txt"))
    vocab = {token: i for i, token in enumerate(BART_SPECIALS)}
    vocab.update((token, len(BART_SPECIALS) + i) for token, i in trained.items())
    vocab["<mask>"] = len(vocab)
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = Tokenizer(models.BPE(vocab, merges))
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    tokenizer.post_processor = processors.RobertaProcessing(
        ("</s>", vocab["</s>"]), ("<s>", vocab["<s>"]), add_prefix_space=False, trim_offsets=True
    )
    specials = [AddedToken(t, special=True, normalized=False) for t in BART_SPECIALS]
    specials.append(AddedToken("<mask>", special=True, lstrip=True, normalized=False))
    tokenizer.add_special_tokens(specials)
    tokenizer.save(str(folder / "tokenizer.json"))
    _write_json(folder / "tokenizer_config.json", {"tokenizer_class": tokenizer_class, "model_max_length": max_length})
    return vocab


def build_bart(folder: Path, sentences: List[str]) -> None:
    import torch
    from transformers import BartConfig, BartForConditionalGeneration

    vocab = _byte_level_bpe(folder, sentences, "BartTokenizer", 1024)
    torch.manual_seed(0)
    config = BartConfig(
        vocab_size=len(vocab),
        d_model=32,
        encoder_layers=2,
        decoder_layers=2,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_position_embeddings=1024,
        bos_token_id=0,
        pad_token_id=1,
        eos_token_id=2,
        decoder_start_token_id=2,
    )
    BartForConditionalGeneration(config).save_pretrained(str(folder))


def build_t5(folder: Path, sentences: List[str]) -> None:
    import torch
    from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import T5Config, T5ForConditionalGeneration

    specials = ["<pad>", "</s>", "<unk>"]
    tokenizer = Tokenizer(models.Unigram())
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    trainer = trainers.UnigramTrainer(
        vocab_size=300, special_tokens=specials, unk_token="<unk>", show_progress=False
    )
    tokenizer.train_from_iterator(sentences * 20, trainer=trainer)
    tokenizer.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in specials + T5_EXTRA_IDS])
    eos = tokenizer.token_to_id("</s>")
    tokenizer.post_processor = processors.TemplateProcessing(
        single="$A </s>", pair="$A </s> $B </s>", special_tokens=[("</s>", eos)]
    )
    tokenizer.save(str(folder / "tokenizer.json"))
    _write_json(
        folder / "tokenizer_config.json",
        {
            "tokenizer_class": "T5Tokenizer",
            "eos_token": "</s>",
            "unk_token": "<unk>",
            "pad_token": "<pad>",
            "extra_ids": 100,
            "additional_special_tokens": T5_EXTRA_IDS,
            "model_max_length": 512,
        },
    )

    torch.manual_seed(0)
    config = T5Config(
        vocab_size=tokenizer.get_vocab_size(),
        d_model=32,
        d_kv=8,
        d_ff=64,
        num_layers=2,
        num_decoder_layers=2,
        num_heads=4,
        pad_token_id=0,
        eos_token_id=1,
        decoder_start_token_id=0,
    )
    T5ForConditionalGeneration(config).save_pretrained(str(folder))


def _word_piece(folder: Path, sentences: List[str], tokenizer_class: str) -> int:
    """BERT's and DistilBERT's tokenizer files: a lower-casing WordPiece (`[PAD]` id 0, `[CLS] ...
    [SEP]`); the vocabulary's size."""
    from tokenizers import BertWordPieceTokenizer, processors

    tokenizer = BertWordPieceTokenizer(lowercase=True)
    tokenizer.train_from_iterator(
        sentences * 20, vocab_size=300, min_frequency=1, special_tokens=BERT_SPECIALS, show_progress=False
    )
    tokenizer.post_processor = processors.BertProcessing(
        ("[SEP]", tokenizer.token_to_id("[SEP]")), ("[CLS]", tokenizer.token_to_id("[CLS]"))
    )
    tokenizer.save_model(str(folder))
    tokenizer.save(str(folder / "tokenizer.json"))
    _write_json(
        folder / "tokenizer_config.json",
        {"tokenizer_class": tokenizer_class, "do_lower_case": True, "model_max_length": 512},
    )
    return tokenizer.get_vocab_size()


def build_bert(folder: Path, sentences: List[str]) -> None:
    import torch
    from transformers import BertConfig, BertForPreTraining

    vocab_size = _word_piece(folder, sentences, "BertTokenizer")
    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=vocab_size,
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=512,
        pad_token_id=0,
    )
    BertForPreTraining(config).save_pretrained(str(folder))


def build_distilbert(folder: Path, sentences: List[str]) -> None:
    import torch
    from transformers import DistilBertConfig, DistilBertForMaskedLM

    vocab_size = _word_piece(folder, sentences, "DistilBertTokenizer")
    torch.manual_seed(0)
    config = DistilBertConfig(
        vocab_size=vocab_size, dim=32, n_layers=2, n_heads=2, hidden_dim=64, max_position_embeddings=512, pad_token_id=0
    )
    DistilBertForMaskedLM(config).save_pretrained(str(folder))


def build_roberta(folder: Path, sentences: List[str]) -> None:
    import torch
    from transformers import RobertaConfig, RobertaForMaskedLM

    vocab = _byte_level_bpe(folder, sentences, "RobertaTokenizer", 512)
    torch.manual_seed(0)
    # one segment type, and positions counted from pad id + 1 (514 rows for 512 tokens), as the hub's
    config = RobertaConfig(
        vocab_size=len(vocab),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=514,
        type_vocab_size=1,
        bos_token_id=0,
        pad_token_id=1,
        eos_token_id=2,
    )
    RobertaForMaskedLM(config).save_pretrained(str(folder))


def _write_json(path: Path, content: Dict[str, object]) -> None:
    path.write_text(json.dumps(content, indent=2), encoding="utf-8")


BUILDERS: Dict[str, Callable[[Path, List[str]], None]] = {
    "facebook/bart-base": build_bart,
    "google-t5/t5-small": build_t5,
    "t5-small": build_t5,
    "bert-base-uncased": build_bert,
    "distilbert-base-uncased": build_distilbert,
    "distilbert/distilbert-base-uncased": build_distilbert,
    "roberta-base": build_roberta,
    "FacebookAI/roberta-base": build_roberta,
}
