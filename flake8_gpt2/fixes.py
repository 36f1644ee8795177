"""Building blocks the rules' fixes share."""
from __future__ import annotations

from typing import Optional

import libcst as cst

from .values import Tokenizer
from .violation import InsertAfter

NO_SPACE = cst.AssignEqual(
    whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")
)


def keyword_arg(name: str, value: cst.BaseExpression) -> cst.Arg:
    return cst.Arg(value=value, keyword=cst.Name(name), equal=NO_SPACE)


def set_pad_token(tokenizer: Tokenizer) -> Optional[InsertAfter]:
    """`tok.pad_token = tok.eos_token` right after the statement that created `tok`, or None
    when there is no such line to insert after."""
    if not isinstance(tokenizer.created_by, cst.SimpleStatementLine) or tokenizer.bound_as is None:
        return None
    name = tokenizer.bound_as
    return InsertAfter(tokenizer.created_by, f"{name}.pad_token = {name}.eos_token")
