"""What the linter knows about transformers, as data: no transformers import at lint time."""
from __future__ import annotations

import re

from .parameter_names import (
    ADD_SPECIAL_TOKENS,
    ATTENTION_MASK,
    ATTN_IMPLEMENTATION,
    CACHE,
    CONFIG,
    DO_SAMPLE,
    EVAL_DATASET,
    INPUT_IDS,
    INPUTS_EMBEDS,
    LABELS,
    LEFT,
    MAX_LENGTH,
    MAX_NEW_TOKENS,
    NUM_RETURN_SEQUENCES,
    OUTPUT_ATTENTIONS,
    PAD_TOKEN_ID,
    PADDING,
    PAST_KEY_VALUES,
    RETURN_DICT,
    RIGHT,
    STOP_STRINGS,
    TEMPERATURE,
    TOKENIZER,
    TRAIN_DATASET,
    TRUNCATION,
)

TRANSFORMERS = "transformers"
# Libraries besides transformers whose calls load its models and tokenizers (facts/calls.py rows).
MODEL_LOADING_LIBRARIES = ("unsloth",)

# Classes of transformers that build models. "*Model", "*LMHeadModel", "*For<Task>", the
# Auto classes; TensorFlow and Flax classes take other inputs and are left out.
_MODEL_CLASS = re.compile(r"^(?!TF|Flax|DataCollator)[A-Z][A-Za-z0-9]*(Model|For[A-Z][A-Za-z0-9]*)$")
_NOT_MODEL_CLASS = re.compile(r"(Config|Output|Mixin|Tokenizer\w*|Processor|Pipeline)$")
# Annotations that make a parameter a model even though nothing constructs it here.
MODEL_BASE_CLASSES = frozenset({"PreTrainedModel"})

# What `isinstance` of every tokenizer is: their common base, or the slow and fast bases together.
TOKENIZER_BASE = "PreTrainedTokenizerBase"
TOKENIZER_SLOW_AND_FAST = frozenset({"PreTrainedTokenizer", "PreTrainedTokenizerFast"})

_TOKENIZER_CLASS = re.compile(r"^(?!TF|Flax)[A-Z][A-Za-z0-9]*Tokenizer(Fast|Base)?$")

# The class method that loads a checkpoint, and what it may be given that can make the model's
# forward return a tuple instead of a `ModelOutput` (a configuration, `return_dict=False`,
# `torchscript=True`, code of the checkpoint's own).
LOADER = "from_pretrained"
REMOTE_CODE = "trust_remote_code"
OUTPUT_FORMAT_ARGUMENTS = frozenset({CONFIG, RETURN_DICT, "torchscript"})  # and REMOTE_CODE switched on
# Attributes of a model's `config` that make its forward return tuples.
OUTPUT_FORMAT_CONFIG = frozenset({RETURN_DICT, "use_return_dict", "torchscript"})
# Class methods that return an instance of the class.
# EncoderDecoderModel's loader of an encoder and a decoder from two checkpoints (BERT2BERT)
ENCODER_DECODER_LOADER = "from_encoder_decoder_pretrained"
CONSTRUCTORS = frozenset({LOADER, ENCODER_DECODER_LOADER, "from_config", "_from_config"})
# Model methods that return the same model.
MODEL_SAME_METHODS = frozenset(
    {"to", "eval", "train", "cuda", "cpu", "half", "float", "bfloat16", "double", "requires_grad_"}
)
# Attributes of a model that are themselves a model.
MODEL_SUBMODEL_ATTRIBUTES = frozenset({"transformer", "base_model"})
# Model methods that take the same first input as forward.
FORWARD = "forward"
GENERATE = "generate"
CALL = "__call__"
MODEL_INPUT_METHODS = frozenset({GENERATE, FORWARD, CALL})

# Keywords that older transformers took and today's forward swallows unused, by their new name.
RENAMED_MODEL_KEYWORDS = {"lm_labels": LABELS, "masked_lm_labels": LABELS, "past": PAST_KEY_VALUES}

