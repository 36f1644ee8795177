"""Execution fixtures. The pytest process itself never imports torch or transformers: the tiny
checkpoint is built, and snippets are run, in subprocesses."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Iterable

import pytest

HERE = Path(__file__).parent


@dataclass(frozen=True)
class Outcome:
    ok: bool
    exc_type: str
    exc_message: str
    stdout: str
    stderr: str


@pytest.fixture(autouse=True)
def own_cache_folder(tmp_path_factory, monkeypatch) -> None:
    """Each test gets an empty cache of the command (flake8_gpt2/frontends/cache.py), also for the commands it
    runs in subprocesses: no test reads what another wrote, and none writes into the checkout."""
    monkeypatch.setenv("FLAKE8_GPT2_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def offline_env(home: Path) -> Dict[str, str]:
    env = dict(os.environ)
    env.update(
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        HF_DATASETS_OFFLINE="1",
        HF_HOME=str(home),  # nothing read from or written to the user's cache
        TOKENIZERS_PARALLELISM="false",
        PYTHONWARNINGS="ignore",
    )
    return env


@pytest.fixture(scope="session")
def tiny_checkpoints_workdir(tmp_path_factory) -> Path:
    """A folder holding every tiny checkpoint of tests/tiny_checkpoints.py under its hub id (`gpt2/`,
    `meta-llama/Llama-3.2-1B/`, ...), so `from_pretrained("meta-llama/Llama-3.2-1B")` loads it."""
    workdir = tmp_path_factory.mktemp("workdir")
    env = offline_env(tmp_path_factory.mktemp("hf_home"))
    subprocess.run(
        [sys.executable, str(HERE / "tiny_checkpoints.py"), str(workdir)], check=True, env=env, capture_output=True
    )
    return workdir


@pytest.fixture(scope="session")
def tiny_gpt2_workdir(tiny_checkpoints_workdir) -> Path:
    """The same folder, for tests that only need its `gpt2/`."""
    return tiny_checkpoints_workdir


@pytest.fixture(scope="session")
def run_scripts(tiny_checkpoints_workdir, tmp_path_factory) -> Callable[[Iterable[Path]], Dict[Path, Outcome]]:
    """`run_scripts(paths)` runs the scripts not run yet in one subprocess, with every tiny
    checkpoint in its working directory, and returns every asked-for outcome; ask for a whole
    module's scripts at once to pay the imports once."""
    cache: Dict[Path, Outcome] = {}
    env = offline_env(tmp_path_factory.mktemp("hf_home_runs"))

    def run(paths: Iterable[Path]) -> Dict[Path, Outcome]:
        paths = [Path(p).resolve() for p in paths]
        missing = [p for p in dict.fromkeys(paths) if p not in cache]
        if missing:
            results = tmp_path_factory.mktemp("runs") / "results.json"
            done = subprocess.run(
                [sys.executable, str(HERE / "snippet_runner.py"), str(tiny_checkpoints_workdir), str(results)]
                + [str(p) for p in missing],
                env=env,
                capture_output=True,
                text=True,
                timeout=1200,
            )
            assert done.returncode == 0, done.stderr
            for script, outcome in json.loads(results.read_text(encoding="utf-8")).items():
                cache[Path(script)] = Outcome(**outcome)
        return {p: cache[p] for p in paths}

    return run
