"""Datasets and data loaders."""
from __future__ import annotations

from typing import Dict, Optional

from .base import Value


class TextDataset(Value):
    """A `datasets` dataset whose columns are known and hold no model input (raw text), or a
    dict of such splits."""

    __slots__ = ("columns", "is_dict")

    def __init__(self, columns: frozenset, is_dict: bool = False) -> None:
        self.columns = columns
        self.is_dict = is_dict

    def state(self) -> tuple:
        return (self.columns, self.is_dict)


class DataLoader(Value):
    """A `torch.utils.data.DataLoader`; `batches` is what iterating it gives, when known."""

    __slots__ = ("batches",)

    def __init__(self, batches: Optional[Value]) -> None:
        self.batches = batches

    def state(self) -> tuple:
        return (type(self.batches),)


class ArgumentParser(Value):
    """An `argparse.ArgumentParser` (or one of its argument groups): what each option added so far
    holds when the command line does not give it, by its destination."""

    __slots__ = ("options",)

    def __init__(self) -> None:
        self.options: Dict[str, Optional[Value]] = {}

    def state(self) -> tuple:
        return (len(self.options),)


class ParsedArguments(Value):
    """What `parse_args()` gives: each option's value, as the parser knew it then."""

    __slots__ = ("options",)

    def __init__(self, options: Dict[str, Optional[Value]]) -> None:
        self.options = dict(options)

    def state(self) -> tuple:
        return (len(self.options),)
