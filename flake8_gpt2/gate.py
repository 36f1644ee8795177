"""Which files can hold a finding: decided from the source text alone, before libcst (or even
its import) is paid for."""
from __future__ import annotations

import re
from typing import Union

from .settings import Settings

# Every rule needs a value proven to come from transformers, so a file that never imports it
# cannot hold a finding, and is skipped before libcst parses it.
_IMPORTS_TRANSFORMERS = r"^[ \t]*(?:from[ \t]+transformers\b|import[ \t]+[^\n#]*\btransformers\b)"
_IMPORTS_IN_TEXT = re.compile(_IMPORTS_TRANSFORMERS, re.MULTILINE)
_IMPORTS_IN_BYTES = re.compile(_IMPORTS_TRANSFORMERS.encode(), re.MULTILINE)
_SKIP_FILE = r"^[ \t]*#[ \t]*flake8-gpt2:[ \t]*skip-file\b"
_SKIP_IN_TEXT = re.compile(_SKIP_FILE, re.MULTILINE)
_SKIP_IN_BYTES = re.compile(_SKIP_FILE.encode(), re.MULTILINE)


def may_hold_findings(source: Union[str, bytes], settings: Settings = Settings()) -> bool:
    """False for a file that has no way to hold a finding, or that says `# flake8-gpt2: skip-file`."""
    is_text = isinstance(source, str)
    if (_SKIP_IN_TEXT if is_text else _SKIP_IN_BYTES).search(source) is not None:  # type: ignore[arg-type]
        return False
    if (_IMPORTS_IN_TEXT if is_text else _IMPORTS_IN_BYTES).search(source) is not None:  # type: ignore[arg-type]
        return True
    # a configured model name can make models in a file that never imports transformers
    text = source if isinstance(source, str) else source.decode("latin-1")
    return any(name.rsplit(".", 1)[-1] in text for name in settings.model_names)
