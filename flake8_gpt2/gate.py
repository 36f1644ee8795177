"""Which files can hold a finding: decided before libcst (or even its import) is paid for, from the
source text and, for a file that mentions transformers, the statements of its `ast` tree (free in
flake8, a fraction of libcst's parse elsewhere)."""
from __future__ import annotations

import ast
import re
from typing import Optional, Pattern, Tuple, Union

from . import knowledge
from .settings import Settings


def _at_line_start(pattern: str) -> Tuple[Pattern[str], Pattern[bytes]]:
    """`pattern` after a line's indentation, for text and for bytes. The first line may open with
    a UTF-8 byte-order mark, which Python and flake8 skip and `^` does not."""
    indentation = r"^{}?[ \t]*"
    return (
        re.compile(indentation.format("\ufeff") + pattern, re.MULTILINE),
        re.compile((indentation.format(r"(?:\xef\xbb\xbf)") + pattern).encode(), re.MULTILINE),
    )


# Every rule needs a value proven to come from transformers (or a library that loads its models),
# so a file that never imports one cannot hold a finding, and is skipped before libcst parses it.
_LIBRARY = "(?:{})".format("|".join((knowledge.TRANSFORMERS, *knowledge.MODEL_LOADING_LIBRARIES)))
_IMPORTS_IN_TEXT, _IMPORTS_IN_BYTES = _at_line_start(
    rf"(?:from[ \t]+{_LIBRARY}\b|import[ \t]+[^\n#]*\b{_LIBRARY}\b)"
)
_SKIP_IN_TEXT, _SKIP_IN_BYTES = _at_line_start(r"#[ \t]*flake8-gpt2:[ \t]*skip-file\b")
_STATEMENT_BODIES = ("body", "orelse", "finalbody", "handlers", "cases")
# CPython's message for brackets nested past its tokenizer's limit
_TOO_DEEP = "too many nested parentheses"


def may_hold_findings(
    source: Union[str, bytes], settings: Settings = Settings(), tree: Optional[ast.AST] = None
) -> bool:
    """False for a file that has no way to hold a finding, or that says `# flake8-gpt2: skip-file`.
    `tree` is the file's `ast` tree when the caller has it. Raises for code nested too deeply to
    parse."""
    is_text = isinstance(source, str)
    if (_SKIP_IN_TEXT if is_text else _SKIP_IN_BYTES).search(source) is not None:  # type: ignore[arg-type]
        return False
    # a configured model name can make models in a file that never imports transformers
    text = source if isinstance(source, str) else source.decode("latin-1")
    names_a_configured_model = any(name.rsplit(".", 1)[-1] in text for name in settings.model_names)
    imports_transformers = _IMPORTS_IN_TEXT if is_text else _IMPORTS_IN_BYTES
    if not names_a_configured_model and imports_transformers.search(source) is None:  # type: ignore[arg-type]
        return False
    if tree is None:
        tree = _python_tree(source)
    return names_a_configured_model or tree is None or imports_a_followed_name(tree)


def _python_tree(source: Union[str, bytes]) -> Optional[ast.AST]:
    """The file's `ast` tree, or None for code this Python cannot parse and libcst may (newer
    syntax, or a syntax error libcst reports). Nesting too deep for this Python raises: libcst's
    native parser would overflow its stack on it and crash the process."""
    try:
        return ast.parse(source)
    except SyntaxError as error:
        if _TOO_DEEP in str(error.msg):
            raise
        return None
    except ValueError:
        return None


def imports_a_followed_name(tree: ast.AST) -> bool:
    """Whether an import statement anywhere in the file (docstring examples are no statements)
    brings in transformers itself or a name of it whose values the analysis follows."""
    statements = list(getattr(tree, "body", ()))
    while statements:
        statement = statements.pop()
        if isinstance(statement, ast.Import):
            if any(_is_transformers(alias.name) or _loads_models(alias.name) for alias in statement.names):
                return True
        elif isinstance(statement, ast.ImportFrom) and statement.level == 0:
            module = statement.module or ""
            if _loads_models(module):
                return True
            if _is_transformers(module) and any(knowledge.is_followed_name(alias.name) for alias in statement.names):
                return True
        else:
            for field in _STATEMENT_BODIES:
                statements.extend(getattr(statement, field, ()))
    return False


def _loads_models(module: str) -> bool:
    return module.split(".")[0] in knowledge.MODEL_LOADING_LIBRARIES


def _is_transformers(module: str) -> bool:
    return module == knowledge.TRANSFORMERS or module.startswith(knowledge.TRANSFORMERS + ".")
