"""GPT018: a pipeline task transformers 5 removed (facts/migrations.py, TASKS)."""
from __future__ import annotations

from typing import Iterator

from ..analysis import RuleContext
from ..analysis.calls import TransformersCall
from ..analysis.syntax import argument, literal_string
from ..facts import migrations
from ..parameter_names import TASK
from ..rule import Rule
from ..violation import Violation
from .. import knowledge


class RemovedPipelineTask(Rule):
    code = "GPT018"
    name = "removed-pipeline-task"
    title = "pipeline task transformers 5 removed (summarization, translation, question-answering ...)"

    def check_transformers_call(self, call: TransformersCall, context: RuleContext) -> Iterator[Violation]:
        if call.name != knowledge.PIPELINE_FACTORY or call.method is not None:
            return
        if context.target.transformers_major < migrations.TASKS_FAIL_FROM_MAJOR:
            return
        arg = argument(call.node, TASK, 0)
        task = literal_string(arg.value) if arg is not None else None
        row = migrations.removed_task(task) if task is not None else None
        if arg is None or row is None:
            return
        yield Violation(
            self.code,
            f'pipeline("{task}") was removed in transformers 5 (KeyError): use {row.use}',
            arg,
        )
