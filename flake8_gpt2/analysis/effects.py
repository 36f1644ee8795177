"""Side effects the analysis tracks on values it already knows: a tokenizer whose pad token may
have been set, an encoding that may have lost a key, and the reads of an encoding or of ids (a fix
that changes them must be their only use)."""
from __future__ import annotations

from typing import Optional

import libcst as cst

from .. import knowledge, parameter_names
from ..facts.calls import PARTIAL, function_result
from . import eos, own, run_time, tokenization
from .evaluation import CallParts, Evaluator
from .references import References
from .scopes import Scopes
from .syntax import argument, first_positional, is_name, keyword, literal_string
from .values import (
    computes_a_loss,
    LabelIds,
    ArgumentParser,
    Encoding,
    EosToken,
    Ids,
    LibraryName,
    Model,
    NumberTensor,
    PaddedIds,
    Site,
    Text,
    BatchingPipeline,
    TextClassificationPipeline,
    Tokenizer,
    TransformersName,
    Value,
)


_ADD_OPTION = "add_argument"


class Effects:
    def __init__(self, scopes: Scopes, evaluator: Evaluator, references: References) -> None:
        self._scopes = scopes
        self._evaluator = evaluator
        self._references = references
        # most modules never bind a tokenizer or an encoding: then no call or name needs looking at
        self._tracking = False
        self._models_loaded = False  # nor a model whose loading the analysis knows

    def note_bound(self, value: Value) -> None:
        if isinstance(value, (Tokenizer, Encoding, PaddedIds, Model, BatchingPipeline)):
            self._tracking = True
        if isinstance(value, TextClassificationPipeline):
            value = value.model
        if isinstance(value, Model) and value.loaded is not None:
            self._models_loaded = True

    def note_call(self, call: CallParts) -> None:
        """A tokenizer handed to code we cannot see, or given a method we do not know, may get a
        pad token there; an encoding given a method that is not known to keep its keys may lose
        one."""
        func = call.node.func
        if type(func) is cst.Name and func.value in knowledge.TOKENIZER_SAFE_CONSUMERS:
            return  # they only read what they are given
        if call.method == _ADD_OPTION and isinstance(call.receiver, ArgumentParser):
            run_time.add_option(call.receiver, call.node)
        if self._models_loaded:
            self._note_model_call(call)
        if not self._tracking:
            return
        self._note_settings_call(call)
        method = call.method
        text = argument(call.node, parameter_names.TEXT, 0) if isinstance(call.callee, Tokenizer) else None
        if text is not None:
            _note_eos_written(call.callee, self._evaluator.value_of(text.value))  # type: ignore[arg-type]
        if method == knowledge.CHAT_TEMPLATE:
            _note_chat_template(call.receiver)
        elif method == knowledge.STR_JOIN:
            _note_eos_joined(call.receiver)
        if method is not None and method not in knowledge.TOKENIZER_READ_ONLY_METHODS:
            receiver = call.receiver
            if isinstance(receiver, Tokenizer):
                _note_added_pad_token(receiver, call.node)
                receiver.pad_may_be_set = True
            elif isinstance(receiver, Model) and method not in knowledge.MODEL_KEEPS_EMBEDDINGS:
                receiver.may_be_resized = True
            elif isinstance(receiver, Encoding) and method not in knowledge.ENCODING_READ_ONLY_METHODS:
                receiver.holds_input_ids = False
        if self._given_to_reader(call):
            return
        for value in call.arguments:
            own.handed_to_unknown_code(value)

    def _given_to_reader(self, call: CallParts) -> bool:
        """A call of the file's own function, or a `functools.partial` of one, that only reads the
        tokenizers and models it is given."""
        target, args = call.callee, call.node.args
        if isinstance(target, LibraryName) and function_result(target.path) == PARTIAL and call.arguments:
            target, args = call.arguments[0], args[1:]
        info, bound = own.call_target(target)
        if info is None:
            return False
        given = info.arguments(args, bound, self._evaluator.value_of, rest_given_later=True)
        if given is None:
            return False
        may_change = info.parameters_it_may_change()
        changeable = (Tokenizer, Model, BatchingPipeline)
        return not any(isinstance(given[name], changeable) for name in may_change if name in given)

    @staticmethod
    def note_attribute_set(tokenizer: Tokenizer, attribute: str) -> None:
        # Setting any attribute of a tokenizer may set its pad token (pad_token, pad_token_id,
        # special tokens ...); padding_side is the common one that cannot.
        if attribute != parameter_names.PADDING_SIDE:
            tokenizer.pad_may_be_set = True
        if attribute not in (parameter_names.PADDING_SIDE, *knowledge.PAD_TOKEN_ATTRIBUTES):
            tokenizer.eos_text = None

    def note_model_config_set(self, target: cst.Attribute) -> None:
        """`model.config.return_dict = ...` (or `torchscript`), or a new `model.config`: the model's
        forward may give tuples from here on."""
        owner = target.value
        if target.attr.value in knowledge.OUTPUT_FORMAT_CONFIG and isinstance(owner, cst.Attribute):
            if owner.attr.value != parameter_names.CONFIG:
                return
            owner = owner.value
        elif target.attr.value != parameter_names.CONFIG:
            return
        model = self._evaluator.value_of(owner)
        if isinstance(model, Model):
            model.returns_model_output = False

    def note_rows_set(self, container: cst.BaseExpression) -> None:
        """`tensor[0][1] = ...`: a write into a row of a tensor of integers writes into it."""
        while isinstance(container, cst.Subscript):
            container = container.value
            tensor = self._evaluator.value_of(container)
            if isinstance(tensor, NumberTensor):
                tensor.may_change = True

    def note_read(self, node: cst.Name) -> None:
        """Every read of an encoding or of ids counts, so a fix can tell it is the only one."""
        if not self._tracking:
            return
        value = self._scopes.lookup(node.value, record=False)
        if value is not None:
            self._references.note_read(value, node)

    # ---- what a tokenizer pads with and where; pads written over in a batch's ids ---------------

    def note_tokenizer_setting(self, tokenizer: Tokenizer, attribute: str, value: object, site: Site) -> None:
        """`tok.padding_side = ...` or `tok.pad_token = ...`: proven only where the assignment runs
        whenever the code after it runs (same scope and branch as the tokenizer's binding)."""
        settings = tokenizer.settings
        binding = self._references.binding(tokenizer)
        bound = binding.site if binding is not None else None
        always_runs = bound is not None and bound.scope is site.scope and bound.depth == site.depth
        if attribute == parameter_names.PADDING_SIDE:
            side = value.literal if isinstance(value, Text) and value.literal in knowledge.PADDING_SIDES else None
            settings.side_known = settings.side_known and always_runs
            settings.padding_side = side if settings.side_known else None
        elif attribute in knowledge.PAD_TOKEN_ATTRIBUTES:
            settings.pad_known = settings.pad_known and always_runs
            settings.pad_is_eos = settings.pad_known and isinstance(value, EosToken)
            settings.pad_site = site if settings.pad_is_eos else None

    def _note_settings_call(self, call: CallParts) -> None:
        """A tokenizer's methods that may change its settings, a tokenizer handed to code the analysis
        cannot see, a `DataCollatorForLanguageModeling(tok, mlm=False)`; in-place writes to ids."""
        node, method, receiver = call.node, call.method, call.receiver
        if method is not None:
            if isinstance(receiver, Tokenizer) and method not in knowledge.TOKENIZER_READ_ONLY_METHODS:
                if method in knowledge.TOKENIZER_KEEPS_PADDING_SIDE:
                    receiver.settings.pad_is_eos = receiver.settings.pad_known = False
                else:
                    receiver.settings.forget()
            if isinstance(receiver, PaddedIds) and method.endswith("_"):
                receiver.pads_may_be_replaced = True  # masked_fill_, fill_ ...
                if method == "masked_fill_" and node.args:
                    receiver.masked_by_pad_id_of = tokenization.pad_id_compared(
                        node.args[0].value, self._evaluator.value_of
                    )
            if isinstance(receiver, NumberTensor) and method.endswith("_"):
                receiver.may_change = True  # fill_, unsqueeze_, resize_ ...
        callee = call.callee
        if isinstance(callee, TransformersName):
            self._note_transformers_class_made(callee.name, node)
            return
        if isinstance(callee, Model) or isinstance(receiver, Model):
            self._note_labels(node)
            return  # a model run only reads its inputs
        if computes_a_loss(callee):
            return  # a loss only reads its inputs and targets
        for value in call.arguments:
            if isinstance(value, Tokenizer):
                value.settings.forget()
            elif isinstance(value, PaddedIds):
                value.pads_may_be_replaced = True
            elif isinstance(value, NumberTensor):
                value.may_change = True
            elif isinstance(value, Encoding):
                tokenization.ids_written_by_unknown_code(value)

    def _note_labels(self, node: cst.Call) -> None:
        """`model(..., labels=ids)` with the ids of a batch a tokenizer padded: it trains with them."""
        labels = keyword(node, parameter_names.LABELS)
        value = self._evaluator.value_of(labels.value) if labels is not None else None
        if isinstance(value, PaddedIds) and value.encoding.padding is not None:
            tokenizer = value.encoding.padding.tokenizer
            if tokenizer is not None:
                tokenizer.settings.trains = True

    def _note_transformers_class_made(self, name: str, node: cst.Call) -> None:
        if name != knowledge.LM_COLLATOR:
            return
        mlm = argument(node, "mlm", 1)
        tokenizer = argument(node, parameter_names.TOKENIZER, 0)
        value = self._evaluator.value_of(tokenizer.value) if tokenizer is not None else None
        if mlm is not None and is_name(mlm.value, "False") and isinstance(value, Tokenizer):
            value.settings.trains = True

    # ---- a loaded model's configuration ---------------------------------------------------------

    def _note_model_call(self, call: CallParts) -> None:
        """A model method that may change its configuration (`set_attn_implementation`), or a model
        handed to code the analysis cannot see, forgets how it was loaded."""
        if call.method is not None:
            kept = knowledge.MODEL_SAME_METHODS | knowledge.MODEL_INPUT_METHODS | knowledge.MODEL_KEEPS_CONFIGURATION
            receiver = call.receiver
            if isinstance(receiver, Model) and call.method not in kept:
                receiver.loaded = None
        if isinstance(call.callee, (TransformersName, Model)) or self._given_to_reader(call):
            return  # a function of the file that only reads the model it is given (`model.train()`)
        for value in call.arguments:
            if isinstance(value, TextClassificationPipeline):
                value = value.model
            if isinstance(value, Model):
                value.loaded = None

    def note_attribute_chain_set(self, target: cst.Attribute) -> None:
        """`model.config.x = ...`, `model.generation_config.do_sample = ...`: the model forgets how it
        was loaded."""
        if not self._models_loaded:
            return
        node: cst.BaseExpression = target.value
        while True:
            value = self._evaluator.value_of(node)
            if isinstance(value, Model):
                value.loaded = None
                return
            if not isinstance(node, cst.Attribute):
                return
            node = node.value

    # ---- an eos token in what a tokenizer encodes --------------------------------------------------

    def note_eos_appended(self, node: cst.CSTNode) -> None:
        """`text + tok.eos_token`, f"{text}{tok.eos_token}", `ids + [tok.eos_token_id]`."""
        if not self._tracking:
            return
        tokenizer = eos.appended_eos(node, self._evaluator.value_of)
        if tokenizer is not None:
            _note_eos_in_texts(tokenizer, eos.APPENDED_TO_TEXTS)

    # ---- labels masked by the pad id ------------------------------------------------------------

    def note_pad_id_masking(self, target: cst.Subscript) -> None:
        """`labels[labels == tok.pad_token_id] = -100`: the labels remember the tokenizer."""
        labels = self._evaluator.value_of(target.value)
        if not isinstance(labels, PaddedIds) or len(target.slice) != 1:
            return
        index = target.slice[0].slice
        if isinstance(index, cst.Index):
            labels.masked_by_pad_id_of = tokenization.pad_id_compared(index.value, self._evaluator.value_of)


