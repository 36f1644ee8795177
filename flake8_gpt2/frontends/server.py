"""`flake8-gpt2 server [--select CODES] [--ignore CODES]`: the language server, over standard input
and output (docs/editors.md). It needs pygls, the `lsp` extra: `pip install 'flake8-gpt2[lsp]'`."""
from __future__ import annotations

import argparse
import sys
from typing import List, Optional, Sequence

from .config import checked_codes
from ..settings import ConfigurationError


def _codes(text: str) -> List[str]:
    return [code.strip() for code in text.split(",") if code.strip()]


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="flake8-gpt2 server",
        description="The flake8-gpt2 language server: diagnostics and fixes in editors, over the Language "
        "Server Protocol on standard input and output.",
    )
    parser.add_argument("--select", type=_codes, default=["GPT"], help="codes or prefixes to report (default: GPT)")
    parser.add_argument("--ignore", type=_codes, default=[], help="codes or prefixes not to report")
    options = parser.parse_args(argv)
    try:
        checked_codes(options.select, "--select", strict=True)
        checked_codes(options.ignore, "--ignore", strict=True)
    except ConfigurationError as error:
        parser.error(str(error))
    try:
        from .lsp import serve
    except ModuleNotFoundError as error:
        if (error.name or "").partition(".")[0] not in ("pygls", "lsprotocol"):
            raise
        print("flake8-gpt2: error: the language server needs pygls: pip install 'flake8-gpt2[lsp]'", file=sys.stderr)
        return 2
    select, ignore = tuple(options.select), tuple(options.ignore)
    serve(lambda code: code.startswith(select) and not code.startswith(ignore))
    return 0


if __name__ == "__main__":
    sys.exit(main())
