"""Sweep real repositories of transformers user code: check, fix with the unsafe fixes, and verify.

    python bench/sweep.py [--show] [--jobs 2] GIT_DIR_OR_FOLDER ...

Each argument is a bare git directory (such as a mirror's `owner+name/repo`) or a folder holding
such directories. The `*.py` and `*.ipynb` files of each HEAD are extracted with `git archive`
into a temporary folder (never into the repository; files the snapshot lacks are counted as
absent). Every file goes through `check`, then `fix(..., unsafe=True)`, then `fix` again on the
result. A notebook counts as one file: its code cells are joined in order (lines of IPython
magic or shell, `%...` and `!...`, become `pass`; cells under a non-Python cell magic such as
`%%bash` or `%%writefile`, and cells that still do not parse, are left out).

The sweep fails (exit 1) on a crash (an exception other than the file being unparsable), a fixed
file that no longer compiles, or a second fix run that changes anything. Prints a summary per
repository (files, lines, findings by code, crashes, changed files, seconds) and, with --show,
every finding with its line of code.
"""
from __future__ import annotations

import argparse
import collections
import json
import multiprocessing
import re
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

import libcst as cst

from flake8_gpt2.pipeline import check, fix
from flake8_gpt2.gate import may_hold_findings
from flake8_gpt2.registry import all_rules

SUFFIXES = (".py", ".ipynb")
# cell magics whose body is still Python
PYTHON_CELL_MAGICS = ("%%capture", "%%time", "%%timeit")
# what the fixer's CLI reports as a file it cannot read, not as a crash
UNPARSABLE = (cst.ParserSyntaxError, SyntaxError, UnicodeDecodeError, LookupError, RecursionError)
MAGIC_LINE = re.compile(r"^([ \t]*)[%!]")


@dataclass
class Unit:
    """One file to sweep: a script, or a notebook's code cells joined."""

    repo: str
    path: str
    source: bytes
    places: Optional[List[str]] = None  # per line of a notebook's code: "cell N line M"
    cells_left_out: int = 0


@dataclass
class Outcome:
    repo: str
    path: str
    lines: int
    analysed: bool = False  # passed the gate: it imports transformers
    unparsable: str = ""
    findings: List[Tuple[str, int, str]] = field(default_factory=list)  # code, line, "place: text / code line"
    fixed: int = 0
    changed: bool = False
    problems: List[str] = field(default_factory=list)  # crashes, broken or unstable fixes


# --- extraction ---------------------------------------------------------------------------


def git_dirs(arguments: List[Path]) -> Iterator[Path]:
    for argument in arguments:
        if (argument / "HEAD").is_file() and (argument / "objects").is_dir():
            yield argument
        else:
            yield from sorted(p.parent for p in argument.glob("*/repo/HEAD")) or sorted(
                p.parent for p in argument.glob("*/HEAD")
            )


def repo_name(git_dir: Path) -> str:
    """`owner/name` for a mirror's `owner+name/repo`, else the folder's name."""
    folder = git_dir.parent if git_dir.name == "repo" else git_dir
    return folder.name.replace("+", "/", 1)


def git(git_dir: Path, *arguments: str, stdin: bytes = b"") -> bytes:
    done = subprocess.run(["git", f"--git-dir={git_dir}", *arguments], input=stdin, capture_output=True, check=True)
    return done.stdout


def extract(git_dir: Path, into: Path) -> Tuple[str, int]:
    """Writes HEAD's code files under `into`; returns the commit and how many the snapshot lacks."""
    commit = git(git_dir, "rev-parse", "HEAD").decode().strip()
    entries = [line.split(b"\t", 1) for line in git(git_dir, "ls-tree", "-r", "-z", "HEAD").split(b"\0") if line]
    wanted = [(meta.split()[2], path) for meta, path in entries if path.decode(errors="replace").endswith(SUFFIXES)]
    present = git(git_dir, "cat-file", "--batch-check", stdin=b"".join(sha + b"\n" for sha, _ in wanted))
    have = [path.decode() for (_, path), line in zip(wanted, present.splitlines()) if not line.endswith(b"missing")]
    if have:
        # one archive of exactly the present files: `git archive HEAD` alone stops at a missing blob
        archive = subprocess.run(
            ["git", f"--git-dir={git_dir}", "archive", "--format=tar", "HEAD", "--", *[f":(literal){p}" for p in have]],
            capture_output=True, check=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return commit, len(wanted) - len(have)


def notebook_unit(repo: str, path: str, data: bytes) -> Unit:
    """A notebook's code cells, joined; places maps each line back to its cell."""
    try:
        notebook = json.loads(data)
        cells = notebook["cells"] if "cells" in notebook else [
            c for sheet in notebook.get("worksheets", []) for c in sheet.get("cells", [])
        ]
    except (ValueError, KeyError, TypeError, AttributeError):
        return Unit(repo, path, b"", [])
    code: List[str] = []
    places: List[str] = []
    left_out = 0
    number = 0
    for cell in cells:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        number += 1
        text = cell.get("source", cell.get("input", ""))
        lines = ("".join(text) if isinstance(text, list) else str(text)).splitlines()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SyntaxWarning)
            kept = python_of_cell(lines)
        if kept is None:
            left_out += 1
            continue
        code += kept
        places += [f"cell {number} line {n}" for n in range(1, len(kept) + 1)]
    return Unit(repo, path, ("\n".join(code) + "\n").encode(), places, left_out)


