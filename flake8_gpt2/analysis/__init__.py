"""The one place that knows what an expression is: a transformers model, a tokenizer, text, an
encoding, embeddings ... The walk (`walk.Walker`) goes through a module once in statement order,
keeping what each name holds per scope; at each call it hands over, `evaluation.Evaluator` answers
what any expression there holds, and `calls.classify` says what the call is. Rules see only a
`context.RuleContext`. docs/architecture.md draws the parts."""
from .calls import (
    Assignment,
    CollatorCall,
    ConversionCall,
    LastLogitsRead,
    ModelCall,
    PipelineCall,
    TokenizerCall,
    TrainerCall,
    TransformersCall,
    classify,
)
from .context import RuleContext
from .walk import Walker

__all__ = [
    "Assignment",
    "CollatorCall",
    "ConversionCall",
    "LastLogitsRead",
    "ModelCall",
    "PipelineCall",
    "RuleContext",
    "TokenizerCall",
    "TrainerCall",
    "TransformersCall",
    "Walker",
    "classify",
]
