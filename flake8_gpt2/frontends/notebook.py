"""Jupyter notebooks: the code cells of an `.ipynb` file, checked and fixed as one module.

A notebook's cells run in one namespace, in order, so the analysis sees them joined into one
module, each cell after a comment line that marks where it starts (the line map, and what splits
the fixed module back into cells). IPython syntax (`%magic`, `!shell`, `obj?`, `x = !cmd`) becomes
placeholder lines of the same count that bind what the original binds and nothing else; a cell
magic that makes a whole cell something else (`%%bash`, `%%writefile`) leaves that cell out. A cell
that does not parse on its own is left out too, and reported, so it hides nothing in the others.

The file is read with plain `json` and never re-serialised: a fix replaces the text of the changed
cells' `source` values only, in the file's own layout, so outputs, metadata, ids, execution counts,
key order, indentation and escaping stay byte for byte.
"""
from __future__ import annotations

import ast
import bisect
import io
import json
import re
import tokenize
from dataclasses import dataclass, field, replace
from typing import Callable, Dict, List, Optional, Tuple

import libcst as cst

from .notebook_json import with_sources
from ..pipeline import FileResult, Selects, check, fix
from ..gate import may_hold_findings
from ..settings import Settings
from ..violation import Finding

_BOM = "\ufeff"
_PIP_INSTALL = re.compile(r"\bpip3?\s+install\b")
_PINNED_TRANSFORMERS = re.compile(r"\btransformers(?:\[[^\]]*\])?\s*==\s*(\d+(?:\.\d+)*)")
# cell magics whose body is Python that runs in the notebook's namespace
_PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun"})
_CELL_MAGIC = re.compile(r"\s*%%(\w*)")
# at the start of a logical line: a line magic, a shell escape, help (`?obj`, `obj?`, `obj??`) or
# IPython's autocall escapes (`/f x`, `,f x`, `;f x`); no Python statement starts with these
_ESCAPED = re.compile(r"[ \t]*(?:[%!?/,;]|[\w.*]+[ \t]*\?\??[ \t\r]*$)")
# IPython's automagic: a line magic called without its `%` (`pip install x`, `matplotlib inline`,
# `cd ..`), when the line is no Python; a name followed by an operator (`config = f(`) is Python
_AUTOMAGIC = re.compile(
    r"[ \t]*(?:(?:pip|conda|mamba|env|set_env|matplotlib|pylab|load_ext|reload_ext|unload_ext|autoreload"
    r"|aimport|config|time|timeit|prun|run|who|whos|store|history|xmode|precision)"
    r"[ \t]+[^\s=(\[{.,:;)\]}+*/%<>&|^@!~]|cd[ \t]+[\w./~-])"
)
_ASSIGNED_FROM_ESCAPE = re.compile(r"[ \t]*([\w.]+(?:[ \t]*,[ \t]*[\w.]+)*)[ \t]*=[ \t]*[%!]")
_INDENT = re.compile(r"[ \t]*")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


class NotebookError(ValueError):
    """The file cannot be read as a notebook; the message says why in one line."""


@dataclass(frozen=True)
class NotebookLocation:
    """Where something is in a notebook, for every output format."""

    cell: int  # 1-based, counting code cells only (as nbqa and Jupyter's "In [ ]" cells count)
    line: int  # 1-based, in the cell's source
    column: int  # 0-based, as in Finding
    index: int = 0  # 0-based position in the file's list of cells, markdown included
    cell_id: Optional[str] = None  # the cell's `id` (nbformat 4.5 and later)

    def __str__(self) -> str:
        return f"cell {self.cell}:{self.line}:{self.column + 1}"


@dataclass(frozen=True)
class NotebookFinding(Finding):
    """A finding in a notebook: `line` and `column` are in the cell's source."""

    cell: int = 0
    index: int = 0
    cell_id: Optional[str] = None

    @property
    def location(self) -> NotebookLocation:
        return NotebookLocation(self.cell, self.line, self.column, self.index, self.cell_id)


@dataclass
class NotebookResult:
    source: bytes  # the notebook file, fixed
    findings: List[NotebookFinding] = field(default_factory=list)  # what is left
    fixed: List[NotebookFinding] = field(default_factory=list)
    # cells left out of the analysis because they do not parse: (cell number, the SyntaxError,
    # located in the cell)
    skipped: List[Tuple[int, SyntaxError]] = field(default_factory=list)


def check_notebook(source: bytes, selects: Selects, settings: Settings = Settings()) -> NotebookResult:
    """Findings in the code cells. Raises NotebookError (or UnicodeDecodeError) for a file that is
    not a notebook."""
    return _analyse(source, lambda code, target: check(code, selects, target), settings)


def fix_notebook(source: bytes, selects: Selects, unsafe: bool, settings: Settings = Settings()) -> NotebookResult:
    """The notebook with its code cells fixed, and what is left."""
    return _analyse(source, lambda code, target: fix(code, selects, unsafe, target), settings)


