"""Model families and their hub checkpoints, as rows: what the rules know of each family's classes
and tokenizers. A family is added here, as a row of FAMILIES and rows of CHECKPOINTS, with its
ground truth run on a tiny checkpoint (tests/tiny_checkpoints.py); no rule names a family."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Optional, Tuple

from ..knowledge import (
    AUTO_CAUSAL_LM,
    AUTO_SEQ2SEQ_LM,
    AUTO_SEQUENCE_CLASSIFIER,
    BASE_MODEL_SUFFIX,
    SEQUENCE_CLASSIFIER_SUFFIX,
)
from ..parameter_names import RIGHT

# What a family's models are: every class of a decoder-only family takes its text as `input_ids`
# or `inputs_embeds` alone, and generates by continuing its input.
DECODER_ONLY = "decoder-only"
# An encoder reads the text and a decoder writes the output: a forward call needs the decoder's input
# (`decoder_input_ids`, or `labels` it is made from) unless the family makes it from `input_ids`.
ENCODER_DECODER = "encoder-decoder"
# Encoders only read: classifiers, token taggers, feature extractors, masked LMs.
ENCODER = "encoder"

# `no_pad_token_before` of a tokenizer that ships without a pad token in every version.
EVERY_VERSION = 1_000

# The suffixes of the task classes a family defines beside its LM head.
_TASK_SUFFIXES = (
    BASE_MODEL_SUFFIX,
    SEQUENCE_CLASSIFIER_SUFFIX,
    "ForTokenClassification",
    "ForQuestionAnswering",
    "DoubleHeadsModel",
)
# What an Auto class loads, by the family's class it stands for (None: the family's LM head), and
# the kind of family that has it (None: every kind).
_AUTO_CLASSES = {
    "AutoModel": (BASE_MODEL_SUFFIX, None),
    AUTO_CAUSAL_LM: (None, DECODER_ONLY),
    AUTO_SEQ2SEQ_LM: (None, ENCODER_DECODER),
    AUTO_SEQUENCE_CLASSIFIER: (SEQUENCE_CLASSIFIER_SUFFIX, None),
}


@dataclass(frozen=True)
class Family:
    name: str  # as messages name it
    class_prefix: str  # its classes are `{class_prefix}Model`, `{class_prefix}ForCausalLM` ...
    kind: str = DECODER_ONLY
    lm_head_suffix: str = "ForCausalLM"
    # transformers 5 runs SDPA attention unless told otherwise, and it gives no attention weights
    # (an empty tuple) for output_attentions=True (Falcon's SDPA computes them itself: False)
    empty_attentions_by_default: bool = False
    # tokenizer classes of its own, which ship without a pad token whatever files they load
    padless_tokenizer_classes: Tuple[str, ...] = ()
    # messages say which checkpoint a tokenizer came from (GPT-2's names add nothing)
    checkpoint_in_messages: bool = True
    # an encoder-decoder whose forward, given no decoder inputs, makes them by shifting `input_ids`
    # right (BART); the others fail without `decoder_input_ids` or `labels` (T5)
    decoder_inputs_from_input_ids: bool = False
    # its forward numbers positions from a row's first column, pads included (learned absolute
    # positions): a row padded on the left sees its tokens at other positions than it would alone
    # (OPT counts them from the attention mask; rotary and ALiBi families see only relative ones)
    positions_count_padding: bool = False
    # how a forward fails past its learned positions: a lookup past the table, or (BERT's) a table
    # sliced to its end and added to longer embeddings
    past_positions_error: str = "IndexError (index out of range)"
    # the token its tokenizer writes for a masked word, which a fill-mask pipeline looks for
    mask_token: Optional[str] = None

    @property
    def lm_head(self) -> str:
        return self.class_prefix + self.lm_head_suffix

    def owns_class(self, class_name: str) -> bool:
        rest = class_name[len(self.class_prefix):] if class_name.startswith(self.class_prefix) else None
        return rest is not None and (rest == self.lm_head_suffix or rest in _TASK_SUFFIXES)


@dataclass(frozen=True)
class Checkpoints:
    """Hub checkpoints (fnmatch patterns of their names, also the usual local folder names) and what
    their files say beyond their family's classes."""

    patterns: Tuple[str, ...]
    family: Family
    # the tokenizer ships without a pad token under transformers majors below this (0: it has one,
    # or it is not known)
    no_pad_token_before: int = 0
    # the model's embedding table has exactly the tokenizer's rows: an added token's id is past it
    embedding_table_exact: bool = False
    # the side its tokenizer pads on, where its files are known to say
    padding_side: Optional[str] = None
    # its chat template writes the BOS token and its tokenizer prepends one when encoding
    bos_in_chat_template: bool = False
    # its generation config is known not to sample
    greedy_generation_config: bool = False
    # its tokenizer appends the eos token to every text it encodes (none of the rows below does:
    # their tokenizers add a BOS token or nothing)
    adds_eos: bool = False
    # its chat template ends each turn with the token that is its tokenizer's eos token
    eos_ends_chat_turns: bool = False
    # its config has no `pad_token_id`: a sequence classifier cannot find the last token of each row
    # of a batch, and refuses batches of several rows
    config_without_pad_token_id: bool = False
    # its tokenizer's encodings hold `token_type_ids` unless asked not to (`model_input_names` of its
    # class or files; measured on 4.57 and 5.x: BERT's do, none of the decoder-only rows' do)
    tokenizer_gives_token_type_ids: bool = False
    # the rows of its learned position table: a sequence longer than that raises IndexError
    # (families with rotary or ALiBi positions have no such table: None)
    learned_positions: Optional[int] = None
    # its config has no `bos_token_id`: as the decoder of an EncoderDecoderModel it gives generate()
    # no token to start from
    config_without_bos_token_id: bool = False
    # the rows of its token type (segment) embedding, `type_vocab_size` of its config (the class's
    # config may default to another: RobertaConfig() has 2, roberta-base's files say 1): a
    # token_type_ids value past it raises IndexError; its tokenizer numbers a pair's texts 0 and 1
    # where it is 2, and gives 0 alone where it is 1 (measured on 4.57 and 5.x)
    type_vocab_size: Optional[int] = None
    # its tokenizer's eos token as text: written inside a text, the tokenizer reads it as that token
    eos_token: Optional[str] = None

    @property
    def never_has_pad_token(self) -> bool:
        """Its tokenizer ships without a pad token whatever the transformers version."""
        return self.no_pad_token_before == EVERY_VERSION

    def matches(self, checkpoint: str) -> bool:
        return any(fnmatchcase(checkpoint, pattern) for pattern in self.patterns)


