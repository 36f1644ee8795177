"""Models and what they give: a loaded model, its output, logits and cache, its embeddings, the
configurations that wrap or train it."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

import libcst as cst

from ...facts.families import auto_class_target
from ... import knowledge
from .base import LibraryName, Value

if TYPE_CHECKING:
    from .tokens import Encoding


class LoadedModel:
    """`Class.from_pretrained(checkpoint, ...)`: the call (where a keyword can be added), the
    checkpoint when it is a literal, and whether it runs the library's default attention, one that
    gives no attention weights (SDPA in transformers 5, for the families that say so in
    `facts.families`): no attention implementation chosen."""

    __slots__ = ("call", "checkpoint", "default_attention")

    def __init__(self, call: cst.Call, checkpoint: Optional[str], default_attention: bool) -> None:
        self.call = call
        self.checkpoint = checkpoint
        self.default_attention = default_attention


class Model(Value):
    """A transformers model instance; `class_name` is its transformers class, when known, and
    `checkpoint` the literal name it was loaded from. `wrapper` is the class of a wrapper that is a
    model too (a PEFT model) and whose own forward comes first; `base` the model it wraps."""

    __slots__ = (
        "class_name",
        "checkpoint",
        "loaded",
        "wrapper",
        "base",
        "may_be_resized",
        "returns_model_output",
        "custom_code",
    )

    def __init__(self, class_name: Optional[str] = None, checkpoint: Optional[str] = None) -> None:
        self.class_name = class_name
        self.checkpoint = checkpoint
        self.wrapper: Optional[str] = None
        self.base: Optional["Model"] = None
        # its embedding table may have been resized (only ever turns True, which silences findings)
        self.may_be_resized = False
        # its forward gives a `ModelOutput`: loaded by `from_pretrained` without a say on the output
        # format; turns False when its configuration is changed to give tuples
        self.returns_model_output = False
        # loaded with `trust_remote_code`: its class, forward and generate may be the checkpoint's own
        self.custom_code = False
        # how it was loaded, while nothing may have changed its configuration since
        self.loaded: Optional[LoadedModel] = None

    def state(self) -> tuple:
        return (self.class_name, self.checkpoint, self.wrapper, self.returns_model_output, self.custom_code)

    def join(self, other: Value) -> Optional[Value]:
        """The same model where both paths agree; else what they agree on (the class, the output
        format), not the checkpoint."""
        if not isinstance(other, Model):
            return None
        if other.state() == self.state():
            return self
        if other.wrapper is not None or self.wrapper is not None:
            return Model()
        joined = Model(self.class_name if other.class_name == self.class_name else None)
        joined.returns_model_output = self.returns_model_output and other.returns_model_output
        joined.custom_code = self.custom_code or other.custom_code
        joined.may_be_resized = self.may_be_resized or other.may_be_resized
        return joined

    def wrapped_in(self, wrapper: str) -> "Model":
        """This model inside a wrapper whose forward is `wrapper`'s (`knowledge.MODEL_WRAPPERS`):
        the same class and checkpoint underneath, so every rule applies through it."""
        wrapped = Model(self.class_name, self.checkpoint)
        wrapped.wrapper = wrapper
        wrapped.base = self
        wrapped.may_be_resized = self.may_be_resized
        return wrapped

    @property
    def architecture(self) -> Optional[str]:
        """The concrete class the model is: its own class, or for an Auto class the class its
        checkpoint name says (`AutoModelForCausalLM` of "gpt2" is a `GPT2LMHeadModel`)."""
        if self.class_name is None or not self.class_name.startswith(knowledge.AUTO_PREFIX):
            return self.class_name
        return auto_class_target(self.class_name, self.checkpoint)


class ModelOutput(Value):
    """What running a model's forward gives when it returns a `ModelOutput`, a dict of `loss` (with
    labels), `logits`, the cache ...: `labels` is True when the call passed `labels=`, False when it
    cannot have, None when `**` may have. `ids` is what it was given as ids, when known (its cache,
    `past_key_values`, holds their keys and values); `batch` the padded batch it ran on; `cache`
    the class of its cache where it is surely a cache object (`model_runs.cache_object_class`)."""

    __slots__ = ("labels", "ids", "batch", "cache")

    def __init__(
        self,
        labels: Optional[bool],
        ids: Optional[Value] = None,
        batch: Optional["Encoding"] = None,
        cache: Optional[str] = None,
    ) -> None:
        self.labels = labels
        self.ids = ids
        self.batch = batch
        self.cache = cache

    def state(self) -> tuple:
        return (self.labels, id(self.ids), id(self.batch), self.cache)


class GenerationOutput(Value):
    """What `model.generate(..., return_dict_in_generate=True)` gives: a `ModelOutput` of the
    sequences, the cache it ran with ... `cache`: the class of that cache where it is surely a cache
    object."""

    __slots__ = ("cache",)

    def __init__(self, cache: Optional[str]) -> None:
        self.cache = cache

    def state(self) -> tuple:
        return (self.cache,)


class Logits(Value):
    """`output.logits` of a model run on the padded `batch`."""

    __slots__ = ("batch",)

    def __init__(self, batch: "Encoding") -> None:
        self.batch = batch

    def state(self) -> tuple:
        return (id(self.batch),)


class ModelCache(Value):
    """`output.past_key_values` (or `output.cache`): the keys and values of `ids` (None: not known).
    `cache_class`: the class of the cache object it surely is (`DynamicCache` of a decoder-only
    model, `EncoderDecoderCache` of an encoder-decoder one, in transformers 4.57 and 5), not None
    nor a tuple; None where that is not known."""

    __slots__ = ("ids", "cache_class")

    def __init__(self, ids: Optional[Value], cache_class: Optional[str] = None) -> None:
        self.ids = ids
        self.cache_class = cache_class

    def state(self) -> tuple:
        return (id(self.ids), self.cache_class)


class CacheLayer(Value):
    """What iterating a cache object gives, one layer's item: in transformers 5 a tuple of the
    layer's keys, values and sliding window (of an encoder-decoder's cache, six tensors), in 4 the
    (key, value) pair (of an encoder-decoder's, four). `cache`: the expression iterated."""

    __slots__ = ("cache_class", "cache")

    def __init__(self, cache_class: str, cache: cst.BaseExpression) -> None:
        self.cache_class = cache_class
        self.cache = cache

    def state(self) -> tuple:
        return (self.cache_class,)


class GrownSequence(Value):
    """`torch.cat([ids, new], dim=-1)`: the ids `base`, with `added` (code) after them."""

    __slots__ = ("base", "added")

    def __init__(self, base: Value, added: cst.BaseExpression) -> None:
        self.base = base
        self.added = added

    def state(self) -> tuple:
        return (id(self.base),)


class EmbeddingLayer(Value):
    """The module that maps token ids to input embeddings (`wte`, `get_input_embeddings()`)."""

    __slots__ = ()


class Embeddings(Value):
    """A float tensor of input embeddings: what `inputs_embeds=` takes."""

    __slots__ = ()


class PeftConfig(Value):
    """A peft configuration (`LoraConfig(...)`); `causal_lm`: its task type is the causal LM's."""

    __slots__ = ("causal_lm",)

    def __init__(self, causal_lm: bool) -> None:
        self.causal_lm = causal_lm

    def state(self) -> tuple:
        return (self.causal_lm,)


class TrainingArgs(Value):
    """A `TrainingArguments(...)`; `call` is that call, for a fix to add a keyword to.
    `attribute_set`: an attribute was set since (`args.predict_with_generate = True`)."""

    __slots__ = ("call", "removes_unused_columns", "attribute_set")

    def __init__(self, call: cst.Call, removes_unused_columns: bool) -> None:
        self.call = call
        self.removes_unused_columns = removes_unused_columns
        self.attribute_set = False

    def state(self) -> tuple:
        return (self.removes_unused_columns,)


class LossFunction(Value):
    """`torch.nn.CrossEntropyLoss(...)`: `made_by` is that call, whose keywords say what it skips."""

    __slots__ = ("made_by",)

    def __init__(self, made_by: cst.Call) -> None:
        self.made_by = made_by


def computes_a_loss(callee: Optional[Value]) -> bool:
    """`torch.nn.functional.cross_entropy`, or a `CrossEntropyLoss` made by the code."""
    return isinstance(callee, LossFunction) or (
        isinstance(callee, LibraryName) and callee.path in knowledge.CROSS_ENTROPY
    )
