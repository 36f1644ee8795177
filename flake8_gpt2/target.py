"""What the linted code is assumed to run on: the facts that depend on the settings rather than on
the code, such as which checkpoints' tokenizers have no pad token."""
from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import FrozenSet, Optional

from . import knowledge
from .settings import Settings

CONFIGURED_FAMILY = "configured"


@dataclass(frozen=True)
class Target:
    # patterns of the settings, besides knowledge.NO_PAD_TOKEN_CHECKPOINTS
    no_pad_token_checkpoints: FrozenSet[str] = frozenset()
    # the major version of transformers the code runs on
    transformers_major: int = 5

    @property
    def chat_template_returns_dict(self) -> bool:
        """Whether `apply_chat_template(messages)` gives a BatchEncoding by default (else ids)."""
        return self.transformers_major >= knowledge.CHAT_TEMPLATE_DICT_MAJOR

    @classmethod
    def of(cls, settings: Settings) -> "Target":
        return cls(settings.no_pad_token_checkpoints)

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
