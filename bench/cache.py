"""Benchmark the command's cache: a second run over a tree that did not change, against the first.

    python bench/cache.py [FOLDER ...] [--files 400] [--reps 3] [--jobs N]

Without FOLDER, generates the user scripts of bench/user_scripts.py (every file calls models, so
none is skipped by the gate). With FOLDER (a checkout of huggingface/notebooks, say, kept outside
this repository), times `flake8-gpt2` on it. Each repetition runs with a new, empty cache folder:
first run (the cache is written), second run (the same files, read from it), and, for scale, a run
with `--no-cache`. Prints median wall and CPU times (user + system, of the process and its
workers) and the ratio second / first; the target is 0.2x or less.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import List, Tuple

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from user_scripts import generate  # noqa: E402


def timed(command: List[str], cwd: Path) -> Tuple[float, float]:
    """Wall and CPU time of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    process.returncode = 0  # reaped by wait4
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, help="trees to lint instead of generated scripts")
    parser.add_argument("--files", type=int, default=400, help="generated user scripts")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        work_path = Path(work)
        folders = [folder.resolve() for folder in options.folders]
        if not folders:
            folders = [work_path / "scripts"]
            generate(folders[0], options.files)
        command = [sys.executable, "-m", "flake8_gpt2", "--jobs", str(options.jobs), *map(str, folders)]
        runs = {"first": [], "second": [], "no cache": []}
        for rep in range(options.reps):
            cache_dir = work_path / f"cache{rep}"
            with_cache = [*command, "--cache-dir", str(cache_dir)]
            runs["first"].append(timed(with_cache, work_path))
            runs["second"].append(timed(with_cache, work_path))
            runs["no cache"].append(timed([*command, "--no-cache"], work_path))
            shutil.rmtree(cache_dir)
        print(f"{' '.join(map(str, options.folders)) or f'{options.files} generated user scripts'}, "
              f"--jobs {options.jobs}, median of {options.reps}")
        medians = {name: tuple(statistics.median(t[i] for t in times) for i in (0, 1)) for name, times in runs.items()}
        for name, (wall, cpu) in medians.items():
            print(f"  {name:<9} wall {wall:7.2f} s   cpu {cpu:7.2f} s")
        for i, kind in enumerate(("wall", "cpu")):
            print(f"  second / first ({kind}): {medians['second'][i] / medians['first'][i]:.2f}x")


if __name__ == "__main__":
    main()
