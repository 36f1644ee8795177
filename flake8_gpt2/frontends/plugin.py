"""The flake8 plugin: `flake8 --select GPT`. flake8 itself applies `# noqa`, --select and --ignore."""
from __future__ import annotations

import ast
import sys
from typing import Any, Iterator, List, Tuple

from flake8.exceptions import ExecutionError

from .. import __version__
from ..gate import may_hold_findings
from ..settings import (
    MODEL_NAMES_OPTION,
    NO_PAD_TOKEN_OPTION,
    TRANSFORMERS_VERSION_OPTION,
    ConfigurationError,
    Settings,
    checked_version,
    parse_names,
)

ANALYSIS_ERROR = "GPT000"


class Plugin:
    name = "flake8-gpt2"
    version = __version__
    settings = Settings()

    @classmethod
    def add_options(cls, parser: Any) -> None:
        parser.add_option(
            f"--{MODEL_NAMES_OPTION}",
            default="",
            parse_from_config=True,
            comma_separated_list=True,
            help="flake8-gpt2: names or dotted paths of classes and functions whose calls give models",
        )
        parser.add_option(
            f"--{NO_PAD_TOKEN_OPTION}",
            default="",
            parse_from_config=True,
            comma_separated_list=True,
            help="flake8-gpt2: checkpoint-name patterns whose tokenizers have no pad token (besides the known ones)",
        )
        parser.add_option(
            f"--{TRANSFORMERS_VERSION_OPTION}",
            default=None,
            parse_from_config=True,
            help="flake8-gpt2: the transformers version the code runs on, such as 4.57 (default: the installed one)",
        )

    @classmethod
    def parse_options(cls, options: Any) -> None:
        version = options.gpt2_transformers_version
        try:
            if version is not None:
                version = checked_version(version, f"--{TRANSFORMERS_VERSION_OPTION}")
        except ConfigurationError as error:
            # flake8 prints an ExecutionError as one line and exits, without a traceback
            raise ExecutionError(str(error)) from error
        cls.settings = Settings(
            parse_names(options.gpt2_model_names), parse_names(options.gpt2_no_pad_token_checkpoints), version
        )

    def __init__(self, tree: ast.AST, lines: List[str]) -> None:
        # flake8's tree only tells which files to skip: the rules need libcst's
        self._tree = tree
        self._source = "".join(lines)

    def run(self) -> Iterator[Tuple[int, int, str, type]]:
        # the pipeline's gate, with flake8's own tree; flake8 then applies noqa and selection
        if not may_hold_findings(self._source, self.settings, self._tree):
            return
        try:
            # imported here: most files never get this far, and flake8 need not pay for libcst
            from ..pipeline import lint_gated

            findings = lint_gated(self._source, self.settings)
        except Exception as error:  # one file must never stop a flake8 run
            yield 1, 0, f"{ANALYSIS_ERROR} flake8-gpt2 could not analyse this file: {_reason(error)}", type(self)
            return
        for finding in findings:
            yield finding.line, finding.column, finding.text, type(self)


def _reason(error: Exception) -> str:
    # flake8 parsed the file, so a syntax error is libcst's alone: its place and message on one line
    libcst = sys.modules.get("libcst")  # an error of libcst's only if it was imported
    if libcst is not None and isinstance(error, libcst.ParserSyntaxError):
        from ..parsing import described

        return described(error)
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