# Keywords of other text-generation APIs (OpenAI, Anthropic, vLLM, Gemini), by the keyword of
# generate() meant; generate() and the text-generation pipeline raise ValueError on each.
FOREIGN_GENERATE_KEYWORDS = {
    "max_tokens": MAX_NEW_TOKENS,  # OpenAI, Anthropic, vLLM
    "max_completion_tokens": MAX_NEW_TOKENS,  # OpenAI
    "max_output_tokens": MAX_NEW_TOKENS,  # OpenAI Responses, Gemini
    "n": NUM_RETURN_SEQUENCES,  # OpenAI, vLLM
    "stop": STOP_STRINGS,  # OpenAI, vLLM
    "stop_sequences": STOP_STRINGS,  # Anthropic, Gemini
}
# The text-generation pipeline's own keyword for stop strings: it hands its tokenizer on with them.
PIPELINE_STOP_KEYWORD = "stop_sequence"
# Keywords of generate() that fail without another one: stop strings need the tokenizer, more than
# one sequence needs sampling or beams (unless the checkpoint's generation config samples).
GENERATE_KEYWORD_NEEDS = {STOP_STRINGS: (TOKENIZER,), NUM_RETURN_SEQUENCES: (DO_SAMPLE, "num_beams")}
# `pipeline(task)` and the tasks whose pipelines hand their keywords to generate(), by class.
PIPELINE_FACTORY = "pipeline"
TEXT_GENERATION_PIPELINE = "TextGenerationPipeline"
FILL_MASK_PIPELINE = "FillMaskPipeline"
TEXT_CLASSIFICATION_PIPELINE = "TextClassificationPipeline"
PIPELINE_TASKS = {
    "text-generation": TEXT_GENERATION_PIPELINE,
    "fill-mask": FILL_MASK_PIPELINE,
    "text-classification": TEXT_CLASSIFICATION_PIPELINE,
    "sentiment-analysis": TEXT_CLASSIFICATION_PIPELINE,  # the same task by its older name
}
# The keyword that makes a pipeline (or its call) batch a list of inputs, padded.
BATCH_SIZE = "batch_size"
# The Auto classes, by their common prefix; a text-classification pipeline loads its model with the
# sequence classifier's, from a checkpoint's name.
AUTO_PREFIX = "Auto"
AUTO_CAUSAL_LM, AUTO_SEQ2SEQ_LM = "AutoModelForCausalLM", "AutoModelForSeq2SeqLM"
AUTO_SEQUENCE_CLASSIFIER = "AutoModelForSequenceClassification"
# the class of a family without a head, and its sequence classifier: `{class_prefix}{suffix}`
BASE_MODEL_SUFFIX, SEQUENCE_CLASSIFIER_SUFFIX = "Model", "ForSequenceClassification"
# The model that joins any encoder to any decoder (BERT2BERT).
ENCODER_DECODER_MODEL = "EncoderDecoderModel"
# What a pipeline's call may hand the model it loads instead of the checkpoint's own configuration.
PIPELINE_CONFIG_SETTERS = (CONFIG, "model_kwargs")  # and REMOTE_CODE switched on

# The parameters that carry a text model's input; one of them is needed, and only one.
MODEL_INPUTS = frozenset({INPUT_IDS, INPUTS_EMBEDS})

# Modules whose embedding layer turns ids into the vectors that `inputs_embeds=` expects.
EMBEDDING_LAYER_ATTRIBUTES = frozenset({"wte", "embed_tokens", "word_embeddings"})
EMBEDDING_LAYER_GETTER = "get_input_embeddings"

