"""What tokenizers give: encodings (padded or not, from one text or a batch), ids as lists, rows and
batches, chat templates."""
from __future__ import annotations

from typing import Optional, Union

import libcst as cst

from .. import knowledge
from ..facts.families import checkpoints_of
from ..parameter_names import (
    ADD_SPECIAL_TOKENS,
    INPUT_IDS,
    IS_SPLIT_INTO_WORDS,
    LABELS,
    MAX_LENGTH,
    PADDING,
    PADDING_SIDE,
    PAD_TOKEN_ID,
    PYTORCH_TENSORS,
    RETURN_DICT,
    RETURN_OVERFLOWING_TOKENS,
    RETURN_TENSORS,
    RETURN_TOKEN_TYPE_IDS,
    TEXT,
    TEXT_PAIR_TARGET,
    TEXT_TARGET,
    TOKEN_TYPE_IDS,
    TRUNCATION,
)
from .syntax import (
    argument,
    first_positional,
    is_name,
    keyword,
    literal_bool,
    literal_int,
    literal_string,
    may_pass,
    positional,
    unpacks,
)
from .values import (
    ChatText,
    Encoding,
    Evaluate,
    Ids,
    IdsBatch,
    NumberTensor,
    PaddedIds,
    Padding,
    Text,
    Tokenizer,
    Value,
)


_CUTTING_STRATEGY = "longest_first"  # cuts pairs too, unlike "only_first"


def constructed_padding_side(call: cst.Call, checkpoint: Optional[str]) -> Optional[str]:
    """`padding_side="left"` given, or the side the checkpoint's tokenizer files are known to pad on
    (a folder of another tokenizer's files may say otherwise, so a class alone tells nothing)."""
    side = _literal_side(call)
    if side is not None or may_pass(call, [PADDING_SIDE]):
        return side
    row = checkpoints_of(checkpoint)
    return row.padding_side if row is not None else None


def _literal_side(call: cst.Call) -> Optional[str]:
    arg = keyword(call, PADDING_SIDE)
    side = literal_string(arg.value) if arg is not None else None
    return side if side in knowledge.PADDING_SIDES else None


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
        if name in ("tokenize", RETURN_DICT):
            flag = literal_bool(arg.value)
            if flag is None:
                return None
            flags[name] = flag
        elif name != RETURN_TENSORS and name not in knowledge.CHAT_TEMPLATE_OTHER_KEYWORDS:
            return None
    if not flags.get("tokenize", True):
        return chat_text(tokenizer, call) or Text()
    tensors = argument(call, RETURN_TENSORS)
    if tensors is not None and literal_string(tensors.value) != PYTORCH_TENSORS:
        return None
    if flags.get(RETURN_DICT, returns_dict):
        encoding = Encoding(tensors is not None, call, scope)
        encoding.from_chat_template = True
        return encoding
    return Ids(is_list=True, tokenizer_call=None, source=None, scope=scope) if tensors is None else None


def encoding_from(call: cst.Call, tokenizer: Tokenizer, scope: object, evaluate: Evaluate) -> Encoding:
    """The encoding of `text`, or of `text_target=` given alone; given both, the targets' encoding
    is its `labels` (not for `text_pair_target=`, nor through `**`)."""
    text, targets = argument(call, TEXT, 0), keyword(call, TEXT_TARGET)
    encoded = text or targets
    one_text = encoded is not None and _is_one_text(evaluate(encoded.value))
    encoding = Encoding(may_pass(call, [RETURN_TENSORS]), call, scope, one_text=one_text)
    encoding.holds_token_type_ids = _gives_token_type_ids(call, tokenizer)
    encoding.tokenizer = tokenizer
    if text is not None and targets is not None and not may_pass(call, [TEXT_PAIR_TARGET]):
        encoding.labels = Encoding(encoding.has_tensors, call, scope, one_text=_is_one_text(evaluate(targets.value)))
    row = checkpoints_of(tokenizer.checkpoint)
    if row is not None and row.type_vocab_size is not None and encoding.holds_token_type_ids:
        class_name = tokenizer.class_name
        own_class = class_name is None or class_name.startswith((knowledge.AUTO_PREFIX, row.family.class_prefix))
        if own_class and _encodes_pairs(call, evaluate):
            encoding.highest_type_id = row.type_vocab_size - 1
    if text is not None and not may_pass(call, _ROWS_CHANGERS) and _method(call) != knowledge.ENCODE_PLUS:
        encoding.rows = 1 if one_text else _rows(text.value)
    return encoding


