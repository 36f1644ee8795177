"""GPT016: a keyword transformers 5 removed or renamed (facts/migrations.py, KEYWORDS)."""
from __future__ import annotations

from typing import Iterator, Optional

import libcst as cst

from .. import knowledge
from ..analysis import RuleContext
from ..analysis.calls import TransformersCall
from ..analysis.syntax import keyword, may_pass
from ..facts import migrations
from ..rule import FixAvailability, Rule
from ..violation import Fix, Replace, Violation


class RemovedKeyword(Rule):
    code = "GPT016"
    name = "removed-keyword"
    title = "keyword transformers 5 removed or renamed (`TrainingArguments`, `Trainer`, `from_pretrained`)"
    fix_availability = FixAvailability.SOMETIMES
    fix_summary = "safe for renames"

    def check_transformers_call(self, call: TransformersCall, context: RuleContext) -> Iterator[Violation]:
        owner = _owner(call)
        if owner is None:
            return
        for row in migrations.keyword_rows(owner):
            arg = keyword(call.node, row.name)
            if arg is None or context.target.transformers_major < row.fails_from_major:
                continue
            where = call.method or call.name
            yield Violation(
                self.code,
                f"`{where}({row.name}=)` was removed in transformers {row.removed_in} (TypeError): {row.use}",
                arg,
                _renamed(call.node, arg, row.rename),
            )


def _owner(call: TransformersCall) -> Optional[str]:
    if call.name is None:
        return None
    if call.method is None:
        return migrations.owner_of_class(call.name)
    if call.method == knowledge.LOADER and knowledge.is_model_class(call.name):
        return migrations.MODEL_LOADER
    return None


def _renamed(node: cst.Call, arg: cst.Arg, new: Optional[str]) -> Optional[Fix]:
    # the new name given too (or maybe through **) would be given twice
    if new is None or arg.keyword is None or may_pass(node, [new]):
        return None
    # the same value under the name that replaced it, in every release that has both
    return Fix((Replace(arg.keyword, cst.Name(new)),), safe=True)
