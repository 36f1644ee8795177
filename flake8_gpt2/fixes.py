"""Building blocks the rules' fixes share."""
from __future__ import annotations

import json
from typing import Optional, Tuple

import libcst as cst

from .analysis import ModelCall, RuleContext
from .analysis.values import Model, Tokenizer, TransformersModule, TransformersName
from .violation import Edit, InsertAfter, Replace

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


def tokenizer_of(model: Model, context: RuleContext, name: str = "tokenizer") -> Optional[Tuple[Edit, ...]]:
    """`tokenizer = AutoTokenizer.from_pretrained(<the model's checkpoint>)` right after the
    module-level line that loaded the model, with `AutoTokenizer` imported in the file's style; None
    where the checkpoint is not a literal, or `name` is taken."""
    if model.checkpoint is None or model.bound_in is None or not model.bound_in_module:
        return None
    loader = transformers_name("AutoTokenizer", context)
    if loader is None:
        return None
    code, import_edit = loader
    load = InsertAfter(model.bound_in, f"{name} = {code}.from_pretrained({json.dumps(model.checkpoint)})")
    return (load,) if import_edit is None else (import_edit, load)


def transformers_name(name: str, context: RuleContext) -> Optional[Tuple[str, Optional[Replace]]]:
    """How module-level code can name `transformers.<name>`: the name itself when imported, through
    `import transformers [as tf]`, or by adding it to the module's `from transformers import ...`."""
    bindings = context.module_bindings()
    bound = bindings.get(name)
    if isinstance(bound, TransformersName) and bound.name == name:
        return name, None
    if name in bindings:
        return None  # the name means something else here
    module = next((alias for alias, value in bindings.items() if isinstance(value, TransformersModule)), None)
    if module is not None:
        return f"{module}.{name}", None
    statement = context.transformers_import()
    if statement is None or isinstance(statement.names, cst.ImportStar):
        return None
    return name, Replace(statement, _with_name(statement, name))


def _with_name(statement: cst.ImportFrom, name: str) -> cst.ImportFrom:
    assert not isinstance(statement.names, cst.ImportStar)
    *others, last = statement.names
    added = cst.ImportAlias(cst.Name(name))
    if isinstance(last.comma, cst.Comma):  # a trailing comma: keep it last, as with_keyword does
        if others and isinstance(others[-1].comma, cst.Comma):
            between = others[-1].comma
        elif statement.lpar is not None:  # one name per line: the new one on a line of its own
            between = cst.Comma(whitespace_after=statement.lpar.whitespace_after)
        else:
            between = _COMMA
        names = [*others, last.with_changes(comma=between), added.with_changes(comma=last.comma)]
        return statement.with_changes(names=names)
    return statement.with_changes(names=[*others, last.with_changes(comma=_COMMA), added])


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