def _encodes_pairs(call: cst.Call, evaluate: Evaluate) -> bool:
    """`tok(texts, pairs)`: texts and the second texts of pairs, special tokens added as by default."""
    text, pair = argument(call, TEXT, 0), argument(call, "text_pair", 1)
    if text is None or pair is None or unpacks(call) or may_pass(call, [ADD_SPECIAL_TOKENS]):
        return False
    first, second = evaluate(text.value), evaluate(pair.value)
    return isinstance(first, Text) and isinstance(second, Text) and first.is_batch == second.is_batch


# what makes a batch's rows other than its texts: a text's overflow as rows of its own, a list of
# words as one row; `encode_plus` encodes one sequence (a list of strings is its tokens)
_ROWS_CHANGERS = (RETURN_OVERFLOWING_TOKENS, IS_SPLIT_INTO_WORDS)


def _method(call: cst.Call) -> Optional[str]:
    return call.func.attr.value if isinstance(call.func, cst.Attribute) else None


def _rows(texts: cst.BaseExpression) -> Optional[int]:
    """The texts of a list display of texts, each a row of the batch."""
    if not isinstance(texts, (cst.List, cst.Tuple)) or not texts.elements:
        return None
    if any(not isinstance(element, cst.Element) or literal_string(element.value) is None for element in texts.elements):
        return None
    return len(texts.elements)


def _gives_token_type_ids(call: cst.Call, tokenizer: Tokenizer) -> bool:
    """`return_token_type_ids=True`, or a tokenizer that gives them unless the call may say otherwise."""
    asked = keyword(call, RETURN_TOKEN_TYPE_IDS)
    if asked is not None:
        return literal_bool(asked.value) is True
    # pad_may_be_set: code the analysis cannot see may have changed the tokenizer
    return tokenizer.gives_token_type_ids and not tokenizer.pad_may_be_set and not unpacks(call)


def _is_one_text(value: Optional[Value]) -> bool:
    return isinstance(value, Text) and not value.is_batch


def encoded_ids(call: cst.Call, evaluate: Evaluate, scope: object) -> Optional[Value]:
    """`tok.encode(text)`: a flat list of ids for one text; with `return_tensors="pt"`, a batch of
    one row."""
    if unpacks(call) or not call.args or not _is_one_text(evaluate(call.args[0].value)):
        return None
    tensors = argument(call, RETURN_TENSORS)
    if tensors is None:
        return Ids(is_list=True, tokenizer_call=call, source=None, scope=scope)
    return IdsBatch(one_row=True) if literal_string(tensors.value) == PYTORCH_TENSORS else None


def ids_of_tokens(call: cst.Call, evaluate: Evaluate, scope: object) -> Optional[Value]:
    """`tok.convert_tokens_to_ids(tokens)` of a list of tokens: a flat list of ids (of one token, an
    int). No tokenizer call could give them as tensors."""
    tokens = first_positional(call)
    texts = evaluate(tokens) if tokens is not None and not unpacks(call) else None
    if not (isinstance(texts, Text) and texts.is_batch):
        return None
    return Ids(is_list=True, tokenizer_call=None, source=None, scope=scope)


def ids_of(encoding: Encoding) -> Value:
    """`encoding["input_ids"]`: lists, or a 2-D tensor when the encoding holds tensors; the ids of a
    padded batch are one value for every read, so a write into them is seen by the later ones."""
    if encoding.has_tensors and encoding.padding is not None:
        return encoding.tensors_made.setdefault(INPUT_IDS, PaddedIds(encoding))
    if encoding.has_tensors:
        return IdsBatch(one_row=encoding.one_text)
    return Ids(is_list=True, tokenizer_call=encoding.tokenizer_call, source=encoding, scope=encoding.scope)


