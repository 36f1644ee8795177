"""The file's own functions and methods that a library calls back, recorded as calls of them with
what the library passes, where the analysis knows it (facts/calls.py `CALLBACKS`, `OVERRIDES`):
`Trainer(compute_metrics=f)`, `dataset.map(f)`, the methods of a Trainer subclass the Trainer calls
itself. Each is handed to an API that only calls it, so it does not escape there."""
from __future__ import annotations

from typing import Dict, Optional, Set

import libcst as cst

from .. import parameter_names
from . import datasets, metrics, own
from .collators import batch_of_collator
from .evaluation import CallParts, Evaluator
from .scopes import Scopes
from .syntax import argument, parameters, unpacks
from ..facts.calls import OVERRIDES, TRAINER, TRAINER_BATCH, TRAINER_MODEL, callback_slot
from .values import OwnClass, Value


class LibraryCallbacks:
    def __init__(self, scopes: Scopes, evaluator: Evaluator, not_handed_over: Set[int]) -> None:
        self._scopes = scopes
        self._evaluator = evaluator
        # the names of own functions given where no code we cannot see gets them (OwnCalls')
        self._not_handed_over = not_handed_over

    def note(self, parts: CallParts) -> None:
        self.note_metrics_callback(parts)
        self.note_map_callback(parts)
        self.note_overrides(parts)

    def note_metrics_callback(self, parts: CallParts) -> None:
        """`Trainer(compute_metrics=f)`: a call of `f` with what the evaluation gives it, where the
        analysis knows that; `f` is handed to the Trainer, which only calls it."""
        name = metrics.metrics_function(parts.node)
        if name is None or name.value not in self._scopes.own_names:
            return
        self._record(name, metrics.prediction_given(parts.node, parts.callee, self._evaluator.value_of), parts.node)

    def note_map_callback(self, parts: CallParts) -> None:
        """`dataset.map(f, ...)` of a dataset whose columns of text are known: a call of `f` with a
        row of them (a batch with `batched=True`); `f` is handed to `map`, which only calls it."""
        function = argument(parts.node, *callback_slot("dataset")) if parts.method == "map" else None
        name = function.value if function is not None else None
        if type(name) is not cst.Name or name.value not in self._scopes.own_names:  # type: ignore[union-attr]
            return
        self._record(name, datasets.map_given(parts.receiver, parts.node), parts.node)  # type: ignore[arg-type]

    def _record(self, name: cst.Name, given: Optional[Value], node: cst.Call) -> None:
        """The library call `node` calls the function `name` holds with `given`, where known."""
        info, bound = own.call_target(self._evaluator.value_of(name))
        if given is None or info is None:
            return
        self._not_handed_over.add(id(name))
        arguments = info.arguments([cst.Arg(name)], bound, lambda _: given)
        info.calls[id(node)] = own.CallRecord(arguments, self._scopes.reads())

    def note_overrides(self, parts: CallParts) -> None:
        """`Sub(model=..., data_collator=...)` of a subclass of a Trainer: a call of each of its methods
        the Trainer calls itself (`compute_loss`), with the model and a batch of the collator."""
        callee, node, evaluate = parts.callee, parts.node, self._evaluator.value_of
        if not isinstance(callee, OwnClass) or unpacks(node):
            return
        info: own.ClassInfo = callee.info  # type: ignore[assignment]
        if info.library_api is None:
            return
        model = argument(node, parameter_names.MODEL, 0)
        collator = argument(node, *callback_slot(TRAINER, parameter_names.DATA_COLLATOR))
        given = {
            TRAINER_MODEL: evaluate(model.value) if model is not None else None,
            TRAINER_BATCH: batch_of_collator(evaluate(collator.value)) if collator is not None else None,
        }
        for row in OVERRIDES:
            method = info.methods.get(row.method)
            if row.api != info.library_api or method is None or not isinstance(method.node, cst.FunctionDef):
                continue
            params = [param.name.value for param in parameters(method.node.params)][1:]  # after `self`
            arguments: Dict[str, Optional[Value]] = dict.fromkeys(params)
            arguments.update((name, given[what]) for name, what in zip(params, row.given))
            method.calls[id(node)] = own.CallRecord(arguments, self._scopes.reads())
