"""The kinds of value the analysis can prove an expression holds, one module a domain.

Anything it cannot prove is `None` ("unknown"), and unknown is never flagged.
"""
from typing import Optional

from .base import (
    Value,
    NoneLiteral,
    Site,
    Text,
    ItemList,
    ChatText,
    Elements,
    LibraryName,
    TransformersModule,
    TransformersName,
    TransformersMethod,
    ModelFactory,
    TransformersObject,
    Accelerator,
    KwargsModuleClass,
    KwargsModule,
    MaybeNone,
    OwnFunction,
    Partial,
    OwnClass,
    OwnInstance,
    OwnSuper,
    Evaluate,
    join,
)
from .mappings import Mapping, OpenMapping
from .models import (
    LoadedModel,
    Model,
    ModelOutput,
    GenerationOutput,
    Logits,
    ModelCache,
    CacheLayer,
    GrownSequence,
    EmbeddingLayer,
    Embeddings,
    PeftConfig,
    TrainingArgs,
    LossFunction,
    computes_a_loss,
)
from .tokens import (
    Tokenizer,
    TokenizerSettings,
    EosToken,
    Encoding,
    Padding,
    IdsBatch,
    PaddedIds,
    Ids,
    BatchingPipeline,
    TextClassificationPipeline,
    TextGenerationPipeline,
)
from .data import (
    TextDataset,
    DataLoader,
    ArgumentParser,
    ParsedArguments,
    EvalPrediction,
    LabelIds,
    MappedDataset,
    NumberTensor,
    PaddingCollator,
    PredictedLogits,
)

__all__ = [
    "MaybeNone",
    "OwnClass",
    "OwnFunction",
    "OwnInstance",
    "OwnSuper",
    "Evaluate",
    "Accelerator",
    "ArgumentParser",
    "ChatText",
    "DataLoader",
    "Elements",
    "OpenMapping",
    "EmbeddingLayer",
    "Embeddings",
    "Encoding",
    "EosToken",
    "EvalPrediction",
    "GrownSequence",
    "GenerationOutput",
    "Ids",
    "LabelIds",
    "IdsBatch",
    "KwargsModule",
    "KwargsModuleClass",
    "LibraryName",
    "LoadedModel",
    "Logits",
    "LossFunction",
    "computes_a_loss",
    "MappedDataset",
    "Mapping",
    "Model",
    "ModelCache",
    "CacheLayer",
    "ItemList",
    "listed",
    "ModelFactory",
    "ModelOutput",
    "NoneLiteral",
    "NumberTensor",
    "PaddedIds",
    "PaddingCollator",
    "Partial",
    "ParsedArguments",
    "PredictedLogits",
    "Padding",
    "PeftConfig",
    "Site",
    "Text",
    "TextDataset",
    "Tokenizer",
    "TokenizerSettings",
    "TrainingArgs",
    "TransformersModule",
    "TransformersName",
    "TransformersMethod",
    "TransformersObject",
    "TextGenerationPipeline",
    "TextClassificationPipeline",
    "BatchingPipeline",
    "Value",
    "join",
]


def listed(item: Optional[Value]) -> Optional[ItemList]:
    """A list comprehension of `item` where a loop over it is known to bind the same: a cache
    object of a known class (`[run(text) for text in texts]`), or one text's ids as a list
    (`[tok.encode(text) for text in texts]`; the call that made them is not a fix's site for
    every row)."""
    if isinstance(item, ModelCache) and item.cache_class is not None:
        return ItemList(item)
    if isinstance(item, Ids) and item.is_list and item.source is None:
        return ItemList(Ids(is_list=True, tokenizer_call=None, source=None))
    if isinstance(item, Mapping) and item.elements is None and item.held:
        return ItemList(item)  # rows of data: dicts holding texts under known keys
    return None
