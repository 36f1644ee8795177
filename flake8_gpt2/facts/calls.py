"""Library calls as rows: what a method of a value the analysis knows gives, and what a function of
datasets, torch, accelerate, tqdm, peft, argparse or os gives, by its dotted path. A row names its result; the
analysis (analysis/library.py) holds the one function that makes each result. A new library call
is a row here, plus a result maker only when no existing result fits."""
from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Dict, FrozenSet, Optional, Tuple

from .. import knowledge, parameter_names

# A method row's result: the receiver itself.
SAME = "same"
# Function rows' results: `functools.partial` of a function of the linted file; a thread.
PARTIAL = "partial"
THREAD = "thread"
DATA_LOADER = "data loader"
TRAINER = "trainer"

# (kind of receiver, methods, result). Kinds: what analysis/library.py's `kind_of` calls a value.
METHODS: Tuple[Tuple[str, FrozenSet[str], str], ...] = (
    ("transformers class", knowledge.CONSTRUCTORS, "instance"),
    ("configured model class", knowledge.CONSTRUCTORS, "model"),
    ("tokenizer", knowledge.TOKENIZER_ENCODING_METHODS, "encoding"),
    ("tokenizer", frozenset({knowledge.ENCODE}), "ids of one text"),
    ("tokenizer", frozenset({knowledge.CHAT_TEMPLATE}), "chat template result"),
    ("tokenizer", frozenset({"decode"}), "text"),
    ("tokenizer", frozenset({"batch_decode", "tokenize"}), "texts"),
    ("tokenizer", frozenset({"convert_tokens_to_ids"}), "ids of tokens"),
    ("padding collator", frozenset({knowledge.CALL}), "collated batch"),
    ("dataset", knowledge.DATASET_SAME_COLUMNS, SAME),
    ("dataset", frozenset({"train_test_split"}), "dataset splits"),
    ("dataset", frozenset({"map"}), "mapped dataset"),
    ("dataset", frozenset({"remove_columns"}), "dataset without columns"),
    ("dataset dict", frozenset({"remove_columns"}), "dataset without columns"),
    ("dataset dict", frozenset({"map"}), "mapped dataset"),
    ("model", frozenset({knowledge.FORWARD, knowledge.GENERATE}), "model output"),
    ("model", knowledge.MODEL_SAME_METHODS, SAME),
    ("model", knowledge.MODEL_UNWRAP_METHODS, "model inside"),
    ("accelerator", frozenset({knowledge.ACCELERATOR_UNWRAP}), "unwrapped model"),
    ("embedding layer", frozenset({knowledge.FORWARD, knowledge.CALL}), "embeddings"),
    ("embeddings", knowledge.SAME_TENSOR_METHODS, SAME),
    ("encoding", knowledge.ENCODING_SAME_METHODS, SAME),
    ("encoding", frozenset({"get"}), "item of encoding"),
    ("padded ids", knowledge.TENSOR_COPY_METHODS | {knowledge.MASKED_FILL}, "padded ids copy"),
    ("padded ids", knowledge.SAME_TENSOR_METHODS | {knowledge.SQUEEZE}, "ids method"),
    ("padded ids", knowledge.TENSOR_RESHAPES, SAME),
    ("ids", knowledge.SAME_TENSOR_METHODS | {knowledge.SQUEEZE}, "ids method"),
    ("text", knowledge.STR_METHODS_RETURNING_TEXT, "text"),
    ("text", knowledge.STR_METHODS_RETURNING_TEXTS, "texts"),
    ("number tensor", knowledge.TENSOR_MOVES - {"to"}, SAME),
    ("number tensor", knowledge.FLOAT_CASTS | knowledge.INTEGER_CASTS | {"to"}, "converted tensor"),
    ("argument parser", frozenset({"add_argument_group", "add_mutually_exclusive_group"}), SAME),
    ("argument parser", frozenset({"parse_args"}), "parsed arguments"),
    ("dict", frozenset({"copy"}), "copy"),
)

# dotted path of a library function or class: what calling it gives
FUNCTIONS: Dict[str, str] = {
    **{path: "text dataset" for path in knowledge.LOAD_DATASET},
    **{path: DATA_LOADER for path in knowledge.DATA_LOADER},
    **{path: "ids tensor" for path in knowledge.TENSOR_MAKERS},
    **{path: "ones" for path in (knowledge.TORCH_ONES, knowledge.TORCH_ONES_LIKE)},
    **{path: "joined tensors" for path in knowledge.TENSOR_JOINERS},
    **{path: "parallel wrapper" for path in knowledge.PARALLEL_WRAPPERS},
    knowledge.ACCELERATOR: "accelerator",
    **{path: "same model" for path in knowledge.SAME_MODEL_CALLS},
    **{path: "peft model" for path in knowledge.PEFT_WRAPPING_CALLS},
    **{path: "peft auto model" for path in knowledge.PEFT_AUTO_CLASSES},
    **{path: "first argument" for path in knowledge.PROGRESS_BARS},
    "datasets.DatasetDict": "dataset dict",
    **{path: "loss function" for path in knowledge.CROSS_ENTROPY_LOSS},
    "argparse.ArgumentParser": "argument parser",
    "functools.partial": PARTIAL,
    "threading.Thread": THREAD,
    **{f"unsloth.{loader}.from_pretrained": "model and tokenizer" for loader in ("FastLanguageModel", "FastModel")},
    **{f"unsloth.FastLanguageModel.{method}": "same model" for method in ("get_peft_model", "for_inference")},
    "os.getenv": "environment default",
    "os.environ.get": "environment default",
}
# fnmatch patterns of dotted paths, for families of names
FUNCTION_PATTERNS: Tuple[Tuple[str, str], ...] = (("peft.*Config", "peft config"),)
# the modules whose names the analysis follows: those the rows name, and numpy, which fixes name
LIBRARIES = frozenset(
    path.split(".")[0]
    for path in [*FUNCTIONS, *(pattern for pattern, _ in FUNCTION_PATTERNS), *knowledge.DATASET_CLASS]
) | {knowledge.NUMPY}


