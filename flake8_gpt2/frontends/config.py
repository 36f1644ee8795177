"""The fixer's configuration is flake8's: which files (`exclude`, `extend-exclude`, `filename`) and
which codes in each (`select`, `extend-select`, `ignore`, `extend-ignore`, `per-file-ignores`),
read from the file flake8 reads, overridden by the same options on the command line, and decided
by flake8's own code, so flake8 and the fixer report the same findings."""
from __future__ import annotations

import argparse
import dataclasses
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

from flake8 import defaults, discover_files, exceptions, utils
from flake8.style_guide import Decision, StyleGuideManager

from .plugin import ANALYSIS_ERROR
from ..registry import all_rules
from ..settings import (
    PYPROJECT_TABLE,
    ConfigurationError,
    Flake8Section,
    Pyproject,
    Settings,
    checked_version,
    flake8_section,
    parse_names,
    read_pyproject,
    settings_from,
)
from ..spelling import nearest

STDIN = "-"
_LOG = logging.getLogger(__name__)
# flake8's default --exclude, plus virtual environments and node_modules: the fixer writes files,
# and a project's installed packages are not its code. An `exclude` setting replaces all of them,
# as it replaces flake8's.
DEFAULT_EXCLUDE = (*defaults.EXCLUDE, ".venv", "venv", "node_modules", ".ipynb_checkpoints")
DEFAULT_FILENAME = ("*.py",)
# flake8 does not read notebooks; the fixer reads them whatever `filename` says
NOTEBOOKS = "*.ipynb"
PREFIX = "GPT"
PATH_OPTIONS = ("exclude", "extend-exclude", "filename")
CODE_OPTIONS = ("select", "extend-select", "ignore", "extend-ignore")
PER_FILE_IGNORES = "per-file-ignores"


def known_codes() -> FrozenSet[str]:
    return frozenset({*all_rules(), ANALYSIS_ERROR})


@dataclass(frozen=True)
class Configuration:
    exclude: Tuple[str, ...]
    filename: Tuple[str, ...]
    codes: Dict[str, Optional[List[str]]]  # CODE_OPTIONS; None: not set
    per_file_ignores: str
    settings: Settings

    def files(self, paths: Sequence[str], stdin_filename: Optional[str], force_exclude: bool = False) -> List[str]:
        """As flake8 expands its arguments; each directory's files in sorted order, once each.
        `force_exclude` (ruff's option): a file named on the command line is skipped too when it or
        a folder it is in is excluded, as pre-commit names every file it checks."""
        found: Dict[str, None] = {}
        for path in paths or ["."]:
            if force_exclude and path != STDIN and self._in_excluded_folder(path):
                continue
            expanded = discover_files.expand_paths(
                paths=[path],
                stdin_display_name=stdin_filename or "stdin",
                filename_patterns=self.filename,
                exclude=self.exclude,
            )
            found.update(dict.fromkeys(sorted(expanded)))
        return list(found)

    def _in_excluded_folder(self, path: str) -> bool:
        """Whether `path` or one of its folders matches an exclude pattern: by name or by path, as
        flake8 matches them, up to the current folder (the folders above the project are not its
        business)."""
        absolute = Path(os.path.abspath(path))
        cwd = Path.cwd()
        folders = [folder for folder in absolute.parents if cwd in folder.parents]
        if cwd not in absolute.parents:  # outside the current folder: the folders as given
            folders = [Path(os.path.abspath(folder)) for folder in Path(path).parents if folder.name]
        return any(utils.matches_filename(str(each), self.exclude, "%(path)s %(whether)sexcluded", _LOG)
                   for each in (absolute, *folders))


class Selector:
    """The codes flake8 would report in a file: its DecisionEngine with the file's per-file-ignores."""

    def __init__(self, configuration: Configuration) -> None:
        options = argparse.Namespace(
            **{name.replace("-", "_"): value for name, value in configuration.codes.items()},
            # the codes a plugin registers are selected by default, as flake8 selects them
            extended_default_select=[PREFIX],
            extended_default_ignore=[],
            per_file_ignores=configuration.per_file_ignores,
            disable_noqa=False,
        )
        try:
            self._guides = StyleGuideManager(options, formatter=None)  # type: ignore[arg-type]
        except exceptions.ExecutionError as error:
            raise ConfigurationError(f"{PER_FILE_IGNORES}: {error}") from error
        self._known = sorted(known_codes())

    def selects_none(self) -> bool:
        """True when select and ignore leave no code to report outside per-file-ignores (a flake8
        file's `select = E,W,F` without GPT): worth a word, since nothing will ever be found."""
        guide = self._guides.default_style_guide
        return not any(guide.should_report_error(code) is Decision.Selected for code in self._known)

    def codes_for(self, path: str) -> FrozenSet[str]:
        guide = self._guides.style_guide_for(path)
        return frozenset(code for code in self._known if guide.should_report_error(code) is Decision.Selected)


