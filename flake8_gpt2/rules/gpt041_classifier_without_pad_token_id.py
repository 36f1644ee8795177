"""GPT041: a sequence classifier whose config has no pad_token_id, run on a batch of several rows."""
from __future__ import annotations

from typing import Iterator

from ..analysis import RuleContext
from ..analysis.calls import ModelCall, PipelineCall
from ..analysis.batches import padded_input
from ..analysis.predicates import classifier_as_loaded, loaded_classifier, pipeline_batch_size
from ..analysis.syntax import argument, first_positional
from ..analysis.tokenization import is_batch_of_texts
from ..analysis.values import Encoding, TextClassificationPipeline
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

    def check_pipeline_call(self, call: PipelineCall, context: RuleContext) -> Iterator[Violation]:
        """A text-classification pipeline batching a list of texts (`batch_size=` of two or more) for a
        classifier whose config has no pad_token_id, as its checkpoint's files made it."""
        pipeline = call.pipeline
        if not isinstance(pipeline, TextClassificationPipeline) or pipeline.model is None:
            return
        model = pipeline.model
        row = checkpoints_of(model.checkpoint)
        if row is None or not row.config_without_pad_token_id or family_of_class(model.architecture) is not row.family:
            return
        tokenizer = pipeline.tokenizer
        # without a pad token the pipeline refuses to batch before (GPT003's mistake, not this one)
        if tokenizer is None or context.family_without_pad_token(tokenizer) is not None:
            return
        if loaded_classifier(model, _CONFIG_SETTERS) is None:
            return
        size = pipeline_batch_size(call, pipeline, context.value_of)
        texts = argument(call.node, "inputs", 0)
        if size is None or size < 2 or texts is None or not is_batch_of_texts(texts.value, context.value_of):
            return
        pipe = context.short_code_of(call.node.func) or "pipe"
        yield Violation(
            self.code,
            f"this pipeline's {model.architecture} finds each row's last token by the config's pad_token_id, "
            f"which {row.family.name}'s config does not have (the tokenizer's pad token does not set it), and "
            f"refuses its batches of several texts (batch_size={size}); set "
            f"`{pipe}.model.config.pad_token_id = {pipe}.tokenizer.pad_token_id` before calling it",
            call.node,
        )


def _several_rows(encoding: Encoding, context: RuleContext) -> bool:
    """A batch of several texts a tokenizer encoded, or of several rows a padding collator made."""
    if encoding.collated_with is not None:
        return True
    call = encoding.tokenizer_call
    texts = first_positional(call) if call is not None else None
    return texts is not None and is_batch_of_texts(texts, context.value_of)
