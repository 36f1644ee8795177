"""How the cost of checking and fixing grows with the size of one file, whatever the file holds.

    python bench/stress.py [--lines 1000,5000,20000] [--shapes findings,bindings,...]
    python bench/stress.py --lines 5000 --shapes bindings --profile check [--top 25]

For each shape and size, generates one file in a temporary folder and runs libcst's parse, the
check and the fix on it, each in a fresh process (so its peak memory, the maximum resident set, is
its own). It prints CPU seconds (a shared machine distorts wall time less than CPU time), the cost
per line in microseconds, and each step's cost as a multiple of the parse's. The shapes:

- findings: a GPT001 finding (text passed to a model; a safe fix) on nine lines in ten;
- clean: the same calls written correctly (no finding, every call analysed);
- bindings: a new module-level name on every other line, a GPT001 finding on the others, and no
  tokenizer in reach (so each fix looks for how to name `AutoTokenizer`);
- functions: a function of two lines per finding, each reading the module's model;
- nesting: findings ten `if`/`for`/`with`/`try` blocks deep, between module-level bindings;
- dicts: a dict of known keys changed in place (`d[key] = v`, `d.update(...)`) on two lines in
  three, a new module-level name on the third, and the model called with the dict now and then.

Cost linear in the file: the cost per line stays flat from the smallest size to the largest.
`--profile` runs one step on the first shape and size under cProfile.
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
from typing import Callable, Dict, List

import libcst as cst

from flake8_gpt2.pipeline import check, fix

HEADER = """from transformers import GPT2LMHeadModel, GPT2Tokenizer

tokenizer = GPT2Tokenizer.from_pretrained("gpt2")
model = GPT2LMHeadModel.from_pretrained("gpt2")
"""
NO_TOKENIZER = """import transformers

model = transformers.GPT2LMHeadModel.from_pretrained("gpt2")
"""


def _lines(header: str, lines: int, block: Callable[[int], str]) -> bytes:
    """`header`, then blocks of code numbered 0, 1, ... up to `lines` lines."""
    parts, count, n = [header], header.count("\n"), 0
    while count < lines:
        text = block(n)
        parts.append(text)
        count, n = count + text.count("\n"), n + 1
    return "".join(parts).encode()


def _call_or_name(n: int, every: int, call: str) -> str:
    """A new module-level name on one line in `every`, `call` on the others."""
    return f"value_{n} = {n}\n" if n % every == 0 else call.format(n=n)


def _dict_change(n: int) -> str:
    if n % 3 == 0:
        return f"value_{n} = {n}\n"
    if n % 30 == 1:
        return "model(**inputs)\n"
    return f'inputs["key_{n}"] = {n}\n' if n % 3 == 1 else f"inputs.update(extra_{n}={n})\n"


def _nested(n: int) -> str:
    openers = ["if value_{n}:", "for item in range(2):", "with open('f') as handle:", "try:", "while value_{n}:"]
    lines = [f"value_{n} = {n}\n"]
    for depth in range(10):
        lines.append("    " * depth + openers[depth % len(openers)].format(n=n) + "\n")
    lines.append("    " * 10 + f'model("Hello {n}")\n')
    for depth in reversed(range(10)):
        if openers[depth % len(openers)] == "try:":
            lines.append("    " * depth + "except ValueError:\n" + "    " * (depth + 1) + "pass\n")
    return "".join(lines)


SHAPES: Dict[str, Callable[[int], bytes]] = {
    "findings": lambda lines: _lines(HEADER, lines, lambda n: _call_or_name(n, 10, 'model("Hello {n}")\n')),
    "clean": lambda lines: _lines(
        HEADER, lines, lambda n: _call_or_name(n, 10, 'model(**tokenizer("Hello {n}", return_tensors="pt"))\n')
    ),
    "bindings": lambda lines: _lines(NO_TOKENIZER, lines, lambda n: _call_or_name(n, 2, 'model("Hello {n}")\n')),
    "functions": lambda lines: _lines(HEADER, lines, lambda n: f'def run_{n}():\n    return model("Hello {n}")\n'),
    "nesting": lambda lines: _lines(HEADER, lines, _nested),
    "dicts": lambda lines: _lines(HEADER + 'inputs = {"input_ids": [[1, 2]]}\n', lines, _dict_change),
}


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


def _numbers(text: str) -> List[int]:
    return [int(part) for part in text.split(",")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=_numbers, default=[1000, 5000, 20000], help="comma-separated sizes")
    parser.add_argument("--shapes", type=lambda text: text.split(","), default=list(SHAPES))
    parser.add_argument("--steps", type=lambda text: text.split(","), default=list(STEPS))
    parser.add_argument("--profile", choices=sorted(STEPS))
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--run-step", nargs=2, metavar=("STEP", "FILE"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.run_step:
        run_step(options.run_step[0], Path(options.run_step[1]))
        return
    with tempfile.TemporaryDirectory() as folder:
        if options.profile:
            path = Path(folder) / f"{options.shapes[0]}.py"
            path.write_bytes(SHAPES[options.shapes[0]](options.lines[0]))
            profile(options.profile, path, options.top)
            return
        columns = ("shape", "lines", "step", "CPU s", "us/line", "peak MiB", "findings", "x parse")
        print("{:<10} {:>6} {:<6} {:>8} {:>8} {:>9} {:>9} {:>8}".format(*columns))
        for shape in options.shapes:
            for lines in options.lines:
                path = Path(folder) / f"{shape}_{lines}.py"
                path.write_bytes(SHAPES[shape](lines))
                parse_cpu = None
                for step in ["parse", *(step for step in options.steps if step != "parse")]:
                    result = measure(step, path)
                    parse_cpu = parse_cpu or result["cpu"]
                    findings = "" if result["findings"] is None else result["findings"]
                    print(
                        f"{shape:<10} {lines:>6} {step:<6} {result['cpu']:>8.2f} {result['cpu'] / lines * 1e6:>8.0f} "
                        f"{result['peak_mib']:>9.0f} {findings:>9} {result['cpu'] / parse_cpu:>8.2f}",
                        flush=True,
                    )


if __name__ == "__main__":
    main()
