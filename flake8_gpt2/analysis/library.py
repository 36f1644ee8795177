"""What calls into the libraries the analysis knows give: transformers classes and their
instances' methods, datasets, torch's DataLoader and tensor makers, accelerate, tqdm."""
from __future__ import annotations

from typing import Callable, Optional, Union

import libcst as cst

from .. import knowledge
from .syntax import (
    argument,
    code_of,
    dotted_name,
    first_positional,
    is_name,
    keyword,
    literal_bool,
    literal_int,
    literal_keys,
    literal_string,
    may_pass,
    positional,
    unpacks,
)
from .values import (
    Accelerator,
    ChatText,
    DataLoader,
    GrownSequence,
    EmbeddingLayer,
    Embeddings,
    Encoding,
    Ids,
    IdsBatch,
    KwargsModule,
    Mapping,
    LoadedModel,
    Logits,
    Model,
    ModelCache,
    ModelFactory,
    ModelOutput,
    Padding,
    PaddedIds,
    PeftConfig,
    Text,
    TextDataset,
    Tokenizer,
    TrainingArgs,
    TransformersName,
    TransformersObject,
    Value,
)

Evaluate = Callable[[cst.BaseExpression], Optional[Value]]


def instance_of(cls: TransformersName, call: cst.Call, evaluate: Evaluate) -> Value:
    """What constructing (or loading) a transformers class gives."""
    if cls.is_model_class:
        return _loaded_model(cls, call, evaluate)
    if cls.name in knowledge.TRAINING_ARGUMENTS:
        return TrainingArgs(call, removes_unused_columns=not may_pass(call, ["remove_unused_columns"]))
    if cls.is_tokenizer_class:
        checkpoint = _checkpoint_name(call, evaluate)
        gpt2 = cls.name in knowledge.GPT2_TOKENIZER_CLASSES or (
            checkpoint is not None and knowledge.is_gpt2_checkpoint(checkpoint)
        )
        tokenizer = Tokenizer(gpt2, pad_may_be_set=may_pass(call, knowledge.PAD_TOKEN_ATTRIBUTES))
        tokenizer.settings.padding_side = _constructed_padding_side(call, checkpoint)
        tokenizer.checkpoint = checkpoint
        return tokenizer
    if cls.name == knowledge.PIPELINE_FACTORY:
        return _pipeline(call)
    return TransformersObject(cls.name)


def _pipeline(call: cst.Call) -> TransformersObject:
    """`pipeline("text-generation", ...)`: an instance of the task's class, when the task is a literal
    the analysis knows."""
    task = argument(call, "task", 0)
    known = knowledge.PIPELINE_TASKS.get(literal_string(task.value)) if task is not None else None
    return TransformersObject(known or knowledge.PIPELINE_FACTORY)


def _constructed_padding_side(call: cst.Call, checkpoint: Optional[str]) -> Optional[str]:
    """`padding_side="left"` given, or GPT-2's own checkpoints, whose tokenizers pad on the right
    (a folder of another tokenizer's files may say otherwise)."""
    side = _literal_side(call)
    if side is not None or may_pass(call, ["padding_side"]):
        return side
    return "right" if checkpoint is not None and knowledge.is_gpt2_checkpoint(checkpoint) else None


def _literal_side(call: cst.Call) -> Optional[str]:
    arg = keyword(call, "padding_side")
    side = literal_string(arg.value) if arg is not None else None
    return side if side in knowledge.PADDING_SIDES else None


def _loaded_model(cls: TransformersName, call: cst.Call, evaluate: Evaluate) -> Model:
    model = Model(cls.name, _checkpoint_name(call, evaluate))
    # a configuration given or built here may ask for tuples (`return_dict=False`, `torchscript`)
    loaded = isinstance(call.func, cst.Attribute) and call.func.attr.value == knowledge.LOADER
    model.returns_model_output = (
        loaded and len(positional(call)) <= 1 and not may_pass(call, knowledge.OUTPUT_FORMAT_ARGUMENTS)
    )
    model.custom_code = may_pass(call, [knowledge.REMOTE_CODE])
    return model


