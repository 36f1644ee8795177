"""What transformers 5 removed or renamed, as rows: keywords of a class or a method, methods of
tokenizers, pipeline tasks. Each row was run on transformers 5.24.0, where the old form raises, and
the new form (or the code without the old one) on 5.24.0 and 4.57.6 (tests/test_migrations.py runs
every row on the version installed). A row's `rename` is the safe fix: the new name means what the
old one meant in every 4.x release that has both. Rows without one are only reported."""
from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Iterable, Optional, Tuple

from .. import knowledge, parameter_names

# Whose keyword a row names: the classes' calls, or the model classes' `from_pretrained`.
TRAINING_ARGUMENTS = "TrainingArguments"
TRAINER = "Trainer"
MODEL_LOADER = "from_pretrained of a model class"
OWNERS = {
    TRAINING_ARGUMENTS: knowledge.TRAINING_ARGUMENTS,
    TRAINER: knowledge.TRAINERS,
}
_REMOVED_IN_5 = "5.0"


@dataclass(frozen=True)
class Removed:
    """`name`, a keyword of `owner` (or a method of tokenizers), removed in the release
    `removed_in`; `use` says what to write instead; `rename` is the name that replaces it alone."""

    owner: str
    name: str
    use: str
    rename: Optional[str] = None
    removed_in: str = _REMOVED_IN_5
    # fnmatch patterns (lower case) of the tokenizer classes and checkpoints that still have a method
    kept_by: Tuple[str, ...] = ()
    # a method that the tokenizers of many other families kept: reported only on a tokenizer of a
    # family of facts/families.py, all of which lost it
    lost_by_known_families_only: bool = False

    @property
    def fails_from_major(self) -> int:
        """The first major version every release of which fails (4.46 removed some: 5)."""
        major, minor = (int(part) for part in re.findall(r"\d+", self.removed_in)[:2])
        return major if minor == 0 else major + 1

    def kept_by_any(self, names: Iterable[Optional[str]]) -> bool:
        return any(fnmatchcase(name.lower(), pattern) for name in names if name for pattern in self.kept_by)


def _renamed(owner: str, name: str, new: str, removed_in: str = _REMOVED_IN_5) -> Removed:
    return Removed(owner, name, f"use `{new}=`", new, removed_in)


def _gone(owner: str, name: str, use: str) -> Removed:
    return Removed(owner, name, use)


KEYWORDS: Tuple[Removed, ...] = (
    _renamed(TRAINING_ARGUMENTS, "evaluation_strategy", "eval_strategy", removed_in="4.46"),
    _renamed(TRAINING_ARGUMENTS, "no_cuda", "use_cpu"),
    _renamed(TRAINING_ARGUMENTS, "push_to_hub_token", "hub_token"),
    _renamed(TRAINING_ARGUMENTS, "per_gpu_train_batch_size", "per_device_train_batch_size"),
    _renamed(TRAINING_ARGUMENTS, "per_gpu_eval_batch_size", "per_device_eval_batch_size"),
    _gone(TRAINING_ARGUMENTS, "overwrite_output_dir", "remove it (the Trainer never read it)"),
    _gone(TRAINING_ARGUMENTS, "logging_dir", "remove it (set the TENSORBOARD_LOGGING_DIR environment variable)"),
    _gone(TRAINING_ARGUMENTS, "save_safetensors", "remove it (checkpoints are always saved as safetensors)"),
    _gone(TRAINING_ARGUMENTS, "use_mps_device", "remove it (an MPS device is used when there is one)"),
    _gone(TRAINING_ARGUMENTS, "fp16_backend", "remove it (the native AMP is the only backend)"),
    _gone(TRAINING_ARGUMENTS, "half_precision_backend", "remove it (the native AMP is the only backend)"),
    _gone(TRAINING_ARGUMENTS, "warmup_ratio", "use `warmup_steps=` with the ratio (a float below 1)"),
    _gone(TRAINING_ARGUMENTS, "group_by_length", 'use `train_sampling_strategy="group_by_length"`'),
    _gone(TRAINING_ARGUMENTS, "adafactor", 'use `optim="adafactor"`'),
    _gone(TRAINING_ARGUMENTS, "include_inputs_for_metrics", 'use `include_for_metrics=["inputs"]`'),
    _gone(TRAINING_ARGUMENTS, "push_to_hub_model_id", "use `hub_model_id=` with the full repository name"),
    _gone(TRAINING_ARGUMENTS, "push_to_hub_organization", "use `hub_model_id=` with the full repository name"),
    _gone(TRAINING_ARGUMENTS, "torchdynamo", "use `torch_compile_backend=`"),
    _gone(TRAINING_ARGUMENTS, "use_legacy_prediction_loop", "remove it"),
    _gone(TRAINING_ARGUMENTS, "tpu_num_cores", "remove it"),
    _gone(TRAINING_ARGUMENTS, "jit_mode_eval", "remove it"),
    _gone(TRAINING_ARGUMENTS, "past_index", "remove it"),
    _renamed(TRAINER, parameter_names.TOKENIZER, parameter_names.PROCESSING_CLASS),
    _renamed(MODEL_LOADER, "use_auth_token", "token"),
)

