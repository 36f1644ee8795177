"""Benchmark: flake8 with flake8-gpt2 against flake8 alone, on the same files in the same run.

    python bench/bench.py [--reps 5] [--files 400] [--torchfix]

Builds two trees: S, the first 150 sorted `models/**/*.py` files of the installed transformers
(ordinary code: few of them import transformers), and U, generated user scripts that all import
transformers and call models (bench/user_scripts.py). Creates two virtual environments under
bench/.envs with the same flake8: A has flake8 alone, B flake8 and this project. Times whole
`flake8 --jobs 1` processes, alternating A and B, and prints median wall and CPU times and ratios, the plugin's
cost per file, where its time goes (bench/breakdown.py), the fixer CLI's time (every core) and its
peak memory over the whole transformers package, and, with --torchfix, TorchFix's CLI in an
environment of its own (it pins libcst < 1.6). Run it with the interpreter of the README's set-up
(`.venv/bin/python bench/bench.py`), which has transformers installed.
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
from typing import Tuple

import flake8

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ENVS = HERE / ".envs"
TORCH_PIN = "torch==2.13.0"  # so nothing pulls the CUDA builds


FIND_TRANSFORMERS = "import importlib.util as u; print(u.find_spec('transformers').submodule_search_locations[0])"


def transformers_dir() -> Path:
    spec = subprocess.run(
        [sys.executable, "-c", FIND_TRANSFORMERS],
        capture_output=True, text=True, check=True,
    )
    return Path(spec.stdout.strip())


def build_trees(work: Path, files: int) -> dict:
    models = sorted((transformers_dir() / "models").rglob("*.py"))[:150]
    s_tree = work / "S"
    for path in models:
        target = s_tree / path.relative_to(transformers_dir())
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)
    sys.path.insert(0, str(HERE))
    from user_scripts import generate

    generate(work / "U", files)
    return {"S": s_tree, "U": work / "U"}


def venv(name: str, *requirements: str) -> Path:
    folder = ENVS / name
    python = folder / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
        constraints = ENVS / "constraints.txt"
        constraints.write_text(TORCH_PIN + "\n")
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "-c", str(constraints), *requirements], check=True
        )
    return folder / "bin"


def timed(command: list) -> float:
    return timed_both(command)[0]


def timed_both(command: list) -> Tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of `command`: on a shared machine the CPU
    time is the steadier of the two."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    process.returncode = 0  # reaped by wait4: keep Popen from waiting for it again
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def peak_rss_mb(command: list) -> float:
    done = subprocess.run(["/usr/bin/time", "-f", "%M", *command], capture_output=True, text=True)
    return int(done.stderr.strip().splitlines()[-1]) / 1024


def lines_of(tree: Path) -> int:
    return sum(p.read_bytes().count(b"\n") for p in tree.rglob("*.py"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--files", type=int, default=400, help="generated user scripts in U")
    parser.add_argument("--torchfix", action="store_true", help="also time TorchFix (installs it)")
    options = parser.parse_args()

    alone = venv("flake8-alone", f"flake8=={flake8.__version__}")
    plugin = venv("flake8-gpt2", f"flake8=={flake8.__version__}", "-e", str(ROOT))  # the working tree
    torchfix = None
    if options.torchfix:
        try:  # with the same flake8 as A and B
            torchfix = venv("torchfix", "torchfix", f"flake8=={flake8.__version__}", TORCH_PIN)
        except subprocess.CalledProcessError:
            print("torchfix: could not be installed; skipped")
    work = Path(tempfile.mkdtemp(prefix="flake8-gpt2-bench-"))
    trees = build_trees(work, options.files)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, flake8 {flake8.__version__}")
    print(
        f"{'tree':4} {'files':>6} {'lines':>7} {'flake8 alone':>13} {'with plugin':>12} {'ratio':>6} {'ms/file':>8}"
        f" {'CPU: alone':>11} {'with plugin':>12} {'ratio':>6}"
        + (f" {'with TorchFix':>14} {'ratio':>6}" if torchfix else "")
    )
    flake8_alone = {}
    for name, tree in trees.items():
        count = len(list(tree.rglob("*.py")))
        a_runs, b_runs, t_times = [], [], []
        for _ in range(options.reps):
            a_runs.append(timed_both([str(alone / "flake8"), "--jobs", "1", str(tree)]))
            b_runs.append(timed_both([str(plugin / "flake8"), "--jobs", "1", str(tree)]))
            if torchfix:
                t_times.append(timed([str(torchfix / "flake8"), "--jobs", "1", str(tree)]))
        a, b = (statistics.median(wall for wall, _ in runs) for runs in (a_runs, b_runs))
        a_cpu, b_cpu = (statistics.median(cpu for _, cpu in runs) for runs in (a_runs, b_runs))
        flake8_alone[name] = a
        per_file_ms = (b - a) / count * 1000
        row = (
            f"{name:4} {count:>6} {lines_of(tree):>7} {a:>12.2f}s {b:>11.2f}s {b / a:>6.2f} {per_file_ms:>8.2f}"
            f" {a_cpu:>10.2f}s {b_cpu:>11.2f}s {b_cpu / a_cpu:>6.2f}"
        )
        if torchfix:
            t = statistics.median(t_times)
            row += f" {t:>13.2f}s {t / a:>6.2f}"
        print(row)

    print()
    for tree in trees.values():
        subprocess.run([str(plugin / "python"), str(HERE / "breakdown.py"), str(tree)], check=True)

    print()
    fixer_cli = [str(plugin / "flake8-gpt2"), "--no-cache"]  # each repetition analysed again
    for name, tree in trees.items():
        fixer = statistics.median(timed([*fixer_cli, str(tree)]) for _ in range(options.reps))
        one_core = statistics.median(timed([*fixer_cli, "--jobs", "1", str(tree)]) for _ in range(options.reps))
        print(f"fixer CLI on {name}: {fixer:.2f}s on every core, {one_core:.2f}s on one")
    package = transformers_dir()
    memory = peak_rss_mb([*fixer_cli, "--jobs", "1", str(package)])
    print(f"fixer CLI peak memory over the whole {package}: {memory:.0f} MB (one process)")

    if torchfix:
        t = statistics.median(timed([str(torchfix / "torchfix"), str(trees["S"])]) for _ in range(options.reps))
        ours = statistics.median(timed([*fixer_cli, str(trees["S"])]) for _ in range(options.reps))
        print(f"torchfix CLI on S: {t:.2f}s ({t / flake8_alone['S']:.2f}x flake8 alone); flake8-gpt2 CLI: "
              f"{ours:.2f}s ({t / ours:.1f}x faster than torchfix)")


if __name__ == "__main__":
    main()
