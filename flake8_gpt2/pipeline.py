"""One file's way through the linter, the same for every front end (the flake8 plugin, the
`flake8-gpt2` command, the codemod): the gate, one parse, one walk with every rule, positions, then
selection and `# noqa` for the front ends that apply them themselves."""
from __future__ import annotations

import ast
import gc
from dataclasses import dataclass, field
from typing import Callable, List, Optional, Tuple, Union

import libcst as cst

from .deep import retried_deeper
from .engine import lint_module
from .fixer import apply_fixes
from .gate import may_hold_findings
from .noqa import Suppressions
from .parsing import parse_module
from .settings import Settings
from .violation import Finding

MAX_PASSES = 10
Selects = Callable[[str], bool]


@dataclass
class FileResult:
    source: bytes
    findings: List[Finding] = field(default_factory=list)  # what is left, in `source`
    # fixed: located in the code of the pass that fixed them (the original file for the first pass)
    fixed: List[Finding] = field(default_factory=list)
    # `source` parsed, whose nodes the findings' fixes edit; None where the gate skipped the file,
    # or where a fix left no finding and its output was not parsed again (`_fixed`)
    module: Optional[cst.Module] = None


def lint_source(source: Union[str, bytes], settings: Settings = Settings()) -> List[Finding]:
    """Every rule's findings for one file's code, before selection and noqa. Raises
    libcst.ParserSyntaxError when the code does not parse."""
    if not may_hold_findings(source, settings):
        return []
    return lint_gated(source, settings)


def lint_gated(source: Union[str, bytes], settings: Settings) -> List[Finding]:
    """`lint_source` for code that has passed the gate (the flake8 plugin runs the gate itself,
    with flake8's `ast` tree, before this module and libcst are imported)."""
    module = parse_module(source)
    return lint_module(module, settings, code=source if isinstance(source, str) else source.decode(module.encoding))


@retried_deeper
def check(source: bytes, selects: Selects, settings: Settings = Settings()) -> FileResult:
    """Findings of the selected rules that no `# noqa` suppresses. Raises on unparsable input."""
    if not may_hold_findings(source, settings):
        return FileResult(source)
    module = parse_module(source)
    return FileResult(source, reported(module, source, selects, settings), module=module)


@retried_deeper
def fix(source: bytes, selects: Selects, unsafe: bool, settings: Settings = Settings()) -> FileResult:
    """Applies safe fixes (and unsafe ones when asked) until a pass finds nothing to fix."""
    if not may_hold_findings(source, settings):
        return FileResult(source)
    return _fixed(parse_module(source), selects, unsafe, settings, source)


def fix_module(
    module: cst.Module, selects: Selects, unsafe: bool, settings: Settings = Settings(), source: Optional[bytes] = None
) -> Tuple[cst.Module, FileResult]:
    """`fix` of a parsed module: the fixed module, and the result. `source` is the code the module
    was parsed from, when the caller has it."""
    result = _fixed(module, selects, unsafe, settings, source)
    return result.module or parse_module(result.source), result


def _fixed(
    module: cst.Module, selects: Selects, unsafe: bool, settings: Settings, source: Optional[bytes]
) -> FileResult:
    """The result of `fix`; its module is None when the last pass's output was not parsed by libcst
    (nothing was left to find in it)."""
    fixed: List[Finding] = []
    for _ in range(MAX_PASSES):
        findings = reported(module, source, selects, settings)
        fixable = [f for f in findings if f.fix is not None and (f.fix.safe or unsafe)]
        if not fixable:
            break
        source, applied = apply_fixes(module, fixable)
        fixed.extend(applied)
        if len(applied) == len(findings) and all(f.fix is not None and f.fix.final for f in applied):
            # every finding fixed, by fixes whose output holds no new one: the next pass would
            # find nothing, and what is written must still parse (CPython's parser, a tenth of libcst's)
            if _python_parses(source):
                return FileResult(source, [], fixed)
        # the edited module is parsed again from its code: what is written must parse
        module = parse_module(source)
    else:
        findings = reported(module, source, selects, settings)
    return FileResult(module.bytes if source is None else source, findings, fixed, module)


def _python_parses(source: bytes) -> bool:
    """Whether CPython's parser takes `source`; when it does not (syntax newer than this Python's,
    which libcst may still take), the caller parses with libcst as before."""
    # the collector paused: the `ast` objects made here would set it walking the libcst tree still
    # alive, which triples this parse's cost; the thread that found it running resumes it
    collecting = gc.isenabled()
    gc.disable()
    try:
        compile(source, "<fixed>", "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return False
    finally:
        if collecting:
            gc.enable()
    return True


def reported(module: cst.Module, source: Optional[bytes], selects: Selects, settings: Settings) -> List[Finding]:
    """The selected findings that no `# noqa` suppresses; `source`: the code `module` was parsed
    from, when the caller has it."""
    code = None if source is None else source.decode(module.encoding)
    findings = [f for f in lint_module(module, settings, code=code) if selects(f.code)]
    if not findings:
        return findings
    suppressions = Suppressions(module.code if code is None else code)
    return [f for f in findings if not suppressions.suppresses(f.line, f.code)]
