"""Side effects the analysis tracks on values it already knows: a tokenizer whose pad token may
have been set, an encoding that may have lost a key, and the reads of an encoding or of ids (a fix
that changes them must be their only use)."""
from __future__ import annotations

import libcst as cst

from .. import knowledge
from .evaluation import Evaluator
from .scopes import Scopes
from .values import Encoding, Ids, Tokenizer, Value


class Effects:
    def __init__(self, scopes: Scopes, evaluator: Evaluator) -> None:
        self._scopes = scopes
        self._evaluator = evaluator
        # most modules never bind a tokenizer or an encoding: then no call or name needs looking at
        self._tracking = False

    def note_bound(self, value: Value) -> None:
        if isinstance(value, (Tokenizer, Encoding)):
            self._tracking = True

    def note_call(self, node: cst.Call) -> None:
        """A tokenizer handed to code we cannot see, or given a method we do not know, may get a
        pad token there; an encoding given a method that is not known to keep its keys may lose
        one."""
        if not self._tracking:
            return
        value_of = self._evaluator.value_of
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value not in knowledge.TOKENIZER_READ_ONLY_METHODS:
            receiver = value_of(func.value)
            if isinstance(receiver, Tokenizer):
                receiver.pad_may_be_set = True
            elif isinstance(receiver, Encoding) and func.attr.value not in knowledge.ENCODING_READ_ONLY_METHODS:
                receiver.holds_input_ids = False
        if isinstance(func, cst.Name) and func.value in knowledge.TOKENIZER_SAFE_CONSUMERS:
            return
        for arg in node.args:
            value = value_of(arg.value)
            if isinstance(value, Tokenizer):
                value.pad_may_be_set = True

    @staticmethod
    def note_attribute_set(tokenizer: Tokenizer, attribute: str) -> None:
        # Setting any attribute of a tokenizer may set its pad token (pad_token, pad_token_id,
        # special tokens ...); padding_side is the common one that cannot.
        if attribute != "padding_side":
            tokenizer.pad_may_be_set = True

    @staticmethod
    def note_item_set(container: Value) -> None:
        """`enc[key] = ...` or `del enc[key]`."""
        if isinstance(container, Encoding):
            container.holds_input_ids = False

    def note_read(self, node: cst.Name) -> None:
        """Every read of an encoding or of ids counts, so a fix can tell it is the only one."""
        if not self._tracking:
            return
        value = self._scopes.lookup(node.value, record=False)
        owner = value.source if isinstance(value, Ids) and isinstance(value.source, Encoding) else value
        if isinstance(owner, (Encoding, Ids)):
            owner.read_at.add(id(node))
