"""GPT008: token ids as Python lists (no `return_tensors`) given to a model."""
from __future__ import annotations

from typing import Iterator, Optional, Union

import libcst as cst

from ..analysis import RuleContext
from ..analysis.calls import ModelCall
from ..analysis.syntax import argument
from ..analysis.values import Encoding, Ids, Text
from ..fixes import with_keyword
from ..parameter_names import PYTORCH_TENSORS, RETURN_TENSORS, TEXT
from ..rule import FixAvailability, Rule
from ..violation import Fix, Replace, Violation


class EncodingWithoutTensors(Rule):
    code = "GPT008"
    name = "encoding-without-tensors"
    title = "token ids as Python lists (no `return_tensors`)"
    fix_availability = FixAvailability.SOMETIMES
    fix_summary = "safe"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        inputs = [(call.input, call.input_value)] if call.input is not None else []
        inputs += [(arg, context.value_of(arg.value)) for arg in call.node.args if arg.star == "**"]
        for arg, value in inputs:
            lists = (isinstance(value, Ids) and value.is_list) or (
                isinstance(value, Encoding) and not value.has_tensors and arg.star == "**"
            )
            if lists:
                yield Violation(
                    self.code,
                    'token ids given as Python lists, and the model takes tensors; ask the tokenizer for '
                    'them: return_tensors="pt"',
                    call.node,
                    self._fix(value, context),  # type: ignore[arg-type]  # Ids or Encoding here
                )
                return

    @staticmethod
    def _fix(value: Union[Ids, Encoding], context: RuleContext) -> Optional[Fix]:
        owner = value.source if isinstance(value, Ids) and value.source is not None else value
        tokenizer_call = value.tokenizer_call
        if tokenizer_call is None or not context.made_here(owner) or not _encodes_one_text(tokenizer_call, context):
            return None
        with_tensors = with_keyword(tokenizer_call, RETURN_TENSORS, cst.SimpleString(f'"{PYTORCH_TENSORS}"'))
        # safe when this is the only use of the lists: elsewhere they may be what the code needs
        return Fix((Replace(tokenizer_call, with_tensors),), safe=True, holds=context.read_at_most_once(owner))


def _encodes_one_text(call: cst.Call, context: RuleContext) -> bool:
    # a batch of texts of unequal lengths would also need padding to become one tensor
    text = argument(call, TEXT, 0)
    value = context.value_of(text.value) if text is not None else None
    return isinstance(value, Text) and not value.is_batch
