"""What the command does for a person at a terminal: colour in its report, and a progress line on
standard error for a run that takes a while. Neither ever reaches a pipe, a file or CI logs unless
asked: colour follows NO_COLOR and FORCE_COLOR (https://no-color.org, https://force-color.org),
else whether the output is a terminal; the progress line appears only on a terminal."""
from __future__ import annotations

import os
import re
import threading
import time
from typing import IO, Optional

BOLD, DIM, RED, CYAN, RESET = "\x1b[1m", "\x1b[2m", "\x1b[31m", "\x1b[36m", "\x1b[0m"
CLEAR_LINE = "\r\x1b[K"
# `path:line:column: GPT001 message [fix hint]`, and in a notebook `path:cell 2:line:column: ...`
_FINDING = re.compile(
    r"^(?P<path>.+?):(?P<place>(?:cell \d+:)?\d+:\d+): (?P<code>GPT\d{3}) (?P<rest>.*?)(?P<hint> \[[^]]*fix[^]]*\])?$"
)
_ERROR = re.compile(r"^(?P<path>.+?): (?P<error>error): ")


def wants_colour(stream: IO[str]) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return _is_terminal(stream) and os.environ.get("TERM") != "dumb"


def coloured(text: str) -> str:
    """The text or concise report, in ruff's colours: the path bold, the code red, the fix hint dim."""
    return "".join(_coloured_line(line) for line in text.splitlines(keepends=True))


def _coloured_line(line: str) -> str:
    body = line.rstrip("\n")
    found = _FINDING.match(body)
    if found is not None:
        hint = found["hint"] or ""
        body = (
            f"{BOLD}{found['path']}{RESET}{CYAN}:{RESET}{found['place']}{CYAN}:{RESET} "
            f"{BOLD}{RED}{found['code']}{RESET} {found['rest']}" + (f"{DIM}{hint}{RESET}" if hint else "")
        )
    else:
        error = _ERROR.match(body)
        if error is not None:
            body = f"{BOLD}{error['path']}{RESET}: {BOLD}{RED}error{RESET}: {body[error.end():]}"
    return body + line[len(line.rstrip("\n")):]


class Progress:
    """`flake8-gpt2: 120 of 1519 files` on standard error, rewritten in place, once a run has taken
    `delay` seconds; cleared when it ends. Files are counted as their reports arrive."""

    def __init__(self, total: int, stream: IO[str], delay: float = 2.0, every: float = 0.2) -> None:
        self._total, self._stream, self._delay, self._every = total, stream, delay, every
        self._done = 0
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._shown = False
        self._thread: Optional[threading.Thread] = None
        if total > 1 and _is_terminal(stream):
            self._thread = threading.Thread(target=self._show, daemon=True)
            self._thread.start()

    def advance(self) -> None:
        with self._lock:
            self._done += 1

    def stop(self) -> None:
        self._stopped.set()
        if self._thread is not None:
            self._thread.join()
        if self._shown:
            self._stream.write(CLEAR_LINE)
            self._stream.flush()

    def _show(self) -> None:
        started = time.monotonic()
        if self._stopped.wait(self._delay):
            return
        while not self._stopped.is_set():
            with self._lock:
                done = self._done
            seconds = time.monotonic() - started
            self._stream.write(f"{CLEAR_LINE}flake8-gpt2: {done} of {self._total} files ({seconds:.0f} s)")
            self._stream.flush()
            self._shown = True
            self._stopped.wait(self._every)


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # replaced by a test, or closed
        return False
