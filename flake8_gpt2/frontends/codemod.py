"""The fixer as a libcst codemod:

    python -m libcst.tool codemod -x --no-format flake8_gpt2.frontends.codemod.FixGPT2Inputs PATH
"""
from __future__ import annotations

import argparse
from pathlib import Path

import libcst as cst
from libcst.codemod import Codemod, CodemodContext, SkipFile

from ..pipeline import fix_module
from ..settings import from_config_files


class FixGPT2Inputs(Codemod):
    DESCRIPTION = "Apply flake8-gpt2's fixes (safe ones; --unsafe-fixes for all)."

    def __init__(self, context: CodemodContext, unsafe_fixes: bool = False) -> None:
        super().__init__(context)
        self._unsafe = unsafe_fixes

    @staticmethod
    def add_args(arg_parser: argparse.ArgumentParser) -> None:
        arg_parser.add_argument("--unsafe-fixes", action="store_true", help="also apply fixes labelled unsafe")

    def transform_module_impl(self, tree: cst.Module) -> cst.Module:
        # configuration as flake8 would find it for this file, wherever the tool runs from
        folder = Path(self.context.filename).parent if self.context.filename else Path.cwd()
        fixed, result = fix_module(tree, lambda code: True, self._unsafe, from_config_files(folder.resolve()))
        if not result.fixed:
            raise SkipFile("nothing to fix")
        for finding in result.findings:
            self.warn(f"{finding.line}:{finding.column + 1}: {finding.text} (not fixed)")
        return fixed
