"""The rule fixtures: `fixtures/<CODE>/<case>.py` is bad code, `<case>.fixed.py` beside it the
code the fixer must produce (written by hand when the rule cannot fix that case), and
`fixtures/clean/*.py` is correct code that must stay silent. Each bad file opens with:

    # Finds: GPT001 10:11[, CODE LINE:COL ...]    what flake8 prints for it (1-based column)
    # Fails with: AttributeError: 'list' ...      exception type and the start of its first line,
    #   or: nothing (silent: ...)                 it runs, and does what was not meant; "prints the
    #                                             same" then says the fixed code prints the same
    #                                             (what was passed is ignored), else it prints
    #                                             something else (the fix changes the result)
    # Fix: safe | unsafe | none                   the label of its fixes, or none

and may open with `# Transformers: 4.57`, the transformers version the case targets when what it
finds depends on it: it is linted with that target (others with both, TARGETS), and it must fail as
documented only where that major version is installed (its fixed twin runs on every version).
A case that fails on both major versions, with another exception or message on one of them, says
so after its `Fails with` (measured there; its docs page names both):

    # Fails on 4.57 with: TypeError: BertModel.forward() got ...

Every fixture runs with the tiny checkpoints of tiny_checkpoints.py in its working directory, so it
loads models by their hub ids as users write them: "gpt2", "meta-llama/Llama-3.2-1B",
"meta-llama/Llama-3.2-1B-Instruct", "mistralai/Mistral-7B-v0.1", "Qwen/Qwen2-0.5B-Instruct",
"EleutherAI/gpt-neo-125m", "EleutherAI/pythia-70m", "tiiuae/falcon-7b", "facebook/opt-125m", and
(tiny_text_checkpoints.py) "t5-small", "google-t5/t5-small", "facebook/bart-base",
"bert-base-uncased", "roberta-base" and "distilbert-base-uncased".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Tuple

from flake8_gpt2.settings import Settings
from flake8_gpt2.target import installed_transformers_version, major_of

FIXTURES = Path(__file__).parent / "fixtures"
_HEADER = re.compile(r"^# (Finds|Fails with|Fails on [0-9.]+ with|Fix|Transformers): (.*)$", re.MULTILINE)
# the target versions every version-free case is linted with
TARGETS = ("4.57", "5.24")


@dataclass(frozen=True)
class Case:
    path: Path
    finds: Tuple[Tuple[str, int, int], ...]
    exception: str
    message: str
    fix: str
    transformers: Optional[str] = None  # the version it targets, when its findings depend on it
    # (major version, exception, message) where the bad code fails otherwise than `Fails with` says
    fails_elsewhere: Tuple[Tuple[int, str, str], ...] = ()

    @property
    def settings(self) -> Settings:
        return Settings(transformers_version=self.transformers)

    @property
    def targets(self) -> Tuple[str, ...]:
        return (self.transformers,) if self.transformers else TARGETS

    def fails_on_installed_version(self) -> bool:
        """Whether the bad code fails as documented with the transformers installed here."""
        return self.transformers is None or major_of(self.transformers) == major_of(installed_transformers_version())

    @property
    def failures(self) -> Tuple[Tuple[str, str], ...]:
        """Every (exception, message) the bad code fails with, on some major version."""
        return ((self.exception, self.message),) + tuple((e, m) for _, e, m in self.fails_elsewhere)

    def failure_on_installed_version(self) -> Tuple[str, str]:
        """The (exception, message) the bad code fails with where the transformers here is installed."""
        installed = major_of(installed_transformers_version())
        for major, exception, message in self.fails_elsewhere:
            if major == installed:
                return exception, message
        return self.exception, self.message

    @property
    def fixed_path(self) -> Path:
        return self.path.with_name(self.path.stem + ".fixed.py")

    @property
    def silent(self) -> bool:
        return self.exception == "nothing"

    @property
    def id(self) -> str:
        return f"{self.path.parent.name}/{self.path.stem}"


def _parse(path: Path) -> Case:
    header = dict(_HEADER.findall(path.read_text(encoding="utf-8")))
    finds = []
    for item in header["Finds"].split(","):
        code, where = item.split()
        line, column = where.split(":")
        finds.append((code, int(line), int(column)))
    exception, message = _failure(header["Fails with"])
    elsewhere = tuple(
        (major_of(key.split()[2]), *_failure(value)) for key, value in header.items() if key.startswith("Fails on ")
    )
    return Case(
        path, tuple(finds), exception, message, header["Fix"].strip(), header.get("Transformers"), elsewhere
    )


def _failure(fails_with: str) -> Tuple[str, str]:
    """("TypeError", "the start of its message") of a `Fails with` header; "nothing" when silent."""
    if fails_with.startswith("nothing"):
        return "nothing", fails_with
    exception, _, message = fails_with.partition(": ")
    return exception, message


def bad_cases() -> List[Case]:
    return [
        _parse(path)
        for path in sorted(FIXTURES.glob("GPT*/*.py"))
        if not path.name.endswith(".fixed.py")
    ]


def clean_files() -> List[Path]:
    return sorted((FIXTURES / "clean").glob("*.py"))
