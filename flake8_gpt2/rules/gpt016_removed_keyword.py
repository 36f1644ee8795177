"""GPT016: a keyword transformers 5 removed or renamed (facts/migrations.py, KEYWORDS)."""
from __future__ import annotations

from typing import Iterator, Optional

import libcst as cst

from ..analysis import RuleContext
from ..analysis.calls import TransformersCall
from ..analysis.keywords import Keyword, renamed_key
from ..facts import migrations
from ..rule import FixAvailability, Rule
from ..violation import Fix, Replace, Violation
from .. import knowledge


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
            given = context.keyword(call.node, row.name)
            if given is None or context.target.transformers_major < row.fails_from_major:
                continue
            where = call.method or call.name
            through = _through(given, context)
            yield Violation(
                self.code,
                f"`{where}({row.name}=)`{through} was removed in transformers {row.removed_in} (TypeError): {row.use}",
                given.arg,
                _renamed(call.node, given, row.rename, context),
            )


def _through(given: Keyword, context: RuleContext) -> str:
    if not given.through_dict:
        return ""
    code = context.short_code_of(given.arg.value)
    if code is None:
        code = "{...}" if isinstance(given.arg.value, cst.Dict) else "(...)"
    return f" (through `**{code}`)"


def _owner(call: TransformersCall) -> Optional[str]:
    """Whose keywords the call takes: the same for every class it may call, or None."""
    owners = {_owner_of(name, call.method) for name in call.names}
    return owners.pop() if len(owners) == 1 else None


def _owner_of(name: str, method: Optional[str]) -> Optional[str]:
    if method is None:
        return migrations.owner_of_class(name)
    if method == knowledge.LOADER and knowledge.is_model_class(name):
        return migrations.MODEL_LOADER
    return None


def _renamed(node: cst.Call, given: Keyword, new: Optional[str], context: RuleContext) -> Optional[Fix]:
    # the new name given too (or maybe through **) would be given twice
    if new is None or context.may_pass(node, new, given if given.through_dict else None):
        return None
    if not given.through_dict:
        # the same value under the name that replaced it, in every release that has both
        assert given.arg.keyword is not None
        return Fix((Replace(given.arg.keyword, cst.Name(new)),), safe=True)
    renamed = renamed_key(given.key, new) if given.key is not None else None
    if renamed is None:
        return None  # no one place writes the key: report only
    # the key renamed where it is written; a dict written in the call itself is read nowhere else,
    # one bound to a name may be (another call, a lookup of the old key): unsafe
    return Fix((Replace(given.key, renamed),), safe=given.inline)
