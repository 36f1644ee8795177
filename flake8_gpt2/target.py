"""What the linted code is assumed to run on: the facts that depend on the settings rather than on
the code, such as which checkpoints' tokenizers have no pad token, and the transformers version
(as ruff's target-version: the setting, else the version installed beside the linter, read from
package metadata without importing transformers, else the newest the linter knows)."""
from __future__ import annotations

import functools
import importlib.metadata
import re
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import FrozenSet, Optional

from . import knowledge
from .settings import Settings

CONFIGURED_FAMILY = "configured"
NEWEST_MAJOR = 5  # the newest major version of transformers the linter's facts cover


@functools.lru_cache(maxsize=None)
def installed_transformers_version() -> Optional[str]:
    """The version of the transformers distribution installed beside the linter, if any."""
    try:
        return importlib.metadata.version("transformers")
    except importlib.metadata.PackageNotFoundError:
        return None


def major_of(version: Optional[str]) -> int:
    """`4` of "4.57.6" (or "4.57.0.dev0"); the newest known major when there is none."""
    found = re.match(r"\d+", version or "")
    return int(found.group()) if found else NEWEST_MAJOR


@dataclass(frozen=True)
class Target:
    # patterns of the settings, besides knowledge.NO_PAD_TOKEN_CHECKPOINTS
    no_pad_token_checkpoints: FrozenSet[str] = frozenset()
    # the major version of transformers the code runs on
    transformers_major: int = 5

    def forward_keyword(self, name: str) -> str:
        """A forward parameter of transformers 5 by its name in the target version: `cache` was
        `past_key_values` before 5 (and `cache=` went to **kwargs unused)."""
        if self.transformers_major < 5:
            return knowledge.RENAMED_IN_5.get(name, name)
        return name

    @property
    def chat_template_returns_dict(self) -> bool:
        """Whether `apply_chat_template(messages)` gives a BatchEncoding by default (else ids)."""
        return self.transformers_major >= knowledge.CHAT_TEMPLATE_DICT_MAJOR

    @classmethod
    def of(cls, settings: Settings) -> "Target":
        version = settings.transformers_version or installed_transformers_version()
        return cls(settings.no_pad_token_checkpoints, major_of(version))

    def family_without_pad_token(self, checkpoint: Optional[str]) -> Optional[str]:
        """The family ("GPT-2", "Llama" ...) of a checkpoint whose tokenizer ships without a pad
        token; CONFIGURED_FAMILY for a pattern of the settings; None when it may have one."""
        if checkpoint is None:
            return None
        if knowledge.is_gpt2_checkpoint(checkpoint):
            return "GPT-2"
        known = _known_entry(checkpoint)
        if known is not None:
            return known[1]
        if self.transformers_major < 5:
            for pattern, family in knowledge.NO_PAD_TOKEN_BEFORE_5:
                if fnmatchcase(checkpoint, pattern):
                    return family
        if any(fnmatchcase(checkpoint, pattern) for pattern in self.no_pad_token_checkpoints):
            return CONFIGURED_FAMILY
        return None

    @staticmethod
    def embedding_table_is_exact(checkpoint: Optional[str]) -> bool:
        """Whether the hub model has exactly its tokenizer's rows of embeddings, so that a token
        added to the tokenizer is past the end of its table until it is resized."""
        if checkpoint is None:
            return False
        known = _known_entry(checkpoint)
        return knowledge.is_gpt2_checkpoint(checkpoint) or (known is not None and known[2])


def _known_entry(checkpoint: str):
    return next((entry for entry in knowledge.NO_PAD_TOKEN_CHECKPOINTS if fnmatchcase(checkpoint, entry[0])), None)