def _checkpoint_name(call: cst.Call, evaluate: Evaluate) -> Optional[str]:
    for arg in call.args:
        if arg.star:
            continue
        if arg.keyword is None or arg.keyword.value == "pretrained_model_name_or_path":
            value = evaluate(arg.value)
            return value.literal if isinstance(value, Text) else None
    return None


def library_call(path: str, call: cst.Call, evaluate: Evaluate) -> Optional[Value]:
    """What calling a name of datasets, torch, accelerate or tqdm (by its dotted path) gives."""
    if path in knowledge.LOAD_DATASET:
        return _loaded_text_dataset(call)
    first = first_positional(call)
    if path in knowledge.DATA_LOADER:
        return _data_loader(call, evaluate(first) if first is not None else None, evaluate)
    if path in knowledge.TENSOR_MAKERS and first is not None:
        ids = evaluate(first)
        if isinstance(ids, Ids) and ids.is_list and ids.source is None:
            return Ids(is_list=False, tokenizer_call=ids.tokenizer_call, source=None, scope=ids.scope)
    if path in knowledge.TENSOR_JOINERS and first is not None:
        return _joined_embeddings(first, evaluate) or grown_sequence(path, call, evaluate)
    if path in knowledge.PARALLEL_WRAPPERS and first is not None:
        return KwargsModule(inner=evaluate(first))
    if path == knowledge.ACCELERATOR:
        return Accelerator()
    wrapped = wrapped_model(path, call, evaluate)
    if wrapped is not None:
        return wrapped
    if path in knowledge.PROGRESS_BARS and first is not None:
        return evaluate(first)  # iterating tqdm(x) gives what iterating x gives
    return None


def wrapped_model(path: str, call: cst.Call, evaluate: Evaluate) -> Optional[Value]:
    """What peft, `torch.compile` and accelerate's wrappers give: the model they are given (or load),
    wrapped; a PEFT configuration."""
    if path.startswith("peft.") and path.endswith("Config"):
        task = argument(call, "task_type")
        return PeftConfig(task is not None and _names_causal_lm_task(task.value))
    if path in knowledge.PEFT_AUTO_CLASSES:
        return Model().wrapped_in(knowledge.PEFT_AUTO_CLASSES[path])
    first = first_positional(call)
    if first is None or unpacks(call):
        return None
    model = evaluate(first)
    if not isinstance(model, Model):
        return None
    if path in knowledge.SAME_MODEL_CALLS:
        return model
    if path not in knowledge.PEFT_WRAPPING_CALLS:
        return None
    wrapper = knowledge.PEFT_WRAPPING_CALLS[path]
    if wrapper is None:
        config = argument(call, "peft_config", 1)
        config_value = evaluate(config.value) if config is not None else None
        causal = isinstance(config_value, PeftConfig) and config_value.causal_lm
        wrapper = knowledge.PEFT_CAUSAL_LM if causal else knowledge.PEFT_MODEL
    return model.wrapped_in(wrapper)


def _names_causal_lm_task(node: cst.BaseExpression) -> bool:
    """`"CAUSAL_LM"` or `TaskType.CAUSAL_LM`."""
    name = literal_string(node) or dotted_name(node) or ""
    return name.rsplit(".", 1)[-1] == knowledge.PEFT_CAUSAL_LM_TASK


def _joined_embeddings(tensors: cst.BaseExpression, evaluate: Evaluate) -> Optional[Value]:
    """`torch.cat([prefix, embeddings], dim=1)`: embeddings, when one of the tensors is and none is
    known to be anything else."""
    if not isinstance(tensors, (cst.List, cst.Tuple)):
        return None
    values = [evaluate(e.value) if isinstance(e, cst.Element) else False for e in tensors.elements]
    if any(isinstance(v, Embeddings) for v in values) and all(v is None or isinstance(v, Embeddings) for v in values):
        return Embeddings()
    return None


