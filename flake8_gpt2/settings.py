"""User settings: flake8's options for the plugin; the same keys, read from the config files, for
the `flake8-gpt2` command."""
from __future__ import annotations

import configparser
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import FrozenSet, Iterable, Optional

FLAKE8_FILES = ("setup.cfg", "tox.ini", ".flake8")
MODEL_NAMES_OPTION = "gpt2-model-names"


@dataclass(frozen=True)
class Settings:
    # names or dotted paths of classes and factory functions whose calls give models
    model_names: FrozenSet[str] = frozenset()


def parse_names(value: Iterable[str]) -> FrozenSet[str]:
    names = set()
    for item in value:
        names.update(part.strip() for part in item.replace("\n", ",").split(",") if part.strip())
    return frozenset(names)


def from_config_files(start: Path) -> Settings:
    """flake8's `[flake8] gpt2-model-names` in the nearest setup.cfg / tox.ini / .flake8 that has a
    `[flake8]` section, searching upwards from `start` as flake8 does, plus `model-names` of
    `[tool.flake8-gpt2]` in the nearest pyproject.toml."""
    names = set()
    for folder in (start, *start.parents):
        found = _flake8_section(folder)
        if found is not None:
            for key in (MODEL_NAMES_OPTION, MODEL_NAMES_OPTION.replace("-", "_")):
                if found.has_option("flake8", key):
                    names |= parse_names([found.get("flake8", key)])
            break
    for folder in (start, *start.parents):
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            names |= _pyproject_names(pyproject)
            break
    return Settings(frozenset(names))


def _flake8_section(folder: Path) -> Optional[configparser.RawConfigParser]:
    for name in FLAKE8_FILES:
        path = folder / name
        if path.is_file():
            parser = configparser.RawConfigParser()
            try:
                parser.read(path, encoding="utf-8")
            except (configparser.Error, UnicodeDecodeError) as error:
                raise ValueError(f"{path}: {error}") from error
            if parser.has_section("flake8"):
                return parser
    return None


def _pyproject_names(path: Path) -> FrozenSet[str]:
    if sys.version_info < (3, 11):
        return frozenset()  # tomllib arrived in 3.11; the flake8 files work everywhere
    import tomllib

    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {}).get("flake8-gpt2", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ValueError(f"{path}: {error}") from error
    value = table.get("model-names", [])
    return parse_names([value] if isinstance(value, str) else value)
