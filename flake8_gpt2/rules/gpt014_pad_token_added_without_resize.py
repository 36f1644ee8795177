"""GPT014: a pad token added as a new token, and the model's embeddings not resized for it."""
from __future__ import annotations

from typing import Iterator, Optional

import libcst as cst

from ..analysis import RuleContext
from ..analysis.batches import trainer_padding
from ..analysis.calls import ModelCall, TokenizerCall, TrainerCall
from ..analysis.predicates import asks_to_pad
from ..analysis.syntax import argument, may_pass
from ..analysis.tokenization import is_batch_of_texts
from ..analysis.values import Encoding, Model, PaddedIds, Tokenizer, Value
from ..facts.families import checkpoints_of
from ..knowledge import CALL, RESIZE_EMBEDDINGS
from ..parameter_names import IS_SPLIT_INTO_WORDS, MODEL, TEXT
from ..rule import Rule
from ..violation import Violation


class PadTokenAddedWithoutResize(Rule):
    code = "GPT014"
    name = "pad-token-added-without-resize"
    title = "new pad token added, model embeddings not resized"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        model = call.model
        if model.may_be_resized or not _embedding_table_is_exact(model):
            return
        for arg in call.node.args:
            value = context.value_of(arg.value) if arg.star == "**" or arg is call.input else None
            if isinstance(value, PaddedIds):
                value = value.encoding  # its ids alone (`inputs.input_ids`), padded as it is
            tokenizer = _padded_with_added_token(value, context) if isinstance(value, Encoding) else None
            if tokenizer is not None:
                name = context.name_of(tokenizer, "tokenizer")
                owner = context.name_of(model, "model")
                yield Violation(
                    self.code,
                    f"the pad token added to {name} is a new token, past the end of the model's embedding "
                    f"table, and this batch is padded with it (IndexError); resize the embeddings after "
                    f"adding it: {owner}.{RESIZE_EMBEDDINGS}(len({name}))",
                    call.node,
                )
                return

    def check_trainer_call(self, call: TrainerCall, context: RuleContext) -> Iterator[Violation]:
        """A Trainer whose batches are padded with the new pad token: by a batched `map` of its
        dataset, or by its padding collator."""
        given = call.argument(MODEL, 0)
        model = context.value_of(given.value) if given is not None else None
        if not isinstance(model, Model) or model.may_be_resized or not _embedding_table_is_exact(model):
            return
        for padded_with in trainer_padding(call, context.value_of):
            tokenizer = _added_pad_token(padded_with, context)
            if tokenizer is not None:
                name = context.name_of(tokenizer, "tokenizer")
                yield Violation(
                    self.code,
                    f"the pad token added to {name} is a new token, past the end of the model's embedding "
                    f"table, and the batches this Trainer runs the model on are padded with it (IndexError); "
                    f"resize the embeddings after adding it: "
                    f"{context.name_of(model, 'model')}.{RESIZE_EMBEDDINGS}(len({name}))",
                    call.node,
                )
                return


def _padded_with_added_token(encoding: Encoding, context: RuleContext) -> Optional[Tokenizer]:
    """The tokenizer that padded this batch of several texts (or a collator's batch of several rows)
    with a pad token added as a new token."""
    call = encoding.tokenizer_call
    if call is None:
        return _added_pad_token(encoding.collated_with, context)
    if not _several_texts(call, context):
        return None
    func = call.func
    tokenizer = context.value_of(func)
    method = CALL
    if not isinstance(tokenizer, Tokenizer) and isinstance(func, cst.Attribute):
        tokenizer, method = context.value_of(func.value), func.attr.value
    if _added_pad_token(tokenizer, context) is None:
        return None
    return tokenizer if asks_to_pad(TokenizerCall(call, tokenizer, method)) else None  # type: ignore[arg-type]


def _added_pad_token(tokenizer: Optional[Value], context: RuleContext) -> Optional[Tokenizer]:
    if not isinstance(tokenizer, Tokenizer) or not tokenizer.added_pad_token:
        return None
    return tokenizer if context.family_shipped_without_pad_token(tokenizer) is not None else None


def _several_texts(call: cst.Call, context: RuleContext) -> bool:
    """A batch of texts (of lengths that may differ): one text alone is never padded, nor the words
    of one text."""
    text = argument(call, TEXT, 0)
    words = may_pass(call, [IS_SPLIT_INTO_WORDS])
    return text is not None and not words and is_batch_of_texts(text.value, context.value_of)


def _embedding_table_is_exact(model: Model) -> bool:
    """The model loaded has exactly its tokenizer's rows of embeddings, so that a token added to the
    tokenizer is past the end of its table until it is resized."""
    row = checkpoints_of(model.checkpoint)
    return row is not None and row.embedding_table_exact
