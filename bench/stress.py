"""How the cost of checking and fixing grows with the number of findings in one file.

    python bench/stress.py [--lines 60000] [--profile check|fix] [--top 25]

Generates two files of the same size in a temporary folder: one with a finding on most lines
(text passed to a model, GPT001, whose safe fix is applied by `--fix`), and one with the same
calls written correctly (no finding, but every call analysed). Each step (libcst's parse, the
check, the fix) runs in a fresh process, so its peak memory (the process's maximum resident
set) is its own; it prints wall and CPU seconds. `--profile` runs one step on the file with
findings under cProfile and prints the functions where the time goes.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import libcst as cst

from flake8_gpt2.pipeline import check, fix

HEADER = """from transformers import GPT2LMHeadModel, GPT2Tokenizer

tokenizer = GPT2Tokenizer.from_pretrained("gpt2")
model = GPT2LMHeadModel.from_pretrained("gpt2")
"""
# nine lines in ten call the model
WITH_FINDING = 'model("Hello {n}")\n'
WITHOUT_FINDING = 'model(**tokenizer("Hello {n}", return_tensors="pt"))\n'
FILLER = "value_{n} = {n}\n"


def generate(lines: int, call: str) -> bytes:
    body = [(FILLER if n % 10 == 0 else call).format(n=n) for n in range(lines - HEADER.count("\n"))]
    return (HEADER + "".join(body)).encode()


def _selects(code: str) -> bool:
    return code.startswith("GPT")


STEPS = {
    "parse": lambda source: cst.parse_module(source),
    "check": lambda source: check(source, _selects),
    "fix": lambda source: fix(source, _selects, unsafe=False),
}


def run_step(step: str, path: Path) -> None:
    """In this process: one step on one file; prints its seconds and peak memory as JSON."""
    source = path.read_bytes()
    start, start_cpu = time.perf_counter(), time.process_time()
    result = STEPS[step](source)
    seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    findings = len(result.findings) + len(result.fixed) if step != "parse" else None
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mib": peak_mib, "findings": findings}))


def measure(step: str, path: Path) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--run-step", step, str(path)], check=True, capture_output=True, text=True
    )
    return json.loads(done.stdout)


def profile(step: str, path: Path, top: int) -> None:
    source = path.read_bytes()
    profiler = cProfile.Profile()
    profiler.runcall(STEPS[step], source)
    for order in ("tottime", "cumulative"):
        print(f"\n== {step} of {path.name}, by {order} ==")
        pstats.Stats(profiler).strip_dirs().sort_stats(order).print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=60_000)
    parser.add_argument("--profile", choices=sorted(STEPS))
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--run-step", nargs=2, metavar=("STEP", "FILE"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.run_step:
        run_step(options.run_step[0], Path(options.run_step[1]))
        return
    with tempfile.TemporaryDirectory() as folder:
        files = {
            "findings": Path(folder) / "findings.py",
            "no findings": Path(folder) / "no_findings.py",
        }
        files["findings"].write_bytes(generate(options.lines, WITH_FINDING))
        files["no findings"].write_bytes(generate(options.lines, WITHOUT_FINDING))
        if options.profile:
            profile(options.profile, files["findings"], options.top)
            return
        # CPU seconds compare steps on a shared machine, where wall time depends on the neighbours
        print(f"{options.lines} lines per file; one process per step")
        columns = ("file", "step", "seconds", "CPU s", "peak MiB", "findings", "CPU x parse")
        print("{:<12} {:<6} {:>8} {:>8} {:>9} {:>9} {:>12}".format(*columns))
        for name, path in files.items():
            parse_cpu = None
            for step in STEPS:
                result = measure(step, path)
                parse_cpu = parse_cpu or result["cpu"]
                findings = "" if result["findings"] is None else result["findings"]
                print(
                    f"{name:<12} {step:<6} {result['seconds']:>8.2f} {result['cpu']:>8.2f} {result['peak_mib']:>9.0f} "
                    f"{findings:>9} {result['cpu'] / parse_cpu:>12.1f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