# Tokenizer calls that return an encoding (a dict of ids, mask ...), and with `encode` (ids) those
# that turn text into ids and can be asked to pad.
ENCODE_PLUS, BATCH_ENCODE_PLUS = "encode_plus", "batch_encode_plus"
TOKENIZER_ENCODING_METHODS = frozenset({CALL, ENCODE_PLUS, BATCH_ENCODE_PLUS})
ENCODE = "encode"
TOKENIZER_ENCODE_METHODS = TOKENIZER_ENCODING_METHODS | {ENCODE}
PAD_TOKEN_ATTRIBUTES = frozenset({"pad_token", PAD_TOKEN_ID})
# the keys a tokenizer puts in its encodings (a loading keyword, an attribute)
MODEL_INPUT_NAMES = "model_input_names"
# Tokenizer methods known not to touch the pad token; any other use may set it.
SAVE = "save_pretrained"
DECODE_METHODS = frozenset({"decode", "batch_decode"})
TOKENIZER_READ_ONLY_METHODS = TOKENIZER_ENCODE_METHODS | DECODE_METHODS | frozenset(
    {
        "tokenize",
        "convert_tokens_to_ids",
        "convert_ids_to_tokens",
        "pad",
        SAVE,
        "get_vocab",
        "apply_chat_template",  # renders (and may encode) a conversation; sets nothing on the tokenizer
        # removed in transformers 5 (facts/migrations.py); before, they never set a pad token either
        "as_target_tokenizer",
        "prepare_seq2seq_batch",
        "build_inputs_with_special_tokens",
    }
)
PADDING_VALUES = frozenset({"longest", MAX_LENGTH})
PADDING_SIDES = frozenset({LEFT, RIGHT})
# A tokenizer's attributes that name its end-of-sequence token (what `pad_token = eos_token` sets).
EOS_TOKEN_ATTRIBUTES = frozenset({"eos_token", "eos_token_id"})
# The transformers major from which every tokenizer honours `add_eos_token=True` given at loading.
ADD_EOS_TOKEN_EVERY_TOKENIZER_MAJOR = 5
ADD_EOS_TOKEN = "add_eos_token"
STR_JOIN = "join"  # `tok.eos_token.join(texts)` puts an eos between texts
# Tokenizer methods that may set its pad token but never its padding side.
TOKENIZER_KEEPS_PADDING_SIDE = frozenset({ADD_SPECIAL_TOKENS, "add_tokens"})