def load(options: argparse.Namespace) -> Configuration:
    """`options`: the command line, with `config`, `isolated`, each of PATH_OPTIONS and
    CODE_OPTIONS (dashes as underscores), `per_file_ignores` and the gpt2- options, None when not
    given. Raises ConfigurationError."""
    cwd = Path.cwd()
    section = flake8_section(cwd, options.config, options.isolated)
    source = section.path.name if section.path else ""
    pyproject = Pyproject({}) if options.isolated else read_pyproject(cwd)
    settings = settings_from(section, pyproject)
    if options.gpt2_model_names is not None:
        settings = dataclasses.replace(settings, model_names=parse_names([options.gpt2_model_names]))
    if options.gpt2_no_pad_token_checkpoints is not None:
        no_pad = parse_names([options.gpt2_no_pad_token_checkpoints])
        settings = dataclasses.replace(settings, no_pad_token_checkpoints=no_pad)
    if options.gpt2_transformers_version is not None:
        version = checked_version(options.gpt2_transformers_version, "--gpt2-transformers-version")
        settings = dataclasses.replace(settings, transformers_version=version)

    def given(name: str) -> Optional[str]:
        return getattr(options, name.replace("-", "_"))

    paths = {name: _paths(name, given(name), section, pyproject) for name in PATH_OPTIONS}
    codes = {}
    for name in CODE_OPTIONS:
        value = given(name)
        if value is not None:
            codes[name] = checked_codes(utils.parse_comma_separated_list(value), f"--{name}", strict=True)
        elif name in section.values:
            listed = utils.parse_comma_separated_list(section.values[name])
            codes[name] = checked_codes(listed, f"{source}: {name}", strict=False)
        elif pyproject.strings(name) is not None:
            where = f"{pyproject.path}: [{PYPROJECT_TABLE}] {name}"
            codes[name] = checked_codes(pyproject.strings(name) or [], where, strict=True)
        else:
            codes[name] = None
    per_file = given(PER_FILE_IGNORES)
    on_command_line = per_file is not None
    where = f"--{PER_FILE_IGNORES}" if on_command_line else f"{source}: {PER_FILE_IGNORES}"
    if per_file is None:
        per_file = section.values.get(PER_FILE_IGNORES, "")
    try:
        mapping = utils.parse_files_to_codes_mapping(per_file)
    except exceptions.ExecutionError as error:
        raise ConfigurationError(f"{where}: {' '.join(str(error).split())}") from error
    for _, listed in mapping:
        checked_codes(listed, where, strict=on_command_line)
    exclude = paths["exclude"] if paths["exclude"] is not None else list(DEFAULT_EXCLUDE)
    return Configuration(
        exclude=(*exclude, *(paths["extend-exclude"] or [])),
        filename=(*(paths["filename"] or DEFAULT_FILENAME), NOTEBOOKS),
        codes=codes,
        per_file_ignores=per_file,
        settings=settings,
    )


def _paths(name: str, given: Optional[str], section: Flake8Section, pyproject: Pyproject) -> Optional[List[str]]:
    """Normalised as flake8 does: relative to the current folder on the command line, to the
    configuration file's folder in a file."""
    if given is not None:
        return utils.normalize_paths(utils.parse_comma_separated_list(given), os.curdir)
    if name in section.values:
        return utils.normalize_paths(utils.parse_comma_separated_list(section.values[name]), str(section.folder))
    listed = pyproject.strings(name)
    if listed is not None and pyproject.path is not None:
        return utils.normalize_paths(listed, str(pyproject.path.parent))
    return None


def checked_codes(codes: List[str], where: str, strict: bool) -> List[str]:
    """`strict` (the fixer's own command line): every code must name flake8-gpt2 codes. In the
    flake8 file the other plugins' codes are at home, so only codes that are ours, or a
    misspelling of ours (GTP001), must name one."""
    for code in codes:
        if not defaults.VALID_CODE_PREFIX.match(code):
            raise ConfigurationError(f"{where}: {code!r} is not an error code (like GPT001, or a prefix like GPT)")
        if not (strict or _looks_like_ours(code)) or any(known.startswith(code) for known in known_codes()):
            continue
        guess = nearest(code, known_codes()) if len(code) == len("GPT001") else None
        hint = f" (did you mean {guess}?)" if guess else "; see `flake8-gpt2 rule --all`"
        raise ConfigurationError(f"{where}: unknown code {code}{hint}")
    return codes


def _looks_like_ours(code: str) -> bool:
    letters = code.rstrip("0123456789")
    return sorted(letters) == sorted(PREFIX)
