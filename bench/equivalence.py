"""Prove that two versions of the linter give the same findings and the same fixed bytes.

    python bench/equivalence.py record --tree CHECKOUT --out FILE.json [--jobs 2]
                                       [--transformers-version 4.57] INPUT_DIR_OR_FILE ...
    python bench/equivalence.py compare OLD.json NEW.json
    python bench/equivalence.py export --into DIR GIT_DIR_OR_FOLDER ...

`record` runs the linter of CHECKOUT (its `flake8_gpt2` first on the path, in this interpreter, so
two versions are compared with one environment) over every .py and .ipynb file of the inputs, and
writes per file: each finding of `check` (code, line, column, message, fix safety, and the cell of
a notebook), the fixes `fix(..., unsafe=True)` applied, the fixed bytes (their hash, and the text
when it differs from the input), skipped notebook cells and errors. A file is named by the last
folder of its input and its path below it (`fixtures/GPT001/x.py`), so inputs may move.

`compare` prints every difference (files on one side only, inputs that differ, findings, fixes,
errors, and a diff of the fixed code) and exits 1 when there is any.

`export` writes the `.py` and `.ipynb` files of each snapshot's HEAD into DIR/owner+name (with
bench/sweep.py's extraction, never into the repository) and lists the commits in DIR/commits.txt.
"""
from __future__ import annotations

import argparse
import difflib
import hashlib
import importlib.metadata
import json
import multiprocessing
import os
import subprocess
import sys
import time
import warnings
from collections import Counter
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

SUFFIXES = (".py", ".ipynb")
Record = Dict[str, object]
ENVIRONMENT = ("transformers", "libcst", "python")  # what the results depend on besides the linter


# --- the worker: runs with the recorded checkout's flake8_gpt2 first on the path ---------------


def every_code(code: str) -> bool:
    return True


def settings(version: Optional[str]):
    from flake8_gpt2.settings import Settings

    return Settings(transformers_version=version)


def described(error: Exception) -> str:
    text = str(error).splitlines()
    return f"{type(error).__name__}: {text[0] if text else ''}"


def finding_row(finding, with_message: bool = True) -> list:
    safety = None if finding.fix is None else ("safe" if finding.fix.safe else "unsafe")
    row = [finding.code, getattr(finding, "cell", None), finding.line, finding.column]
    return row + [finding.message, safety] if with_message else row


def record_file(job: Tuple[str, str, Optional[str]]) -> Tuple[str, Record]:
    from flake8_gpt2.frontends.notebook import check_notebook, fix_notebook
    from flake8_gpt2.pipeline import check, fix

    warnings.simplefilter("ignore", SyntaxWarning)  # compile() warns on odd but valid user code
    key, path, version = job
    source = Path(path).read_bytes()
    notebook = path.endswith(".ipynb")
    record: Record = {"path": path, "input": hashlib.sha256(source).hexdigest()}
    try:
        found = (check_notebook if notebook else check)(source, every_code, settings(version))
        record["findings"] = [finding_row(f) for f in found.findings]
        record["skipped_cells"] = [[cell, described(error)] for cell, error in getattr(found, "skipped", ())]
    except Exception as error:  # unparsable input, or a crash: either must stay the same
        record["error"] = described(error)
    try:
        fixed = (fix_notebook if notebook else fix)(source, every_code, True, settings(version))
        record["fixes"] = [finding_row(f, with_message=False) for f in fixed.fixed]
        record["left"] = [finding_row(f) for f in fixed.findings]
        record["fixed"] = hashlib.sha256(fixed.source).hexdigest()
        if fixed.source != source:
            record["fixed_text"] = fixed.source.decode("utf-8", "surrogateescape")
    except Exception as error:
        record["fix_error"] = described(error)
    return key, record


def work(jobs: int, version: Optional[str]) -> None:
    """Reads `[key, path]` pairs on stdin; writes one `[key, record]` JSON line per file."""
    import flake8_gpt2

    print(json.dumps({"module": flake8_gpt2.__file__}), flush=True)
    tasks = [(key, path, version) for key, path in json.load(sys.stdin)]
    with multiprocessing.Pool(jobs) as pool:
        for key, record in pool.imap_unordered(record_file, tasks):
            print(json.dumps([key, record]), flush=True)


