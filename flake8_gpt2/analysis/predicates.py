"""Questions about the classified calls that more than one rule asks: one answer for all of them,
so no rule imports another."""
from __future__ import annotations

from typing import Callable, FrozenSet, Iterable, Iterator, Optional, Tuple

import libcst as cst

from .. import knowledge, parameter_names
from ..facts.calls import TRAINER, callback_slot
from ..facts.families import Family, family_of_class, has_lm_head, has_seq2seq_lm_head, is_sequence_classifier
from ..knowledge import BASE_MODEL_SUFFIX, BATCH_SIZE, LM_COLLATOR, LOADER, PADDING_COLLATORS, PADDING_VALUES
from ..knowledge import TRAINER_DATASET_SLOTS
from .calls import CollatorCall, ModelCall, PipelineCall, TokenizerCall, TrainerCall
from .keywords import keyword_of, may_pass_keyword
from .syntax import is_name, literal_int, literal_string, may_pass, positional, unpacks
from .tokenization import item_of
from .values import BatchingPipeline, Encoding, Evaluate, MappedDataset, Mapping, Model, PaddedIds, TransformersObject
from .values import Value
from .values.models import LoadedModel


def asks_to_pad(call: TokenizerCall) -> bool:
    """`tokenizer.pad(...)`, or an encoding call given `padding=True` (or a padding strategy)."""
    if call.method == "pad":
        return True
    padding = call.keyword(parameter_names.PADDING)
    if padding is None:
        return False
    value = padding.value
    if isinstance(value, cst.Name):
        return value.value == "True"
    return literal_string(value) in PADDING_VALUES


def makes_causal_lm_labels(call: CollatorCall) -> bool:
    """`DataCollatorForLanguageModeling(..., mlm=False)`: labels are the ids, pads set to -100."""
    mlm = call.argument("mlm", 1)
    return call.class_name == LM_COLLATOR and mlm is not None and is_name(mlm.value, "False")


def language_model_labels(call: ModelCall) -> Optional[cst.Arg]:
    """The `labels=` of a forward call of a language-model head, which shifts them itself."""
    class_name = call.model.class_name
    if call.method != knowledge.FORWARD or class_name is None or not has_lm_head(class_name):
        return None
    return call.passes(parameter_names.LABELS)


def headless_family(model: Model) -> Optional[Family]:
    """The family of a model of its bare class (`BertModel`, `AutoModel` of BERT): it has no head."""
    family = family_of_class(model.architecture)
    if model.custom_code or family is None or model.architecture != family.class_prefix + BASE_MODEL_SUFFIX:
        return None
    return family


def input_batch(call: ModelCall, evaluate: Evaluate) -> Optional[Encoding]:
    """The encoding a forward call's input ids come from: `**encoding`, or its padded `input_ids`."""
    if call.input is not None:
        return call.input_value.encoding if isinstance(call.input_value, PaddedIds) else None
    spread = [evaluate(arg.value) for arg in call.node.args if arg.star == "**"]
    if len(spread) != 1 or not isinstance(spread[0], Encoding):
        return None
    encoding = spread[0]
    return encoding if encoding.has_tensors and encoding.holds_input_ids else None


def token_labels(call: ModelCall, evaluate: Evaluate) -> Optional[Tuple[cst.Arg, Optional[Value]]]:
    """The labels given to a forward call of a head that scores each label token but -100 (a
    language-model head, or an encoder-decoder's: `T5ForConditionalGeneration`,
    `AutoModelForSeq2SeqLM`), and what they hold: `labels=`, or `**enc` of an encoding that holds the
    ids of targets (`tokenizer(texts, text_target=targets)`)."""
    class_name = call.model.class_name
    if call.method != knowledge.FORWARD or class_name is None:
        return None
    if not has_lm_head(class_name) and not has_seq2seq_lm_head(class_name):
        return None
    given = call.passes(parameter_names.LABELS)
    if given is not None or call.keyword(parameter_names.LABELS) is not None:
        return (given, evaluate(given.value)) if given is not None else None
    for arg in call.node.args:
        encoding = evaluate(arg.value) if arg.star == "**" else None
        labels = item_of(encoding, parameter_names.LABELS) if isinstance(encoding, Encoding) else None
        if labels is not None:
            return arg, labels
    return None


def classifier_as_loaded(call: ModelCall, config_setters: Iterable[str]) -> Optional[LoadedModel]:
    """How the sequence classifier a forward call runs was loaded, when its config is still what the
    checkpoint's and `from_pretrained`'s keywords made it: no positional config, none of
    `config_setters` passed (nor `**`), nothing changed since, no custom code."""
    return loaded_classifier(call.model, config_setters) if call.method == knowledge.FORWARD else None


