"""What a rule may ask about the code around the call it checks, and nothing more."""
from __future__ import annotations

from types import MappingProxyType
from typing import Callable, List, Optional, Tuple, Union

import libcst as cst

from . import own, syntax
from .keywords import Keyword, keyword_of, may_pass_keyword
from .metrics import labels_may_share_one_length
from .evaluation import Evaluator
from .references import Binding, References
from .scopes import Scopes
from ..facts.families import Family
from ..target import Target
from .values import Encoding, Ids, Model, Tokenizer, Value


class RuleContext:
    def __init__(self, scopes: Scopes, evaluator: Evaluator, references: References) -> None:
        self._scopes = scopes
        self.module: Optional[cst.Module] = None  # the module being linted, set before its walk
        self._labels_may_share_one_length: Optional[bool] = None
        self._evaluator = evaluator
        self._references = references

    def value_of(self, node: cst.BaseExpression) -> Optional[Value]:
        """What the expression is known to hold here, or None."""
        return self._evaluator.value_of(node)

    def keyword(self, call: cst.Call, name: str) -> Optional[Keyword]:
        """The keyword `name` the call surely passes: written in it, or a key of a dict that `**`
        unpacks into it (`analysis.keywords`)."""
        return keyword_of(call, name, self._evaluator.value_of)

    def may_pass(self, call: cst.Call, name: str, renamed: Optional[Keyword] = None) -> bool:
        """Whether the call passes `name` or may (through `**` of a dict not known to lack it);
        `renamed`: with that key of a dict renamed to `name` where it is written."""
        return may_pass_keyword(call, name, self._evaluator.value_of, renamed)

    def tokenizers_in_reach(self) -> List[Tuple[str, Tokenizer]]:
        """The tokenizers a fix could name from here, with the code that names each."""
        return self._scopes.tokenizers_in_reach()

    def models_in_reach(self) -> List[Model]:
        """The models a fix could name from here (by their binding)."""
        return [value for value in self._scopes.values_in_reach(Model) if isinstance(value, Model)]

    def binding_of(self, value: Value) -> Optional[Binding]:
        """Where a tokenizer or a model was first bound, when it was."""
        return self._references.binding(value)

    def name_of(self, value: Value, default: str) -> str:
        """The code that names a tokenizer or a model where it was bound, else `default`."""
        return self._references.name_of(value) or default

    def read_at_most_once(self, value: Union[Encoding, Ids]) -> Callable[[], bool]:
        """Whether at most one name reads the value in the whole module (asked once it is walked):
        then a fix may change it where it is made."""
        return self._references.read_at_most_once(value)

    def made_here(self, value: Union[Encoding, Ids]) -> bool:
        """Whether the value was made in the scope being analysed (so a fix here may change it)."""
        return value.scope is self._scopes.current

    def batches_from(self, collator: cst.BaseExpression) -> Optional[Value]:
        """What every batch of a data collator of the file is (a dict of literal keys, an encoding)."""
        return own.batch_of(self.value_of(collator))

    def labels_may_share_one_length(self) -> bool:
        """Whether the module may pad its labels to one length and leave no -100 in them
        (`metrics.labels_may_share_one_length`); asked once the module is walked."""
        if self._labels_may_share_one_length is None:
            module = self.module
            self._labels_may_share_one_length = module is None or labels_may_share_one_length(module)
        return self._labels_may_share_one_length

    def module_bindings(self) -> MappingProxyType:
        """What the names of the module's own scope hold at this point (read only)."""
        return MappingProxyType(self._scopes.module.bindings)

    def module_names_holding(self, kind: type) -> List[Tuple[str, Value]]:
        """The names of the module's own scope that hold a `kind` (a tokenizer, a model or the
        transformers module) at this point, found without a look at every name."""
        return self._scopes.module.bindings.holding(kind)

    def transformers_import(self) -> Optional[cst.ImportFrom]:
        """The module's first `from transformers import ...`, where a fix may add a name."""
        return self._scopes.transformers_imports[0] if self._scopes.transformers_imports else None

    def stays_unbound(self, name: str) -> Callable[[], bool]:
        """Whether a fix may bind `name` for the code here: no scope visible from here binds it, now
        or later in the module (checked once the module is walked)."""
        return self._scopes.stays_unbound(name)

    def family_shipped_without_pad_token(self, tokenizer: Tokenizer) -> Optional[Family]:
        """The family of a tokenizer that was loaded without a pad token (its class or checkpoint
        says so), whatever the code did to it since."""
        return tokenizer.padless_family or self._evaluator.target.family_without_pad_token(tokenizer.checkpoint)

    def family_without_pad_token(self, tokenizer: Tokenizer) -> Optional[Family]:
        """The family of a tokenizer known to have no pad token here."""
        if tokenizer.pad_may_be_set:
            return None
        return self.family_shipped_without_pad_token(tokenizer)

    @property
    def target(self) -> Target:
        return self._evaluator.target

    code_of = staticmethod(syntax.code_of)
    short_code_of = staticmethod(syntax.short_code_of)