_SLICED_TABLE = "RuntimeError (a size mismatch with the position table)"
GPT2 = Family(
    "GPT-2",
    "GPT2",
    lm_head_suffix="LMHeadModel",
    empty_attentions_by_default=True,
    padless_tokenizer_classes=("GPT2Tokenizer", "GPT2TokenizerFast"),
    checkpoint_in_messages=False,
    positions_count_padding=True,
)
LLAMA = Family("Llama", "Llama", empty_attentions_by_default=True)
MISTRAL = Family("Mistral", "Mistral", empty_attentions_by_default=True)
MIXTRAL = Family("Mixtral", "Mixtral")
QWEN2 = Family("Qwen2", "Qwen2", empty_attentions_by_default=True)
QWEN3 = Family("Qwen3", "Qwen3")
GPT_NEO = Family("GPT-Neo", "GPTNeo", positions_count_padding=True)
GPT_NEOX = Family("GPT-NeoX", "GPTNeoX")
GPT_J = Family("GPT-J", "GPTJ")
OPT = Family("OPT", "OPT")
FALCON = Family("Falcon", "Falcon")
BLOOM = Family("Bloom", "Bloom")
PHI = Family("Phi", "Phi")
GEMMA = Family("Gemma", "Gemma")
GEMMA2 = Family("Gemma2", "Gemma2")
T5 = Family("T5", "T5", kind=ENCODER_DECODER, lm_head_suffix="ForConditionalGeneration")
BART = Family(
    "BART", "Bart", kind=ENCODER_DECODER, lm_head_suffix="ForConditionalGeneration", decoder_inputs_from_input_ids=True
)
# their position table is sliced to the input's length
BERT = Family(
    "BERT", "Bert", kind=ENCODER, lm_head_suffix="ForMaskedLM", past_positions_error=_SLICED_TABLE, mask_token="[MASK]"
)
ROBERTA = Family("RoBERTa", "Roberta", kind=ENCODER, lm_head_suffix="ForMaskedLM", mask_token="<mask>")
DISTILBERT = Family(
    "DistilBERT",
    "DistilBert",
    kind=ENCODER,
    lm_head_suffix="ForMaskedLM",
    past_positions_error=_SLICED_TABLE,
    mask_token="[MASK]",
)