# The collator that makes causal-LM labels, setting every label equal to the pad id to -100.
LM_COLLATOR = "DataCollatorForLanguageModeling"
# The collator that pads labels with the loss's ignore index (unless `label_pad_token_id=` says else).
SEQ2SEQ_COLLATOR = "DataCollatorForSeq2Seq"
# Data collators that pad with the tokenizer they are given, when they collate a batch.
WITH_PADDING_COLLATOR = "DataCollatorWithPadding"
PADDING_COLLATORS = frozenset(
    {WITH_PADDING_COLLATOR, LM_COLLATOR, SEQ2SEQ_COLLATOR, "DataCollatorForTokenClassification"}
)
LABEL_PAD_TOKEN_ID = "label_pad_token_id"
IGNORE_INDEX = -100
# Tokenizer keywords that pad every text to one length: then a collator has nothing left to pad.
FIXED_LENGTH_PADDING = {PADDING: MAX_LENGTH, "pad_to_max_length": True}
NUMPY = "numpy"
NUMPY_NAMES = ("np", NUMPY)  # the names a fix may call it by, where they are bound to it
# The pad token a fix adds where the end-of-sequence token must not double as padding.
DEDICATED_PAD_TOKEN = "<|pad|>"
# generate() keywords that only matter when sampling.
SAMPLING_SETTINGS = (TEMPERATURE, "top_p", "top_k", "typical_p", "min_p")
# A model output's cache, and the keyword that takes it back (transformers 5 renames it `cache`).
CACHE_NAMES = (PAST_KEY_VALUES, CACHE)
# the cache objects of transformers 4.57 and 5: of decoder-only models, of encoder-decoder ones
DYNAMIC_CACHE = "DynamicCache"
ENCODER_DECODER_CACHE = "EncoderDecoderCache"
CACHE_CLASSES = (DYNAMIC_CACHE, ENCODER_DECODER_CACHE)  # made by the code, they are such caches too
# The method of a cache object that gave the tuple of (key, value) pairs per layer of transformers 4
# (gone in 5, with indexing and iterating over pairs).
LEGACY_CACHE_METHOD = "to_legacy_cache"
# torch functions that join tensors along an existing dimension.
SEQUENCE_JOINERS = frozenset({"torch.cat", "torch.concat", "torch.concatenate"})
# from_pretrained keywords that choose the attention implementation (a config may carry one).
ATTENTION_CHOOSERS = frozenset({ATTN_IMPLEMENTATION, CONFIG})
# Trainers that feed dataset columns to the model as they are (trl's SFTTrainer tokenizes text).
SEQ2SEQ_TRAINER = "Seq2SeqTrainer"
TRAINERS = frozenset({"Trainer", SEQ2SEQ_TRAINER})
# What a Trainer's evaluation predicts: the logits, unless a Seq2SeqTrainer is asked to generate, or
# a function of the user's turns them into something else first.
PREDICT_WITH_GENERATE = "predict_with_generate"
PREPROCESS_LOGITS = "preprocess_logits_for_metrics"
TRAINER_DATASET_SLOTS = {TRAIN_DATASET: 3, EVAL_DATASET: 4}  # keyword: positional index
# A loss the Trainer is told how to compute, whatever the model returns.
TRAINER_LOSS_GIVEN_BY = ("compute_loss_func",)
TRAINING_ARGUMENTS = frozenset({"TrainingArguments", "Seq2SeqTrainingArguments"})
# Names a dataset column needs for the Trainer to feed it to a model.
MODEL_INPUT_COLUMNS = MODEL_INPUTS | {ATTENTION_MASK, LABELS, "label", "label_ids"}
DATASETS = "datasets"
# Libraries whose names the analysis follows beside transformers, by full dotted path.
LOAD_DATASET = frozenset({"datasets.load_dataset"})
DATASET_CLASS = frozenset({"datasets.Dataset", "datasets.arrow_dataset.Dataset"})
DATA_LOADER = frozenset({"torch.utils.data.DataLoader", "torch.utils.data.dataloader.DataLoader"})
LONG_TENSOR = "torch.LongTensor"
TENSOR_MAKERS = frozenset({"torch.tensor", LONG_TENSOR, "torch.as_tensor"})
# torch's dtypes by dotted path, and the tensor methods that cast to one
FLOAT_DTYPES = frozenset(
    f"torch.{name}" for name in ("float", "float32", "float16", "half", "bfloat16", "float64", "double")
)
INTEGER_DTYPES = frozenset(f"torch.{name}" for name in ("long", "int64", "int", "int32"))
FLOAT_CASTS = frozenset({"float", "half", "bfloat16", "double"})
INTEGER_CASTS = frozenset({"long", "int"})
# tensor methods: a copy with a value where a mask is true; a view with a new dimension of size 1
MASKED_FILL, UNSQUEEZE = "masked_fill", "unsqueeze"
# tensor methods that keep a tensor's shape and values (on another device, or cut from the graph)
TENSOR_MOVES = frozenset({"to", "cuda", "cpu", "detach", "contiguous", "clone"})
# tensors of 1s
TORCH_ONES, TORCH_ONES_LIKE = "torch.ones", "torch.ones_like"
# what loading a tokenizer may be given that changes which text reads as its eos token
EOS_TEXT_CHANGERS = ("eos_token", "split_special_tokens", "additional_special_tokens")
# Tensor methods that give the same values in another shape (a view, where torch can).
TENSOR_RESHAPES = frozenset({"view", "reshape", "flatten"})
# A hand-written loss: the function, the module that computes it, and what skips a target.
CROSS_ENTROPY = frozenset({"torch.nn.functional.cross_entropy"})
CROSS_ENTROPY_LOSS = frozenset({"torch.nn.CrossEntropyLoss", "torch.nn.modules.loss.CrossEntropyLoss"})
LOSS_SKIPS_TARGETS = ("ignore_index", "reduction", "weight")
# torch functions that join tensors along a dimension: of embeddings, they give embeddings
TENSOR_JOINERS = SEQUENCE_JOINERS | {"torch.stack"}
# Wrappers whose forward takes `*inputs, **kwargs` and hands them to `.module`
PARALLEL_WRAPPERS = frozenset(
    {
        "torch.nn.DataParallel",
        "torch.nn.parallel.DataParallel",
        "torch.nn.parallel.DistributedDataParallel",
        "torch.nn.parallel.distributed.DistributedDataParallel",
    }
)
PARALLEL_WRAPPED_ATTRIBUTE = "module"
# What `tensor.squeeze()` or `tensor.squeeze(0)` is called; of a one-row batch it gives one row
SQUEEZE = "squeeze"
ACCELERATOR = "accelerate.Accelerator"
PROGRESS_BARS = frozenset({"tqdm.tqdm", "tqdm.auto.tqdm", "tqdm.notebook.tqdm", "tqdm.std.tqdm"})
DATASET_CONSTRUCTORS = frozenset({"from_dict", "from_list"})
# Dataset methods that keep the columns.
DATASET_SAME_COLUMNS = frozenset({"shuffle", "select", "filter", "sort", "flatten_indices", "with_format"})

