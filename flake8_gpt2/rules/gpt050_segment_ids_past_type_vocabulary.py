"""GPT050: token_type_ids holding a segment id past the model's token type embedding (RoBERTa has one)."""
from __future__ import annotations

from typing import Iterator, Optional, Tuple

import libcst as cst

from ..analysis import RuleContext
from ..analysis.calls import ModelCall
from ..analysis.syntax import may_pass
from ..analysis.values import Encoding, NumberTensor
from ..facts.families import checkpoints_of, family_of_class
from ..knowledge import FORWARD
from ..parameter_names import CONFIG, TOKEN_TYPE_IDS, TYPE_VOCAB_SIZE
from ..rule import FixAvailability, Rule
from ..violation import Fix, Replace, Violation

# what may give the loaded model another token type embedding
_CONFIG_SETTERS = (TYPE_VOCAB_SIZE, CONFIG)


class SegmentIdsPastTypeVocabulary(Rule):
    code = "GPT050"
    name = "segment-ids-past-type-vocabulary"
    title = "token_type_ids hold a segment id past the model's token types (RoBERTa has one)"
    fix_availability = FixAvailability.SOMETIMES
    fix_summary = "safe"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        known = _type_vocab_size(call)
        if known is None:
            return
        checkpoint, size = known
        given = call.passes(TOKEN_TYPE_IDS)
        if given is not None:
            value = context.value_of(given.value)
            if isinstance(value, NumberTensor) and not value.may_change and (value.highest or 0) >= size:
                where = "these token_type_ids" if value.written else "the token_type_ids of this encoding of pairs"
                # ids a tokenizer made: another checkpoint's, whose ids this model does not read either
                fix = _without(call, given) if value.written and size == 1 else None
                yield self._violation(call, checkpoint, size, f"{where} hold {value.highest}", fix)
            return
        if call.keyword(TOKEN_TYPE_IDS) is not None:
            return
        for arg in call.node.args:
            encoding = context.value_of(arg.value) if arg.star == "**" else None
            if not isinstance(encoding, Encoding) or not encoding.holds_input_ids:
                continue
            highest = encoding.highest_type_id
            if highest is not None and highest >= size:
                # another checkpoint's tokenizer made it: no fix, the model needs its own tokenizer
                what = f"this encoding of pairs of texts holds token_type_ids of {highest}"
                yield self._violation(call, checkpoint, size, what, None)
                return

    def _violation(self, call: ModelCall, checkpoint: str, size: int, what: str, fix: Optional[Fix]) -> Violation:
        types = "one token type" if size == 1 else f"{size} token types (0 to {size - 1})"
        advice = (
            "it tells the texts of a pair apart by their separators alone: leave token_type_ids out, or encode "
            "with its own tokenizer, which gives none"
            if size == 1
            else f"give segment ids of 0 to {size - 1}"
        )
        return Violation(
            self.code,
            f"{what}, but {checkpoint} has {types} (type_vocab_size={size}): its token type embedding raises "
            f"IndexError: index out of range in self; {advice}",
            call.node,
            fix,
        )


def _type_vocab_size(call: ModelCall) -> Optional[Tuple[str, int]]:
    """The checkpoint and the rows of the token type embedding of the model a forward call runs,
    where its config is still its checkpoint's."""
    model = call.model
    row = checkpoints_of(model.checkpoint)
    loaded = model.loaded  # None once anything may have changed its config
    if call.method != FORWARD or row is None or row.type_vocab_size is None or model.checkpoint is None:
        return None
    if family_of_class(model.architecture) is not row.family or model.custom_code:
        return None
    if loaded is None or may_pass(loaded.call, _CONFIG_SETTERS):
        return None
    return model.checkpoint, row.type_vocab_size


def _without(call: ModelCall, given: cst.Arg) -> Fix:
    """The call without `token_type_ids=`: the model then numbers every token 0, its one type."""
    args = [arg for arg in call.node.args if arg is not given]
    if args and given is call.node.args[-1]:
        args[-1] = args[-1].with_changes(comma=given.comma)
    # the call raised on every run; without them it runs with the only type the model has
    return Fix((Replace(call.node, call.node.with_changes(args=args)),), safe=True, sound_in_any_walk=True)