def _note_chat_template(tokenizer: Value) -> None:
    """`tok.apply_chat_template(...)`: the turns it writes end with its eos token, where its
    checkpoint's template does that."""
    if isinstance(tokenizer, Tokenizer) and eos.chat_turns_end_with_eos(tokenizer):
        _note_eos_in_texts(tokenizer, eos.WRITTEN_BY_CHAT_TEMPLATE)


def _note_eos_in_texts(tokenizer: Tokenizer, route: str) -> None:
    """The first route seen is the one messages give."""
    settings = tokenizer.settings
    settings.eos_in_texts = settings.eos_in_texts or route


def _note_eos_written(tokenizer: Tokenizer, text: Optional[Value]) -> None:
    """`tok(text)` of a text the code wrote its eos token at the end of ("...<|endoftext|>")."""
    if isinstance(text, Text) and eos.ends_with_eos_text(text, tokenizer):
        _note_eos_in_texts(tokenizer, eos.WRITTEN_IN_TEXTS.format(eos=tokenizer.eos_text))


def _note_eos_joined(separator: Value) -> None:
    """`tok.eos_token.join(texts)`: an eos between every two texts."""
    if isinstance(separator, EosToken) and not separator.is_id:
        _note_eos_in_texts(separator.tokenizer, eos.APPENDED_TO_TEXTS)


