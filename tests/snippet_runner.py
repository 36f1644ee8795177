"""Run many scripts in one interpreter, so torch and transformers are imported once.

    python tests/snippet_runner.py WORKDIR RESULTS.json SCRIPT...

Each script runs as `__main__` with WORKDIR (the folder holding the tiny checkpoints, `gpt2/`,
`meta-llama/Llama-3.2-1B/`, ...) as its working directory, fresh globals and torch's seed reset
(the Llama and Qwen2 generation configs sample, as on the hub). RESULTS.json maps each script to
{ok, exc_type, exc_message, stdout, stderr}; ok is True when the script ran to its end (or exited
with status 0).
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import runpy
import sys


def run_one(script: str, workdir: str) -> dict:
    import torch

    stdout, stderr = io.StringIO(), io.StringIO()
    outcome = {"ok": True, "exc_type": None, "exc_message": ""}
    saved_argv, saved_modules = sys.argv, set(sys.modules)
    os.chdir(workdir)
    sys.argv = [script]
    torch.manual_seed(0)
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            runpy.run_path(script, run_name="__main__")
    except SystemExit as exit_:
        if exit_.code not in (None, 0):
            outcome = {"ok": False, "exc_type": "SystemExit", "exc_message": str(exit_.code)}
    except BaseException as error:  # the outcome is what the test asserts on
        message = str(error).strip().splitlines()
        outcome = {"ok": False, "exc_type": type(error).__name__, "exc_message": message[0] if message else ""}
    finally:
        sys.argv = saved_argv
        # a script's own helper modules must not leak into the next; installed packages stay
        # (several, like pyarrow's extension types, cannot be imported twice)
        folder = os.path.dirname(os.path.abspath(script))
        for name in set(sys.modules) - saved_modules:
            if (getattr(sys.modules[name], "__file__", None) or "").startswith(folder + os.sep):
                del sys.modules[name]
    outcome.update(stdout=stdout.getvalue(), stderr=stderr.getvalue())
    return outcome


def main() -> None:
    workdir, results_path, scripts = sys.argv[1], sys.argv[2], sys.argv[3:]
    import torch  # noqa: F401  (imported once, before any script)
    import transformers  # noqa: F401

    results = {script: run_one(script, workdir) for script in scripts}
    with open(results_path, "w", encoding="utf-8") as out:
        json.dump(results, out)


if __name__ == "__main__":
    main()