FAMILIES: Tuple[Family, ...] = (
    GPT2, LLAMA, MISTRAL, MIXTRAL, QWEN2, QWEN3, GPT_NEO, GPT_NEOX, GPT_J, OPT, FALCON, BLOOM, PHI, GEMMA, GEMMA2,
    T5, BART, BERT, ROBERTA, DISTILBERT,
)

# The first row whose pattern matches a checkpoint tells what is known of it: specific rows first.
CHECKPOINTS: Tuple[Checkpoints, ...] = (
    Checkpoints(
        (
            "gpt2", "gpt2-medium", "gpt2-large", "gpt2-xl", "distilgpt2",
            "openai-community/gpt2", "openai-community/gpt2-medium", "openai-community/gpt2-large",
            "openai-community/gpt2-xl", "distilbert/distilgpt2",
        ),
        GPT2,
        no_pad_token_before=EVERY_VERSION,
        embedding_table_exact=True,
        padding_side=RIGHT,
        greedy_generation_config=True,
        config_without_pad_token_id=True,
        learned_positions=1024,
        eos_token="<|endoftext|>",
    ),
    # the instruct models' eos token is <|eot_id|>, which their template writes after each turn; Llama
    # 3's tokenizer is a PreTrainedTokenizerFast (TokenizersBackend in 5.x) whose files name no
    # padding side: it pads on the right
    Checkpoints(
        (
            "meta-llama/Meta-Llama-3.1-*-Instruct", "meta-llama/Llama-3.1-*-Instruct",
            "meta-llama/Llama-3.2-1B-Instruct", "meta-llama/Llama-3.2-3B-Instruct", "meta-llama/Llama-3.3-*-Instruct",
        ),
        LLAMA,
        no_pad_token_before=EVERY_VERSION,
        embedding_table_exact=True,
        bos_in_chat_template=True,
        padding_side=RIGHT,
        eos_ends_chat_turns=True,
        config_without_pad_token_id=True,
        eos_token="<|eot_id|>",
    ),
    Checkpoints(
        (
            "meta-llama/Meta-Llama-3-*", "meta-llama/Meta-Llama-3.1-*", "meta-llama/Llama-3.1-*",
            "meta-llama/Llama-3.2-1B*", "meta-llama/Llama-3.2-3B*", "meta-llama/Llama-3.3-*",
        ),
        LLAMA,
        no_pad_token_before=EVERY_VERSION,
        embedding_table_exact=True,
        bos_in_chat_template=True,
        padding_side=RIGHT,
        config_without_pad_token_id=True,
        eos_token="<|end_of_text|>",
    ),
    Checkpoints(
        ("meta-llama/Llama-2-*",),
        LLAMA,
        no_pad_token_before=EVERY_VERSION,
        embedding_table_exact=True,
        eos_token="</s>",
    ),
    Checkpoints(
        ("meta-llama/Llama-3*", "meta-llama/Meta-Llama-3*"), LLAMA, bos_in_chat_template=True, padding_side=RIGHT
    ),
    Checkpoints(("meta-llama/*",), LLAMA),
    Checkpoints(
        ("mistralai/Mistral-7B-*",),
        MISTRAL,
        no_pad_token_before=EVERY_VERSION,
        embedding_table_exact=True,
        config_without_pad_token_id=True,
        eos_token="</s>",
    ),
    Checkpoints(("mistralai/Mistral-*",), MISTRAL),
    Checkpoints(("mistralai/Mixtral-8x7B-*",), MIXTRAL, no_pad_token_before=EVERY_VERSION, embedding_table_exact=True),
    Checkpoints(("mistralai/Mixtral-*",), MIXTRAL),
    # the instruct models' eos token is <|im_end|>, which ChatML writes after each turn
    Checkpoints(
        ("Qwen/Qwen2-*-Instruct", "Qwen/Qwen2.5-*-Instruct"),
        QWEN2,
        padding_side=RIGHT,
        eos_ends_chat_turns=True,
        eos_token="<|im_end|>",
    ),
    Checkpoints(("Qwen/Qwen2-*", "Qwen/Qwen2.5-*"), QWEN2, padding_side=RIGHT),
    Checkpoints(("Qwen/Qwen3-*",), QWEN3),
    Checkpoints(
        ("EleutherAI/gpt-neo-*",),
        GPT_NEO,
        no_pad_token_before=EVERY_VERSION,
        embedding_table_exact=True,
        padding_side=RIGHT,
        config_without_pad_token_id=True,
        eos_token="<|endoftext|>",
    ),
    # GPTNeoXTokenizer's own default pad token (`<|padding|>`) arrived in transformers 5
    Checkpoints(
        ("EleutherAI/pythia-*", "EleutherAI/gpt-neox-20b"),
        GPT_NEOX,
        no_pad_token_before=5,
        padding_side=RIGHT,
        config_without_pad_token_id=True,
        eos_token="<|endoftext|>",
    ),
    Checkpoints(("EleutherAI/gpt-j-6b",), GPT_J, no_pad_token_before=EVERY_VERSION),
    Checkpoints(("EleutherAI/gpt-j-*",), GPT_J),
    Checkpoints(("facebook/opt-*",), OPT, padding_side=RIGHT),
    Checkpoints(
        ("tiiuae/falcon-7b*", "tiiuae/falcon-40b*"),
        FALCON,
        no_pad_token_before=EVERY_VERSION,
        embedding_table_exact=True,
        padding_side=RIGHT,
        config_without_pad_token_id=True,
    ),
    Checkpoints(("tiiuae/falcon-[!m]*",), FALCON),  # falcon-mamba is another architecture
    Checkpoints(("bigscience/bloom*",), BLOOM),
    Checkpoints(("microsoft/phi-2*",), PHI),
    Checkpoints(("google/gemma-2-*",), GEMMA2),
    Checkpoints(("google/gemma-*",), GEMMA),
    Checkpoints(("t5-*", "google-t5/t5-*", "google/t5-*", "google/flan-t5-*"), T5),
    Checkpoints(("facebook/bart-*",), BART, learned_positions=1024),
    Checkpoints(
        ("bert-base-*", "bert-large-*", "google-bert/bert-*"),
        BERT,
        tokenizer_gives_token_type_ids=True,
        config_without_bos_token_id=True,
        learned_positions=512,
        type_vocab_size=2,
    ),
    Checkpoints(
        ("roberta-base", "roberta-large", "FacebookAI/roberta-base", "FacebookAI/roberta-large"),
        ROBERTA,
        type_vocab_size=1,
    ),
    Checkpoints(("distilbert-base-*", "distilbert/distilbert-base-*"), DISTILBERT, learned_positions=512),
)


