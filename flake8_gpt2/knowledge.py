"""What the linter knows about transformers, as data: no transformers import at lint time."""
from __future__ import annotations

import re
from typing import Optional

TRANSFORMERS = "transformers"

# Classes of transformers that build models. "*Model", "*LMHeadModel", "*For<Task>", the
# Auto classes; TensorFlow and Flax classes take other inputs and are left out.
_MODEL_CLASS = re.compile(r"^(?!TF|Flax|DataCollator)[A-Z][A-Za-z0-9]*(Model|For[A-Z][A-Za-z0-9]*)$")
_NOT_MODEL_CLASS = re.compile(r"(Config|Output|Mixin|Tokenizer\w*|Processor|Pipeline)$")
# Annotations that make a parameter a model even though nothing constructs it here.
MODEL_BASE_CLASSES = frozenset({"PreTrainedModel"})

_TOKENIZER_CLASS = re.compile(r"^(?!TF|Flax)[A-Z][A-Za-z0-9]*Tokenizer(Fast|Base)?$")
GPT2_TOKENIZER_CLASSES = frozenset({"GPT2Tokenizer", "GPT2TokenizerFast"})

# Hub names (and the usual local folder name) whose tokenizer is GPT-2's, without a pad token.
GPT2_CHECKPOINTS = frozenset(
    {
        "gpt2",
        "gpt2-medium",
        "gpt2-large",
        "gpt2-xl",
        "distilgpt2",
        "openai-community/gpt2",
        "openai-community/gpt2-medium",
        "openai-community/gpt2-large",
        "openai-community/gpt2-xl",
        "distilbert/distilgpt2",
    }
)

# Class methods that return an instance of the class.
CONSTRUCTORS = frozenset({"from_pretrained", "from_config", "_from_config"})
# Model methods that return the same model.
MODEL_SAME_METHODS = frozenset(
    {"to", "eval", "train", "cuda", "cpu", "half", "float", "bfloat16", "double", "requires_grad_"}
)
# Attributes of a model that are themselves a model.
MODEL_SUBMODEL_ATTRIBUTES = frozenset({"transformer", "base_model"})
# Model methods that take the same first input as forward.
MODEL_INPUT_METHODS = frozenset({"generate", "forward", "__call__"})

# Keywords that older transformers took and today's forward swallows unused, by their new name.
RENAMED_MODEL_KEYWORDS = {"lm_labels": "labels", "masked_lm_labels": "labels", "past": "past_key_values"}

# The parameters that carry a text model's input; one of them is needed, and only one.
MODEL_INPUTS = frozenset({"input_ids", "inputs_embeds"})

# Modules whose embedding layer turns ids into the vectors that `inputs_embeds=` expects.
EMBEDDING_LAYER_ATTRIBUTES = frozenset({"wte", "embed_tokens", "word_embeddings"})
EMBEDDING_LAYER_GETTER = "get_input_embeddings"

# Tokenizer calls that turn text into ids and can be asked to pad.
TOKENIZER_ENCODE_METHODS = frozenset({"__call__", "encode", "encode_plus", "batch_encode_plus"})
# ... and those of them that return an encoding (a dict of ids, mask ...) rather than ids.
TOKENIZER_ENCODING_METHODS = frozenset({"__call__", "encode_plus", "batch_encode_plus"})
PAD_TOKEN_ATTRIBUTES = frozenset({"pad_token", "pad_token_id"})
# Tokenizer methods known not to touch the pad token; any other use may set it.
TOKENIZER_READ_ONLY_METHODS = frozenset(
    {
        "__call__",
        "encode",
        "encode_plus",
        "batch_encode_plus",
        "decode",
        "batch_decode",
        "tokenize",
        "convert_tokens_to_ids",
        "convert_ids_to_tokens",
        "pad",
        "save_pretrained",
        "get_vocab",
    }
)
PADDING_VALUES = frozenset({"longest", "max_length"})

# Data collators that pad with the tokenizer they are given, when they collate a batch.
PADDING_COLLATORS = frozenset(
    {
        "DataCollatorWithPadding",
        "DataCollatorForLanguageModeling",
        "DataCollatorForSeq2Seq",
        "DataCollatorForTokenClassification",
    }
)
# Trainers that feed dataset columns to the model as they are (trl's SFTTrainer tokenizes text).
TRAINERS = frozenset({"Trainer", "Seq2SeqTrainer"})
TRAINER_DATASET_SLOTS = {"train_dataset": 3, "eval_dataset": 4}  # keyword: positional index
TRAINING_ARGUMENTS = frozenset({"TrainingArguments", "Seq2SeqTrainingArguments"})
# Names a dataset column needs for the Trainer to feed it to a model.
MODEL_INPUT_COLUMNS = frozenset({"input_ids", "inputs_embeds", "attention_mask", "labels", "label", "label_ids"})
DATASETS = "datasets"
# Libraries whose names the analysis follows beside transformers, by full dotted path.
LIBRARIES = frozenset({DATASETS, "torch", "accelerate", "tqdm"})
LOAD_DATASET = frozenset({"datasets.load_dataset"})
DATASET_CLASS = frozenset({"datasets.Dataset", "datasets.arrow_dataset.Dataset"})
DATA_LOADER = frozenset({"torch.utils.data.DataLoader", "torch.utils.data.dataloader.DataLoader"})
TENSOR_MAKERS = frozenset({"torch.tensor", "torch.LongTensor", "torch.as_tensor"})
# torch functions that join tensors along a dimension: of embeddings, they give embeddings
TENSOR_JOINERS = frozenset({"torch.cat", "torch.concat", "torch.concatenate", "torch.stack"})
# Wrappers whose forward takes `*inputs, **kwargs` and hands them to `.module`
PARALLEL_WRAPPERS = frozenset(
    {
        "torch.nn.DataParallel",
        "torch.nn.parallel.DataParallel",
        "torch.nn.parallel.DistributedDataParallel",
        "torch.nn.parallel.distributed.DistributedDataParallel",
    }
)
PARALLEL_WRAPPED_ATTRIBUTE = "module"
# What `tensor.squeeze()` or `tensor.squeeze(0)` is called; of a one-row batch it gives one row
SQUEEZE = "squeeze"
ACCELERATOR = "accelerate.Accelerator"
PROGRESS_BARS = frozenset({"tqdm.tqdm", "tqdm.auto.tqdm", "tqdm.notebook.tqdm", "tqdm.std.tqdm"})
DATASET_CONSTRUCTORS = frozenset({"from_dict", "from_list"})
# Dataset methods that keep the columns.
DATASET_SAME_COLUMNS = frozenset({"shuffle", "select", "filter", "sort", "flatten_indices", "with_format"})

