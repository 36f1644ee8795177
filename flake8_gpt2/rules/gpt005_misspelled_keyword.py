"""GPT005: a keyword the model does not take: near one it takes, or swallowed by **kwargs."""
from __future__ import annotations

from typing import FrozenSet, Iterator, Optional, Sequence

import libcst as cst

from ..analysis import RuleContext, syntax
from ..analysis.calls import ModelCall, PipelineCall
from ..analysis.predicates import headless_family
from ..analysis.values import Model
from ..facts.families import ENCODER_DECODER
from ..knowledge import (
    FOREIGN_GENERATE_KEYWORDS,
    GENERATE,
    GENERATE_KEYWORD_NEEDS,
    MODEL_INPUTS,
    MODEL_WRAPPERS,
    PIPELINE_STOP_KEYWORD,
    RENAMED_MODEL_KEYWORDS,
    TEXT_GENERATION_PIPELINE,
)
from ..model_signatures import DECODER_CLASSES, FORWARD_KEYWORDS, GENERATE_KEYWORDS, SHARED_KEYWORDS
from ..model_signatures import TEXT_GENERATION_PIPELINE_KEYWORDS
from ..parameter_names import (
    ATTENTION_MASK,
    INPUTS_EMBEDS,
    INPUT_IDS,
    LABELS,
    NUM_RETURN_SEQUENCES,
    POSITION_IDS,
    STOP_STRINGS,
    TOKEN_TYPE_IDS,
)
from ..rule import FixAvailability, Rule
from ..spelling import nearest
from ..violation import Fix, Replace, Violation

_SHARED = frozenset(SHARED_KEYWORDS)
_DECODERS = [FORWARD_KEYWORDS[name] for name in DECODER_CLASSES]
_ANY_MODEL = frozenset().union(*_DECODERS) | _SHARED
_EVERY_MODEL = frozenset.intersection(*map(frozenset, _DECODERS)) | _SHARED
# the inputs generate() is given most often, beside its own keywords and generation-config fields
_GENERATE_INPUTS = frozenset({INPUT_IDS, INPUTS_EMBEDS, ATTENTION_MASK, TOKEN_TYPE_IDS, POSITION_IDS})
_GENERATE = frozenset(GENERATE_KEYWORDS)
_PIPELINE = frozenset(TEXT_GENERATION_PIPELINE_KEYWORDS)


def _known_forward_keywords(model: Model) -> Optional[Sequence[str]]:
    """The keywords the model's class names (an Auto class's: the class its checkpoint name says);
    through a PEFT model, also those of its own forward, which passes the rest on to the base model."""
    known = FORWARD_KEYWORDS.get(model.architecture) if model.architecture else None
    own = MODEL_WRAPPERS.get(model.wrapper) if model.wrapper is not None else None
    return tuple(known) + tuple(own) if known is not None and own is not None else known