def python_of_cell(lines: List[str]) -> Optional[List[str]]:
    """The cell's lines with magics turned into `pass`, or None when the cell is no Python."""
    if lines and lines[0].startswith("%%"):
        if not lines[0].startswith(PYTHON_CELL_MAGICS):
            return None
        lines = ["pass"] + lines[1:]
    kept = [MAGIC_LINE.sub(r"\1pass  # ", line) if MAGIC_LINE.match(line) else line for line in lines]
    try:
        compile("\n".join(kept) + "\n", "<cell>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        return None
    return kept


def units_of(repo: str, root: Path) -> Iterator[Unit]:
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in SUFFIXES):
        relative = str(path.relative_to(root))
        data = path.read_bytes()
        yield notebook_unit(repo, relative, data) if path.suffix == ".ipynb" else Unit(repo, relative, data)


# --- the checks ---------------------------------------------------------------------------


def everything(code: str) -> bool:
    return code in all_rules()


def compiles(source: bytes) -> bool:
    try:
        compile(source, "<swept>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        return False
    return True


def sweep_unit(unit: Unit) -> Outcome:
    warnings.simplefilter("ignore", SyntaxWarning)  # compile() warns on odd but valid user code
    outcome = Outcome(unit.repo, unit.path, unit.source.count(b"\n"))
    try:
        outcome.analysed = may_hold_findings(unit.source)
        found = check(unit.source, everything)
    except UNPARSABLE as error:
        outcome.unparsable = f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
        return outcome
    except Exception as error:  # a crash: counted, shown, and the sweep goes on
        outcome.problems.append(f"crash in check: {type(error).__name__}: {error}")
        return outcome
    lines = unit.source.decode("utf-8", "replace").splitlines()
    for finding in found.findings:
        place = unit.places[finding.line - 1] if unit.places else f"line {finding.line}"
        code_line = lines[finding.line - 1].strip() if finding.line <= len(lines) else ""
        outcome.findings.append((finding.code, finding.line, f"{place}: {finding.text}\n    {code_line}"))
    try:
        fixed = fix(unit.source, everything, unsafe=True)
        again = fix(fixed.source, everything, unsafe=True)
    except Exception as error:
        outcome.problems.append(f"crash in fix: {type(error).__name__}: {error}")
        return outcome
    outcome.fixed = len(fixed.fixed)
    outcome.changed = fixed.source != unit.source
    if outcome.changed and compiles(unit.source) and not compiles(fixed.source):
        outcome.problems.append("the fixed file does not compile")
    if again.source != fixed.source:
        outcome.problems.append("a second fix run changed the file again")
    return outcome


# --- the report ---------------------------------------------------------------------------


@dataclass
class Tally:
    commit: str = ""
    absent: int = 0  # code files the snapshot lacks
    files: int = 0
    notebooks: int = 0
    cells_left_out: int = 0
    lines: int = 0
    analysed: int = 0
    unparsable: int = 0
    findings: collections.Counter = field(default_factory=collections.Counter)
    fixed: int = 0
    changed: int = 0
    problems: int = 0
    seconds: float = 0.0

    def add(self, outcome: Outcome, notebook: bool, cells_left_out: int) -> None:
        self.files += 1
        self.notebooks += notebook
        self.cells_left_out += cells_left_out
        self.lines += outcome.lines
        self.analysed += outcome.analysed
        self.unparsable += bool(outcome.unparsable)
        self.findings.update(code for code, _, _ in outcome.findings)
        self.fixed += outcome.fixed
        self.changed += outcome.changed
        self.problems += len(outcome.problems)


def row(name: str, tally: Tally) -> str:
    found = ", ".join(f"{code}: {n}" for code, n in sorted(tally.findings.items())) or "0"
    return (
        f"| {name} | {tally.commit[:12]} | {tally.files} | {tally.notebooks} | {tally.lines} | {tally.analysed} "
        f"| {tally.unparsable} | {found} | {tally.fixed} | {tally.changed} | {tally.problems} | {tally.seconds:.1f} |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="+", type=Path, help="bare git directories, or folders of them")
    parser.add_argument("--show", action="store_true", help="print every finding with its line of code")
    parser.add_argument("--jobs", type=int, default=2)
    options = parser.parse_args()
    tallies: Dict[str, Tally] = {}
    total = Tally()
    details: List[str] = []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="sweep-", dir="/tmp") as work, multiprocessing.Pool(options.jobs) as pool:
        for git_dir in git_dirs(options.sources):
            name = repo_name(git_dir)
            tally = tallies[name] = Tally()
            began = time.perf_counter()
            root = Path(work) / name.replace("/", "+")
            root.mkdir(parents=True)
            tally.commit, tally.absent = extract(git_dir, root)
            total.absent += tally.absent
            units = list(units_of(name, root))
            for unit, outcome in zip(units, pool.imap(sweep_unit, units, chunksize=4)):
                for counted in (tally, total):
                    counted.add(outcome, unit.places is not None, unit.cells_left_out)
                if options.show:
                    details += [f"{name} {outcome.path} {text}" for _, _, text in outcome.findings]
                    details += [f"unparsable {name} {outcome.path}: {outcome.unparsable}"] if outcome.unparsable else []
                details += [f"PROBLEM {name} {outcome.path}: {problem}" for problem in outcome.problems]
            tally.seconds = time.perf_counter() - began
    total.seconds = time.perf_counter() - start
    print("| repository | commit | files | of them notebooks | lines | analysed | unparsable | findings "
          "| fixed | changed files | crashes or broken fixes | seconds |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, tally in tallies.items():
        print(row(name, tally))
    print(row(f"**{len(tallies)} repositories**", total))
    print(f"\n{options.jobs} processes; "
          f"{total.absent} code files absent from the snapshots; {total.cells_left_out} notebook cells left out")
    for line in details:
        print(line)
    return 1 if total.problems else 0


if __name__ == "__main__":
    sys.exit(main())
