"""At a terminal: colour (NO_COLOR, FORCE_COLOR), the progress line, --watch."""
from __future__ import annotations

import io
import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import ctrl_c
from flake8_gpt2.frontends import terminal

BAD = b'''from transformers import GPT2LMHeadModel

model = GPT2LMHeadModel.from_pretrained("gpt2")
model("Hello world")
'''
ESCAPE = b"\x1b["


def in_a_terminal(args, cwd: Path, **environment: str) -> bytes:
    """What the command writes to standard output and error when both are a terminal."""
    leader, follower = pty.openpty()
    env = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "FORCE_COLOR", "TERM")}
    process = subprocess.Popen(
        [sys.executable, "-m", "flake8_gpt2", *args], cwd=cwd, stdout=follower, stderr=follower,
        env={**env, "TERM": "xterm", **environment},
    )
    os.close(follower)
    written = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        written += chunk
    process.wait(timeout=60)
    os.close(leader)
    return written


@pytest.fixture
def script(tmp_path):
    (tmp_path / "script.py").write_bytes(BAD)
    return tmp_path


def test_colour_on_a_terminal_and_never_in_a_pipe(script):
    coloured = in_a_terminal(["script.py"], script)
    assert b"\x1b[1m\x1b[31mGPT001\x1b[0m" in coloured and b"\x1b[1mscript.py\x1b[0m" in coloured
    assert ESCAPE not in in_a_terminal(["script.py"], script, NO_COLOR="1")
    assert ESCAPE not in in_a_terminal(["script.py", "--output-format", "json"], script)
    piped = subprocess.run([sys.executable, "-m", "flake8_gpt2", "script.py"], cwd=script, capture_output=True)
    assert ESCAPE not in piped.stdout and piped.stdout.startswith(b"script.py:4:1: GPT001")
    forced = subprocess.run(
        [sys.executable, "-m", "flake8_gpt2", "script.py"], cwd=script, capture_output=True,
        env={**os.environ, "FORCE_COLOR": "1"},
    )
    assert b"\x1b[31mGPT001" in forced.stdout


def test_colours_leave_the_text_as_it_was():
    text = (
        "a b.py:cell 2:3:4: GPT003 padding [unsafe fix: run with --fix --unsafe-fixes]\n"
        "x.py:1:1: GPT001 text passed\nx.py: error: cannot read\nnot a finding\n"
    )
    coloured = terminal.coloured(text)
    assert coloured != text
    assert coloured.replace(terminal.RESET, "").replace(terminal.BOLD, "").replace(terminal.RED, "").replace(
        terminal.CYAN, "").replace(terminal.DIM, "") == text


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_line_shows_after_the_delay_and_is_cleared():
    stream = FakeTerminal()
    progress = terminal.Progress(3, stream, delay=0.05, every=0.01)
    progress.advance()
    time.sleep(0.3)
    progress.advance()
    progress.stop()
    written = stream.getvalue()
    assert "flake8-gpt2: 1 of 3 files" in written and written.endswith(terminal.CLEAR_LINE)
    quick = FakeTerminal()
    progress = terminal.Progress(3, quick, delay=5)
    progress.stop()
    assert quick.getvalue() == ""  # a run shorter than the delay prints nothing
    piped = io.StringIO()
    progress = terminal.Progress(3, piped, delay=0)
    time.sleep(0.05)
    progress.stop()
    assert piped.getvalue() == ""  # not a terminal


def test_watch_runs_again_when_a_file_changes(script):
    (script / "script.py").write_bytes(b"import transformers\n")
    process = subprocess.Popen(
        [sys.executable, "-m", "flake8_gpt2", "--watch", "."], cwd=script,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=ctrl_c.at_its_default,
    )
    waiting = b"watching for changes"
    try:
        assert waiting in _read_until(process.stderr, waiting)
        written(script / "script.py", BAD)
        assert b"./script.py:4:1: GPT001" in _read_until(process.stdout, b"GPT001")
        assert waiting in _read_until(process.stderr, waiting)
        written(script / "new.py", BAD)
        assert b"./new.py:4:1: GPT001" in _read_until(process.stdout, b"./new.py")
        assert waiting in _read_until(process.stderr, waiting)
        process.send_signal(signal.SIGINT)  # while it waits: a plain stop
        assert process.wait(timeout=30) == 0, process.stderr.read()
    finally:
        process.kill()


def written(path: Path, content: bytes) -> None:
    """Whole at once, as an editor saves: the watch never sees half a file."""
    temporary = path.with_suffix(".tmp")
    temporary.write_bytes(content)
    os.replace(temporary, path)


def test_watch_refuses_standard_input(script):
    done = subprocess.run([sys.executable, "-m", "flake8_gpt2", "--watch", "-"], cwd=script, capture_output=True)
    assert done.returncode == 2 and b"cannot be watched" in done.stderr


def _read_until(stream, expected: bytes, timeout: float = 60) -> bytes:
    read = b""
    deadline = time.monotonic() + timeout
    while expected not in read and time.monotonic() < deadline:
        ready, _, _ = select.select([stream], [], [], 0.5)
        if ready:
            chunk = os.read(stream.fileno(), 4096)
            if not chunk:
                break
            read += chunk
    return read
