"""GPT017: a tokenizer method transformers 5 removed (facts/migrations.py, METHODS)."""
from __future__ import annotations

from typing import Iterator, Optional

import libcst as cst

from ..analysis import RuleContext
from ..analysis.calls import TransformersCall
from ..analysis.syntax import first_positional
from ..analysis.values import Text
from ..facts import migrations
from ..facts.families import family_by_tokenizer_name
from ..knowledge import AUTO_PREFIX, BATCH_ENCODE_PLUS, ENCODE_PLUS
from ..parameter_names import BATCH_TEXT_OR_TEXT_PAIRS, TEXT
from ..rule import FixAvailability, Rule
from ..violation import Fix, Replace, Violation

# the methods that did what calling the tokenizer does, by whether their text is one or a batch
_CALL_DOES = {ENCODE_PLUS: False, BATCH_ENCODE_PLUS: True}


class RemovedTokenizerMethod(Rule):
    code = "GPT017"
    name = "removed-tokenizer-method"
    title = "tokenizer method transformers 5 removed (`encode_plus`, `batch_encode_plus`, `as_target_tokenizer` ...)"
    fix_availability = FixAvailability.SOMETIMES
    fix_summary = "safe for a text or a list of texts, else unsafe"

    def check_transformers_call(self, call: TransformersCall, context: RuleContext) -> Iterator[Violation]:
        tokenizer = call.tokenizer
        row = migrations.method_row(call.method) if tokenizer is not None and call.method else None
        if row is None or tokenizer is None or context.target.transformers_major < row.fails_from_major:
            return
        family = family_by_tokenizer_name(tokenizer.class_name, tokenizer.checkpoint)
        if row.lost_by_known_families_only and family is None:
            return
        if row.kept_by:
            names = (tokenizer.class_name, tokenizer.checkpoint)
            # an Auto class loads whatever the checkpoint names: only a literal one tells
            class_name = tokenizer.class_name or AUTO_PREFIX
            known = tokenizer.checkpoint is not None or not class_name.startswith(AUTO_PREFIX)
            if not known or row.kept_by_any(names):
                return
        yield Violation(
            self.code,
            f"`tokenizer.{row.name}()` was removed in transformers {row.removed_in} (AttributeError): {row.use}",
            call.node,
            _called_instead(call, context),
            on_identity_only=True,
        )


def _called_instead(call: TransformersCall, context: RuleContext) -> Optional[Fix]:
    """`tokenizer.encode_plus(...)` → `tokenizer(...)`: the same when given one text (or a list of
    texts, for `batch_encode_plus`); a list of words or pairs is read otherwise by the call."""
    batch = _CALL_DOES.get(call.method or "")
    func = call.node.func
    if batch is None or not isinstance(func, cst.Attribute):
        return None
    named = [arg for arg in call.node.args if arg.keyword is not None and arg.keyword.value == BATCH_TEXT_OR_TEXT_PAIRS]
    first = named[0].value if named else first_positional(call.node)
    text = context.value_of(first) if first is not None else None
    safe = isinstance(text, Text) and text.is_batch == batch
    edits = (Replace(func, func.value), *(Replace(arg.keyword, cst.Name(TEXT)) for arg in named if batch))
    return Fix(edits, safe=safe, sound_in_any_walk=True)  # names only the call's own code
