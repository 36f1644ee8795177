"""GPT030: an encoding that holds token_type_ids unpacked into generate() of a model that takes none."""
from __future__ import annotations

from typing import Iterator, Optional

import libcst as cst

from ..analysis import RuleContext
from ..analysis.calls import ModelCall
from ..analysis.syntax import keyword
from ..analysis.values import Encoding
from ..fixes import with_keyword
from ..knowledge import GENERATE
from ..model_signatures import FORWARD_KEYWORDS
from ..parameter_names import RETURN_TOKEN_TYPE_IDS, TOKEN_TYPE_IDS
from ..rule import FixAvailability, Rule
from ..violation import Fix, Replace, Violation


class TokenTypeIdsToGenerate(Rule):
    code = "GPT030"
    name = "token-type-ids-to-generate"
    title = "encoding with token_type_ids unpacked into generate() of a model that takes none"
    fix_availability = FixAvailability.SOMETIMES
    fix_summary = "safe"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        model = call.model
        taken = FORWARD_KEYWORDS.get(model.architecture or "")
        if call.method != GENERATE or taken is None or TOKEN_TYPE_IDS in taken or model.custom_code:
            return
        if call.keyword(TOKEN_TYPE_IDS) is not None:
            return
        for arg in call.node.args:
            encoding = context.value_of(arg.value) if arg.star == "**" else None
            # holds_input_ids: no key of it may have been removed (`del`, `pop`, an item set)
            if isinstance(encoding, Encoding) and encoding.holds_token_type_ids and encoding.holds_input_ids:
                yield Violation(
                    self.code,
                    f"this encoding holds token_type_ids, which {model.architecture} does not take: generate() "
                    f"raises ValueError (model_kwargs not used); encode with {RETURN_TOKEN_TYPE_IDS}=False, or "
                    f"pass its input_ids and attention_mask alone",
                    call.node,
                    _fix(encoding, context),
                )
                return


def _fix(encoding: Encoding, context: RuleContext) -> Optional[Fix]:
    made_by = encoding.tokenizer_call
    if made_by is None or not context.made_here(encoding):
        return None
    asked = keyword(made_by, RETURN_TOKEN_TYPE_IDS)
    no_token_type_ids = cst.Name("False")
    edit = Replace(asked.value, no_token_type_ids) if asked is not None else Replace(
        made_by, with_keyword(made_by, RETURN_TOKEN_TYPE_IDS, no_token_type_ids)
    )
    return Fix(
        (edit,),
        safe=True,
        # the encoding's other readers may need its token_type_ids
        holds=context.read_at_most_once(encoding),
    )
