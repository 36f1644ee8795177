"""GPT003: padding with a tokenizer that has no pad token: GPT-2's, Llama's, Mistral's, GPT-Neo's ..."""
from __future__ import annotations

from typing import Iterator, Optional

import libcst as cst

from ..analysis import RuleContext
from ..analysis.calls import CollatorCall, PipelineCall, TokenizerCall
from ..analysis.predicates import asks_to_pad, makes_causal_lm_labels, pipeline_batch_size
from ..analysis.syntax import first_positional
from ..analysis.values import Text, TextGenerationPipeline, Tokenizer
from ..facts.families import Family
from ..fixes import dedicated_pad_token, set_pad_token
from ..knowledge import DEDICATED_PAD_TOKEN
from ..parameter_names import TOKENIZER
from ..rule import FixAvailability, Rule
from ..target import CONFIGURED
from ..violation import Fix, Violation


class PaddingWithoutPadToken(Rule):
    code = "GPT003"
    name = "padding-without-pad-token"
    title = "padding with a tokenizer that has no pad token (GPT-2, Llama, Mistral, GPT-Neo ...)"
    fix_availability = FixAvailability.SOMETIMES
    fix_summary = "unsafe"

    def check_tokenizer_call(self, call: TokenizerCall, context: RuleContext) -> Iterator[Violation]:
        family = context.family_without_pad_token(call.tokenizer)
        if family is not None and asks_to_pad(call):
            yield self._violation(call.node, call.tokenizer, family, "padding with", context)

    def check_collator_call(self, call: CollatorCall, context: RuleContext) -> Iterator[Violation]:
        arg = call.argument(TOKENIZER, 0)
        tokenizer = context.value_of(arg.value) if arg is not None else None
        if not isinstance(tokenizer, Tokenizer):
            return
        family = context.family_without_pad_token(tokenizer)
        if family is None:
            return
        if makes_causal_lm_labels(call):
            yield self._training_violation(call, tokenizer, family, context)
        else:
            yield self._violation(call.node, tokenizer, family, f"{call.class_name} pads with", context)

    def check_pipeline_call(self, call: PipelineCall, context: RuleContext) -> Iterator[Violation]:
        """A text-generation pipeline pads each batch of a list of prompts with its tokenizer."""
        pipeline = call.pipeline
        if not isinstance(pipeline, TextGenerationPipeline) or pipeline.tokenizer is None:
            return
        size = pipeline_batch_size(call, pipeline, context.value_of)
        prompts = first_positional(call.node)
        value = context.value_of(prompts) if prompts is not None else None
        if size is None or size < 2 or not (isinstance(value, Text) and value.is_batch):
            return
        family = context.family_without_pad_token(pipeline.tokenizer)
        if family is None:
            return
        pipe = context.short_code_of(call.node.func) or "pipe"
        yield Violation(
            self.code,
            f"a text-generation pipeline batching prompts (batch_size={size}) pads them with "
            f"{_described(family, pipeline.tokenizer.checkpoint)}, which has no pad token: the call raises; "
            f"set one first: {pipe}.tokenizer.pad_token_id = {pipe}.model.config.eos_token_id",
            call.node,
        )

    def _violation(
        self, node: cst.Call, tokenizer: Tokenizer, family: Family, what: str, context: RuleContext
    ) -> Violation:
        name = context.name_of(tokenizer, "tokenizer")
        pad = set_pad_token(tokenizer, context)
        problem = f"{what} {_described(family, tokenizer.checkpoint)}, which has no pad token"
        eos_advice = f"{problem}; set one after loading it: {name}.pad_token = {name}.eos_token"
        own_token_advice = (
            f"{problem}; give it one of its own, not eos, since its padded batches are trained on later: "
            f"{_own_pad_token(name)}"
        )
        return Violation(
            self.code,
            eos_advice,
            node,
            # the pad token changes how this tokenizer pads everywhere after it; where it trains
            # later (a causal-LM collator, labels from its padded ids), eos must not be the pad
            # (GPT024): the collator's finding carries the fix, or none does
            Fix((pad,), safe=False, holds=lambda: not tokenizer.settings.trains) if pad is not None else None,
            final_message=lambda: own_token_advice if tokenizer.settings.trains else eos_advice,
        )

    def _training_violation(
        self, call: CollatorCall, tokenizer: Tokenizer, family: Family, context: RuleContext
    ) -> Violation:
        name = context.name_of(tokenizer, "tokenizer")
        edits = dedicated_pad_token(tokenizer, context)
        return Violation(
            self.code,
            f"{call.class_name} pads with {_described(family, tokenizer.checkpoint)}, which has no pad token; "
            f"give it one of its own (not eos, whose labels this collator would set to -100): {_own_pad_token(name)}",
            call.node,
            # a new token, and a model with one more embedding: what training computes changes
            Fix(edits, safe=False) if edits is not None else None,
        )


def _own_pad_token(name: str) -> str:
    return f'{name}.add_special_tokens({{"pad_token": "{DEDICATED_PAD_TOKEN}"}}), then resize the model\'s embeddings'


def _described(family: Family, checkpoint: Optional[str]) -> str:
    if checkpoint is None or not family.checkpoint_in_messages:
        return f"a {family.name} tokenizer"
    if family is CONFIGURED:
        return f"the tokenizer of {checkpoint!r} (gpt2-no-pad-token-checkpoints)"
    return f"the {family.name} tokenizer of {checkpoint!r}"
