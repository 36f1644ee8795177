"""Lint whole installed packages of real transformers-using code, and count findings and crashes.

    python bench/corpus.py [--python PYTHON] [--show] [PACKAGE_OR_DIR ...]

Default packages: transformers, trl, peft, accelerate, datasets, sentence_transformers, evaluate,
found in the environment of PYTHON (default: this interpreter), without importing them here.
A directory is linted as it is. --every-file also analyses the files that the gate skips, to hunt
for crashes on more code. Prints, per corpus: files, lines, files skipped before libcst (they
do not import transformers), findings by code, crashes, seconds; --show prints every finding with
its line of code.
"""
from __future__ import annotations

import argparse
import collections
import subprocess
import sys
import time
from pathlib import Path
from typing import Optional

from flake8_gpt2.gate import may_hold_findings
from flake8_gpt2.pipeline import lint_gated
from flake8_gpt2.settings import Settings

DEFAULT = ["transformers", "trl", "peft", "accelerate", "datasets", "sentence_transformers", "evaluate"]
FIND = (
    "import importlib.util as u, sys; s = u.find_spec(sys.argv[1]);"
    " print(s.submodule_search_locations[0] if s else '')"
)


def locate(package: str, python: str) -> Optional[Path]:
    done = subprocess.run([python, "-c", FIND, package], capture_output=True, text=True)
    return Path(done.stdout.strip()) if done.returncode == 0 and done.stdout.strip() else None


def version(package: str, python: str) -> str:
    code = "import importlib.metadata as m, sys; print(m.version(sys.argv[1].replace('_', '-')))"
    done = subprocess.run([python, "-c", code, package], capture_output=True, text=True)
    return done.stdout.strip() or "?"


def lint_tree(root: Path, show: bool, every_file: bool) -> dict:
    counts: collections.Counter = collections.Counter()
    crashes = []
    files = lines = skipped = 0
    start = time.perf_counter()
    for path in sorted(root.rglob("*.py")):
        source = path.read_bytes()
        files += 1
        lines += source.count(b"\n")
        if not every_file and not may_hold_findings(source):
            skipped += 1
            continue
        try:
            findings = lint_gated(source, Settings())
        except Exception as error:  # counted, shown, and the run goes on
            crashes.append(f"{path}: {type(error).__name__}: {error}")
            continue
        for finding in findings:
            counts[finding.code] += 1
            if show:
                code_line = source.decode("utf-8", "replace").splitlines()[finding.line - 1].strip()
                print(f"{path}:{finding.line}:{finding.column + 1}: {finding.text}\n    {code_line}")
    return {
        "files": files, "lines": lines, "skipped": skipped, "findings": counts,
        "crashes": crashes, "seconds": time.perf_counter() - start,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", default=DEFAULT)
    parser.add_argument("--python", default=sys.executable, help="interpreter whose packages to lint")
    parser.add_argument("--show", action="store_true", help="print every finding and crash")
    parser.add_argument(
        "--every-file", action="store_true", help="analyse files that do not import transformers too (a crash hunt)"
    )
    options = parser.parse_args()
    print("| corpus | version | files | lines | skipped | findings | crashes | seconds |")
    print("|---|---|---|---|---|---|---|---|")
    bad = 0
    for corpus in options.corpora:
        root = Path(corpus) if Path(corpus).is_dir() else locate(corpus, options.python)
        if root is None:
            print(f"| {corpus} | not installed | | | | | | |")
            continue
        stats = lint_tree(root, options.show, options.every_file)
        found = ", ".join(f"{code}: {n}" for code, n in sorted(stats["findings"].items())) or "0"
        label = version(corpus, options.python) if not Path(corpus).is_dir() else "(directory)"
        print(f"| {corpus} | {label} | {stats['files']} | {stats['lines']} | {stats['skipped']} | {found} "
              f"| {len(stats['crashes'])} | {stats['seconds']:.1f} |")
        for crash in stats["crashes"]:
            print(f"    crash: {crash}")
        bad += len(stats["crashes"])
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
