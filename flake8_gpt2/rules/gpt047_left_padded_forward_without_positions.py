"""GPT047: a forward call on a batch padded on the left, whose model numbers positions from the first
column, pads included, and is given no position_ids."""
from __future__ import annotations

from typing import Iterator, Optional

import libcst as cst

from ..analysis import RuleContext
from ..analysis.batches import padded_input
from ..analysis.calls import ModelCall
from ..analysis.syntax import code_of
from ..facts.families import family_of_class
from ..fixes import with_keyword
from ..knowledge import FORWARD
from ..parameter_names import ATTENTION_MASK, CACHE_POSITION, LABELS, LEFT, PAST_KEY_VALUES, POSITION_IDS
from ..rule import FixAvailability, Rule
from ..violation import Fix, Replace, Violation

# what the forward call may be given beside the batch that makes positions its own business
_STEPPING = (PAST_KEY_VALUES, CACHE_POSITION, LABELS)


class LeftPaddedForwardWithoutPositions(Rule):
    code = "GPT047"
    name = "left-padded-forward-without-positions"
    title = "forward on a left-padded batch of a model whose positions count the pads"
    fix_availability = FixAvailability.SOMETIMES
    fix_summary = "unsafe"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        family = family_of_class(call.model.architecture)
        if call.method != FORWARD or family is None or not family.positions_count_padding or call.model.custom_code:
            return
        if call.setting(POSITION_IDS) is not None or call.spreads_unknown:
            return
        if any(call.keyword(name) is not None for name in _STEPPING):
            return
        given = padded_input(call, context.value_of)
        padding = given.encoding.padding if given is not None else None
        if padding is None or padding.side != LEFT or not given.encoding.has_tensors:
            return
        yield Violation(
            self.code,
            f"{family.name} numbers positions from each row's first column, pads included: the rows "
            f"padded on the left get other logits than alone; pass position_ids counted from the "
            f"attention mask: position_ids=(attention_mask.cumsum(-1) - 1).clamp(min=0)",
            call.node,
            _fix(call),
        )


def _fix(call: ModelCall) -> Optional[Fix]:
    """`position_ids=` counted from the batch's mask, named as the call names the batch."""
    mask = _mask_code(call)
    if mask is None:
        return None
    positions = cst.parse_expression(f"({mask}.cumsum(-1) - 1).clamp(min=0)")
    return Fix(
        (Replace(call.node, with_keyword(call.node, POSITION_IDS, positions)),),
        # the logits change: that is the point, but anything computed from them changes too
        safe=False,
        sound_in_any_walk=True,  # it names only what the call names
    )


def _mask_code(call: ModelCall) -> Optional[str]:
    """`batch["attention_mask"]` for `**batch` or `batch["input_ids"]`; the `attention_mask=` given."""
    given = call.passes(ATTENTION_MASK)
    if given is not None:
        return code_of(given.value) if isinstance(given.value, (cst.Name, cst.Subscript)) else None
    spread = [arg.value for arg in call.node.args if arg.star == "**"]
    if len(spread) == 1 and call.input is None:
        batch = spread[0]
    elif not spread and call.input is not None and isinstance(call.input.value, cst.Subscript):
        batch = call.input.value.value
    else:
        return None
    return f'{code_of(batch)}["{ATTENTION_MASK}"]' if isinstance(batch, cst.Name) else None