def item_of(encoding: Encoding, key: Optional[str]) -> Optional[Value]:
    """`encoding[key]` (`.get(key)`, `.key`): its `input_ids`, or the ids of the targets it encoded
    (`labels`), while no key of it may have been set or removed."""
    if not encoding.holds_input_ids:
        return None
    if key == INPUT_IDS:
        return ids_of(encoding)
    if key == TOKEN_TYPE_IDS and encoding.has_tensors and encoding.highest_type_id is not None:
        made = NumberTensor(None, floats=False, highest=encoding.highest_type_id, written=False)
        return encoding.tensors_made.setdefault(key, made)
    return ids_of(encoding.labels) if key == LABELS and encoding.labels is not None else None


def ids_written_by_unknown_code(encoding: Encoding) -> None:
    """An encoding handed to code the analysis cannot see: its tensors may have been written into."""
    keys = (INPUT_IDS, LABELS, TOKEN_TYPE_IDS)
    for ids in (item_of(encoding, key) for key in keys):
        if isinstance(ids, PaddedIds):
            ids.pads_may_be_replaced = True
        elif isinstance(ids, NumberTensor):
            ids.may_change = True


def row() -> Ids:
    """One row of a batch of ids (`ids[0]`): a 1-D tensor."""
    return Ids(is_list=False, tokenizer_call=None, source=None)


def ids_method(ids: Union[IdsBatch, Ids], method: str, call: cst.Call) -> Optional[Value]:
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
    padding = keyword(call, PADDING)
    strategy = _literal_padding(padding.value) if padding is not None else None
    if strategy is None:
        return encoding
    side = _literal_side(call) if may_pass(call, [PADDING_SIDE]) else tokenizer.settings.padding_side
    text = first_positional(call) or (_argument_value(call, TEXT_TARGET) if not may_pass(call, [TEXT]) else None)
    targets = _argument_value(call, TEXT_TARGET)
    words = may_pass(call, [IS_SPLIT_INTO_WORDS])
    for padded, texts in ((encoding, text), (encoding.labels, targets)):
        if padded is not None and texts is not None and not words:
            if strategy == MAX_LENGTH or is_batch_of_texts(texts, evaluate):
                padded.padding = Padding(side, tokenizer)
    return encoding


def pads_rows_of(encoding: Encoding, rows: str, listed: bool = False) -> Optional[Tokenizer]:
    """The tokenizer whose call made `encoding` and surely padded it, where that call encodes a
    column of `rows` (`tokenizer(batch["text"], padding=True)`, `batch` the rows a batched
    `Dataset.map` gives its function), or, `listed`, the list `rows` itself or a list comprehension
    over it (a `collate_fn`'s rows), or pads to `max_length`."""
    call = encoding.tokenizer_call
    if call is None or encoding.padding is not None or unpacks(call) or not encoding.holds_input_ids:
        return encoding.padding.tokenizer if encoding.padding is not None else None
    padding = keyword(call, PADDING)
    strategy = _literal_padding(padding.value) if padding is not None else None
    text = argument(call, TEXT, 0)
    if strategy is None or text is None:
        return None
    column = text.value
    of_rows = (
        isinstance(column, cst.Subscript)
        and is_name(column.value, rows)
        and len(column.slice) == 1
        and isinstance(column.slice[0].slice, cst.Index)
        and literal_string(column.slice[0].slice.value) is not None
    )
    if listed:
        comprehension = column.for_in if isinstance(column, cst.ListComp) else None
        of_rows = is_name(column, rows) or (
            comprehension is not None and comprehension.inner_for_in is None and is_name(comprehension.iter, rows)
        )
    return encoding.tokenizer if strategy == MAX_LENGTH or of_rows else None


def _argument_value(call: cst.Call, name: str) -> Optional[cst.BaseExpression]:
    arg = keyword(call, name)
    return arg.value if arg is not None else None


def _min_length(call: cst.Call, evaluate: Evaluate) -> Optional[int]:
    """How many tokens each row has at least: `max_length=` when padded to it (and not cut
    shorter), else the words of one literal text (each is one token or more, as tokenizers split
    on spaces first), special tokens aside."""
    padding = keyword(call, PADDING)
    max_length = keyword(call, MAX_LENGTH)
    if padding is not None and _literal_padding(padding.value) == MAX_LENGTH and max_length is not None:
        if isinstance(max_length.value, cst.Integer):
            return int(max_length.value.value)
    text = evaluate(call.args[0].value) if call.args and not call.args[0].keyword and not call.args[0].star else None
    if isinstance(text, Text) and not text.is_batch and text.literal is not None and not may_pass(call, [MAX_LENGTH]):
        return len(text.literal.split())
    return None