@dataclass
class _Cell:
    number: int  # counting code cells from 1
    index: int  # in the file's list of cells
    cell_id: Optional[str]
    text: str  # the source as written
    code: str  # what the analysis sees: IPython lines replaced by placeholders
    escaped: List[str]  # the lines the placeholders stand for, in order


def _analyse(source: bytes, run: Callable[[bytes, Settings], FileResult], settings: Settings) -> NotebookResult:
    text = source.decode("utf-8")
    bom = _BOM if text.startswith(_BOM) else ""
    text = text[len(bom):]
    notebook = _load(text)
    if not _is_python(notebook):
        return NotebookResult(source)  # an R or Julia notebook holds nothing for this tool
    tag = _unused_tag(text)
    cells = _code_cells(notebook, tag)
    settings = _with_pinned_version(cells, settings)
    skipped = []
    trees = []
    for cell in list(cells):
        try:
            trees.append(_parse(cell.code))
        except SyntaxError as error:
            skipped.append((cell.number, error))
            cells.remove(cell)
    # the cells' trees spare the gate a parse of its own
    tree = ast.Module(body=[statement for cell_tree in trees for statement in cell_tree.body], type_ignores=[])
    if not may_hold_findings("".join(_terminated(cell.code) for cell in cells), settings, tree):
        return NotebookResult(source)
    while True:  # ends: each round leaves a cell out, and a module of no cells parses
        module = _Module(cells, tag)
        try:
            result = run(module.code.encode("utf-8"), settings)
            break
        except cst.ParserSyntaxError as error:
            # this Python's parser took a cell that libcst's does not: leave it out, as above
            cell, line = module.locate(error.raw_line)
            skipped.append((cell.number, SyntaxError(error.message, ("", line, error.raw_column + 1, ""))))
            cells.remove(cell)
    skipped.sort(key=lambda item: item[0])
    fixed = [module.located(f) for f in result.fixed]
    if result.source == module.code.encode("utf-8"):
        return NotebookResult(source, [module.located(f) for f in result.findings], fixed, skipped)
    after = _split(result.source.decode("utf-8"), module)
    changed = {
        cell.index: _restored(cell, new.code, tag)
        for cell, new in zip(cells, after.cells)
        if new.code != cell.code
    }
    new_source = (bom + with_sources(text, changed)).encode("utf-8")
    return NotebookResult(new_source, [after.located(f) for f in result.findings], fixed, skipped)


def _with_pinned_version(cells: List["_Cell"], settings: Settings) -> Settings:
    """A notebook that installs one pinned transformers version (`!pip install transformers==4.56.2`)
    runs on it: the findings that depend on the version are those of that version, unless the
    setting names one."""
    if settings.transformers_version is not None:
        return settings
    pinned = {
        match.group(1)
        for cell in cells
        for line in cell.escaped
        if _PIP_INSTALL.search(line)
        for match in _PINNED_TRANSFORMERS.finditer(line)
    }
    return replace(settings, transformers_version=pinned.pop()) if len(pinned) == 1 else settings


def _load(text: str) -> dict:
    try:
        notebook = json.loads(text)
    except json.JSONDecodeError as error:
        raise NotebookError(f"not a notebook: invalid JSON: {error}") from None
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
        raise NotebookError("not a notebook: no list of cells (nbformat 4)")
    return notebook


def _is_python(notebook: dict) -> bool:
    metadata = _mapping(notebook.get("metadata"))
    kernel_language = _mapping(metadata.get("kernelspec")).get("language")
    language = kernel_language or _mapping(metadata.get("language_info")).get("name")
    return not isinstance(language, str) or "python" in language.lower()


