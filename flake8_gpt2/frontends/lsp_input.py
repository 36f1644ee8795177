"""The language server's standard input, kept in step with the editor's messages."""
from __future__ import annotations

from typing import BinaryIO


class Resynchronised:
    """Standard input as pygls reads it, back in step after a broken frame: a Content-Length that is
    not a number, or too short, makes pygls read the rest of a body as a header line, run into the
    next message's `Content-Length:` (a body ends without a line break), and so lose every message
    after it. That header is given from where it starts; only the broken message is lost."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream

    def readline(self) -> bytes:
        line = self._stream.readline()
        start = line.find(b"Content-Length:", 1)
        return line[start:] if start > 0 else line

    def read(self, size: int) -> bytes:
        return self._stream.read(size)