def exact_length(encoding: Encoding) -> Optional[int]:
    """How many tokens every row of `encoding` has, where its call says it for any text: padded to a
    literal `max_length=` and cut there (`truncation=True`), with nothing that adds rows of its own
    (`return_overflowing_tokens=`) or keywords it cannot see (`**`)."""
    call = encoding.tokenizer_call
    if call is None or unpacks(call) or may_pass(call, [RETURN_OVERFLOWING_TOKENS]):
        return None
    padding, truncation, max_length = (keyword(call, name) for name in (PADDING, TRUNCATION, MAX_LENGTH))
    if padding is None or truncation is None or max_length is None:
        return None
    cuts = literal_bool(truncation.value) is True or literal_string(truncation.value) == _CUTTING_STRATEGY
    if _literal_padding(padding.value) != MAX_LENGTH or not cuts:
        return None
    return literal_int(max_length.value)


def _literal_padding(node: cst.BaseExpression) -> Optional[str]:
    if isinstance(node, cst.Name) and node.value == "True":
        return "longest"
    value = literal_string(node)
    return value if value in knowledge.PADDING_VALUES else None


def is_batch_of_texts(node: cst.BaseExpression, evaluate: Evaluate) -> bool:
    """Several texts: a batch of text, a list display of two or more items, or a list the code builds
    (a comprehension, `column.tolist()`), which a tokenizer takes as a batch of rows (the callers
    leave out the calls whose rows are words: `is_split_into_words=`)."""
    if isinstance(node, cst.List) and len(node.elements) > 1:
        return not any(isinstance(element, cst.StarredElement) for element in node.elements)
    if isinstance(node, cst.ListComp) or _is_tolist(node):
        return True
    value = evaluate(node)
    return isinstance(value, Text) and value.is_batch


def _is_tolist(node: cst.BaseExpression) -> bool:
    return (
        isinstance(node, cst.Call)
        and not node.args
        and isinstance(node.func, cst.Attribute)
        and node.func.attr.value == knowledge.TO_LIST_METHOD
    )


def collated_batch(tokenizer: Optional[Tokenizer] = None) -> Encoding:
    """A batch a padding collator made: tensors, padded (on a side known only when it collates);
    `tokenizer`: the collator's, where the batch surely holds its pad tokens (several rows, a
    collator that pads)."""
    encoding = Encoding(has_tensors=True)
    encoding.padding = Padding(None, tokenizer)
    encoding.collated_with = tokenizer
    return encoding


def padded_ids_copy(ids: PaddedIds, method: str, call: cst.Call, evaluate: Evaluate) -> PaddedIds:
    """A copy of padded ids is padded ids of its own: writing into it leaves the original as it was;
    `ids.masked_fill(ids == tok.pad_token_id, -100)` is a copy whose pads (by id) were replaced."""
    copy = PaddedIds(ids.encoding)
    copy.pads_may_be_replaced = ids.pads_may_be_replaced or method == knowledge.MASKED_FILL
    copy.masked_by_pad_id_of = ids.masked_by_pad_id_of
    if method == knowledge.MASKED_FILL and call.args:
        copy.masked_by_pad_id_of = pad_id_compared(call.args[0].value, evaluate)
    return copy


def pad_id_compared(node: cst.BaseExpression, evaluate: Evaluate) -> Optional[Tokenizer]:
    """The tokenizer in `x == tok.pad_token_id`, or None."""
    if not isinstance(node, cst.Comparison) or len(node.comparisons) != 1:
        return None
    target = node.comparisons[0]
    pad_id = target.comparator
    if not isinstance(target.operator, cst.Equal) or not isinstance(pad_id, cst.Attribute):
        return None
    tokenizer = evaluate(pad_id.value) if pad_id.attr.value == PAD_TOKEN_ID else None
    return tokenizer if isinstance(tokenizer, Tokenizer) else None


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