@dataclass(frozen=True)
class PaddingCollator:
    """A data collator of transformers that pads each batch's rows with the tokenizer it is given."""

    class_name: str
    tokenizer: Tuple[str, int]  # the keyword and position of its tokenizer
    padding: Optional[Tuple[str, int]]  # of the argument that may turn padding off; None: it always pads


PADDING_COLLATORS: Tuple[PaddingCollator, ...] = (
    PaddingCollator(knowledge.WITH_PADDING_COLLATOR, (parameter_names.TOKENIZER, 0), (parameter_names.PADDING, 1)),
    PaddingCollator(knowledge.SEQ2SEQ_COLLATOR, (parameter_names.TOKENIZER, 0), (parameter_names.PADDING, 2)),
    PaddingCollator("DataCollatorForTokenClassification", (parameter_names.TOKENIZER, 0), (parameter_names.PADDING, 1)),
    PaddingCollator(knowledge.LM_COLLATOR, (parameter_names.TOKENIZER, 0), None),
)
# the values of `padding=` that turn it off
NO_PADDING = ("False", "do_not_pad", "PaddingStrategy.DO_NOT_PAD")
# how many rows a batch of a data loader holds: its `batch_size` (1 unless given; None: no batching),
# or a `batch_sampler`'s batches
LOADER_BATCH_SIZE = ("batch_size", 1)
LOADER_BATCH_SAMPLER = ("batch_sampler", 4)


def padding_collator(class_name: str) -> Optional[PaddingCollator]:
    return next((row for row in PADDING_COLLATORS if row.class_name == class_name), None)


# The Trainer's evaluation calls `compute_metrics` with an `EvalPrediction`: predictions and label
# ids, padded with -100 where a collator padded them so (analysis/metrics.py).
COMPUTE_METRICS = "compute_metrics"
EVAL_PREDICTION = "an evaluation prediction"


@dataclass(frozen=True)
class Callback:
    """An argument of a library API that the library calls back with its data."""

    api: str  # the kind of call: "data loader" (torch's DataLoader), "trainer" (knowledge.TRAINERS)
    keyword: str
    position: int  # its index among the positional arguments
    given: str  # what each call of it is given


CALLBACKS: Tuple[Callback, ...] = (
    Callback("data loader", "collate_fn", 4, "a list of dataset items"),
    Callback(TRAINER, parameter_names.DATA_COLLATOR, 2, "a list of dataset items"),
    Callback(TRAINER, COMPUTE_METRICS, 8, EVAL_PREDICTION),
    Callback(THREAD, "target", 1, "the keywords of its `kwargs` (position 4)"),
    Callback("dataset", "function", 0, "a row, or with `batched=True` a batch of rows (analysis/datasets.py)"),
)
THREAD_KEYWORDS = ("kwargs", 4)


# What a Trainer gives the methods of a subclass that it calls itself.
TRAINER_MODEL = "the model it was given"
TRAINER_BATCH = "a batch of its data collator"


@dataclass(frozen=True)
class Override:
    """A method of a subclass of a library class that the library calls itself."""

    api: str  # the kind of base class: "trainer" (knowledge.TRAINERS)
    method: str
    given: Tuple[str, ...]  # what its parameters after `self` are given, in order


OVERRIDES: Tuple[Override, ...] = tuple(
    Override("trainer", method, (TRAINER_MODEL, TRAINER_BATCH))
    for method in ("compute_loss", "training_step", "prediction_step")
)


def callback_slot(api: str, keyword: Optional[str] = None) -> Tuple[str, int]:
    """The keyword and position of the (first, or `keyword`) callback argument of an API."""
    row = next(row for row in CALLBACKS if row.api == api and keyword in (None, row.keyword))
    return row.keyword, row.position


# by (kind, method); the first row that names a method wins, so the rows are read last to first
_METHOD_INDEX: Dict[Tuple[str, str], str] = {
    (kind, name): result for kind, names, result in reversed(METHODS) for name in names
}


def method_result(kind: str, method: str) -> Optional[str]:
    """The result of the first row for this kind of receiver that names the method."""
    return _METHOD_INDEX.get((kind, method))


def function_result(path: str) -> Optional[str]:
    found = FUNCTIONS.get(path)
    if found is not None:
        return found
    return next((result for pattern, result in FUNCTION_PATTERNS if fnmatchcase(path, pattern)), None)
