"""GPT028: a chat template's text, which already holds the BOS token, encoded with special tokens."""
from __future__ import annotations

from typing import Iterator

import libcst as cst

from ..analysis import RuleContext
from ..analysis.calls import TokenizerCall
from ..analysis.syntax import first_positional, unpacks
from ..analysis.values import ChatText, Tokenizer
from ..facts.families import checkpoints_of
from ..fixes import with_keyword
from ..parameter_names import ADD_SPECIAL_TOKENS
from ..rule import FixAvailability, Rule
from ..violation import Fix, Replace, Violation


class BosTwice(Rule):
    code = "GPT028"
    name = "chat-text-encoded-with-special-tokens"
    title = "chat template text encoded again with special tokens: two BOS tokens"
    fix_availability = FixAvailability.ALWAYS
    fix_summary = "unsafe"

    def check_tokenizer_call(self, call: TokenizerCall, context: RuleContext) -> Iterator[Violation]:
        text = first_positional(call.node)
        if text is None or unpacks(call.node) or call.keyword(ADD_SPECIAL_TOKENS) is not None:
            return
        chat = context.value_of(text)
        if not isinstance(chat, ChatText) or chat.tokenizer is None:
            return
        if not (_adds_bos(chat.tokenizer) and _adds_bos(call.tokenizer)):
            return
        yield Violation(
            self.code,
            "the chat template's text already starts with the BOS token, and encoding it adds another; "
            "pass add_special_tokens=False",
            call.node,
            # the ids change (one BOS fewer), and so does what the model computes from them
            Fix((Replace(call.node, with_keyword(call.node, ADD_SPECIAL_TOKENS, cst.Name("False"))),), safe=False),
        )


def _adds_bos(tokenizer: Tokenizer) -> bool:
    row = checkpoints_of(tokenizer.checkpoint)
    return row is not None and row.bos_in_chat_template