class MisspelledKeyword(Rule):
    code = "GPT005"
    name = "misspelled-model-keyword"
    title = "keyword a model, `generate` or a text-generation pipeline does not take (typo, other API's name)"
    fix_availability = FixAvailability.SOMETIMES
    fix_summary = "safe where the call raised, unsafe where it was ignored"

    def check_model_call(self, call: ModelCall, context: RuleContext) -> Iterator[Violation]:
        known = _known_forward_keywords(call.model)
        if known is not None:
            known = tuple(context.target.forward_keyword(name) for name in known)
        if call.method == GENERATE:
            if call.model.custom_code:
                return  # the checkpoint's own code may define generate and its keywords
            forward = frozenset(known) if known else _ANY_MODEL
            # typos of what every model takes, when the class is not known (as for forward below)
            inputs = frozenset(known) if known else _EVERY_MODEL
            targets = _GENERATE | inputs | _GENERATE_INPUTS
            yield from self._generation_keywords(call.node, GENERATE, _GENERATE | forward, targets)
            return
        if known is not None:
            accepted = targets = frozenset(known) | _SHARED
        else:
            # of an unknown class, only what no model takes, next to what every model takes
            accepted, targets = _ANY_MODEL, _EVERY_MODEL
        headless = headless_family(call.model)
        for arg in call.node.args:
            if arg.keyword is None or arg.keyword.value in accepted:
                continue
            if arg.keyword.value == LABELS and headless is not None and headless.kind != ENCODER_DECODER:
                continue  # a model without a head given labels: GPT042 says which head to load
            keyword = arg.keyword.value
            older = context.target.forward_keyword(keyword)
            if older != keyword and older in accepted:
                yield Violation(
                    self.code,
                    f"{keyword}= is the name transformers 5 gives {older}=, which the targeted transformers "
                    f"{context.target.transformers_major} takes; its **kwargs swallow {keyword}= unused",
                    call.node,
                    self._fix(call, arg, older),
                )
                continue
            renamed = RENAMED_MODEL_KEYWORDS.get(keyword)
            if renamed is not None and renamed in accepted:
                yield Violation(
                    self.code,
                    f"{keyword}= is no longer a parameter of the model; it was renamed {renamed}=",
                    call.node,
                    self._fix(call, arg, renamed),
                )
                continue
            meant = nearest(keyword, targets)
            if meant is not None:
                yield Violation(
                    self.code,
                    f"{keyword}= is not a parameter of the model; did you mean {meant}=?",
                    call.node,
                    self._fix(call, arg, meant),
                )
            elif known is not None:
                yield Violation(
                    self.code,
                    f"{keyword}= is not a parameter of {call.model.architecture}, "
                    f"whose **kwargs swallow it unused; remove it, or pass what it holds by the parameter meant for it",
                    call.node,
                )
        yield from self._spread_keys(call, accepted, targets)

    def _spread_keys(self, call: ModelCall, accepted: FrozenSet[str], targets: FrozenSet[str]) -> Iterator[Violation]:
        """A key of a dict the code writes and gives by `**` that the model does not take, where the
        one meant is known: renamed, or a typo (the fix would rename the dict's key: left to the
        reader)."""
        for key, _ in call.spread:
            if key in accepted or syntax.keyword(call.node, key) is not None:
                continue
            meant = RENAMED_MODEL_KEYWORDS.get(key) or nearest(key, targets)
            if meant is not None and meant in accepted:
                yield Violation(
                    self.code,
                    f"the dict given by ** holds {key!r}, which is not a parameter of the model; "
                    f"did you mean {meant!r}?",
                    call.node,
                )

    def check_pipeline_call(self, call: PipelineCall, context: RuleContext) -> Iterator[Violation]:
        if call.class_name != TEXT_GENERATION_PIPELINE:
            return
        # the pipeline's model is not known here: any model's forward keyword may be meant for it
        accepted = _PIPELINE | _GENERATE | _ANY_MODEL
        yield from self._generation_keywords(call.node, "the text-generation pipeline", accepted, _PIPELINE | _GENERATE)

    def _generation_keywords(
        self, node: cst.Call, callee: str, accepted: FrozenSet[str], targets: FrozenSet[str]
    ) -> Iterator[Violation]:
        """Keywords that generate() rejects (ValueError: "The following `model_kwargs` are not used
        by the model"): a typo of a keyword it takes, or a keyword of another API. A keyword given
        None is dropped before that check, and left alone."""
        pipeline = callee != GENERATE
        taken_by = f"{callee}, generate" if pipeline else "generate"
        for arg in node.args:
            if arg.keyword is None or arg.keyword.value in accepted or syntax.is_name(arg.value, "None"):
                continue
            keyword = arg.keyword.value
            foreign = FOREIGN_GENERATE_KEYWORDS.get(keyword)
            if foreign is not None:
                # one stop string: the pipeline's own keyword, which hands its tokenizer on (transformers 4
                # takes only a string there)
                one_string = syntax.literal_string(arg.value) is not None
                meant = PIPELINE_STOP_KEYWORD if pipeline and foreign == STOP_STRINGS and one_string else foreign
                advice = f"transformers calls it {meant}="
            else:
                meant = RENAMED_MODEL_KEYWORDS.get(keyword) or nearest(keyword, targets)
                if meant is None or meant not in accepted:
                    continue
                advice = f"did you mean {meant}=?"
            needs = () if pipeline and meant == NUM_RETURN_SEQUENCES else GENERATE_KEYWORD_NEEDS.get(meant, ())
            # a keyword that `**` may hold is not enough to tell the renamed call will run
            needs_met = not needs or any(syntax.keyword(node, n) for n in needs)
            if not needs_met:
                advice += f" (it also needs {' or '.join(f'{n}=' for n in needs)})"
            fixable = needs_met and syntax.keyword(node, meant) is None
            yield Violation(
                self.code,
                f"{keyword}= is not a keyword of {taken_by} or its generation config: "
                f"the call raises ValueError; {advice}",
                node,
                Fix((Replace(arg, arg.with_changes(keyword=cst.Name(meant))),), safe=True) if fixable else None,
            )

    @staticmethod
    def _fix(call: ModelCall, arg: cst.Arg, meant: str) -> Optional[Fix]:
        if call.keyword(meant) is not None:
            return None
        renamed = arg.with_changes(keyword=cst.Name(meant))
        others = [a for a in call.node.args if a is not arg]
        raised = (
            meant in MODEL_INPUTS
            and not any(a.keyword is None or a.star or a.keyword.value in MODEL_INPUTS for a in others)
        )
        # where the call ran with the keyword ignored, the fix changes what it computes (meant so)
        return Fix((Replace(arg, renamed),), safe=raised)