# --- record ----------------------------------------------------------------------------------


def files_of(inputs: List[Path]) -> Iterator[Tuple[str, Path]]:
    """(key, path) of every code file: the key is the input's last name and the path below it."""
    labels = Counter(path.resolve().name for path in inputs)
    if any(count > 1 for count in labels.values()):
        raise SystemExit(f"inputs must have distinct last names: {sorted(labels)}")
    for argument in inputs:
        root = argument.resolve()
        if root.is_file():
            yield root.name, root
            continue
        for path in sorted(p for p in root.rglob("*") if p.suffix in SUFFIXES and p.is_file()):
            yield f"{root.name}/{path.relative_to(root).as_posix()}", path


def commit_of(tree: Path) -> str:
    if not (tree / ".git").exists():  # a folder inside another checkout is not that checkout
        return "(no git checkout)"
    done = subprocess.run(["git", "-C", str(tree), "rev-parse", "HEAD"], capture_output=True, text=True)
    return done.stdout.strip() or "(no commit)"


def record(tree: Path, inputs: List[Path], jobs: int, version: Optional[str]) -> dict:
    tree = tree.resolve()
    pairs = [[key, str(path)] for key, path in files_of(inputs)]
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tree), os.environ.get("PYTHONPATH", "")]))
    arguments = [sys.executable, str(Path(__file__).resolve()), "work", "--jobs", str(jobs)]
    arguments += ["--transformers-version", version] if version else []
    start = time.perf_counter()
    done = subprocess.run(arguments, input=json.dumps(pairs), env=environment, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"the worker failed:\n{done.stderr}")
    header, *lines = done.stdout.splitlines()
    module = json.loads(header)["module"]
    if not Path(module).resolve().is_relative_to(tree):
        raise SystemExit(f"flake8_gpt2 came from {module}, not from {tree}")
    files = dict(sorted(tuple(json.loads(line)) for line in lines))
    return {
        "tree": str(tree),
        "commit": commit_of(tree),
        "module": module,
        "transformers": version or installed("transformers"),
        "libcst": installed("libcst"),
        "python": sys.version.split()[0],
        "seconds": round(time.perf_counter() - start, 1),
        "files": files,
    }