@functools.lru_cache(maxsize=512)
def checkpoints_of(checkpoint: Optional[str]) -> Optional[Checkpoints]:
    """The row of a checkpoint name (a trailing slash of a folder name aside), or None."""
    if checkpoint is None:
        return None
    name = checkpoint.rstrip("/")
    return next((row for row in CHECKPOINTS if row.matches(name)), None)


def family_of_class(class_name: Optional[str]) -> Optional[Family]:
    """The family a transformers model class belongs to (`LlamaForCausalLM`: Llama)."""
    if class_name is None:
        return None
    owners = [family for family in FAMILIES if family.owns_class(class_name)]
    return max(owners, key=lambda family: len(family.class_prefix), default=None)


def family_of_tokenizer_class(class_name: str) -> Optional[Family]:
    """The family whose own tokenizer class this is, shipping without a pad token."""
    return next((family for family in FAMILIES if class_name in family.padless_tokenizer_classes), None)


def family_by_tokenizer_name(class_name: Optional[str], checkpoint: Optional[str]) -> Optional[Family]:
    """The family a tokenizer is of: by its class (`BertTokenizer`, `BertTokenizerFast`), or by the
    checkpoint it was loaded from."""
    for family in FAMILIES:
        if class_name in (f"{family.class_prefix}Tokenizer", f"{family.class_prefix}TokenizerFast"):
            return family
    row = checkpoints_of(checkpoint)
    return row.family if row is not None else None