# Builtins whose result is text.
TEXT_BUILTINS = frozenset({"input", "str"})
# File methods that give its text (`open(path).read()`, `Path(path).read_text()`).
FILE_READ_METHODS = frozenset({"read"})
PATH_READ_TEXT = "read_text"
STR_METHODS_RETURNING_TEXT = frozenset(
    {"strip", "lstrip", "rstrip", "lower", "upper", "title", "capitalize", "format", "replace", "join"}
)
# BatchEncoding methods that give the same encoding, and those that only read it.
ENCODING_SAME_METHODS = frozenset({"to"})
ENCODING_READ_ONLY_METHODS = frozenset({"to", "items", "keys", "values", "get", "word_ids", "tokens"})
# Tensor methods that give a tensor of the same kind.
SAME_TENSOR_METHODS = frozenset(
    {"to", "detach", "clone", "cuda", "cpu", "float", "half", "bfloat16", "contiguous", "requires_grad_"}
)
# Builtins that only look at a tokenizer; any other call given one may set its pad token.
TOKENIZER_SAFE_CONSUMERS = frozenset({"print", "len", "isinstance", "repr", "str", "type", "id"})


def is_model_class(name: str) -> bool:
    return bool(_MODEL_CLASS.match(name)) and not _NOT_MODEL_CLASS.search(name)


def is_tokenizer_class(name: str) -> bool:
    return bool(_TOKENIZER_CLASS.match(name))


def is_followed_name(name: str) -> bool:
    """Whether the analysis follows what this transformers name makes; no other name a file
    imports of transformers (`logging`, `pipeline`, `AutoConfig`, ...) can lead to a finding."""
    return (
        is_model_class(name)
        or is_tokenizer_class(name)
        or name in MODEL_BASE_CLASSES
        or name in TRAINERS
        or name in TRAINING_ARGUMENTS
        or name in PADDING_COLLATORS
    )


def is_gpt2_checkpoint(name: str) -> bool:
    return name.rstrip("/") in GPT2_CHECKPOINTS


# The model family of a hub checkpoint, by the start of its name, for the families whose forward
# signatures model_signatures.py holds.
CHECKPOINT_FAMILIES = (
    ("meta-llama/", "Llama"),
    ("mistralai/Mistral-", "Mistral"),
    ("mistralai/Mixtral-", "Mixtral"),
    ("Qwen/Qwen2-", "Qwen2"),
    ("Qwen/Qwen2.5-", "Qwen2"),
    ("Qwen/Qwen3-", "Qwen3"),
    ("EleutherAI/gpt-neo-", "GPTNeo"),
    ("EleutherAI/pythia-", "GPTNeoX"),
    ("EleutherAI/gpt-j-", "GPTJ"),
    ("facebook/opt-", "OPT"),
    ("tiiuae/falcon-", "Falcon"),
    ("bigscience/bloom", "Bloom"),
    ("microsoft/phi-2", "Phi"),
    ("google/gemma-2-", "Gemma2"),
    ("google/gemma-", "Gemma"),
)
# What an Auto class loads, per family: "{family}{suffix}"; GPT-2 names its LM head differently.
_AUTO_SUFFIXES = {"AutoModel": "Model", "AutoModelForCausalLM": "ForCausalLM"}


def checkpoint_family(checkpoint: str) -> Optional[str]:
    if is_gpt2_checkpoint(checkpoint):
        return "GPT2"
    return next((family for prefix, family in CHECKPOINT_FAMILIES if checkpoint.startswith(prefix)), None)


def auto_class_target(auto_class: str, checkpoint: Optional[str]) -> Optional[str]:
    """The class an Auto class gives for a checkpoint, when its name tells the family."""
    family = checkpoint_family(checkpoint) if checkpoint is not None else None
    suffix = _AUTO_SUFFIXES.get(auto_class)
    if family is None or suffix is None:
        return None
    return "GPT2LMHeadModel" if (family, suffix) == ("GPT2", "ForCausalLM") else family + suffix


def is_causal_lm_class(name: str) -> bool:
    """Text decoders, whose only inputs are `input_ids` or `inputs_embeds`: GPT-2's classes and
    the `*ForCausalLM` / `*LMHeadModel` ones."""
    return name.startswith("GPT2") or name.endswith(("ForCausalLM", "LMHeadModel"))


def has_lm_head(name: str) -> bool:
    return name.endswith(("ForCausalLM", "LMHeadModel"))
