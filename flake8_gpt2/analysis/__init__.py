"""The one place that knows what an expression is: a transformers model, a tokenizer, text, an
encoding, embeddings ... The walk (`walk.Walker`) goes through a module once in statement order,
keeping what each name holds per scope; at each call it hands over, `evaluation.Evaluator` answers
what any expression there holds, and `calls.classify` says what the call is: the views of
`calls.CHECKS`. Rules see only those views and a `context.RuleContext`. docs/architecture.md draws
the parts."""
from .calls import CHECKS, classify
from .context import RuleContext
from .walk import Walker

__all__ = ["CHECKS", "RuleContext", "Walker", "classify"]
