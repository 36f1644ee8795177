"""GPT048: a fill-mask pipeline given a text with another family's mask token, not its own."""
from __future__ import annotations

from typing import Iterator, Optional

import libcst as cst

from ..analysis import RuleContext
from ..analysis.calls import PipelineCall
from ..analysis.syntax import argument, first_positional, literal_string
from ..analysis.values import Model, Tokenizer
from ..facts.families import FAMILIES, Family, checkpoints_of
from ..knowledge import FILL_MASK_PIPELINE
from ..parameter_names import MODEL, TOKENIZER
from ..rule import FixAvailability, Rule
from ..violation import Fix, Replace, Violation

_MASK_TOKENS = frozenset(family.mask_token for family in FAMILIES if family.mask_token is not None)


class AnotherFamilysMaskToken(Rule):
    code = "GPT048"
    name = "another-familys-mask-token"
    title = "fill-mask pipeline given another family's mask token"
    fix_availability = FixAvailability.SOMETIMES
    fix_summary = "safe"

    def check_pipeline_call(self, call: PipelineCall, context: RuleContext) -> Iterator[Violation]:
        if call.class_name != FILL_MASK_PIPELINE:
            return
        text = first_positional(call.node)
        written = literal_string(text) if isinstance(text, cst.SimpleString) else None
        family = _family_of(call, context)
        if written is None or family is None or family.mask_token is None or family.mask_token in written:
            return
        foreign = next((token for token in sorted(_MASK_TOKENS) if token in written), None)
        if foreign is None:
            return
        yield Violation(
            self.code,
            f"{family.name}'s mask token is {family.mask_token}, not {foreign}: the pipeline finds no mask "
            f"in this text and raises PipelineException; write {family.mask_token}, or "
            f"{context.short_code_of(call.node.func) or 'the pipeline'}.tokenizer.mask_token to follow the model",
            call.node,
            _fix(text, foreign, family.mask_token),
        )


def _family_of(call: PipelineCall, context: RuleContext) -> Optional[Family]:
    """The family of the pipeline's model and of its tokenizer (the model's, or `tokenizer=` of the
    same family), by a literal checkpoint or what loaded them."""
    made_by = call.pipeline.made_by
    if made_by is None or any(arg.star for arg in made_by.args):
        return None
    model, tokenizer = _family_given(made_by, MODEL, 1, context), _family_given(made_by, TOKENIZER, 2, context)
    if argument(made_by, TOKENIZER, 2) is not None and tokenizer is not model:
        return None
    return model


def _family_given(made_by: cst.Call, keyword: str, position: int, context: RuleContext) -> Optional[Family]:
    given = argument(made_by, keyword, position)
    if given is None:
        return None
    value = context.value_of(given.value)
    checkpoint = value.checkpoint if isinstance(value, (Model, Tokenizer)) else literal_string(given.value)
    row = checkpoints_of(checkpoint) if checkpoint is not None else None
    return row.family if row is not None else None


def _fix(text: cst.BaseExpression, foreign: str, own: str) -> Optional[Fix]:
    assert isinstance(text, cst.SimpleString)
    if foreign in text.prefix or "\\" in text.value:
        return None  # a raw or escaped literal: rewritten by hand
    # the call raised on every run; the text now holds the mask the model fills
    edit = Replace(text, text.with_changes(value=text.value.replace(foreign, own)))
    return Fix((edit,), safe=True, sound_in_any_walk=True)  # it edits only the call's own text
