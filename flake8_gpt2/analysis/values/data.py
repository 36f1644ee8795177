"""Datasets and data loaders."""
from __future__ import annotations

from typing import Optional

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
