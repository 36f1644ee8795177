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
from .facts.families import Family, checkpoints_of
from .settings import Settings

# the family of the checkpoints the settings name as having no pad token
CONFIGURED = Family("configured", "")
NEWEST_MAJOR = 5  # the newest major version of transformers the linter's facts cover


@functools.lru_cache(maxsize=None)
def installed_transformers_version() -> Optional[str]:
    """The version of the transformers distribution installed beside the linter, if any."""
    try:
        return importlib.metadata.version(knowledge.TRANSFORMERS)
    except importlib.metadata.PackageNotFoundError:
        return None


def major_of(version: Optional[str]) -> int:
    """`4` of "4.57.6" (or "4.57.0.dev0"); the newest known major when there is none."""
    found = re.match(r"\d+", version or "")
    return int(found.group()) if found else NEWEST_MAJOR


@dataclass(frozen=True)
class Target:
    # patterns of the settings, besides the checkpoints of facts.families
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

    @property
    def sdpa_gives_no_attentions(self) -> bool:
        """Whether a model run with SDPA attention returns no attention weights when asked for them."""
        return self.transformers_major >= knowledge.SDPA_WITHOUT_ATTENTIONS_MAJOR

    @property
    def honours_add_eos_token(self) -> bool:
        """Whether every tokenizer loaded with `add_eos_token=True` appends its eos token (before 5,
        only some tokenizer classes did: Llama 3's and GPT-2's ignored it)."""
        return self.transformers_major >= knowledge.ADD_EOS_TOKEN_EVERY_TOKENIZER_MAJOR

    @classmethod
    def of(cls, settings: Settings) -> "Target":
        version = settings.transformers_version or installed_transformers_version()
        return cls(settings.no_pad_token_checkpoints, major_of(version))

    def family_without_pad_token(self, checkpoint: Optional[str]) -> Optional[Family]:
        """The family of a checkpoint whose tokenizer ships without a pad token in the target
        version; CONFIGURED for a pattern of the settings; None when it may have one."""
        row = checkpoints_of(checkpoint)
        if row is not None and self.transformers_major < row.no_pad_token_before:
            return row.family
        if checkpoint is not None and any(fnmatchcase(checkpoint, p) for p in self.no_pad_token_checkpoints):
            return CONFIGURED
        return None
