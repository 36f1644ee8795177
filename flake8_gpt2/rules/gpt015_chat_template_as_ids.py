"""GPT015: what apply_chat_template returns used as its ids: a BatchEncoding in transformers 5."""
from __future__ import annotations

from typing import Iterator

import libcst as cst

from ..analysis import RuleContext
from ..analysis.calls import ConversionCall
from ..analysis.syntax import keyword
from ..fixes import with_keyword
from ..parameter_names import INPUT_IDS, RETURN_DICT
from ..rule import FixAvailability, Rule
from ..violation import Fix, Replace, Violation


class ChatTemplateAsIds(Rule):
    code = "GPT015"
    name = "chat-template-encoding-as-ids"
    title = "`apply_chat_template` result measured or made a tensor as ids (a dict in transformers 5)"
    fix_availability = FixAvailability.ALWAYS
    fix_summary = "safe for tensors, unsafe for len()"

    def check_conversion_call(self, call: ConversionCall, context: RuleContext) -> Iterator[Violation]:
        encoding = call.encoding
        if not encoding.from_chat_template or encoding.has_tensors:
            return
        shown = context.short_code_of(call.argument) or "chat"
        if call.function == "len":
            what = "len() counts its keys (2), not its tokens"
        else:
            what = f"{call.function}() cannot make a tensor of it"
        yield Violation(
            self.code,
            f"apply_chat_template returns a BatchEncoding (ids and mask) in transformers 5, not ids: "
            f'{what}; ask it for the ids (return_dict=False), or take them: {shown}["input_ids"]',
            call.node,
            _ids_instead(call, context),
        )


def _ids_instead(call: ConversionCall, context: RuleContext) -> Fix:
    """`return_dict=False` added to the apply_chat_template call, ids on every version, where it is
    the argument or was made here (then this must be the only use of what it made); else
    `["input_ids"]` of the encoding."""
    encoding = call.encoding
    template = encoding.tokenizer_call
    # len() ran and gave another number: the fix changes what the code computes
    safe = call.function != "len"
    if template is not None and keyword(template, RETURN_DICT) is None:
        as_ids = Replace(template, with_keyword(template, RETURN_DICT, cst.Name("False")))
        if call.argument is template:
            return Fix((as_ids,), safe=safe)
        if context.made_here(encoding):
            return Fix((as_ids,), safe=safe, holds=context.read_at_most_once(encoding))
    ids = cst.Subscript(call.argument, [cst.SubscriptElement(cst.Index(cst.SimpleString(f'"{INPUT_IDS}"')))])
    return Fix((Replace(call.argument, ids),), safe=safe)
