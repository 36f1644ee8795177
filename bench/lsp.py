"""How long the language server takes to answer, over real stdio JSON-RPC, as an editor sees it.

    python bench/lsp.py [--lines 2000] [--reps 5]
    python bench/lsp.py --dense 20000


Builds one file of about --lines lines from generated user scripts (bench/user_scripts.py) with the
mistakes of examples/generate_from_text.py at its top and bottom, opens it in a `flake8-gpt2
server` process, and prints the median time from sending to answer of: open until the diagnostics
arrive; a one-character change until the new diagnostics arrive (the change waits out the
server's debounce first); listing the code actions at a finding; and resolving each kind of
action's edit (a new version each time, so nothing comes from a cache). For scale on a busy
machine, the same analysis and fix are also timed in the bench's own process, between them.

With --dense, the buffer is bench/stress.py's finding-dense shape of that many lines instead: it
times open until the diagnostics arrive and the resolve of "fix all", and, while that fix runs, the
diagnostics of a small file opened meanwhile (fix-all runs off the request loop).
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Dict, List

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

from lsp_client import Client  # noqa: E402
from user_scripts import script  # noqa: E402

from flake8_gpt2.pipeline import check, fix  # noqa: E402
from flake8_gpt2.frontends.lsp import DEBOUNCE_SECONDS  # noqa: E402


def source_of(lines: int) -> str:
    mistakes = (HERE.parent / "examples" / "generate_from_text.py").read_text(encoding="utf-8")
    rng, parts = random.Random(0), [mistakes]
    while sum(part.count("\n") for part in parts) < lines - mistakes.count("\n"):
        parts.append(script(rng, len(parts)))
    return "".join([*parts, mistakes])


def measure(client: Client, path: Path, text: str, reps: int) -> Dict[str, List[float]]:
    times: Dict[str, List[float]] = {}
    uri = path.as_uri()

    def timed(name: str, action: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        result = action()
        times.setdefault(name, []).append((time.perf_counter() - start) * 1000)
        return result

    timed("open -> diagnostics", lambda: client.open(path, text))
    for version in range(2, 2 + reps):
        edited = text + "#" * version  # a new version: nothing comes from a cache
        client.change(path, version, edited)
        diagnostics = timed("change -> diagnostics", lambda: client.diagnostics(uri, version))
        first = {d["code"]: d for d in reversed(diagnostics)}
        safe = timed("code actions at a finding", lambda: client.actions(path, first["GPT001"]["range"]))
        unsafe = client.actions(path, first["GPT003"]["range"])
        everything = {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}
        fix_all = client.actions(path, everything, only=["source.fixAll"])
        for name, actions, title in [
            ("resolve: fix GPT001 (safe)", safe, "Fix GPT001"),
            ("resolve: fix GPT003 (unsafe)", unsafe, "Fix GPT003"),
            ("resolve: noqa", safe, "Suppress"),
            ("resolve: fix all safe", fix_all, "Fix all"),
        ]:
            (action,) = [a for a in actions if a["title"].startswith(title)]
            timed(name, lambda: client.request("codeAction/resolve", action))
        # the same work in this process, at the same moment, for scale on a busy machine
        source = edited.encode("utf-8")
        timed("in process: pipeline.check", lambda: check(source, lambda code: True))
        timed("in process: pipeline.fix GPT001", lambda: fix(source, lambda code: code == "GPT001", False))
    return times


def measure_dense(client: Client, folder: Path, lines: int) -> None:
    from stress import SHAPES

    big, small = folder / "dense.py", folder / "small.py"
    start = time.perf_counter()
    findings = client.open(big, SHAPES["findings"](lines).decode())
    print(f"{lines} lines, {len(findings)} findings: open -> diagnostics {time.perf_counter() - start:8.2f} s")
    everything = {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}
    actions = client.actions(big, everything, only=["source.fixAll"])
    (fix_all,) = [action for action in actions if action["title"].startswith("Fix all")]
    start = time.perf_counter()
    fixing = client.ask("codeAction/resolve", fix_all)
    meanwhile = len(client.open(small, SHAPES["findings"](20).decode()))
    answered = time.perf_counter() - start
    done = "edit" in client.response(fixing, timeout=600)["result"]
    print(f"resolve fix all: {time.perf_counter() - start:8.2f} s (edit: {done}); meanwhile a small file's "
          f"{meanwhile} diagnostics after {answered:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=2000)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--dense", type=int, metavar="LINES")
    options = parser.parse_args()
    if options.dense:
        client = Client()
        with tempfile.TemporaryDirectory() as folder:
            measure_dense(client, Path(folder), options.dense)
        client.stop()
        return
    text = source_of(options.lines)
    client = Client()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench_script.py"
        times = measure(client, path, text, options.reps)
    client.stop()
    print(f"{text.count(chr(10))} lines; debounce {DEBOUNCE_SECONDS * 1000:.0f} ms; median of {options.reps}")
    for name, values in times.items():
        print(f"{name:32} {statistics.median(values):8.0f} ms")


if __name__ == "__main__":
    main()