def auto_class_target(auto_class: str, checkpoint: Optional[str]) -> Optional[str]:
    """The class an Auto class gives for a checkpoint, when its name tells the family."""
    row = checkpoints_of(checkpoint)
    if row is None or auto_class not in _AUTO_CLASSES:
        return None
    suffix, kind = _AUTO_CLASSES[auto_class]
    if kind is not None and row.family.kind != kind:
        return None
    return row.family.lm_head if suffix is None else row.family.class_prefix + suffix


def is_sequence_classifier(class_name: Optional[str]) -> bool:
    """A class that reads one label per text (`*ForSequenceClassification`, of a family or Auto)."""
    return class_name is not None and class_name.endswith(SEQUENCE_CLASSIFIER_SUFFIX)


def has_lm_head(class_name: str) -> bool:
    """A causal-LM head: `*ForCausalLM`, `*LMHeadModel`, and the Auto class that loads one."""
    return class_name.endswith(("ForCausalLM", "LMHeadModel"))


def has_seq2seq_lm_head(class_name: str) -> bool:
    """An encoder-decoder's LM head (`T5ForConditionalGeneration`, `AutoModelForSeq2SeqLM`): its loss,
    like a causal LM's, scores every label token that is not -100."""
    family = family_of_class(class_name)
    if family is None:
        return _AUTO_CLASSES.get(class_name) == (None, ENCODER_DECODER)
    return family.kind == ENCODER_DECODER and class_name == family.lm_head


def is_text_decoder_class(class_name: str) -> bool:
    """Whether the class's only text inputs are `input_ids` or `inputs_embeds`: an LM head, or any
    class of a decoder-only family."""
    family = family_of_class(class_name)
    return has_lm_head(class_name) or (family is not None and family.kind == DECODER_ONLY)


def gives_empty_attentions_by_default(class_name: Optional[str], checkpoint: Optional[str]) -> bool:
    """Whether a model loaded as `class_name` from `checkpoint` runs, unless told otherwise, an
    attention that gives no attention weights in transformers 5: its class's family, or its
    checkpoint's, does."""
    family = family_of_class(class_name)
    if family is None:
        row = checkpoints_of(checkpoint)
        family = row.family if row is not None else None
    return family is not None and family.empty_attentions_by_default
