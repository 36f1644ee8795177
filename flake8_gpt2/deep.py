"""Code nested deeper than Python's default recursion limit lets libcst's visitors and code
generation go (about 150 brackets or calls, 500 lambdas) is analysed again in a thread whose stack
and recursion limit are big enough for it, rather than refused: a fix advertised by a check is then
also applied by --fix, whose passes go deeper than the check's. Code nested deeper still (20,000
`1 +`) stays refused at once: its analysis would take minutes."""
from __future__ import annotations

import ast
import functools
import sys
import threading
from typing import Any, Callable, Dict, TypeVar

# a recursion limit this high needs this much stack: libcst's frames go through C calls
_RECURSION_LIMIT = 15_000
_STACK_BYTES = 512 * 1024 * 1024
_ONE_AT_A_TIME = threading.Lock()  # the recursion limit is the process's
# the deepest syntax tree (as `ast` nests it) analysed again
_DEEPEST = 2_500

Function = TypeVar("Function", bound=Callable[..., Any])


def retried_deeper(function: Function) -> Function:
    """`function` of a source (its first argument), run again with a deep stack when it raises
    RecursionError and the source is not nested too deeply for that."""

    @functools.wraps(function)
    def run(source: bytes, *args: Any, **kwargs: Any) -> Any:
        try:
            return function(source, *args, **kwargs)
        except RecursionError:
            if _depth(source) > _DEEPEST:
                raise
            return deeper(function, source, *args, **kwargs)

    return run  # type: ignore[return-value]


def _depth(source: bytes) -> int:
    """How deep the syntax tree of `source` nests (counted without recursion); past the bound when
    Python cannot parse it."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return _DEEPEST + 1
    deepest, stack = 0, [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return deepest


def deeper(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """`function(*args, **kwargs)` in a thread with a big stack and a high recursion limit."""
    outcome: Dict[str, Any] = {}

    def call() -> None:
        try:
            outcome["result"] = function(*args, **kwargs)
        except BaseException as error:  # raised again in the caller's thread
            outcome["error"] = error

    with _ONE_AT_A_TIME:
        limit = sys.getrecursionlimit()
        size = threading.stack_size(_STACK_BYTES)
        sys.setrecursionlimit(max(limit, _RECURSION_LIMIT))
        try:
            thread = threading.Thread(target=call, name="flake8-gpt2 deep code")
            thread.start()
            thread.join()
        finally:
            sys.setrecursionlimit(limit)
            threading.stack_size(size)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]
