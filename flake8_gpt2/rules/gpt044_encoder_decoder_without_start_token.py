"""GPT044: generate() of an EncoderDecoderModel whose decoder has no token to start from."""
from __future__ import annotations

from typing import Iterator

import libcst as cst

from ..analysis import RuleContext
from ..analysis.calls import ModelCall
from ..analysis.syntax import argument, literal_string, may_pass
from ..analysis.values import Encoding
from ..facts.families import checkpoints_of
from ..knowledge import ENCODER_DECODER_LOADER, ENCODER_DECODER_MODEL, GENERATE
from ..parameter_names import (
    BOS_TOKEN_ID,
    CONFIG,
    DECODER_BOS_TOKEN_ID,
    DECODER_CHECKPOINT,
    DECODER_DECODER_START_TOKEN_ID,
    DECODER_INPUT_IDS,
    DECODER_START_TOKEN_ID,
    GENERATION_CONFIG,
)
from ..rule import Rule
from ..violation import Violation

# what may give generate() its first decoder token, in the loader's keywords or in generate()'s
_LOADER_START_SETTERS = (DECODER_BOS_TOKEN_ID, DECODER_DECODER_START_TOKEN_ID, CONFIG)
_GENERATE_START_SETTERS = (DECODER_START_TOKEN_ID, BOS_TOKEN_ID, GENERATION_CONFIG, DECODER_INPUT_IDS)


class EncoderDecoderWithoutStartToken(Rule):
    code = "GPT044"
    name = "encoder-decoder-without-start-token"
    title = "generate() of an EncoderDecoderModel whose decoder has no start token"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        model = call.model
        loaded = model.loaded  # None once anything may have changed its config
        if call.method != GENERATE or model.class_name != ENCODER_DECODER_MODEL or loaded is None:
            return
        loader = loaded.call
        if not isinstance(loader.func, cst.Attribute) or loader.func.attr.value != ENCODER_DECODER_LOADER:
            return
        decoder_arg = argument(loader, DECODER_CHECKPOINT, 1)
        decoder = literal_string(decoder_arg.value) if decoder_arg is not None else None
        row = checkpoints_of(decoder)
        if row is None or not row.config_without_bos_token_id or may_pass(loader, _LOADER_START_SETTERS):
            return
        if any(not _gives_no_start(arg, context) for arg in call.node.args):
            return
        model_name = context.name_of(model, "model")
        yield Violation(
            self.code,
            f"{model_name} joins two checkpoints and its {row.family.name} decoder's config has no "
            "bos_token_id, so generate() has no decoder_start_token_id to start from; set "
            f"`{model_name}.generation_config.decoder_start_token_id = tokenizer.cls_token_id` (and its "
            "pad_token_id) after loading: generate() reads its generation config, not model.config",
            call.node,
        )


def _gives_no_start(arg: cst.Arg, context: RuleContext) -> bool:
    """An argument that cannot give generate() a start token: not `*`, not one of its keywords, `**`
    only of a tokenizer's encoding."""
    if arg.star == "*" or (arg.keyword is not None and arg.keyword.value in _GENERATE_START_SETTERS):
        return False
    return arg.star != "**" or isinstance(context.value_of(arg.value), Encoding)
