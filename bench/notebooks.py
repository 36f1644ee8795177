"""Benchmark notebooks: the fixer CLI against `nbqa flake8 --select GPT` (flake8 with this plugin,
through nbqa) on the same notebooks, comparing findings and time.

    python bench/notebooks.py [FOLDER] [--notebooks 200] [--reps 5] [--seed 0]

Without FOLDER, generates realistic notebooks: the user scripts of bench/user_scripts.py cut into
cells at their top-level blocks, with markdown between them, IPython magics and shell escapes,
outputs, and a working session at the end whose cells use the model and tokenizer loaded in an
earlier cell (a sixth of them with a mistake). Both tools run with this working tree first on the
path, in this interpreter's environment, which needs nbqa (`pip install -e '.[bench]'`). Prints
whether they report the same findings (code, notebook, code cell, line, column), then median
times with one process and with every core, and the time of `--fix --unsafe-fixes`: wall time and,
since other work on a shared machine makes wall time noisy, the CPU time of the processes.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import List, Set, Tuple

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from user_scripts import script  # noqa: E402  (bench/ is no package)

Finding = Tuple[str, int, int, int, str]  # notebook, code cell, line, column, code
OURS = re.compile(r"^(.*\.ipynb):cell (\d+):(\d+):(\d+): (GPT\d+) ", re.MULTILINE)
NBQA = re.compile(r"^(.*\.ipynb):cell_(\d+):(\d+):(\d+): (GPT\d+) ", re.MULTILINE)

SETUP = ["!pip install -q transformers torch", "%matplotlib inline\n%load_ext autoreload\n%autoreload 2"]
LOAD = 'tokenizer = AutoTokenizer.from_pretrained("gpt2")\n{pad}model = AutoModelForCausalLM.from_pretrained("gpt2")'
SESSION = [
    '%%time\nprompts = ["Once upon a time", "The weather today is"]\n'
    'batch = tokenizer(prompts, return_tensors="pt", padding=True)',
    "with torch.no_grad():\n    outputs = model(**batch)\noutputs.logits.shape",
    "model.generate?",
    'generated = model.generate(**batch, max_new_tokens=20, pad_token_id=tokenizer.eos_token_id)\n'
    "tokenizer.batch_decode(generated, skip_special_tokens=True)",
]
MISTAKE = 'scores = model("Once upon a time").logits'


def code_cell(source: str, rng: random.Random, count: int) -> dict:
    ran = rng.random() < 0.7
    return {
        "cell_type": "code",
        "execution_count": count if ran else None,
        "id": f"{rng.getrandbits(32):08x}",
        "metadata": {},
        "outputs": [{"name": "stdout", "output_type": "stream", "text": [f"{count} done\n"]}] if ran else [],
        "source": source.splitlines(keepends=True),
    }


def markdown_cell(text: str, rng: random.Random) -> dict:
    return {"cell_type": "markdown", "id": f"{rng.getrandbits(32):08x}", "metadata": {}, "source": [text]}


def notebook(rng: random.Random, number: int) -> str:
    blocks = [block.strip("\n") for block in script(rng, number).split("\n\n\n")]
    mistaken = rng.random() < 1 / 6
    sources = SETUP + blocks + [LOAD.format(pad="" if mistaken else "tokenizer.pad_token = tokenizer.eos_token\n")]
    sources += SESSION + ([MISTAKE] if mistaken else [])
    cells = [markdown_cell(f"# Notebook {number}", rng)]
    for count, source in enumerate(sources, start=1):
        if rng.random() < 0.3:
            cells.append(markdown_cell(f"Step {count}: what the next cell does.", rng))
        cells.append(code_cell(source, rng, count))
    metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python", "version": "3.11.7"},
    }
    content = {"cells": cells, "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(content, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def generate(folder: Path, count: int, seed: int) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (folder / f"notebook_{number:04d}.ipynb").write_text(notebook(rng, number), encoding="utf-8")


def ours(folder: Path, *options: str) -> List[str]:
    return [sys.executable, "-m", "flake8_gpt2.frontends.cli", *options, str(folder)]


def nbqa(folder: Path, *options: str) -> List[str]:
    return [sys.executable, "-m", "nbqa", "flake8", str(folder), "--select", "GPT", *options]


def findings(command: List[str], pattern: re.Pattern) -> Set[Finding]:
    out = subprocess.run(command, capture_output=True, text=True).stdout
    return {(Path(p).name, int(c), int(line), int(col), code) for p, c, line, col, code in pattern.findall(out)}


def timed(command: List[str]) -> Tuple[float, float]:
    """Wall time, and the CPU time (user and system) of the command's processes: the second stays
    meaningful on a machine that other work shares."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def median_times(command: List[str], reps: int) -> Tuple[float, float]:
    walls, cpus = zip(*(timed(command) for _ in range(reps)))
    return statistics.median(walls), statistics.median(cpus)


def median_fix_times(folder: Path, reps: int) -> Tuple[float, float]:
    times = []
    for _ in range(reps):
        copy = Path(tempfile.mkdtemp(prefix="flake8-gpt2-nb-fix-"))
        shutil.copytree(folder, copy, dirs_exist_ok=True)
        times.append(timed(ours(copy, "--fix", "--unsafe-fixes")))
        shutil.rmtree(copy)
    walls, cpus = zip(*times)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, help="notebooks to use instead of generated ones")
    parser.add_argument("--notebooks", type=int, default=200)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    options = parser.parse_args()
    os.environ["PYTHONPATH"] = os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    folder = options.folder
    if folder is None:
        folder = Path(tempfile.mkdtemp(prefix="flake8-gpt2-notebooks-"))
        generate(folder, options.notebooks, options.seed)
    paths = sorted(folder.rglob("*.ipynb"))
    cells = sum(
        sum(c.get("cell_type") == "code" for c in json.loads(p.read_text(encoding="utf-8"))["cells"]) for p in paths
    )
    size = sum(p.stat().st_size for p in paths) / 1e6
    print(f"{len(paths)} notebooks, {cells} code cells, {size:.1f} MB in {folder}")

    found, by_nbqa = findings(ours(folder), OURS), findings(nbqa(folder), NBQA)
    print(f"findings: flake8-gpt2 {len(found)}, nbqa flake8 {len(by_nbqa)}, both {len(found & by_nbqa)}")
    for finding in sorted(found - by_nbqa):
        print("  only flake8-gpt2:", finding)
    for finding in sorted(by_nbqa - found):
        print("  only nbqa flake8:", finding)

    print(f"{'wall time (CPU time)':24} {'flake8-gpt2':>18} {'nbqa flake8':>18} {'ratio':>12}")
    for label, jobs in (("one process", ["--jobs", "1"]), (f"every core ({os.cpu_count()})", [])):
        (a, a_cpu), (b, b_cpu) = (median_times(tool(folder, *jobs), options.reps) for tool in (ours, nbqa))
        print(
            f"{label:24} {a:>8.2f}s ({a_cpu:>6.2f}s) {b:>8.2f}s ({b_cpu:>6.2f}s) {b / a:>4.1f}x ({b_cpu / a_cpu:.1f}x)"
        )
    wall, cpu = median_fix_times(folder, options.reps)
    print(f"flake8-gpt2 --fix --unsafe-fixes, every core: {wall:.2f}s ({cpu:.2f}s)")


if __name__ == "__main__":
    main()
