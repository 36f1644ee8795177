"""`# noqa` exactly as flake8 reads it, for the fixer and the CLI (flake8 applies its own)."""
from __future__ import annotations

import io
import tokenize
from typing import Dict, Optional

from flake8.defaults import NOQA_FILE, NOQA_INLINE_REGEXP


class Suppressions:
    def __init__(self, text: str) -> None:
        self._lines = text.splitlines(keepends=True)
        # flake8 reads noqa comments case-insensitively; without one, no line needs reading
        self._has_comments = "noqa" in text.lower()
        self.whole_file = self._has_comments and any(NOQA_FILE.match(line) for line in self._lines)
        self._mapping: Optional[Dict[int, str]] = None

    def suppresses(self, line: int, code: str) -> bool:
        if self.whole_file:
            return True
        if not self._has_comments:
            return False
        match = NOQA_INLINE_REGEXP.search(self._line_for(line))
        if match is None:
            return False
        codes = match.group("codes")
        if codes is None:
            return True
        listed = {c for c in codes.replace(",", " ").split() if c}
        return code in listed or code.startswith(tuple(listed))

    def _line_for(self, line: int) -> str:
        # flake8 reads a noqa comment on any line of a multi-line string token as on all of them
        if self._mapping is None:
            self._mapping = self._token_line_mapping()
        return self._mapping.get(line, "")

    def _token_line_mapping(self) -> Dict[int, str]:
        mapping: Dict[int, str] = {}
        first, last = None, None
        try:
            tokens = list(tokenize.generate_tokens(io.StringIO("".join(self._lines)).readline))
        except (tokenize.TokenError, SyntaxError):
            return {n: text for n, text in enumerate(self._lines, start=1)}
        for kind, _, (start, _), (end, _), _ in tokens:
            if kind in (tokenize.ENDMARKER, tokenize.DEDENT):
                continue
            first = start if first is None else min(first, start)
            last = end if last is None else max(last, end)
            if kind in (tokenize.NL, tokenize.NEWLINE):
                joined = "".join(self._lines[first - 1:last])
                mapping.update(dict.fromkeys(range(first, last + 1), joined))
                first, last = None, None
        return mapping
