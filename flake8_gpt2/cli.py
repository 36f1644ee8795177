"""`flake8-gpt2 [--fix | --diff] [--unsafe-fixes] [--select CODES] [--ignore CODES] PATH...`

Exit status: 0 nothing left to report, 1 findings left, 2 a file could not be read or analysed.
"""
from __future__ import annotations

import argparse
import difflib
import os
import sys
import tempfile
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, List, Optional, Sequence, Tuple

import libcst as cst

from . import __version__
from .fixer import FileResult, check, fix
from .notebook import NotebookError, NotebookFinding, check_notebook, fix_notebook
from .rule import all_rules
from .settings import Settings, from_config_files, parse_names
from .violation import Finding

# flake8's default --exclude, plus virtual environments
_EXCLUDED_DIRS = frozenset(
    {".svn", "CVS", ".bzr", ".hg", ".git", "__pycache__", ".tox", ".nox", ".eggs", ".venv", "venv", "node_modules",
     ".ipynb_checkpoints"}
)


def _codes(text: str) -> List[str]:
    return [code.strip() for code in text.split(",") if code.strip()]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="flake8-gpt2",
        description="Find (and fix) inputs that make transformers models fail at run time.",
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="files, or directories to search for *.py and *.ipynb"
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--fix", action="store_true", help="rewrite files in place with the safe fixes")
    mode.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    parser.add_argument("--unsafe-fixes", action="store_true", help="also apply fixes labelled unsafe")
    parser.add_argument("--select", type=_codes, default=["GPT"], help="codes or prefixes to report (default: GPT)")
    parser.add_argument("--ignore", type=_codes, default=[], help="codes or prefixes not to report")
    parser.add_argument(
        "--exit-non-zero-on-fix", action="store_true", help="exit 1 when --fix changed a file, even if nothing is left"
    )
    parser.add_argument(
        "--gpt2-model-names",
        type=lambda text: parse_names([text]),
        default=None,
        help="comma-separated names or dotted paths of classes and functions whose calls give models "
        "(default: read from [flake8] in setup.cfg/tox.ini/.flake8 and [tool.flake8-gpt2] in pyproject.toml)",
    )
    parser.add_argument(
        "--jobs", "-j", type=int, default=os.cpu_count() or 1, help="processes to use (default: every core)"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _python_files(paths: Sequence[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in _EXCLUDED_DIRS and not d.endswith(".egg"))
                for name in sorted(files):
                    if name.endswith((".py", ".ipynb")):
                        yield Path(root) / name
        else:
            yield path


def _write_atomically(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def _describe(error: Exception) -> str:
    if isinstance(error, NotebookError):
        return str(error)
    if isinstance(error, cst.ParserSyntaxError):
        return f"syntax error at line {error.raw_line}, column {error.raw_column + 1}: {error.message}"
    if isinstance(error, (UnicodeDecodeError, LookupError)):
        return f"cannot decode: {error}"
    if isinstance(error, SyntaxError):
        return f"syntax error at line {error.lineno}, column {error.offset}: {error.msg}"
    if isinstance(error, (RecursionError, MemoryError)):
        return "too deeply nested to analyse"
    return f"{type(error).__name__}: {error}"


@dataclass
class _Task:
    """What a worker needs to process one file; plain data, so it can cross processes."""

    fix: bool
    diff: bool
    unsafe_fixes: bool
    select: Tuple[str, ...]
    ignore: Tuple[str, ...]
    settings: Settings

    def selects(self, code: str) -> bool:
        return code in all_rules() and code.startswith(self.select) and not code.startswith(self.ignore)


@dataclass
class _Report:
    out: List[str] = field(default_factory=list)
    err: List[str] = field(default_factory=list)
    left: int = 0
    changed: bool = False
    failed: bool = False


def _process(path: Path, task: _Task) -> _Report:
    report = _Report()
    try:
        source = path.read_bytes()
    except OSError as error:
        return _Report(err=[f"{path}: error: cannot read: {error.strerror or error}"], failed=True)
    if b"\0" in source:
        return _Report(err=[f"{path}: error: binary file (it contains NUL bytes)"], failed=True)
    notebook = path.suffix == ".ipynb"
    try:
        if task.fix or task.diff:
            result = (fix_notebook if notebook else fix)(source, task.selects, task.unsafe_fixes, task.settings)
        else:
            result = (check_notebook if notebook else check)(source, task.selects, task.settings)
    except Exception as error:  # one bad file never stops the run
        return _Report(err=[f"{path}: error: {_describe(error)}"], failed=True)
    # a notebook's cells that do not parse are left out; the others are still checked
    for cell, error in getattr(result, "skipped", ()):
        report.err.append(f"{path}:cell {cell}: error: {_describe(error)} (cell skipped)")
        report.failed = True
    report.changed = result.source != source
    if task.diff:
        # only the diff on stdout, so it can be piped to `patch`; nothing was written, so
        # what it fixes is still there
        if report.changed:
            report.out.append(_diff(path, source, result))
        report.left = len(result.findings) + len(result.fixed)
        return report
    if task.fix and report.changed:
        try:
            _write_atomically(path, result.source)
        except OSError as error:
            return _Report(err=[f"{path}: error: cannot write: {error.strerror or error}"], failed=True)
        report.out += [f"{path}:{_position(f)}: fixed {f.text}" for f in result.fixed]
    report.out += [f"{path}:{_position(f)}: {f.text}{_fix_hint(f)}" for f in result.findings]
    report.left = len(result.findings)
    return report


def _process_all(paths: List[Path], task: _Task, jobs: int) -> Iterator[_Report]:
    if jobs <= 1 or len(paths) < 2:
        return (_process(path, task) for path in paths)
    with ProcessPoolExecutor(max_workers=min(jobs, len(paths))) as pool:
        futures = [pool.submit(_process, path, task) for path in paths]
        # in input order, so the output is the same as with one job
        return iter([_result(future, path, task) for future, path in zip(futures, paths)])


def _result(future: Future, path: Path, task: _Task) -> _Report:
    try:
        return future.result()
    except BrokenProcessPool:
        # A worker died (a crash in a native parser takes its process with it), failing every
        # file not yet done: each is processed again in a process of its own, so only the
        # culprit fails.
        return _process_alone(path, task)


def _process_alone(path: Path, task: _Task) -> _Report:
    with ProcessPoolExecutor(max_workers=1) as pool:
        try:
            return pool.submit(_process, path, task).result()
        except BrokenProcessPool:
            return _Report(err=[f"{path}: error: the parser crashed on this file"], failed=True)


def main(argv: Optional[Sequence[str]] = None) -> int:
    options = _parser().parse_args(argv)
    try:
        settings = from_config_files(Path.cwd())
    except ValueError as error:
        print(f"flake8-gpt2: error: bad configuration: {error}", file=sys.stderr)
        return 2
    if options.gpt2_model_names is not None:
        settings = Settings(options.gpt2_model_names)
    task = _Task(
        options.fix, options.diff, options.unsafe_fixes, tuple(options.select), tuple(options.ignore), settings
    )
    errors = left = changed = 0
    for report in _process_all(list(_python_files(options.paths)), task, options.jobs):
        for line in report.out:
            sys.stdout.write(line if task.diff else line + "\n")
        for line in report.err:
            print(line, file=sys.stderr)
        errors += report.failed
        left += report.left
        changed += report.changed
    if options.fix and changed:
        print(f"flake8-gpt2: fixed {changed} file(s)", file=sys.stderr)
    if options.diff and left:
        print(f"flake8-gpt2: {left} finding(s); the diff fixes {changed} file(s)", file=sys.stderr)
    if errors:
        return 2
    if left or (options.exit_non_zero_on_fix and changed):
        return 1
    return 0


def _position(finding: Finding) -> str:
    if isinstance(finding, NotebookFinding):
        return str(finding.location)  # cell 3:2:7
    return f"{finding.line}:{finding.column + 1}"


def _fix_hint(finding: Finding) -> str:
    if finding.fix is None:
        return ""
    if finding.fix.safe:
        return " [fix: run with --fix]"
    return " [unsafe fix: run with --fix --unsafe-fixes]"


def _diff(path: Path, source: bytes, result: FileResult) -> str:
    encoding = "utf-8"
    try:
        before = source.decode(encoding).splitlines(keepends=True)
        after = result.source.decode(encoding).splitlines(keepends=True)
    except UnicodeDecodeError:
        before = source.decode("latin-1").splitlines(keepends=True)
        after = result.source.decode("latin-1").splitlines(keepends=True)
    return "".join(difflib.unified_diff(before, after, str(path), str(path)))


if __name__ == "__main__":
    sys.exit(main())