def loaded_classifier(model: Model, config_setters: Iterable[str]) -> Optional[LoadedModel]:
    """How a sequence classifier was loaded, when its config is still what the checkpoint's and
    `from_pretrained`'s keywords made it (`classifier_as_loaded`)."""
    loaded = model.loaded  # None once anything may have changed its config
    if not is_sequence_classifier(model.architecture) or model.custom_code:
        return None
    if loaded is None or _gives_positional_config(loaded.call) or may_pass(loaded.call, config_setters):
        return None
    return loaded


def _gives_positional_config(call: cst.Call) -> bool:
    """`Class.from_pretrained(name, config)`, or `pipeline(task, name, config)` that loaded it."""
    loads = isinstance(call.func, cst.Attribute) and call.func.attr.value == LOADER
    return len(positional(call)) > (1 if loads else 2)


# dataset columns the default collator (or a padding one) hands the model as labels or decoder inputs
_LABEL_COLUMNS = frozenset(
    {
        parameter_names.LABELS,
        "label",
        "label_ids",
        parameter_names.DECODER_INPUT_IDS,
        parameter_names.DECODER_INPUTS_EMBEDS,
    }
)
# the collators that give the model no column the dataset lacks (the causal-LM one makes labels)
_FEEDING_NOTHING_NEW = PADDING_COLLATORS - {LM_COLLATOR}
_KEEPING_LABELS_LENGTH = _FEEDING_NOTHING_NEW - {"DataCollatorForTokenClassification"}


def trained_causal_lm(call: TrainerCall, evaluate: Evaluate) -> Optional[Model]:
    """The causal LM of the library's classes a Trainer trains, where its loss is the model's own (no
    `compute_loss_func=`, nor `**` that may pass it)."""
    given = call.argument(parameter_names.MODEL, 0)
    model = evaluate(given.value) if given is not None else None
    if not isinstance(model, Model) or model.custom_code or model.class_name is None or unpacks(call.node):
        return None
    if not has_lm_head(model.class_name) or may_pass(call.node, knowledge.TRAINER_LOSS_GIVEN_BY):
        return None
    return model


def trainer_datasets(call: TrainerCall, evaluate: Evaluate) -> Iterator[Tuple[str, Optional[Value]]]:
    """Each dataset slot of a Trainer that is given (`train_dataset`, `eval_dataset`), and what it holds."""
    for slot, position in TRAINER_DATASET_SLOTS.items():
        given = call.argument(slot, position)
        if given is not None:
            yield slot, evaluate(given.value)


def trained_without_labels(
    call: TrainerCall, evaluate: Callable[[cst.BaseExpression], Optional[Value]]
) -> Optional[FrozenSet[str]]:
    """The columns a Trainer's train_dataset may hold, where none of them is labels (or decoder
    inputs) and its collator, the default one or a padding collator of transformers, adds none."""
    columns = _train_dataset(call, evaluate)
    if columns is None or columns.columns & _LABEL_COLUMNS:
        return None
    return columns.columns if _collator_in(call, evaluate, _FEEDING_NOTHING_NEW) else None


def trained_rows(call: TrainerCall, evaluate: Evaluate) -> Optional[Encoding]:
    """What each row of a Trainer's train_dataset holds, where a `map` made it and the collator (the
    default one, or a padding collator that pads no labels: not the LM or token-classification
    one) hands its labels on at their length."""
    dataset = _train_dataset(call, evaluate)
    if dataset is None or not _collator_in(call, evaluate, _KEEPING_LABELS_LENGTH):
        return None
    return dataset.encoded


def _train_dataset(call: TrainerCall, evaluate: Evaluate) -> Optional[MappedDataset]:
    dataset = call.argument(parameter_names.TRAIN_DATASET, TRAINER_DATASET_SLOTS[parameter_names.TRAIN_DATASET])
    columns = evaluate(dataset.value) if dataset is not None else None
    return columns if isinstance(columns, MappedDataset) and not columns.is_dict else None


def _collator_in(call: TrainerCall, evaluate: Evaluate, classes: FrozenSet[str]) -> bool:
    """The Trainer's collator is the default one, or one of `classes`."""
    given = call.argument(*callback_slot(TRAINER))
    collator = evaluate(given.value) if given is not None else None
    return given is None or isinstance(collator, TransformersObject) and collator.class_name in classes


def pipeline_batch_size(call: PipelineCall, pipeline: BatchingPipeline, evaluate: Evaluate) -> Optional[int]:
    """The literal batch size the call gives (by keyword, or through `**` of a dict the code builds),
    else the pipeline's, unless `**` may give another."""
    given = keyword_of(call.node, BATCH_SIZE, evaluate)
    if given is None:
        return None if may_pass_keyword(call.node, BATCH_SIZE, evaluate) else pipeline.batch_size
    if not given.through_dict:
        return literal_int(given.arg.value)
    held = evaluate(given.arg.value)
    written = held.elements.get(BATCH_SIZE) if isinstance(held, Mapping) and held.elements is not None else None
    return literal_int(written) if written is not None else None