def _mapping(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def _unused_tag(text: str) -> str:
    """A word no cell holds, to mark the joined module's own lines."""
    number = 0
    while f"flake8-gpt2-{number}" in text:
        number += 1
    return f"flake8-gpt2-{number}"


def _code_cells(notebook: dict, tag: str) -> List[_Cell]:
    cells = []
    number = 0
    for index, cell in enumerate(notebook["cells"]):
        if not isinstance(cell, dict):
            raise NotebookError(f"not a notebook: cell {index + 1} of the file is not an object")
        if cell.get("cell_type") != "code":
            continue
        number += 1
        source = cell.get("source", "")
        if isinstance(source, list) and all(isinstance(line, str) for line in source):
            text = "".join(source)
        elif isinstance(source, str):
            text = source
        else:
            raise NotebookError(f"not a notebook: the source of cell {number} is not text")
        code = _with_placeholders(text, tag)
        if code is not None:
            cell_id = cell.get("id")
            cells.append(_Cell(number, index, cell_id if isinstance(cell_id, str) else None, text, *code))
    return cells


def _with_placeholders(text: str, tag: str) -> Optional[Tuple[str, List[str]]]:
    """The cell's code with its IPython lines as placeholders, and the lines they stand for; None
    for a cell whose magic makes it not Python."""
    lines = iter(_LINE.findall(text))
    code: List[str] = []
    escaped: List[str] = []
    magic = _CELL_MAGIC.match(text)
    if magic is not None:
        if magic.group(1) not in _PYTHON_CELL_MAGICS:
            return None
        for line in lines:
            if line.strip():
                code.append(_placeholder(line, "pass", tag))
                escaped.append(line)
                break
            code.append(line)
    logical_start = len(code)  # where the code is known to be at the start of a logical line
    for line in lines:
        assigned = _ASSIGNED_FROM_ESCAPE.match(line)
        escapes = assigned or _ESCAPED.match(line) or _is_automagic(line)
        if not escapes or _continues("".join(code[logical_start:])):
            code.append(line)
            continue
        indent = _INDENT.match(line).group()  # type: ignore[union-attr]
        code.append(_placeholder(line, f"{assigned.group(1)} = get_ipython()" if assigned else "pass", tag))
        escaped.append(line)
        # IPython joins an escaped line ending in a backslash with the next
        while line.rstrip("\r\n").endswith("\\"):
            line = next(lines, "")
            if not line:
                break
            code.append(_placeholder(indent + line.lstrip(" \t"), "pass", tag))
            escaped.append(line)
        logical_start = len(code)
    return "".join(code), escaped


def _placeholder(line: str, statement: str, tag: str) -> str:
    indent = _INDENT.match(line).group()  # type: ignore[union-attr]
    body = line.rstrip("\r\n")
    return f"{indent}{statement}  # {tag}{line[len(body):]}"


def _is_automagic(line: str) -> bool:
    if _AUTOMAGIC.match(line) is None:
        return False
    try:
        _parse(line.strip())
    except SyntaxError:
        return True
    return False


def _continues(code: str) -> bool:
    """Whether the line after `code` continues a statement `code` leaves open (a bracket, a
    string, a backslash)."""
    try:
        for _ in tokenize.generate_tokens(io.StringIO(code).readline):
            pass
    except tokenize.TokenError:
        return True
    except SyntaxError:  # an indentation error: the cell does not parse anyway
        return False
    return False


def _parse(code: str) -> ast.Module:
    """The cell's `ast` tree; raises SyntaxError for a cell that does not parse."""
    try:
        return ast.parse(code)
    except ValueError as error:  # NUL bytes
        raise SyntaxError(str(error), ("", 1, 1, "")) from None
    except (RecursionError, MemoryError):
        raise SyntaxError("too deeply nested to analyse", ("", 1, 1, "")) from None


class _Module:
    """The cells joined, each after a marker comment line (which also says the code is UTF-8, so
    that a coding comment in a cell cannot change how the joined bytes are read)."""

    def __init__(self, cells: List[_Cell], tag: str) -> None:
        self.cells = cells
        self.tag = tag
        parts: List[str] = []
        self.starts: List[int] = []  # the joined line where each cell's first line is
        line = 1
        for cell in cells:
            parts.append(_marker(cell, tag))
            self.starts.append(line + 1)
            code = _terminated(cell.code)
            parts.append(code)
            line += 1 + len(_LINE.findall(code))
        self.code = "".join(parts)

    def locate(self, line: int) -> Tuple[_Cell, int]:
        index = max(bisect.bisect_right(self.starts, line) - 1, 0)
        return self.cells[index], line - self.starts[index] + 1

    def located(self, finding: Finding) -> NotebookFinding:
        cell, line = self.locate(finding.line)
        return NotebookFinding(
            finding.code, finding.message, line, finding.column, finding.fix, cell.number, cell.index, cell.cell_id
        )


def _marker(cell: _Cell, tag: str) -> str:
    return f"# {tag} cell {cell.number} -*- coding: utf-8 -*-\n"


def _terminated(code: str) -> str:
    return code if not code or code.endswith(("\n", "\r")) else code + "\n"


def _split(code: str, before: _Module) -> _Module:
    """The fixed joined module cut back into its cells."""
    pieces: Dict[str, List[str]] = {}
    before_the_first: List[str] = []
    piece = before_the_first
    for line in _LINE.findall(code):
        if line.startswith(f"# {before.tag} cell "):
            piece = pieces.setdefault(line, [])
        else:
            piece.append(line)
    if before_the_first or list(pieces) != [_marker(cell, before.tag) for cell in before.cells]:
        # every fix edits code inside a statement or adds statements after one, so this cannot
        # happen; if a future fix reached across cells, nothing is written
        raise NotebookError("a fix would span two cells; nothing was written")
    cells = []
    for cell, piece in zip(before.cells, pieces.values()):
        new = "".join(piece)
        if _terminated(cell.code) != cell.code and new.endswith("\n"):
            new = new[:-1]  # the newline the join added after a last line that had none
        cells.append(_Cell(cell.number, cell.index, cell.cell_id, cell.text, new, cell.escaped))
    return _Module(cells, before.tag)


def _restored(cell: _Cell, code: str, tag: str) -> str:
    """The cell's fixed code with its IPython lines back in place of their placeholders."""
    escaped = iter(cell.escaped)
    suffix = f"  # {tag}"
    return "".join(next(escaped) if line.rstrip("\r\n").endswith(suffix) else line for line in _LINE.findall(code))
