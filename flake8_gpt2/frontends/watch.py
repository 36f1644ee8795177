"""`flake8-gpt2 --watch`: the run again whenever a checked file changes, until Ctrl-C.

It polls (no file-system notification package is needed): every half second it lists the files
the run would check, as the run lists them, and compares their sizes and times of change. A run
after a change reads the files that did not change from the cache, so it costs what changed."""
from __future__ import annotations

import os
import sys
import time
from typing import Callable, Dict, List, Optional, Tuple

from . import terminal

POLL_SECONDS = 0.5
CLEAR_SCREEN = "\x1b[2J\x1b[H"
State = Dict[str, Optional[Tuple[int, int]]]


def loop(run: Callable[[List[str]], int], files: Callable[[], List[str]], poll: float = POLL_SECONDS) -> int:
    """Runs `run` on `files()` now and after each change; 0 when stopped with Ctrl-C between runs
    (an interrupted run ends the command as any run does)."""
    while True:
        listed = files()
        seen = _state(listed)
        run(listed)
        try:  # the run is over: from here Ctrl-C is a plain stop
            sys.stdout.flush()
            print("flake8-gpt2: watching for changes (Ctrl-C to stop)", file=sys.stderr, flush=True)
            while _state(files()) == seen:
                time.sleep(poll)
        except KeyboardInterrupt:
            return 0
        if terminal.wants_colour(sys.stdout):  # a terminal: start the new report on a clear screen
            sys.stdout.write(CLEAR_SCREEN)


def _state(paths: List[str]) -> State:
    state: State = {}
    for path in paths:
        try:
            status = os.stat(path)
        except OSError:
            state[path] = None
        else:
            state[path] = (status.st_mtime_ns, status.st_size)
    return state