def _data_loader(call: cst.Call, dataset: Optional[Value], evaluate: Evaluate) -> DataLoader:
    collate = argument(call, "collate_fn", 4)
    if collate is None and isinstance(dataset, TextDataset) and not dataset.is_dict:
        return DataLoader(Mapping(dataset.columns))
    collator = evaluate(collate.value) if collate is not None else None
    if isinstance(collator, TransformersObject) and collator.class_name in knowledge.PADDING_COLLATORS:
        return DataLoader(collated_batch())
    return DataLoader(None)


def _loaded_text_dataset(call: cst.Call) -> Optional[Value]:
    """`load_dataset("text", ...)`: one column, `text` (a dict of splits unless `split=`)."""
    first = first_positional(call)
    if first is None or literal_string(first) != "text" or unpacks(call):
        return None
    return TextDataset(frozenset({"text"}), is_dict=not may_pass(call, ["split"]))


def constructed_text_dataset(call: cst.Call, method: str) -> Optional[Value]:
    """`Dataset.from_dict({"text": ...})` / `Dataset.from_list([{"text": ...}, ...])` with literal
    column names, none of them a model input."""
    data = first_positional(call)
    if method not in knowledge.DATASET_CONSTRUCTORS or data is None:
        return None
    if method == "from_dict":
        rows = [data]
    elif isinstance(data, cst.List):
        rows = [element.value for element in data.elements if isinstance(element, cst.Element)]
    else:
        return None
    columns: set = set()
    for row in rows:
        keys = literal_keys(row)
        if not keys or keys & knowledge.MODEL_INPUT_COLUMNS:
            return None
        columns |= keys
    return TextDataset(frozenset(columns)) if columns else None


def method_result(receiver: Value, method: str, call: cst.Call, evaluate: Evaluate, scope: object) -> Optional[Value]:
    """What `receiver.method(...)` gives, for the kinds of receiver the analysis knows; `scope` is
    where the call is, for the values that remember where they were made."""
    if isinstance(receiver, TransformersName) and method in knowledge.CONSTRUCTORS:
        made = instance_of(receiver, call, evaluate)
        if isinstance(made, Model) and method == "from_pretrained":
            made.loaded = loaded_model(made, call, evaluate)
        return made
    if isinstance(receiver, ModelFactory) and method in knowledge.CONSTRUCTORS:
        return Model()
    if isinstance(receiver, Tokenizer):
        if method in knowledge.TOKENIZER_ENCODING_METHODS:
            return with_padding(encoding_from(call, scope, evaluate), receiver, call, evaluate)
        if method == "encode":
            return _encoded_ids(call, evaluate, scope)
        return None
    if isinstance(receiver, TransformersObject):
        calls_collator = receiver.class_name in knowledge.PADDING_COLLATORS and method == "__call__"
        return collated_batch() if calls_collator else None
    if isinstance(receiver, TextDataset):
        return _dataset_method(receiver, method)
    if isinstance(receiver, Model) and method == "forward":
        return model_output(receiver, call, evaluate)
    if isinstance(receiver, Model):
        return _model_method(receiver, method)
    if isinstance(receiver, Accelerator) and method == knowledge.ACCELERATOR_UNWRAP:
        return _unwrapped(call, evaluate)
    if isinstance(receiver, EmbeddingLayer):
        return Embeddings() if method in ("forward", "__call__") else None
    if isinstance(receiver, Embeddings):
        return receiver if method in knowledge.SAME_TENSOR_METHODS else None
    if isinstance(receiver, Encoding):
        return receiver if method in knowledge.ENCODING_SAME_METHODS else None
    if isinstance(receiver, PaddedIds):
        return padded_ids_method(receiver, method, call, evaluate)
    if isinstance(receiver, (IdsBatch, Ids)):
        return _ids_method(receiver, method, call)
    if isinstance(receiver, Text) and not receiver.is_batch:
        return Text() if method in knowledge.STR_METHODS_RETURNING_TEXT else None
    return None


def _unwrapped(call: cst.Call, evaluate: Evaluate) -> Optional[Value]:
    """`accelerator.unwrap_model(m)`: the model inside DataParallel and `torch.compile` (a PEFT
    model stays one)."""
    first = first_positional(call)
    model = evaluate(first) if first is not None else None
    if isinstance(model, KwargsModule):
        model = model.inner
    return model if isinstance(model, Model) else None


