"""GPT001: raw text given to a model, which only takes token ids."""
from __future__ import annotations

from typing import Iterator, List, Optional

import libcst as cst

from ..analysis import RuleContext
from ..analysis.calls import ModelCall
from ..analysis.syntax import dotted_expression
from ..analysis.values import Text, Tokenizer
from ..facts.families import checkpoints_of
from ..fixes import keyword_arg, set_pad_token, tokenizer_of, unpacked_in_place
from ..knowledge import FORWARD
from ..parameter_names import PADDING, PYTORCH_TENSORS, RETURN_TENSORS, TOKENIZER
from ..rule import FixAvailability, Rule
from ..violation import Edit, Fix, InsertAfter, Replace, Violation


class TextToModel(Rule):
    code = "GPT001"
    name = "text-passed-to-model"
    title = "text passed to a model"
    fix_availability = FixAvailability.SOMETIMES
    fix_summary = "safe for one string, unsafe for a batch"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        text = call.input_value
        if not isinstance(text, Text):
            return
        assert call.input is not None
        tokenizers = context.tokenizers_in_reach()
        # with one tokenizer in reach the fix can name it; with several, which one is a guess
        known = tokenizers[0] if len(tokenizers) == 1 else None
        padding = ", padding=True" if text.is_batch else ""
        shown = context.short_code_of(call.input.value) or "text"
        if known is not None:
            fix = self._fix(call, call.input, text, *known, context)
        elif not tokenizers:
            fix = self._fix_loading_tokenizer(call, call.input, text, context)
        else:
            fix = None
        yield Violation(
            self.code,
            f"text passed to a model, which takes token ids; tokenize it first: "
            f'{call.callee_code}(**{known[0] if known else "tokenizer"}({shown}, return_tensors="pt"{padding}))',
            call.node,
            fix,
        )

    @staticmethod
    def _fix(
        call: ModelCall, arg: cst.Arg, text: Text, name: str, tokenizer: Tokenizer, context: RuleContext
    ) -> Optional[Fix]:
        edits: List[Edit] = []
        # padding a batch depends on the tokenizer's pad token and side: not provably the same
        safe = not text.is_batch
        if text.is_batch and tokenizer.lacks_pad_token:
            pad = set_pad_token(tokenizer, context)
            if pad is None:
                return None
            edits.append(pad)
        unpack = _tokenized_in_place(call, arg, text, name)
        return Fix((*edits, unpack), safe, final=_final(call, arg, text)) if unpack is not None else None

    @staticmethod
    def _fix_loading_tokenizer(call: ModelCall, arg: cst.Arg, text: Text, context: RuleContext) -> Optional[Fix]:
        """No tokenizer in reach: load the one of the model's checkpoint, after the model's line."""
        model, name = call.model, TOKENIZER
        checkpoint = model.checkpoint
        row = checkpoints_of(checkpoint)
        if checkpoint is None or (text.is_batch and (row is None or not row.never_has_pad_token)):
            return None  # the checkpoint's tokenizer may have a pad token of its own, which eos must not replace
        load = tokenizer_of(model, context, name)
        unpack = _tokenized_in_place(call, arg, text, name)
        binding = context.binding_of(model)
        if load is None or unpack is None or binding is None or binding.line is None:
            return None
        pad = [InsertAfter(binding.line, f"{name}.pad_token = {name}.eos_token")] if text.is_batch else []
        # unsafe: it adds a tokenizer load to the file (and for a batch, sets its pad token)
        return Fix((*load, *pad, unpack), safe=False, holds=context.stays_unbound(name))


def _final(call: ModelCall, arg: cst.Arg, text: Text) -> bool:
    """Whether `model("literal")` becomes `model(**tok("literal", return_tensors="pt"))`: one string
    literal (which no rule on the tokenizer's call looks into), the call's only argument (no keyword
    that a rule on a model call reads beside its input), and the forward, which no rule asks more of
    an encoding's origin."""
    only_argument = len(call.node.args) == 1 and not arg.star
    return call.method == FORWARD and not text.is_batch and only_argument and type(arg.value) is cst.SimpleString


def _tokenized_in_place(call: ModelCall, arg: cst.Arg, text: Text, name: str) -> Optional[Replace]:
    """`arg` replaced by `**name(text, return_tensors="pt"[, padding=True])`."""
    tokenizer_args = [cst.Arg(arg.value), keyword_arg(RETURN_TENSORS, cst.SimpleString(f'"{PYTORCH_TENSORS}"'))]
    if text.is_batch:
        tokenizer_args.append(keyword_arg(PADDING, cst.Name("True")))
    return unpacked_in_place(call, arg, cst.Call(func=dotted_expression(name), args=tokenizer_args))
