"""Building blocks the rules' fixes share."""
from __future__ import annotations

import json
from functools import lru_cache
from typing import List, Optional, Tuple

import libcst as cst

from . import parameter_names
from .analysis import RuleContext
from .analysis.calls import ModelCall
from .analysis.model_runs import checkpoint_argument
from .analysis.syntax import code_of, dotted_name, literal_string
from .analysis.values import Model, Site, Tokenizer, TransformersModule, TransformersName
from .knowledge import DEDICATED_PAD_TOKEN
from .violation import Edit, InsertAfter, Replace

NO_SPACE = cst.AssignEqual(
    whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")
)


def keyword_arg(name: str, value: cst.BaseExpression) -> cst.Arg:
    return cst.Arg(value=value, keyword=cst.Name(name), equal=NO_SPACE)


def set_pad_token(tokenizer: Tokenizer, context: RuleContext) -> Optional[InsertAfter]:
    """`tok.pad_token = tok.eos_token` right after the statement that created `tok`, or None
    when there is no such line to insert after."""
    binding = context.binding_of(tokenizer)
    if binding is None or binding.line is None or binding.code is None:
        return None
    name = binding.code
    return InsertAfter(binding.line, f"{name}.pad_token = {name}.eos_token")


def tokenizer_of(
    model: Model, context: RuleContext, name: str = parameter_names.TOKENIZER
) -> Optional[Tuple[Edit, ...]]:
    """`tokenizer = AutoTokenizer.from_pretrained(<the model's checkpoint>)` right after the
    module-level line that loaded the model, with `AutoTokenizer` imported in the file's style; None
    where the checkpoint is not known, or `name` is taken."""
    binding = context.binding_of(model)
    if model.checkpoint is None or binding is None or binding.line is None or not binding.in_module:
        return None
    checkpoint = _checkpoint_again(model, binding.code)
    loader = transformers_name("AutoTokenizer", context)
    if loader is None or checkpoint is None:
        return None
    code, import_edit = loader
    load = InsertAfter(binding.line, f"{name} = {code}.from_pretrained({checkpoint})")
    return (load,) if import_edit is None else (import_edit, load)


def _checkpoint_again(model: Model, bound_as: Optional[str]) -> Optional[str]:
    """Code that names the model's checkpoint again after the line that loaded it: its literal, or
    the name it was chosen through when the program runs (`args.model`), unless that line rebinds it."""
    given = checkpoint_argument(model.loaded.call) if model.loaded is not None else None
    if given is None or literal_string(given) is not None:
        return json.dumps(model.checkpoint)
    dotted = dotted_name(given)
    if dotted is None or (bound_as is not None and dotted.split(".")[0] == bound_as.split(".")[0]):
        return None
    return dotted


def transformers_name(name: str, context: RuleContext) -> Optional[Tuple[str, Optional[Replace]]]:
    """How module-level code can name `transformers.<name>`: the name itself when imported, through
    `import transformers [as tf]`, or by adding it to the module's `from transformers import ...`."""
    bindings = context.module_bindings()
    bound = bindings.get(name)
    if isinstance(bound, TransformersName) and bound.name == name:
        return name, None
    if name in bindings:
        return None  # the name means something else here
    module = next((alias for alias, _ in context.module_names_holding(TransformersModule)), None)
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


def without_argument(call: cst.Call, removed: cst.Arg) -> cst.Call:
    """`call` without the argument `removed`, in the call's own layout: the argument before it takes
    its comma and the space before `)` when it was the last one (a trailing comma stays, none is left
    dangling)."""
    args = list(call.args)
    at = args.index(removed)
    del args[at]
    if at == len(args) and args:
        args[-1] = args[-1].with_changes(comma=removed.comma, whitespace_after_arg=removed.whitespace_after_arg)
    return call.with_changes(args=args)


# what `**encoding` passes: the same keywords given beside it would be passed twice
ENCODING_KEYS = (parameter_names.INPUT_IDS, parameter_names.ATTENTION_MASK, parameter_names.TOKEN_TYPE_IDS)


def unpacked_in_place(call: ModelCall, arg: cst.Arg, mapping: cst.BaseExpression) -> Optional[Replace]:
    """`arg` (the input_ids slot) replaced by `**mapping`, where that is valid Python passing
    nothing twice."""
    if call.unpacks or any(call.keyword(key) not in (None, arg) for key in ENCODING_KEYS):
        return None
    if arg.keyword is None and len(call.positional) > 1:
        return None  # `**` cannot come before the positional arguments that follow
    unpacked = cst.Arg(mapping, star="**", comma=arg.comma, whitespace_after_arg=arg.whitespace_after_arg)
    return Replace(arg, unpacked)


def mask_beside(ids: cst.BaseExpression) -> Optional[cst.BaseExpression]:
    """The attention mask of the batch whose ids are `ids`: `enc["attention_mask"]` for
    `enc["input_ids"]`, `enc.attention_mask` for `enc.input_ids`; None for other forms."""
    if isinstance(ids, cst.Attribute) and ids.attr.value == parameter_names.INPUT_IDS:
        return ids.with_changes(attr=cst.Name(parameter_names.ATTENTION_MASK))
    if isinstance(ids, cst.Subscript) and len(ids.slice) == 1 and isinstance(ids.slice[0].slice, cst.Index):
        if literal_string(ids.slice[0].slice.value) == parameter_names.INPUT_IDS:
            return cst.parse_expression(f'{code_of(ids.value)}["attention_mask"]')
    return None


def dedicated_pad_token(tokenizer: Tokenizer, context: RuleContext) -> Optional[Tuple[Edit, ...]]:
    """A pad token of its own for `tokenizer`, and the embeddings of the one model in reach resized
    to it: `tok.add_special_tokens({"pad_token": "<|pad|>"})` where `tok.pad_token = tok.eos_token`
    was (or after the line that created `tok`), then `model.resize_token_embeddings(len(tok))` once
    both have run. None unless the three statements run together, on lines of their own."""
    models = context.models_in_reach()
    tokenizer_binding = context.binding_of(tokenizer)
    model_binding = context.binding_of(models[0]) if len(models) == 1 else None
    if tokenizer_binding is None or model_binding is None:
        return None
    tokenizer_site, pad_site, model_site = tokenizer_binding.site, tokenizer.settings.pad_site, model_binding.site
    added = f'{tokenizer_site.code}.add_special_tokens({{"pad_token": "{DEDICATED_PAD_TOKEN}"}})'
    resize = f"{model_site.code}.resize_token_embeddings(len({tokenizer_site.code}))"
    setting = pad_site or tokenizer_site
    sites = (tokenizer_site, setting, model_site)
    if any(site.line is None or not site.always_runs_with(tokenizer_site) for site in sites):
        return None
    if pad_site is not None:
        if len(pad_site.line.body) != 1:
            return None
        edits: List[Edit] = [Replace(pad_site.line.body[0], _expression_statement(added))]
    else:
        edits = [InsertAfter(tokenizer_site.line, added)]
    last: Site = max((setting, model_site), key=lambda site: site.order)
    edits.append(InsertAfter(last.line, resize))
    return tuple(edits)


@lru_cache(maxsize=256)
def _expression_statement(code: str) -> cst.Expr:
    # the same few lines are built for every finding of a file, and libcst's nodes never change
    return cst.Expr(cst.parse_expression(code))
