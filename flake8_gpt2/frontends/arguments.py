"""The command's arguments: its own, and flake8's options it takes on the command line."""
from __future__ import annotations

import argparse
import os
from pathlib import Path

from .. import __version__
from . import output
from .cache import CACHE_DIR_VARIABLE, FOLDER_NAME


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="flake8-gpt2",
        description="Find (and fix) inputs that make transformers models fail at run time. "
        "Reads flake8's configuration (setup.cfg, tox.ini or .flake8) as flake8 does. "
        "`flake8-gpt2 rule CODE` prints a rule's documentation, `flake8-gpt2 rule --all` lists the rules.",
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="files, or directories to search (default: .); - for standard input"
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--fix", action="store_true", help="rewrite files in place with the safe fixes")
    mode.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    parser.add_argument("--unsafe-fixes", action="store_true", help="also apply fixes labelled unsafe")
    parser.add_argument(
        "--exit-non-zero-on-fix", action="store_true", help="exit 1 when --fix changed a file, even if nothing is left"
    )
    flake8 = parser.add_argument_group("flake8's options (default: the value in flake8's configuration file)")
    for option, metavar, text in (
        ("--select", "CODES", "codes or prefixes to report (default: GPT)"),
        ("--extend-select", "CODES", "codes or prefixes to report besides --select"),
        ("--ignore", "CODES", "codes or prefixes not to report"),
        ("--extend-ignore", "CODES", "codes or prefixes not to report besides --ignore"),
        ("--per-file-ignores", "MAPPING", "file patterns and the codes not to report in them"),
        ("--exclude", "PATTERNS", "files and directories to skip (default: flake8's, and .venv, venv, node_modules)"),
        ("--extend-exclude", "PATTERNS", "files and directories to skip besides --exclude"),
        ("--filename", "PATTERNS", "file patterns to check in directories (default: *.py)"),
        (
            "--gpt2-model-names",
            "NAMES",
            "comma-separated names or dotted paths of classes and functions whose calls give models "
            "(default: the flake8 file's and [tool.flake8-gpt2] in pyproject.toml)",
        ),
        (
            "--gpt2-no-pad-token-checkpoints",
            "PATTERNS",
            "comma-separated checkpoint-name patterns whose tokenizers have no pad token, besides the known "
            "ones (default: the flake8 file's and [tool.flake8-gpt2] in pyproject.toml)",
        ),
        (
            "--gpt2-transformers-version",
            "VERSION",
            "the transformers version the code runs on, such as 4.57 (default: the flake8 file's, else "
            "[tool.flake8-gpt2] transformers-version, else the installed one, else the newest known)",
        ),
        ("--config", "FILE", "the flake8 configuration file to read instead of the one found"),
        ("--stdin-filename", "NAME", "the name of the code read from standard input (-)"),
    ):
        flake8.add_argument(option, metavar=metavar, help=text)
    flake8.add_argument("--isolated", action="store_true", help="read no configuration file")
    flake8.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply the excludes to files named on the command line too (as pre-commit names them)",
    )
    report = parser.add_argument_group("output")
    report.add_argument(
        "--output-format", choices=output.FORMATS, default="text", help="default: text (docs/output.md describes each)"
    )
    report.add_argument(
        "--output-file", type=Path, metavar="FILE", help="write the report to this file instead of standard output"
    )
    report.add_argument("--statistics", action="store_true", help="count the findings of each code")
    report.add_argument("--show-fixes", action="store_true", help="with --fix, list each fix applied")
    report.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings are left")
    report.add_argument(
        "--watch", action="store_true", help="run again whenever a checked file changes, until Ctrl-C"
    )
    caching = parser.add_argument_group("cache (docs/configuration.md#cache)")
    caching.add_argument(
        "--no-cache", action="store_true", help="analyse every file, neither reading nor writing the cache"
    )
    caching.add_argument(
        "--cache-dir", type=Path, metavar="FOLDER", help=f"default: ${CACHE_DIR_VARIABLE}, else ./{FOLDER_NAME}"
    )
    parser.add_argument(
        "--jobs", "-j", type=int, default=os.cpu_count() or 1, help="processes to use (default: every core)"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser
