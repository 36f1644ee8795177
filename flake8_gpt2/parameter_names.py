"""The names of the parameters and keywords of transformers' calls (and of the torch and pipeline calls
the rules read), and of the attributes of its configurations, outputs and caches: each spelled once,
here. Rules spell none of them (tests/test_structure.py); class and method names are in knowledge.py."""
from __future__ import annotations

# The parameters that carry a text model's input; one of `input_ids` and `inputs_embeds` is needed,
# and only one.
INPUT_IDS = "input_ids"
INPUTS_EMBEDS = "inputs_embeds"
ATTENTION_MASK = "attention_mask"
TOKEN_TYPE_IDS = "token_type_ids"
POSITION_IDS = "position_ids"
LABELS = "labels"
SHIFT_LABELS = "shift_labels"  # labels already shifted, which a causal LM's loss takes as they are
# An encoder-decoder's decoder inputs (`labels` make them where these are not given).
DECODER_INPUT_IDS = "decoder_input_ids"
DECODER_INPUTS_EMBEDS = "decoder_inputs_embeds"
OUTPUT_ATTENTIONS = "output_attentions"
RETURN_DICT = "return_dict"  # of a forward, or of apply_chat_template: a dict rather than ids
# A model output's cache, and the keyword that takes it back (transformers 5 renames it `cache`).
PAST_KEY_VALUES = "past_key_values"
CACHE = "cache"
CACHE_POSITION = "cache_position"
# The keyword that turns a run's cache on or off.
USE_CACHE = "use_cache"
# A model output's fields: the loss (first, where labels were given) and the logits.
LOSS = "loss"
LOGITS = "logits"
# what a variable's name holds where it holds the logits (`logit`, `next_logits`)
LOGITS_IN_NAMES = "logit"
# what a variable's name holds where it holds an attention mask (`mask`, `attn_mask`)
MASK_IN_NAMES = "mask"
# A cache object of transformers 5: its layers, each with keys and values; an encoder-decoder's
# cache holds one cache of self-attention and one of cross-attention.
CACHE_LAYERS = "layers"
LAYER_KEYS, LAYER_VALUES = "keys", "values"
SELF_ATTENTION_CACHE, CROSS_ATTENTION_CACHE = "self_attention_cache", "cross_attention_cache"

# generate()
GENERATION_CONFIG = "generation_config"
# the keyword that makes generate() give a ModelOutput (with the cache) rather than the sequences
RETURN_DICT_IN_GENERATE = "return_dict_in_generate"
MAX_LENGTH = "max_length"  # also a tokenizer's, and the padding that pads to it
MAX_NEW_TOKENS = "max_new_tokens"
DO_SAMPLE = "do_sample"
TEMPERATURE = "temperature"
NUM_RETURN_SEQUENCES = "num_return_sequences"
STOP_STRINGS = "stop_strings"
DECODER_START_TOKEN_ID = "decoder_start_token_id"
BOS_TOKEN_ID = "bos_token_id"
PAD_TOKEN_ID = "pad_token_id"

# A tokenizer's call: its text (and the targets an encoder-decoder's labels are encoded from), and
# what it is asked to give.
TEXT = "text"
TEXT_TARGET, TEXT_PAIR_TARGET = "text_target", "text_pair_target"
BATCH_TEXT_OR_TEXT_PAIRS = "batch_text_or_text_pairs"  # batch_encode_plus's text
IS_SPLIT_INTO_WORDS = "is_split_into_words"
ADD_SPECIAL_TOKENS = "add_special_tokens"
RETURN_TOKEN_TYPE_IDS = "return_token_type_ids"
RETURN_TENSORS = "return_tensors"
PYTORCH_TENSORS = "pt"  # what `return_tensors=` asks for torch tensors by
PADDING = "padding"
TRUNCATION = "truncation"
# a tokenizer call that makes rows of a text's overflow, beside the rows of its texts
RETURN_OVERFLOWING_TOKENS = "return_overflowing_tokens"
PAD_TO_MULTIPLE_OF = "pad_to_multiple_of"
PADDING_SIDE = "padding_side"
LEFT, RIGHT = "left", "right"  # the padding sides
SKIP_SPECIAL_TOKENS = "skip_special_tokens"  # of decode()

# What loading a model is given, and what its configuration holds.
CONFIG = "config"
ATTN_IMPLEMENTATION = "attn_implementation"
EAGER_ATTENTION = "eager"  # the attention implementation that gives attention weights
NUM_LABELS = "num_labels"
PROBLEM_TYPE = "problem_type"
N_POSITIONS, MAX_POSITION_EMBEDDINGS = "n_positions", "max_position_embeddings"
TYPE_VOCAB_SIZE = "type_vocab_size"
# EncoderDecoderModel.from_encoder_decoder_pretrained: the decoder's checkpoint, and the keywords
# its `decoder_` prefix hands to the decoder's configuration
DECODER_CHECKPOINT = "decoder_pretrained_model_name_or_path"
DECODER_BOS_TOKEN_ID, DECODER_DECODER_START_TOKEN_ID = "decoder_bos_token_id", "decoder_decoder_start_token_id"

# A Trainer's parameters (`tokenizer` is also a collator's and a pipeline's, `model` a pipeline's).
MODEL = "model"
ARGS = "args"
TRAIN_DATASET = "train_dataset"
EVAL_DATASET = "eval_dataset"
DATA_COLLATOR = "data_collator"
PROCESSING_CLASS = "processing_class"  # the tokenizer, by its name from transformers 4.46 on
TOKENIZER = "tokenizer"
REMOVE_UNUSED_COLUMNS = "remove_unused_columns"  # of TrainingArguments
# A pipeline's task, and what its call is given.
TASK = "task"
INPUTS = "inputs"
# torch: `torch.tensor(data)`, `DataLoader(dataset)`
DATA = "data"
DATASET = "dataset"