# Builtins whose result is text.
TEXT_BUILTINS = frozenset({"input", "str"})
# File methods that give its text (`open(path).read()`, `Path(path).read_text()`).
FILE_READ_METHODS = frozenset({"read"})
PATH_READ_TEXT = "read_text"
# A column's or an array's values as a list (pandas, numpy, torch): a list is a batch to a tokenizer.
TO_LIST_METHOD = "tolist"
STR_METHODS_RETURNING_TEXT = frozenset(
    {"strip", "lstrip", "rstrip", "lower", "upper", "title", "capitalize", "format", "replace", "join"}
)
# str methods whose result is a list of texts.
STR_METHODS_RETURNING_TEXTS = frozenset({"split", "rsplit", "splitlines"})
# BatchEncoding methods that give the same encoding, and those that only read it.
ENCODING_SAME_METHODS = frozenset({"to"})
ENCODING_READ_ONLY_METHODS = frozenset({"to", "items", "keys", "values", "get", "word_ids", "tokens"})
# Tensor methods that give a tensor of the same kind.
# Tensor methods that give a copy (writing into it leaves the original as it was).
TENSOR_COPY_METHODS = frozenset({"clone"})
SAME_TENSOR_METHODS = TENSOR_COPY_METHODS | frozenset(
    {"to", "detach", "cuda", "cpu", "float", "half", "bfloat16", "contiguous", "requires_grad_"}
)
# Builtins that only look at a tokenizer; any other call given one may set its pad token.
TOKENIZER_SAFE_CONSUMERS = frozenset({"print", "len", "isinstance", "hasattr", "repr", "str", "type", "id"})
# Builtins that run none of an instance's code (`print` its `__str__`/`__repr__` only): the file's
# own instances given to them are not handed over.
INSTANCE_SAFE_BUILTINS = frozenset({"print", "type", "id", "isinstance"})
INSTANCE_TEXT_METHODS = frozenset({"__str__", "__repr__", "__format__"})
# Builtins that only read a dict they are given (its keys stay as they are).
DICT_READERS = TOKENIZER_SAFE_CONSUMERS | {"list", "tuple", "sorted", "set", "frozenset", "iter", "enumerate", "dict"}


def is_model_class(name: str) -> bool:
    return bool(_MODEL_CLASS.match(name)) and not _NOT_MODEL_CLASS.search(name)


def is_tokenizer_class(name: str) -> bool:
    return bool(_TOKENIZER_CLASS.match(name))


def is_followed_name(name: str) -> bool:
    """Whether the analysis follows what this transformers name makes; no other name a file
    imports of transformers (`logging`, `pipeline`, `AutoConfig`, ...) can lead to a finding."""
    return (
        is_model_class(name)
        or is_tokenizer_class(name)
        or name in MODEL_BASE_CLASSES
        or name in TRAINERS
        or name in TRAINING_ARGUMENTS
        or name in PADDING_COLLATORS
        or name in (PIPELINE_FACTORY, TEXT_GENERATION_PIPELINE)
        or name in CACHE_CLASSES
    )


