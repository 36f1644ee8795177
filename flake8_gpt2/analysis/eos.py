"""How a tokenizer's end-of-sequence token gets into what it encodes: its checkpoint's tokenizer
appends it, `add_eos_token=True` asks for it, the code appends it to texts or ids, or the chat
template writes it after each turn. Only the shapes whose result is certain count: anything else is
unknown, and unknown never says an eos gets in."""
from __future__ import annotations

from typing import Optional

import libcst as cst

from ..facts.families import checkpoints_of
from ..target import Target
from .values import EosToken, Evaluate, Ids, Text, Tokenizer

APPENDED_TO_TEXTS = "the code puts it after texts or ids"
ASKED_AT_LOADING = "the tokenizer was loaded with add_eos_token=True"
APPENDED_BY_TOKENIZER = "its tokenizer appends it to every text"
WRITTEN_BY_CHAT_TEMPLATE = "the chat template ends each turn with it"
WRITTEN_IN_TEXTS = "the code writes {eos!r} at the end of the texts it encodes"


def appended_eos(node: cst.CSTNode, evaluate: Evaluate) -> Optional[Tokenizer]:
    """The tokenizer whose eos token `node` puts after something: `text + tok.eos_token`,
    f"...{tok.eos_token}" (not as its first part), or `ids + [tok.eos_token_id]` where `ids` is
    known to be a list."""
    if isinstance(node, cst.BinaryOperation):
        if not isinstance(node.operator, cst.Add):
            return None
        right = node.right
        if isinstance(right, cst.List):
            eos = _one_element(right, evaluate)
            return eos.tokenizer if eos is not None and eos.is_id and _is_list(node.left, evaluate) else None
        eos = evaluate(right) if isinstance(right, (cst.Attribute, cst.Name)) else None
        return eos.tokenizer if isinstance(eos, EosToken) and not eos.is_id else None
    if isinstance(node, cst.FormattedString):
        for part in node.parts[1:]:
            if isinstance(part, cst.FormattedStringExpression) and part.conversion is None:
                eos = evaluate(part.expression)
                if isinstance(eos, EosToken) and not eos.is_id:
                    return eos.tokenizer
    return None


def ends_with_eos_text(text: Text, tokenizer: Tokenizer) -> bool:
    """Whether every text of `text` ends with the tokenizer's eos token written as text, after some
    other text (the token alone is a stop string or a separator, not a text to train on)."""
    eos = tokenizer.eos_text
    if eos is None:
        return False
    if text.literal is not None:
        written = text.literal.rstrip()
        return written.endswith(eos) and bool(written[: -len(eos)].strip())
    return text.tail is not None and text.tail.rstrip().endswith(eos)


def _one_element(node: cst.List, evaluate: Evaluate) -> Optional[EosToken]:
    if len(node.elements) != 1 or isinstance(node.elements[0], cst.StarredElement):
        return None
    eos = evaluate(node.elements[0].value)
    return eos if isinstance(eos, EosToken) else None


def _is_list(node: cst.BaseExpression, evaluate: Evaluate) -> bool:
    """A list literal or comprehension, ids known to be a list, or a sum of them."""
    if isinstance(node, (cst.List, cst.ListComp)):
        return True
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
        return _is_list(node.left, evaluate) and _is_list(node.right, evaluate)
    ids = evaluate(node)
    return isinstance(ids, Ids) and ids.is_list


def chat_turns_end_with_eos(tokenizer: Tokenizer) -> bool:
    row = checkpoints_of(tokenizer.checkpoint)
    return row is not None and row.eos_ends_chat_turns


def eos_route(tokenizer: Tokenizer, target: Target) -> Optional[str]:
    """How the tokenizer's eos token gets into what it encodes, or None where nothing shows it does."""
    row = checkpoints_of(tokenizer.checkpoint)
    if row is not None and row.adds_eos:
        return APPENDED_BY_TOKENIZER
    if tokenizer.asked_to_add_eos and target.honours_add_eos_token:
        return ASKED_AT_LOADING
    return tokenizer.settings.eos_in_texts
