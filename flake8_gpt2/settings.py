"""User settings: flake8's options for the plugin; the same keys, read from the same config files
as flake8 reads them, for the `flake8-gpt2` command; and `[tool.flake8-gpt2]` in pyproject.toml."""
from __future__ import annotations

import configparser
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, FrozenSet, Iterable, List, Optional

# flake8's own discovery (upwards from a folder, stopping below the home folder, skipping files
# it cannot parse), so the fixer reads the very file flake8 reads
from flake8.options.config import _find_config_file

from .spelling import nearest

MODEL_NAMES_OPTION = "gpt2-model-names"
NO_PAD_TOKEN_OPTION = "gpt2-no-pad-token-checkpoints"
TRANSFORMERS_VERSION_OPTION = "gpt2-transformers-version"
PYPROJECT_TABLE = "tool.flake8-gpt2"
# each pyproject key and the flake8 option it adds to
PYPROJECT_LISTS = {"model-names": MODEL_NAMES_OPTION, "no-pad-token-checkpoints": NO_PAD_TOKEN_OPTION}
PYPROJECT_VERSION = "transformers-version"
# the command's selection of files and codes, as ruff users write it there (lists of strings); the
# flake8 file's value wins, as flake8 itself reads only its own files
PYPROJECT_SELECTION = ("select", "extend-select", "ignore", "extend-ignore", "exclude", "extend-exclude")
PYPROJECT_KEYS = frozenset(PYPROJECT_LISTS) | {PYPROJECT_VERSION, *PYPROJECT_SELECTION}
_VERSION = re.compile(r"^\d+(\.\d+){0,2}$")


class ConfigurationError(ValueError):
    """A configuration file or value the fixer refuses: the message is one line for the user."""


@dataclass(frozen=True)
class Settings:
    # names or dotted paths of classes and factory functions whose calls give models
    model_names: FrozenSet[str] = frozenset()
    # checkpoint-name patterns (fnmatch) whose tokenizers ship without a pad token, besides the
    # families the linter knows (facts.families.CHECKPOINTS)
    no_pad_token_checkpoints: FrozenSet[str] = frozenset()
    # the transformers version the linted code runs on ("4.57"); None: the one installed beside
    # the linter, else the newest the linter knows (target.Target.of)
    transformers_version: Optional[str] = None


@dataclass(frozen=True)
class Flake8Section:
    """The `[flake8]` section flake8 would use, its keys spelled with dashes (as flake8 accepts
    both), and the folder its relative paths are relative to."""

    values: Dict[str, str]
    folder: Path
    path: Optional[Path] = None  # None: no file (none found, or --isolated)


@dataclass(frozen=True)
class Pyproject:
    """`[tool.flake8-gpt2]` of the nearest pyproject.toml, checked, and that file."""

    table: Dict[str, Any]
    path: Optional[Path] = None  # None: no file (none found, or --isolated)

    def strings(self, key: str) -> Optional[List[str]]:
        """A key's list of strings (a single string is a list of one); None when it is not set."""
        if key not in self.table:
            return None
        value = self.table[key]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ConfigurationError(f"{self.path}: [{PYPROJECT_TABLE}] {key} must be a list of strings, not {value!r}")
        return value


def parse_names(value: Iterable[str]) -> FrozenSet[str]:
    names = set()
    for item in value:
        names.update(part.strip() for part in item.replace("\n", ",").split(",") if part.strip())
    return frozenset(names)


def from_config_files(start: Path) -> Settings:
    """flake8's `[flake8] gpt2-model-names` (and the other gpt2- options) in the file flake8 finds
    from `start`, plus `model-names` (...) of `[tool.flake8-gpt2]` in the nearest pyproject.toml."""
    return settings_from(flake8_section(start), read_pyproject(start))


def settings_from(section: Flake8Section, pyproject: Pyproject) -> Settings:
    lists = {
        option: parse_names([section.values.get(option, "")]) | parse_names(pyproject.strings(key) or [])
        for key, option in PYPROJECT_LISTS.items()
    }
    version = section.values.get(TRANSFORMERS_VERSION_OPTION)
    if version is not None:
        version = checked_version(version, f"{section.path}: {TRANSFORMERS_VERSION_OPTION}")
    elif PYPROJECT_VERSION in pyproject.table:
        where = f"{pyproject.path}: [{PYPROJECT_TABLE}] {PYPROJECT_VERSION}"
        version = checked_version(pyproject.table[PYPROJECT_VERSION], where)
    return Settings(lists[MODEL_NAMES_OPTION], lists[NO_PAD_TOKEN_OPTION], version)


def checked_version(value: object, where: str) -> str:
    """A version as `4.57`, `5` or `4.57.6`; raises ConfigurationError for anything else."""
    text = value.strip() if isinstance(value, str) else value
    if not isinstance(text, str) or not _VERSION.match(text):
        raise ConfigurationError(f"{where} must be a version such as \"4.57\", not {value!r}")
    return text


def flake8_section(start: Path, config: Optional[str] = None, isolated: bool = False) -> Flake8Section:
    """As flake8 7's `load_config`: nothing when isolated, else `config` if given, else the first
    setup.cfg, tox.ini or .flake8 with a `[flake8]` section from `start` upwards."""
    if isolated:
        return Flake8Section({}, start)
    found = config if config is not None else _find_config_file(str(start))
    if found is None:
        return Flake8Section({}, start)
    path = Path(found)
    parser = configparser.RawConfigParser()
    try:
        if not parser.read(path, encoding="utf-8"):
            raise ConfigurationError(f"{path}: no such configuration file")
    except (configparser.Error, UnicodeDecodeError) as error:
        raise ConfigurationError(f"{path}: {_one_line(error)}") from error
    values: Dict[str, str] = {}
    if parser.has_section("flake8"):
        for key, value in parser.items("flake8"):
            values[key.replace("_", "-")] = value  # the later spelling wins, as in flake8
    return Flake8Section(values, path.resolve().parent, path)


def read_pyproject(start: Path) -> Pyproject:
    """The nearest pyproject.toml from `start` upwards."""
    for folder in (start, *start.parents):
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            return Pyproject(_pyproject_table(pyproject), pyproject)
    return Pyproject({})


def _pyproject_table(path: Path) -> Dict[str, Any]:
    toml = _toml_reader()
    try:
        tool = toml.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (toml.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigurationError(f"{path}: {_one_line(error)}") from error
    table = tool.get("flake8-gpt2", {})
    if not isinstance(table, dict):
        raise ConfigurationError(f"{path}: [{PYPROJECT_TABLE}] must be a table")
    for key in table:
        if key not in PYPROJECT_KEYS:
            guess = nearest(key, PYPROJECT_KEYS)
            hint = f" (did you mean {guess!r}?)" if guess else f"; known keys: {', '.join(sorted(PYPROJECT_KEYS))}"
            raise ConfigurationError(f"{path}: [{PYPROJECT_TABLE}] unknown key {key!r}{hint}")
    return table


def _toml_reader() -> Any:
    """The standard library's tomllib (3.11+), else tomli, the package it was made from (a
    dependency below 3.11)."""
    if sys.version_info >= (3, 11):
        import tomllib

        return tomllib
    import tomli

    return tomli


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())
