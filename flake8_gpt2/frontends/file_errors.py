"""What the command says about a file it could not analyse: one line, and for a syntax error its
place (line and column, for annotations), Python's own where Python refuses the code."""
from __future__ import annotations

import ast
from typing import Optional, Tuple

import libcst as cst

from .notebook import NotebookError
from ..parsing import described


def describe(error: Exception, source: bytes) -> str:
    if isinstance(error, NotebookError):
        return str(error)
    if isinstance(error, cst.ParserSyntaxError):
        # Python's own place and message, as the user's editor and interpreter give them; libcst's
        # place is where its grammar gave up, often lines later
        error = _python_syntax_error(source) or error
    if isinstance(error, cst.ParserSyntaxError):  # code that Python accepts and libcst does not
        return described(error)
    if isinstance(error, (UnicodeDecodeError, LookupError)):
        return f"cannot decode: {error}"
    if isinstance(error, SyntaxError) and error.lineno is None:  # an unknown codec, a NUL byte
        return f"cannot read the code: {error.msg}"
    if isinstance(error, SyntaxError):
        column = f", column {error.offset}" if error.offset else ""
        return f"syntax error at line {error.lineno}{column}: {error.msg}"
    if isinstance(error, RecursionError):
        return "too deeply nested to analyse"
    if isinstance(error, MemoryError):
        return "out of memory while analysing it"
    return f"{type(error).__name__}: {error}"


def place(error: Exception, source: bytes) -> Optional[Tuple[int, int]]:
    """Where a syntax error is (line, column, from 1), as `describe` names it."""
    if isinstance(error, cst.ParserSyntaxError):
        python = _python_syntax_error(source)
        if python is None:
            return error.raw_line, error.raw_column + 1
        error = python
    if isinstance(error, SyntaxError) and error.lineno:
        return error.lineno, error.offset or 1
    return None


def _python_syntax_error(source: bytes) -> Optional[SyntaxError]:
    try:
        compile(source, "<file>", "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
    except SyntaxError as error:
        return error
    except (ValueError, RecursionError, MemoryError):
        pass
    return None
