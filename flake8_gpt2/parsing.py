"""libcst's parse of a whole file, as flake8 reads it (latin-1 where its declared encoding fails),
without the validation of every node libcst's parser builds (libcst_internals.py: a seventh of
the parse, the largest cost of the plugin on files that import transformers; nodes the rules build
for fixes are validated as usual); libcst's syntax errors on one line."""
from __future__ import annotations

import re
from typing import Union

import libcst as cst

from .libcst_internals import parse_without_validation

# the place libcst's message repeats at its start
_PLACE_IN_MESSAGE = re.compile(r"^parser error: error at \d+:\d+: ")


def parse_module(source: Union[str, bytes]) -> cst.Module:
    """`libcst.parse_module(source)`; raises its `ParserSyntaxError` for code that does not parse.

    Bytes that do not decode as their coding line (or its absence: UTF-8) says are read as latin-1,
    as flake8 reads them (`FileProcessor` falls back to latin-1), so the command checks the files
    flake8 checks; the module keeps latin-1 as its encoding, so its bytes come back unchanged."""
    try:
        return parse_without_validation(source)
    except (SyntaxError, UnicodeDecodeError, LookupError):
        if not isinstance(source, bytes):
            raise
        return parse_without_validation(source.decode("latin-1")).with_changes(encoding="latin-1")


def described(error: cst.ParserSyntaxError) -> str:
    """libcst's error on one line, its place given once (for code Python accepts and libcst does not;
    for other code, Python's own error says more)."""
    message = _PLACE_IN_MESSAGE.sub("", error.message)
    return f"syntax error at line {error.raw_line}, column {error.raw_column + 1}: {message}"