def _model_method(model: Model, method: str) -> Optional[Value]:
    if method in knowledge.MODEL_SAME_METHODS:
        return model
    if method in knowledge.MODEL_UNWRAP_METHODS and model.base is not None:
        return model.base
    return None


def chat_template_result(tokenizer: Tokenizer, call: cst.Call, returns_dict: bool, scope: object) -> Optional[Value]:
    """What `tok.apply_chat_template(...)` gives: text with `tokenize=False` (the tokenizer's chat
    text for one conversation); an encoding when
    `return_dict=True`, or by default from transformers 5 on (`returns_dict`); else the ids. Unknown
    when a keyword that decides it is not a literal, or arguments come through `*`/`**`."""
    if unpacks(call) or len(positional(call)) > 1:
        return None
    flags = {}
    for arg in call.args:
        if arg.keyword is None:
            continue
        name = arg.keyword.value
        if name in ("tokenize", "return_dict"):
            flag = literal_bool(arg.value)
            if flag is None:
                return None
            flags[name] = flag
        elif name != "return_tensors" and name not in knowledge.CHAT_TEMPLATE_OTHER_KEYWORDS:
            return None
    if not flags.get("tokenize", True):
        return chat_text(tokenizer, call) or Text()
    tensors = argument(call, "return_tensors")
    if tensors is not None and literal_string(tensors.value) != "pt":
        return None
    if flags.get("return_dict", returns_dict):
        encoding = Encoding(tensors is not None, call, scope)
        encoding.from_chat_template = True
        return encoding
    return Ids(is_list=True, tokenizer_call=None, source=None, scope=scope) if tensors is None else None


def _dataset_method(dataset: TextDataset, method: str) -> Optional[Value]:
    if dataset.is_dict:
        return None
    if method in knowledge.DATASET_SAME_COLUMNS:
        return dataset
    if method == "train_test_split":
        return TextDataset(dataset.columns, is_dict=True)
    return None


def encoding_from(call: cst.Call, scope: object, evaluate: Evaluate) -> Encoding:
    text = argument(call, "text", 0)
    one_text = text is not None and _is_one_text(evaluate(text.value))
    return Encoding(may_pass(call, ["return_tensors"]), call, scope, one_text=one_text)


def _is_one_text(value: Optional[Value]) -> bool:
    return isinstance(value, Text) and not value.is_batch


def _encoded_ids(call: cst.Call, evaluate: Evaluate, scope: object) -> Optional[Value]:
    """`tok.encode(text)`: a flat list of ids for one text; with `return_tensors="pt"`, a batch of
    one row."""
    if unpacks(call) or not call.args or not _is_one_text(evaluate(call.args[0].value)):
        return None
    tensors = argument(call, "return_tensors")
    if tensors is None:
        return Ids(is_list=True, tokenizer_call=call, source=None, scope=scope)
    return IdsBatch(one_row=True) if literal_string(tensors.value) == "pt" else None


def ids_of(encoding: Encoding) -> Value:
    """`encoding["input_ids"]`: lists, or a 2-D tensor when the encoding holds tensors."""
    if encoding.has_tensors:
        return PaddedIds(encoding) if encoding.padding is not None else IdsBatch(one_row=encoding.one_text)
    return Ids(is_list=True, tokenizer_call=encoding.tokenizer_call, source=encoding, scope=encoding.scope)


def row() -> Ids:
    """One row of a batch of ids (`ids[0]`): a 1-D tensor."""
    return Ids(is_list=False, tokenizer_call=None, source=None)


def _ids_method(ids: Union[IdsBatch, Ids], method: str, call: cst.Call) -> Optional[Value]:
    if method in knowledge.SAME_TENSOR_METHODS:
        return ids
    squeezes_rows = not call.args or (len(call.args) == 1 and literal_int(call.args[0].value) == 0)
    if isinstance(ids, IdsBatch) and ids.one_row and method == knowledge.SQUEEZE and squeezes_rows:
        return row()
    return None