# the tokenizer classes (and their checkpoints) that keep their own `encode_plus`
_DOCUMENT_TOKENIZERS = ("*layoutlm*", "*layoutxlm*", "*markuplm*", "*tapas*", "*roc*bert*", "*pop2piano*")
_TOKENIZER = "tokenizer"

METHODS: Tuple[Removed, ...] = (
    Removed(
        _TOKENIZER, knowledge.ENCODE_PLUS, "call the tokenizer: `tokenizer(text, ...)`", kept_by=_DOCUMENT_TOKENIZERS
    ),
    Removed(
        _TOKENIZER,
        knowledge.BATCH_ENCODE_PLUS,
        "call the tokenizer: `tokenizer(texts, ...)`",
        kept_by=_DOCUMENT_TOKENIZERS,
    ),
    Removed(_TOKENIZER, "as_target_tokenizer", "pass the targets as `tokenizer(..., text_target=targets)`"),
    Removed(
        _TOKENIZER,
        "prepare_seq2seq_batch",
        "call the tokenizer with `text_target=` (and `max_length`, `padding`, `truncation`)",
        kept_by=("*mbart50*", "*mbart-large-50*", "*nllb*", "*m2m*100*", "*plbart*", "*seamless*"),
    ),
    Removed(
        _TOKENIZER,
        "build_inputs_with_special_tokens",
        "call the tokenizer on the text, which adds the special tokens: `tokenizer(text)[\"input_ids\"]`",
        lost_by_known_families_only=True,
    ),
)


@dataclass(frozen=True)
class RemovedTask:
    """A task of `pipeline(...)` removed in transformers 5; `prefix`: every task that starts so."""

    task: str
    use: str
    prefix: bool = False

    def names(self, task: str) -> bool:
        return task.startswith(self.task) if self.prefix else task == self.task


_CHAT = "the `text-generation` pipeline with a chat model"
_VISION_CHAT = "the `image-text-to-text` pipeline with a vision-language chat model"
TASKS: Tuple[RemovedTask, ...] = (
    RemovedTask("summarization", _CHAT),
    RemovedTask("translation", _CHAT),
    RemovedTask("translation_", _CHAT, prefix=True),
    RemovedTask("text2text-generation", _CHAT),
    RemovedTask("question-answering", _CHAT),
    RemovedTask("visual-question-answering", _VISION_CHAT),
    RemovedTask("vqa", _VISION_CHAT),
    RemovedTask("image-to-image", "🤗 Diffusers"),
)
TASKS_FAIL_FROM_MAJOR = 5

# the method names a call must have for the migration rules to look at its receiver
METHOD_NAMES = frozenset({knowledge.LOADER} | {row.name for row in METHODS})


def keyword_rows(owner: str) -> Tuple[Removed, ...]:
    return tuple(row for row in KEYWORDS if row.owner == owner)


def owner_of_class(class_name: str) -> Optional[str]:
    return next((owner for owner, names in OWNERS.items() if class_name in names), None)


def method_row(name: str) -> Optional[Removed]:
    return next((row for row in METHODS if row.name == name), None)


def removed_task(task: str) -> Optional[RemovedTask]:
    return next((row for row in TASKS if row.names(task)), None)