# Wrappers that are models themselves, by the class whose forward runs first: the named parameters
# of that forward, in order (peft 0.21). PEFT's causal-LM forward passes them, and its **kwargs, on
# to the base model by keyword, so `pm(ids, mask)` is right whatever the base model's order.
PEFT_CAUSAL_LM = "PeftModelForCausalLM"
# A PEFT model of a task not known here: `PeftModel.forward(*args, **kwargs)` hands its arguments
# to the base model as they are, but the task type (read from a saved adapter) may make it another
# class, so its positional order is unknown.
PEFT_MODEL = "PeftModel"
MODEL_WRAPPERS = {
    PEFT_CAUSAL_LM: (
        INPUT_IDS,
        ATTENTION_MASK,
        INPUTS_EMBEDS,
        LABELS,
        OUTPUT_ATTENTIONS,
        "output_hidden_states",
        RETURN_DICT,
        "task_ids",
    ),
    PEFT_MODEL: None,
}
# peft's functions and classes that wrap the model they are given (the first argument), by path;
# None: the class depends on the configuration's task type
PEFT_WRAPPING_CALLS = {
    "peft.get_peft_model": None,
    "peft.PeftModel.from_pretrained": PEFT_MODEL,
    "peft.PeftModelForCausalLM.from_pretrained": PEFT_CAUSAL_LM,
}
# peft's classes that load a base model and its adapter from one name: the wrapper they give
PEFT_AUTO_CLASSES = {"peft.AutoPeftModelForCausalLM.from_pretrained": PEFT_CAUSAL_LM}
# The task type of a PEFT configuration that makes get_peft_model give PEFT_CAUSAL_LM.
PEFT_CAUSAL_LM_TASK = "CAUSAL_LM"
# torch and accelerate calls that give back the model they are given, wrapped with the same forward
SAME_MODEL_CALLS = frozenset({"torch.compile"})
ACCELERATOR_UNWRAP = "unwrap_model"
# Methods of a wrapped model that give the model inside it.
MODEL_UNWRAP_METHODS = frozenset({"get_base_model", "merge_and_unload", "unload"})

# Pad tokens that no tokenizer of the padless families (facts.families) holds:
# `add_special_tokens({"pad_token": ...})` with one of them adds a new token (another literal may name
# one the vocabulary has).
NEW_PAD_TOKENS = frozenset({"[PAD]", "<pad>", "<PAD>", "<|pad|>", "[pad]", "<|PAD|>"})
RESIZE_EMBEDDINGS = "resize_token_embeddings"
# Model methods that only read it.
_MODEL_READ_ONLY_METHODS = frozenset(
    {"parameters", "named_parameters", "state_dict", SAVE, "num_parameters", EMBEDDING_LAYER_GETTER}
)
# Model methods that leave its embedding table as it is; any other may resize it.
MODEL_KEEPS_EMBEDDINGS = MODEL_SAME_METHODS | MODEL_INPUT_METHODS | _MODEL_READ_ONLY_METHODS
# Methods that leave what the analysis knows of a tokenizer or a model as it was: a parameter of a
# function of the file only given to them is not changed there (analysis/parameter_uses.py).
READ_ONLY_METHODS = TOKENIZER_READ_ONLY_METHODS | MODEL_SAME_METHODS | _MODEL_READ_ONLY_METHODS | frozenset(
    {GENERATE, FORWARD, "zero_grad"}
)
# Model methods that change nothing of its configuration (beside those giving the same model and
# those running it).
MODEL_KEEPS_CONFIGURATION = _MODEL_READ_ONLY_METHODS | {RESIZE_EMBEDDINGS, "zero_grad"}

# `tok.apply_chat_template(messages, ...)`: a BatchEncoding (ids and mask) from transformers 5 on,
# the ids themselves before (a list, or with return_tensors="pt" a tensor); `tokenize=False` gives
# the text, `return_dict=` chooses on both.
CHAT_TEMPLATE = "apply_chat_template"
# the first major version whose apply_chat_template returns a dict by default
CHAT_TEMPLATE_DICT_MAJOR = 5
# from it, `output_attentions=True` under SDPA gives no attentions (4.x fell back to eager attention)
SDPA_WITHOUT_ATTENTIONS_MAJOR = 5
# its keywords whose values do not change the kind of what it returns
CHAT_TEMPLATE_OTHER_KEYWORDS = frozenset(
    {
        "conversation",
        "tools",
        "documents",
        "chat_template",
        "add_generation_prompt",
        "continue_final_message",
        PADDING,
        TRUNCATION,
        MAX_LENGTH,
        "return_assistant_tokens_mask",
    }
)

# forward parameters renamed in transformers 5: the new name and the old one
RENAMED_IN_5 = {CACHE: PAST_KEY_VALUES}