def installed(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "(not installed)"


def counts(files: Dict[str, Record]) -> str:
    codes = Counter(row[0] for record in files.values() for row in record.get("findings", ()))
    notebooks = sum(key.endswith(".ipynb") for key in files)
    errors = sum("error" in record or "fix_error" in record for record in files.values())
    changed = sum("fixed_text" in record for record in files.values())
    by_code = ", ".join(f"{code}: {n}" for code, n in sorted(codes.items())) or "none"
    return (f"{len(files)} files ({notebooks} notebooks), {sum(codes.values())} findings ({by_code}), "
            f"{changed} files changed by the fixer, {errors} files with errors")


# --- compare ---------------------------------------------------------------------------------


def rows(record: Record, field: str) -> List[str]:
    return [json.dumps(row, ensure_ascii=False) for row in record.get(field, ())]


def listed_difference(field: str, old: Record, new: Record) -> List[str]:
    before, after = rows(old, field), rows(new, field)
    if before == after:
        return []
    if sorted(before) == sorted(after):
        return [f"  {field}: the same, in another order"]
    gone, came = Counter(before) - Counter(after), Counter(after) - Counter(before)
    return [f"  {field}:"] + [f"    - {row}" for row in gone.elements()] + [f"    + {row}" for row in came.elements()]


def fixed_text(record: Record) -> Optional[str]:
    """The fixed code, or the input when the fixer left it alone (read back from its path)."""
    if "fixed_text" in record:
        return str(record["fixed_text"])
    if record.get("fixed") == record["input"] and Path(str(record["path"])).is_file():
        return Path(str(record["path"])).read_bytes().decode("utf-8", "surrogateescape")
    return None


def file_differences(key: str, old: Record, new: Record) -> List[str]:
    lines: List[str] = []
    if old["input"] != new["input"]:
        lines.append("  the input differs: the two records did not read the same file")
    for field in ("error", "fix_error"):
        if old.get(field) != new.get(field):
            lines.append(f"  {field}: {old.get(field)!r} -> {new.get(field)!r}")
    for field in ("findings", "skipped_cells", "fixes", "left"):
        lines += listed_difference(field, old, new)
    if old.get("fixed") != new.get("fixed"):
        before, after = fixed_text(old), fixed_text(new)
        if before is None or after is None:
            lines.append(f"  fixed code: sha256 {old.get('fixed')} -> {new.get('fixed')} (no text to diff)")
        else:
            diff = difflib.unified_diff(
                before.splitlines(keepends=True), after.splitlines(keepends=True), f"old/{key}", f"new/{key}"
            )
            lines += ["  fixed code:"] + [f"    {line.rstrip(chr(10))}" for line in diff]
    return lines


def compare(old: dict, new: dict) -> List[str]:
    report = [
        f"{name} version: {old.get(name)} -> {new.get(name)}"
        for name in ENVIRONMENT if old.get(name) != new.get(name)
    ]
    for key in sorted(set(old["files"]) | set(new["files"])):
        if key not in new["files"]:
            report.append(f"{key}: only in the old record")
        elif key not in old["files"]:
            report.append(f"{key}: only in the new record")
        else:
            lines = file_differences(key, old["files"][key], new["files"][key])
            report += [f"{key}:"] + lines if lines else []
    return report


# --- export ----------------------------------------------------------------------------------


def export(sources: List[Path], into: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from sweep import extract, git_dirs, repo_name  # bench/ is no package

    listed = []
    for git_dir in git_dirs(sources):
        name = repo_name(git_dir)
        root = into / name.replace("/", "+")
        root.mkdir(parents=True, exist_ok=False)
        commit, absent = extract(git_dir, root)
        listed.append(f"{name} {commit} absent={absent}")
        print(listed[-1], flush=True)
    (into / "commits.txt").write_text("".join(line + "\n" for line in listed))


# --- the command -----------------------------------------------------------------------------


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    verbs = parser.add_subparsers(dest="verb", required=True)
    recording = verbs.add_parser("record", help="record one checkout's findings and fixes")
    recording.add_argument("--tree", type=Path, required=True, help="the checkout whose flake8_gpt2 runs")
    recording.add_argument("--out", type=Path, required=True)
    recording.add_argument("inputs", nargs="+", type=Path)
    comparing = verbs.add_parser("compare", help="print every difference of two records")
    comparing.add_argument("old", type=Path)
    comparing.add_argument("new", type=Path)
    exporting = verbs.add_parser("export", help="write the code files of git snapshots' HEAD into a folder")
    exporting.add_argument("--into", type=Path, required=True)
    exporting.add_argument("sources", nargs="+", type=Path, help="bare git directories, or folders of them")
    working = verbs.add_parser("work")  # record's worker process
    for verb in (recording, working):
        verb.add_argument("--jobs", type=int, default=2)
        verb.add_argument("--transformers-version", help="the version the code runs on (default: installed)")
    options = parser.parse_args(argv)
    if options.verb == "work":
        work(options.jobs, options.transformers_version)
    elif options.verb == "record":
        result = record(options.tree, options.inputs, options.jobs, options.transformers_version)
        options.out.parent.mkdir(parents=True, exist_ok=True)
        options.out.write_text(json.dumps(result) + "\n")
        print(f"{options.out}: {counts(result['files'])}; {result['seconds']} s")
    elif options.verb == "export":
        export(options.sources, options.into)
    else:
        old, new = (json.loads(path.read_text()) for path in (options.old, options.new))
        report = compare(old, new)
        print("\n".join(report) if report else f"no difference in {len(new['files'])} files")
        print(f"old: {counts(old['files'])}\nnew: {counts(new['files'])}")
        return 1 if report else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