def _note_added_pad_token(tokenizer: Tokenizer, node: cst.Call) -> None:
    """`tok.add_special_tokens({"pad_token": "[PAD]"})` while it has none: a new token."""
    if tokenizer.pad_may_be_set or not isinstance(node.func, cst.Attribute):
        return
    tokens = first_positional(node)
    if node.func.attr.value != parameter_names.ADD_SPECIAL_TOKENS or not isinstance(tokens, cst.Dict):
        return
    for element in tokens.elements:
        if isinstance(element, cst.DictElement) and literal_string(element.key) == "pad_token":
            tokenizer.added_pad_token = literal_string(element.value) in knowledge.NEW_PAD_TOKENS


def note_item_set(container: Value, target: Optional[cst.Subscript] = None, value: Optional[Value] = None) -> None:
    """`enc[key] = ...` or `del enc[key]`; `ids[...] = ...`: the pads may have been replaced (by
    -100, as labels need). `enc["labels"] = targets["input_ids"]` puts in the ids of another
    encoding as they are: `enc` holds them as its labels."""
    if isinstance(container, Encoding):
        labels = _encoding_of_labels(target, value)
        if labels is None:
            container.holds_input_ids = False
        else:
            container.labels = labels
    if isinstance(container, PaddedIds):
        container.pads_may_be_replaced = True
    if isinstance(container, LabelIds):
        container.padding_may_be_replaced = True
    if isinstance(container, NumberTensor):
        container.may_change = True


def _encoding_of_labels(target: Optional[cst.Subscript], value: Optional[Value]) -> Optional[Encoding]:
    """The encoding whose own ids (the same object every read gives, so later writes show) a write
    `enc["labels"] = ...` puts in."""
    if target is None or len(target.slice) != 1 or not isinstance(target.slice[0].slice, cst.Index):
        return None
    if literal_string(target.slice[0].slice.value) != parameter_names.LABELS:
        return None
    if isinstance(value, PaddedIds) and value is tokenization.ids_of(value.encoding):
        return value.encoding
    if type(value) is Ids and value.source is not None and value.source.holds_input_ids:
        return value.source
    return None
