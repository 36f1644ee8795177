"""GPT008: token ids as Python lists (no `return_tensors`) given to a model."""
from __future__ import annotations

from typing import Iterator, Optional, Union

import libcst as cst

from ..analysis import Analysis, ModelCall, argument
from ..fixes import with_keyword
from ..rule import Rule
from ..values import Encoding, Ids, Text
from ..violation import Fix, Replace, Violation


class EncodingWithoutTensors(Rule):
    code = "GPT008"
    name = "encoding-without-tensors"
    fix_availability = "sometimes"

    def check_model_call(self, call: ModelCall, analysis: Analysis) -> Iterator[Violation]:
        for arg in self._inputs(call):
            value = analysis.value_of(arg.value)
            lists = (isinstance(value, Ids) and value.is_list) or (
                isinstance(value, Encoding) and not value.has_tensors and arg.star == "**"
            )
            if lists:
                yield Violation(
                    self.code,
                    'token ids given as Python lists, and the model takes tensors; ask the tokenizer for '
                    'them: return_tensors="pt"',
                    call.node,
                    self._fix(value, analysis),  # type: ignore[arg-type]  # Ids or Encoding here
                )
                return

    @staticmethod
    def _inputs(call: ModelCall) -> Iterator[cst.Arg]:
        first = call.input_arg()
        if first is not None:
            yield first
        yield from (arg for arg in call.node.args if arg.star == "**")

    @staticmethod
    def _fix(value: Union[Ids, Encoding], analysis: Analysis) -> Optional[Fix]:
        owner = value.source if isinstance(value, Ids) and value.source is not None else value
        made_by = value.made_by
        if made_by is None or owner.scope is not analysis.scope or not _encodes_one_text(made_by, analysis):
            return None
        with_tensors = with_keyword(made_by, "return_tensors", cst.SimpleString('"pt"'))
        # safe when this is the only use of the lists: elsewhere they may be what the code needs
        return Fix((Replace(made_by, with_tensors),), safe=True, holds=lambda: len(owner.read_at) <= 1)


def _encodes_one_text(call: cst.Call, analysis: Analysis) -> bool:
    # a batch of texts of unequal lengths would also need padding to become one tensor
    text = argument(call, "text", 0)
    value = analysis.value_of(text.value) if text is not None else None
    return isinstance(value, Text) and not value.is_batch
