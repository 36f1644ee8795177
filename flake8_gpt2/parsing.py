"""libcst's parse of a whole file, without the validation of every node it builds.

Each libcst node validates itself when it is made (`CSTNode.__post_init__`). A tree made by
libcst's own parser is valid by construction, and its validation is about a seventh of the parse,
the largest cost of the plugin on files that import transformers; libcst's own comment on
`__post_init__` notes that a parse need not pay it. Nodes the rules build for fixes are validated
as usual: the check is off only while the parser runs."""
from __future__ import annotations

import re
from typing import Union

import libcst as cst

_VALIDATING_INIT = getattr(cst.CSTNode, "__post_init__", None)
# the place libcst's message repeats at its start
_PLACE_IN_MESSAGE = re.compile(r"^parser error: error at \d+:\d+: ")


def parse_module(source: Union[str, bytes]) -> cst.Module:
    """`libcst.parse_module(source)`; raises its `ParserSyntaxError` for code that does not parse.

    Bytes that do not decode as their coding line (or its absence: UTF-8) says are read as latin-1,
    as flake8 reads them (`FileProcessor` falls back to latin-1), so the command checks the files
    flake8 checks; the module keeps latin-1 as its encoding, so its bytes come back unchanged."""
    try:
        return _parse(source)
    except (SyntaxError, UnicodeDecodeError, LookupError):
        if not isinstance(source, bytes):
            raise
        return _parse(source.decode("latin-1")).with_changes(encoding="latin-1")


def _parse(source: Union[str, bytes]) -> cst.Module:
    if _VALIDATING_INIT is None:  # a libcst that no longer validates here
        return cst.parse_module(source)
    cst.CSTNode.__post_init__ = _unchecked  # type: ignore[method-assign]
    try:
        return cst.parse_module(source)
    finally:
        cst.CSTNode.__post_init__ = _VALIDATING_INIT  # type: ignore[method-assign]


def _unchecked(self: cst.CSTNode) -> None:
    pass


def described(error: cst.ParserSyntaxError) -> str:
    """libcst's error on one line, its place given once (for code Python accepts and libcst does not;
    for other code, Python's own error says more)."""
    message = _PLACE_IN_MESSAGE.sub("", error.message)
    return f"syntax error at line {error.raw_line}, column {error.raw_column + 1}: {message}"
