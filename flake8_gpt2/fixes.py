"""Building blocks the rules' fixes share."""
from __future__ import annotations

from typing import Optional

import libcst as cst

from .analysis import ModelCall
from .analysis.values import Tokenizer
from .violation import InsertAfter, Replace

NO_SPACE = cst.AssignEqual(
    whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")
)


def keyword_arg(name: str, value: cst.BaseExpression) -> cst.Arg:
    return cst.Arg(value=value, keyword=cst.Name(name), equal=NO_SPACE)


def set_pad_token(tokenizer: Tokenizer) -> Optional[InsertAfter]:
    """`tok.pad_token = tok.eos_token` right after the statement that created `tok`, or None
    when there is no such line to insert after."""
    if tokenizer.bound_in is None or tokenizer.bound_as is None:
        return None
    name = tokenizer.bound_as
    return InsertAfter(tokenizer.bound_in, f"{name}.pad_token = {name}.eos_token")


def with_keyword(call: cst.Call, name: str, value: cst.BaseExpression) -> cst.Call:
    """`call` with `name=value` added after its last argument, in the call's own layout: on a line of
    its own when the arguments are one per line with a trailing comma."""
    added = keyword_arg(name, value)
    if not call.args:
        return call.with_changes(args=[added])
    *others, last = call.args
    if isinstance(last.comma, cst.Comma):
        # the trailing comma (and the line break before `)`) moves to the new last argument;
        # the old last one takes the separator used between the arguments before it
        between = others[-1].comma if others and isinstance(others[-1].comma, cst.Comma) else _COMMA
        return call.with_changes(args=[*others, last.with_changes(comma=between), added.with_changes(comma=last.comma)])
    return call.with_changes(args=[*others, last, added])


_COMMA = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))


# what `**encoding` passes: the same keywords given beside it would be passed twice
ENCODING_KEYS = ("input_ids", "attention_mask", "token_type_ids")


def unpacked_in_place(call: ModelCall, arg: cst.Arg, mapping: cst.BaseExpression) -> Optional[Replace]:
    """`arg` (the input_ids slot) replaced by `**mapping`, where that is valid Python passing
    nothing twice."""
    if call.unpacks or any(call.keyword(key) not in (None, arg) for key in ENCODING_KEYS):
        return None
    if arg.keyword is None and len(call.positional) > 1:
        return None  # `**` cannot come before the positional arguments that follow
    unpacked = cst.Arg(mapping, star="**", comma=arg.comma, whitespace_after_arg=arg.whitespace_after_arg)
    return Replace(arg, unpacked)
