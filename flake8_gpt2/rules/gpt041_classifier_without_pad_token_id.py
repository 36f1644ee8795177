"""GPT041: a sequence classifier whose config has no pad_token_id, run on a batch of several rows."""
from __future__ import annotations

from typing import Iterator, Optional

from ..analysis import RuleContext
from ..analysis.batches import padded_input, several_rows_per_batch, trainer_padding
from ..analysis.calls import ModelCall, PipelineCall, TrainerCall
from ..analysis.predicates import classifier_as_loaded, loaded_classifier, pipeline_batch_size
from ..analysis.syntax import argument, first_positional, may_pass
from ..analysis.tokenization import is_batch_of_texts
from ..analysis.values import (
    Encoding,
    Model,
    PaddingCollator,
    TextClassificationPipeline,
    TransformersName,
    TransformersObject,
)
from ..facts.calls import TRAINER, callback_slot
from ..facts.families import Checkpoints, checkpoints_of, family_of_class
from ..parameter_names import CONFIG, DATA_COLLATOR, INPUTS, MODEL, PAD_TOKEN_ID, PROCESSING_CLASS, TOKENIZER
from ..rule import Rule
from ..violation import Violation

# what may give the loaded model's config a pad token id
_CONFIG_SETTERS = (PAD_TOKEN_ID, CONFIG)
# a Trainer given a tokenizer (transformers 4's keyword, or 5's, the sixth positional) may set it
_TRAINER_TOKENIZER = (PROCESSING_CLASS, TOKENIZER)


class ClassifierWithoutPadTokenId(Rule):
    code = "GPT041"
    name = "classifier-without-pad-token-id"
    title = "sequence classifier whose config has no pad_token_id, run on a batch of several rows"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        model = call.model
        architecture = model.architecture
        row = _row_without_pad_id(model)
        if row is None:
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
        row = _row_without_pad_id(model)
        if row is None:
            return
        tokenizer = pipeline.tokenizer
        # without a pad token the pipeline refuses to batch before (GPT003's mistake, not this one)
        if tokenizer is None or context.family_without_pad_token(tokenizer) is not None:
            return
        if loaded_classifier(model, _CONFIG_SETTERS) is None:
            return
        size = pipeline_batch_size(call, pipeline, context.value_of)
        texts = argument(call.node, INPUTS, 0)
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

    def check_trainer_call(self, call: TrainerCall, context: RuleContext) -> Iterator[Violation]:
        """A Trainer running such a classifier on batches of several padded rows (a batched `map` padded
        its dataset, or a padding collator pads them), given no tokenizer (transformers 5 copies the
        pad id of the tokenizer a Trainer is given into the model's config)."""
        given = call.argument(MODEL, 0)
        model = context.value_of(given.value) if given is not None else None
        if not isinstance(model, Model) or may_pass(call.node, _TRAINER_TOKENIZER) or len(call.node.args) > 5:
            return
        row = _row_without_pad_id(model)
        if row is None or loaded_classifier(model, _CONFIG_SETTERS) is None or not _keeps_rows(call, context):
            return
        tokenizer = next(trainer_padding(call, context.value_of), None)
        if tokenizer is None or not several_rows_per_batch(call, context.value_of):
            return
        yield Violation(
            self.code,
            f"{model.architecture} finds each row's last token by the config's pad_token_id, which "
            f"{row.family.name}'s config does not have (the tokenizer's pad token does not set it), and "
            f"this Trainer runs it on padded batches of several rows; set "
            f"`{context.name_of(model, 'model')}.config.pad_token_id = "
            f"{context.name_of(tokenizer, 'tokenizer')}.pad_token_id` after loading",
            call.node,
        )


def _row_without_pad_id(model: Model) -> Optional[Checkpoints]:
    """The checkpoints row of a model of the row's family whose config has no pad_token_id."""
    row = checkpoints_of(model.checkpoint)
    if row is None or not row.config_without_pad_token_id or family_of_class(model.architecture) is not row.family:
        return None
    return row


def _keeps_rows(call: TrainerCall, context: RuleContext) -> bool:
    """The Trainer's collator hands the model each batch's rows as they are: the default one, or one
    of transformers."""
    given = call.argument(*callback_slot(TRAINER, DATA_COLLATOR))
    collator = context.value_of(given.value) if given is not None else None
    return given is None or isinstance(collator, (PaddingCollator, TransformersName, TransformersObject))


def _several_rows(encoding: Encoding, context: RuleContext) -> bool:
    """A batch of several texts a tokenizer encoded, or of several rows a padding collator made."""
    if encoding.collated_with is not None:
        return True
    call = encoding.tokenizer_call
    texts = first_positional(call) if call is not None else None
    return texts is not None and is_batch_of_texts(texts, context.value_of)