# ---- padded batches ---------------------------------------------------------------------------


def with_padding(encoding: Encoding, tokenizer: Tokenizer, call: cst.Call, evaluate: Evaluate) -> Encoding:
    """The encoding, with its rows' least length when known, and how it was padded when the call
    surely pads: `padding="max_length"`, or `padding=True` / `"longest"` over a batch of several
    texts. The side is the call's `padding_side=` or the tokenizer's where the call runs."""
    encoding.min_length = _min_length(call, evaluate)
    padding = keyword(call, "padding")
    strategy = _literal_padding(padding.value) if padding is not None else None
    texts = first_positional(call)
    if strategy is None or texts is None or (strategy != "max_length" and not _is_batch(texts, evaluate)):
        return encoding
    side = _literal_side(call) if may_pass(call, ["padding_side"]) else tokenizer.settings.padding_side
    encoding.padding = Padding(side, tokenizer)
    return encoding


def _min_length(call: cst.Call, evaluate: Evaluate) -> Optional[int]:
    """How many tokens each row has at least: `max_length=` when padded to it (and not cut
    shorter), else the words of one literal text (each is one token or more, as tokenizers split
    on spaces first), special tokens aside."""
    padding = keyword(call, "padding")
    max_length = keyword(call, "max_length")
    if padding is not None and _literal_padding(padding.value) == "max_length" and max_length is not None:
        if isinstance(max_length.value, cst.Integer):
            return int(max_length.value.value)
    text = evaluate(call.args[0].value) if call.args and not call.args[0].keyword and not call.args[0].star else None
    if isinstance(text, Text) and not text.is_batch and text.literal is not None and not may_pass(call, ["max_length"]):
        return len(text.literal.split())
    return None


def _literal_padding(node: cst.BaseExpression) -> Optional[str]:
    if isinstance(node, cst.Name) and node.value == "True":
        return "longest"
    value = literal_string(node)
    return value if value in knowledge.PADDING_VALUES else None


def _is_batch(node: cst.BaseExpression, evaluate: Evaluate) -> bool:
    """Several texts: a batch of text, or a list display of two or more items."""
    if isinstance(node, cst.List) and len(node.elements) > 1:
        return not any(isinstance(element, cst.StarredElement) for element in node.elements)
    value = evaluate(node)
    return isinstance(value, Text) and value.is_batch


def collated_batch() -> Encoding:
    """A batch a padding collator made: tensors, padded (on a side known only when it collates)."""
    encoding = Encoding(has_tensors=True)
    encoding.padding = Padding(None, None)
    return encoding


def padded_ids_method(ids: PaddedIds, method: str, call: cst.Call, evaluate: Evaluate) -> Optional[Value]:
    """A copy of padded ids is padded ids of its own: writing into it leaves the original as it was;
    `ids.masked_fill(ids == tok.pad_token_id, -100)` is a copy whose pads (by id) were replaced."""
    if method in knowledge.TENSOR_COPY_METHODS or method == "masked_fill":
        copy = PaddedIds(ids.encoding)
        copy.pads_may_be_replaced = ids.pads_may_be_replaced or method == "masked_fill"
        copy.masked_by_pad_id_of = ids.masked_by_pad_id_of
        if method == "masked_fill" and call.args:
            copy.masked_by_pad_id_of = pad_id_compared(call.args[0].value, evaluate)
        return copy
    return _ids_method(ids, method, call)


def pad_id_compared(node: cst.BaseExpression, evaluate: Evaluate) -> Optional[Tokenizer]:
    """The tokenizer in `x == tok.pad_token_id`, or None."""
    if not isinstance(node, cst.Comparison) or len(node.comparisons) != 1:
        return None
    target = node.comparisons[0]
    pad_id = target.comparator
    if not isinstance(target.operator, cst.Equal) or not isinstance(pad_id, cst.Attribute):
        return None
    tokenizer = evaluate(pad_id.value) if pad_id.attr.value == "pad_token_id" else None
    return tokenizer if isinstance(tokenizer, Tokenizer) else None


