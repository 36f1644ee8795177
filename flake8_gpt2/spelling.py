"""Telling a typo of a name from another name."""
from __future__ import annotations

from typing import FrozenSet, Optional


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, with a swap of two neighbours counting as one edit."""
    previous, current = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        before, previous, current = previous, current, [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if before is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
    return current[len(b)]


def nearest(keyword: str, names: FrozenSet[str]) -> Optional[str]:
    """The one name within reach of a typo (one edit for short names, two for longer ones)."""
    reach = 1 if len(keyword) <= 5 else 2
    close = sorted((edit_distance(keyword, name), name) for name in names)
    close = [c for c in close if c[0] <= reach]
    if not close or (len(close) > 1 and close[0][0] == close[1][0]):
        return None
    return close[0][1]
