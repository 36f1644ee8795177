"""GPT041: a sequence classifier whose config has no pad_token_id, run on a batch of several rows."""
from __future__ import annotations

from typing import Iterator

from ..analysis import RuleContext
from ..analysis.calls import ModelCall
from ..analysis.batches import padded_input
from ..analysis.predicates import classifier_as_loaded
from ..analysis.syntax import first_positional
from ..analysis.tokenization import is_batch_of_texts
from ..analysis.values import Encoding
from ..facts.families import checkpoints_of, family_of_class
from ..rule import Rule
from ..violation import Violation

# what may give the loaded model's config a pad token id
_CONFIG_SETTERS = ("pad_token_id", "config")


class ClassifierWithoutPadTokenId(Rule):
    code = "GPT041"
    name = "classifier-without-pad-token-id"
    title = "sequence classifier whose config has no pad_token_id, run on a batch of several rows"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        model = call.model
        architecture = model.architecture
        row = checkpoints_of(model.checkpoint)
        if row is None or not row.config_without_pad_token_id or family_of_class(architecture) is not row.family:
            return
        if classifier_as_loaded(call, _CONFIG_SETTERS) is None:
            return
        given = padded_input(call, context.value_of)
        if given is None or not _several_rows(given.encoding, context):
            return
        tokenizer = given.encoding.padding.tokenizer if given.encoding.padding is not None else None
        model_name = context.name_of(model, "model")
        pad_id = f"{context.name_of(tokenizer, 'tokenizer')}.pad_token_id" if tokenizer is not None else "the pad id"
        yield Violation(
            self.code,
            f"{architecture} finds each row's last token by the config's pad_token_id, which "
            f"{row.family.name}'s config does not have (the tokenizer's pad token does not set it), "
            f"and refuses a batch of several rows; set `{model_name}.config.pad_token_id = {pad_id}` "
            f"after loading",
            call.node,
        )


def _several_rows(encoding: Encoding, context: RuleContext) -> bool:
    """A batch of several texts a tokenizer encoded, or of several rows a padding collator made."""
    if encoding.collated_with is not None:
        return True
    call = encoding.tokenizer_call
    texts = first_positional(call) if call is not None else None
    return texts is not None and is_batch_of_texts(texts, context.value_of)