def loaded_model(model: Model, call: cst.Call, evaluate: Evaluate) -> LoadedModel:
    """How `from_pretrained` loaded a model: with the default attention when the call names none
    (nor passes a config that may) and the family's default is known to be SDPA."""
    checkpoint = _checkpoint_name(call, evaluate)
    family = knowledge.sdpa_family(model.class_name or "") or (
        checkpoint is not None and knowledge.is_gpt2_checkpoint(checkpoint)
    )
    chooses = may_pass(call, knowledge.ATTENTION_CHOOSERS)
    return LoadedModel(call, checkpoint, default_attention=bool(family) and not chooses)


def chat_text(tokenizer: Tokenizer, call: cst.Call) -> Optional[Value]:
    """`tok.apply_chat_template(messages, tokenize=False)`: the template's text, for one conversation
    it can see (a list of lists of messages would give a list of texts)."""
    conversation = argument(call, "conversation", 0)
    if conversation is None or not isinstance(conversation.value, (cst.List, cst.Name)):
        return None
    if isinstance(conversation.value, cst.List) and any(
        not isinstance(element.value, cst.Dict) for element in conversation.value.elements
    ):
        return None
    return ChatText(tokenizer)


# ---- the cache of a model's output ---------------------------------------------------------------


def model_output(model: Model, call: cst.Call, evaluate: Evaluate) -> Optional[ModelOutput]:
    """`model(ids, ...)`: a `ModelOutput` unless the model or the call may ask for a tuple
    (`return_dict=` anything but True, `*args`, `**` of anything but an encoding). Its cache holds
    the keys and values of `ids`; for a language-model head, its logits are computed on the padded
    batch it was given (one row per text, one position per token)."""
    if not model.returns_model_output:
        return None
    labels: Optional[bool] = False
    for arg in call.args:
        if arg.star == "*":
            return None
        if arg.star == "**":
            if not isinstance(evaluate(arg.value), Encoding):
                return None
            labels = None  # a collator's batch may hold labels
    for arg in call.args:
        name = arg.keyword.value if arg.keyword is not None else None
        if name == "return_dict" and not is_name(arg.value, "True"):
            return None
        if name == "labels" and not is_name(arg.value, "None"):
            labels = True
    ids = argument(call, "input_ids", 0)
    given = evaluate(ids.value) if ids is not None else None
    return ModelOutput(labels, given, _padded_batch(model, call, given, evaluate))


def _padded_batch(model: Model, call: cst.Call, given: Optional[Value], evaluate: Evaluate) -> Optional[Encoding]:
    """The padded batch a language-model head's logits are computed on, when it is known."""
    if model.class_name is None or not knowledge.has_lm_head(model.class_name):
        return None
    if isinstance(given, PaddedIds):
        return given.encoding
    for arg in call.args:
        batch = evaluate(arg.value) if arg.star == "**" else None
        if isinstance(batch, Encoding) and batch.padding is not None:
            return batch
    return None


def output_attribute(output: ModelOutput, attribute: str) -> Optional[Value]:
    if attribute in knowledge.CACHE_NAMES and output.ids is not None:
        return ModelCache(output.ids)
    if attribute == "logits" and output.batch is not None:
        return Logits(output.batch)
    return None


def grown_sequence(path: str, call: cst.Call, evaluate: Evaluate) -> Optional[Value]:
    """`torch.cat([ids, new], dim=-1)` (or `dim=1`, or `(ids, new), -1`) of known ids: ids grown at
    the end."""
    tensors = first_positional(call)
    dim = argument(call, "dim", 1)
    if path not in knowledge.SEQUENCE_JOINERS or not isinstance(tensors, (cst.List, cst.Tuple)) or dim is None:
        return None
    last_dimension = isinstance(dim.value, cst.UnaryOperation) and code_of(dim.value) == "-1"
    if not (last_dimension or literal_int(dim.value) == 1) or len(tensors.elements) != 2:
        return None
    if any(isinstance(element, cst.StarredElement) for element in tensors.elements):
        return None
    base, added = (element.value for element in tensors.elements)
    known = evaluate(base)
    return GrownSequence(known, added) if known is not None else None
