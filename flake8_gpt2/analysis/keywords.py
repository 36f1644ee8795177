"""Where a call's keyword comes from: written in the call, or a key of a dict that `**` unpacks into
it, whose keys the analysis follows (`dict_keys`: displays, `dict(...)`, `d[k] = v`, `update`,
`setdefault`, `pop`, `del`, `clear`; a dict handed to unknown code, or changed on a path the analysis
cannot follow, is unknown and passes nothing known)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import libcst as cst

from . import syntax
from .values import Evaluate, Mapping, OpenMapping


@dataclass(frozen=True)
class Keyword:
    """`arg`: the keyword argument, or the `**` argument whose dict surely holds the key. Through
    `**`: `key` is the key as written into the dict where one write alone put it there (a string
    literal, or a keyword of `dict(...)` or `update(...)`), else None; `inline` says the dict is
    written in the call itself (`**{...}`, `**dict(...)`), so that nothing else reads it."""

    arg: cst.Arg
    key: Optional[cst.CSTNode] = None
    inline: bool = False

    @property
    def through_dict(self) -> bool:
        return self.arg.star == "**"


def keyword_of(call: cst.Call, name: str, value_of: Evaluate) -> Optional[Keyword]:
    """The keyword `name` the call surely passes, written in it or through `**`."""
    written = syntax.keyword(call, name)
    if written is not None:
        return Keyword(written)
    for arg in call.args:
        if arg.star != "**":
            continue
        value = value_of(arg.value)
        if isinstance(value, (Mapping, OpenMapping)) and name in value.keys:
            key = value.writes.get(name)
            return Keyword(arg, key, key is not None and _written_in(arg.value, key))
    return None


def may_pass_keyword(call: cst.Call, name: str, value_of: Evaluate, renamed: Optional[Keyword] = None) -> bool:
    """Whether the call passes `name` or may: by keyword, or through `**` of a dict not known to lack
    it (only a dict whose keys are all known is). `renamed`: a key of a dict to be written as `name`
    instead: that dict then holds `name` once whatever else it held, unless it surely holds it now."""
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == name:
            return True
        if arg.star == "**":
            value = value_of(arg.value)
            if renamed is not None and arg is renamed.arg:
                if isinstance(value, (Mapping, OpenMapping)) and name in value.keys:
                    return True
            elif not isinstance(value, Mapping) or name in value.keys:
                return True
    return False


def _written_in(node: cst.BaseExpression, key: cst.CSTNode) -> bool:
    """Whether the key is written in the dict display or `dict(...)` call itself (or one merged in
    there), not in a dict bound to a name."""
    if isinstance(node, cst.Dict):
        return any(
            element.key is key if isinstance(element, cst.DictElement) else _written_in(element.value, key)
            for element in node.elements
        )
    if isinstance(node, cst.Call) and syntax.is_name(node.func, "dict"):
        return any(arg.keyword is key or (arg.star == "**" and _written_in(arg.value, key)) for arg in node.args)
    return False


def renamed_key(key: cst.CSTNode, new: str) -> Optional[cst.CSTNode]:
    """The key as written, under the name `new`: a string literal in its own quotes, or a keyword."""
    if isinstance(key, cst.Name):
        return cst.Name(new)
    if isinstance(key, cst.SimpleString) and not key.prefix.strip("uU"):
        return cst.SimpleString(f"{key.prefix}{key.quote}{new}{key.quote}")
    return None
