"""The command's cache, in ruff's manner: a second run over files that did not change reads what
the first one found instead of analysing them again.

An entry is keyed by everything its report depends on: the file's bytes, the codes selected in it,
the settings, the mode (check, fix, diff, unsafe fixes, edits printed), the linter (its version and
its code), the installed transformers (the default target) and Python (which decides what is a
syntax error). It lives in `.flake8_gpt2_cache/<version>/`, marked as a cache folder
(CACHEDIR.TAG) and ignored by git (its own .gitignore), as `.ruff_cache` is.

Each entry is a file of its own, written to a temporary file beside it and renamed: processes
running in parallel (`--jobs`, two pre-commit hooks) and a run stopped at any moment never leave
half an entry, and an entry that cannot be read (damaged, or from a layout of another version) is
a miss. Only reports of files left unchanged and without an error are kept."""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, FrozenSet, Optional

from .. import __version__
from .edits import TextEdit
from .output import FileReport, Reported
from ..settings import Settings
from ..target import installed_transformers_version

FOLDER_NAME = ".flake8_gpt2_cache"
CACHE_DIR_VARIABLE = "FLAKE8_GPT2_CACHE_DIR"
# https://bford.info/cachedir/: backup and archiving tools skip a folder holding this file
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by flake8-gpt2.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)
GITIGNORE = "# Automatically created by flake8-gpt2.\n*\n"


@dataclass(frozen=True)
class Cache:
    """Plain data, so it can cross to the worker processes, which read and write entries themselves."""

    folder: str  # this version's folder
    run_key: str  # the digest of all an entry depends on besides its file and codes

    @classmethod
    def open(cls, root: Optional[Path], settings: Settings, mode: str) -> Optional["Cache"]:
        """`root`: the cache folder (default: $FLAKE8_GPT2_CACHE_DIR, else `.flake8_gpt2_cache` in the
        current folder); `mode` names what the run does. None when the folder cannot be made (a
        read-only checkout): the run goes on without a cache."""
        if root is None:
            root = Path(os.environ.get(CACHE_DIR_VARIABLE) or FOLDER_NAME)
        try:
            _make_cache_folder(root)
            folder = root / __version__
            folder.mkdir(exist_ok=True)
        except OSError:
            return None
        parts = [
            __version__,
            _linter_fingerprint(),
            installed_transformers_version() or "",
            "%d.%d" % sys.version_info[:2],
            mode,
            repr(sorted(settings.model_names)),
            repr(sorted(settings.no_pad_token_checkpoints)),
            repr(settings.transformers_version),
        ]
        return cls(str(folder), _digest("\0".join(parts).encode("utf-8")))

    def get(self, path: str, source: bytes, codes: FrozenSet[str]) -> Optional[FileReport]:
        try:
            with open(self._entry(path, source, codes), encoding="utf-8") as entry:
                return _report(path, json.load(entry))
        except (OSError, ValueError, KeyError, TypeError):  # none yet, or damaged: analyse again
            return None

    def put(self, source: bytes, codes: FrozenSet[str], report: FileReport) -> None:
        # a file the fix rewrote has new bytes; an error may be the file system's (a read-only
        # file, not fixed), which can change while the bytes do not
        if report.changed or report.diff or report.fixed_source is not None or report.error is not None:
            return
        entry = Path(self._entry(report.path, source, codes))
        data = json.dumps(_data(report), ensure_ascii=False).encode("utf-8")
        try:
            entry.parent.mkdir(exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                os.replace(temporary, entry)
            except BaseException:
                os.unlink(temporary)
                raise
        except OSError:
            pass  # a cache that cannot be written costs time, never a result

    def _entry(self, path: str, source: bytes, codes: FrozenSet[str]) -> str:
        # a notebook is processed as one, a .py file as code
        kind = "notebook" if path.endswith(".ipynb") else "python"
        key = _digest(b"\0".join([self.run_key.encode(), kind.encode(), ",".join(sorted(codes)).encode(), source]))
        return os.path.join(self.folder, key[:2], key[2:] + ".json")


def _make_cache_folder(root: Path) -> None:
    if (root / "CACHEDIR.TAG").is_file():
        return
    root.mkdir(parents=True, exist_ok=True)
    for name, text in (("CACHEDIR.TAG", CACHEDIR_TAG), (".gitignore", GITIGNORE)):
        if not (root / name).exists():
            (root / name).write_text(text, encoding="utf-8")


def _linter_fingerprint() -> str:
    """The linter's own modules, by name, size and time of change: a version does not change while
    it is developed, its code does."""
    package = Path(__file__).parent.parent
    stats = []
    for module in sorted(package.rglob("*.py")):
        status = module.stat()
        stats.append(f"{module.relative_to(package)}:{status.st_size}:{status.st_mtime_ns}")
    return _digest("\n".join(stats).encode("utf-8"))


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _data(report: FileReport) -> Dict[str, Any]:
    data = dataclasses.asdict(report)
    # a report with a diff or fixed code is never stored (`put`); the path is the caller's
    for unstored in ("path", "diff", "fixed_source"):
        del data[unstored]
    return data


def _report(path: str, data: Dict[str, Any]) -> FileReport:
    place = data["error_place"]
    return FileReport(
        path,
        findings=[_reported(each) for each in data["findings"]],
        fixed=[_reported(each) for each in data["fixed"]],
        error=data["error"],
        error_place=None if place is None else (place[0], place[1]),
        skipped_cells=[(cell, why) for cell, why in data["skipped_cells"]],
    )


def _reported(data: Dict[str, Any]) -> Reported:
    edits = data["edits"]
    if edits is not None:
        edits = tuple(TextEdit(tuple(e["start"]), tuple(e["end"]), e["content"]) for e in edits)  # type: ignore
    return Reported(data["code"], data["message"], data["line"], data["column"], data["fix"], edits, data["cell"])
