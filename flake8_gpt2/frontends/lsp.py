"""The language server behind `flake8-gpt2 server`: the fixer's findings as diagnostics while a file
is edited, its fixes as code actions. Built on pygls, the `lsp` extra (docs/editors.md).

Analyses and fixes run in a thread, off the loop that reads requests: a fix of a big file holds up
no other request, and a cancelled request is answered at once. Every result is for one version of
a document, and is dropped when the document has changed since: a code action resolved after an
edit resolves to no edit (the editor asks again), and edits carry the version they are for."""
from __future__ import annotations

import ast
import asyncio
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .. import __version__
from .lsp_protocol import Protocol
from ..rule_docs import url as rule_url
from ..pipeline import check, fix
from .plugin import ANALYSIS_ERROR
from ..registry import all_rules
from ..settings import Settings, from_config_files
from .lsp_input import Resynchronised
from .text_edits import Edit, Lines, apply, changes, noqa_edit
from ..violation import Finding

SOURCE = "flake8-gpt2"
FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.{SOURCE}"
# a pause in typing shorter than this starts no analysis; opening and saving analyse at once
DEBOUNCE_SECONDS = 0.15
Selects = Callable[[str], bool]
_RESOLVE_PROPERTIES = "text_document.code_action.resolve_support.properties"
_DOCUMENT_CHANGES = "workspace.workspace_edit.document_changes"
Position = Tuple[int, int]  # 0-based line, column in code points


@dataclass(frozen=True)
class _Located:
    finding: Finding
    start: Position
    end: Position  # of the reported call, or of its first line when the call is not found
    diagnostic: types.Diagnostic

    def touches(self, first: int, end: int) -> bool:
        """Whether a change of the lines [first, end) (first == end: lines inserted before line
        `first`) is inside the reported call."""
        top, bottom = self.start[0], self.end[0]
        if first == end:
            return top < first <= bottom
        return first <= bottom and top < end


@dataclass
class _Analysed:
    """One version of one document."""

    version: Optional[int]
    text: Lines
    settings: Settings
    located: List[_Located]
    diagnostics: List[types.Diagnostic]
    fixed_texts: Dict[Tuple[Optional[str], bool], str] = field(default_factory=dict)


class Server(LanguageServer):
    def __init__(self, selects: Selects) -> None:
        # the whole text on each change: simple, and cheap beside the analysis
        super().__init__(
            SOURCE, __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full, protocol_cls=Protocol
        )
        self._selects = selects
        self._analysed: Dict[str, _Analysed] = {}
        self._pending: Dict[str, asyncio.TimerHandle] = {}
        self.feature(types.TEXT_DOCUMENT_DID_OPEN)(_function(self._publish_now))
        self.feature(types.TEXT_DOCUMENT_DID_SAVE)(_function(self._publish_now))
        self.feature(types.TEXT_DOCUMENT_DID_CHANGE)(_function(self._changed))
        self.feature(types.TEXT_DOCUMENT_DID_CLOSE)(_function(self._closed))
        kinds = [types.CodeActionKind.QuickFix, FIX_ALL]
        options = types.CodeActionOptions(code_action_kinds=kinds, resolve_provider=True)
        self.feature(types.TEXT_DOCUMENT_CODE_ACTION, options)(_function(self._code_actions))
        self.feature(types.CODE_ACTION_RESOLVE)(_function(self._resolve))

    # diagnostics

    async def _publish_now(self, params: types.DidOpenTextDocumentParams) -> None:
        self._cancel_pending(params.text_document.uri)
        await self._publish(params.text_document.uri)

    def _changed(self, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        self._cancel_pending(uri)
        self._pending[uri] = asyncio.get_running_loop().call_later(
            DEBOUNCE_SECONDS, lambda: asyncio.ensure_future(self._publish(uri))
        )

    def _closed(self, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        self._cancel_pending(uri)
        self._analysed.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def _cancel_pending(self, uri: str) -> None:
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()

    async def _publish(self, uri: str) -> None:
        self._pending.pop(uri, None)
        analysed = await self._analyse(uri)
        if analysed is not None and self._is_current(uri, analysed):
            params = types.PublishDiagnosticsParams(uri=uri, diagnostics=analysed.diagnostics, version=analysed.version)
            self.text_document_publish_diagnostics(params)

    def _is_current(self, uri: str, analysed: _Analysed) -> bool:
        """Whether `analysed` is of the document as the editor has it now (and it is still open)."""
        if uri not in self.workspace.text_documents:
            return False
        document = self.workspace.get_text_document(uri)
        return analysed.version == document.version and analysed.text.text == document.source

    async def _analyse(self, uri: str) -> Optional[_Analysed]:
        """The analysis of the document's current version; None while it does not parse (being
        typed), when the diagnostics of the last version that parsed stay."""
        known = self._analysed.get(uri)
        if known is not None and self._is_current(uri, known):
            return known
        document = self.workspace.get_text_document(uri)
        analysed = await asyncio.to_thread(self._analysis, uri, document.version, document.source)
        if analysed is not None and self._is_current(uri, analysed):
            self._analysed[uri] = analysed
        return analysed

    def _analysis(self, uri: str, version: Optional[int], source: str) -> Optional[_Analysed]:
        text = Lines(source)
        settings = Settings()
        try:
            settings = _settings(uri)
            findings = check(text.text.encode("utf-8"), self._selects, settings).findings
        except Exception as error:  # one file must never stop the server
            if not _parses(text.text):
                return None
            return _Analysed(version, text, settings, [], self._analysis_error(text, error))
        located = self._locate(text, findings)
        return _Analysed(version, text, settings, located, [each.diagnostic for each in located])

    def _locate(self, text: Lines, findings: List[Finding]) -> List[_Located]:
        ends = _call_ends(text.text) if findings else {}
        located = []
        for finding in findings:
            line = min(finding.line, len(text.lines)) - 1
            start = (line, finding.column)
            end = ends.get((line, _utf8_length(text.lines[line][:finding.column])))
            if end is None:
                end = (line, len(text.content(line)))
            else:
                end = (end[0], _characters_in(text.lines[end[0]], end[1]))
            diagnostic = types.Diagnostic(
                range=self._range(text, start, end),
                message=finding.message,
                severity=types.DiagnosticSeverity.Warning,
                code=finding.code,
                code_description=types.CodeDescription(href=rule_url(finding.code)),
                source=SOURCE,
            )
            located.append(_Located(finding, start, end, diagnostic))
        return located

    def _analysis_error(self, text: Lines, error: Exception) -> List[types.Diagnostic]:
        if not self._selects(ANALYSIS_ERROR):
            return []
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return [
            types.Diagnostic(
                range=self._range(text, (0, 0), (0, len(text.content(0)))),
                message=f"flake8-gpt2 could not analyse this file: {reason}",
                severity=types.DiagnosticSeverity.Warning,
                code=ANALYSIS_ERROR,
                code_description=types.CodeDescription(href=rule_url(ANALYSIS_ERROR)),
                source=SOURCE,
            )
        ]

    def _range(self, text: Lines, start: Position, end: Position) -> types.Range:
        return types.Range(self._position(text, start), self._position(text, end))

    def _position(self, text: Lines, position: Position) -> types.Position:
        """In the units the client and server agreed on (UTF-16 unless the client offers another)."""
        line, column = position
        return types.Position(line, self.workspace.position_codec.client_num_units(text.lines[line][:column]))

    # code actions: listed at once, their edits computed when one is chosen (where the client can
    # resolve them), as a fix costs a few analyses of the file

    async def _code_actions(self, params: types.CodeActionParams) -> List[types.CodeAction]:
        uri = params.text_document.uri
        analysed = await self._analyse(uri)
        if analysed is None:
            return []
        actions = []
        for index, located in enumerate(analysed.located):
            if not _overlaps(located.diagnostic.range, params.range):
                continue
            finding, diagnostics = located.finding, [located.diagnostic]
            if finding.fix is not None:
                title = f"Fix {finding.code}: {all_rules()[finding.code].name}"
                if not finding.fix.safe:
                    title += " (unsafe)"
                actions.append(
                    types.CodeAction(
                        title=title,
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=diagnostics,
                        is_preferred=finding.fix.safe,
                        data=_data(uri, analysed, "fix", index),
                    )
                )
            actions.append(
                types.CodeAction(
                    title=f"Suppress with # noqa: {finding.code}",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=diagnostics,
                    data=_data(uri, analysed, "noqa", index),
                )
            )
        if any(each.finding.fix is not None and each.finding.fix.safe for each in analysed.located):
            title = "Fix all safe flake8-gpt2 findings"
            actions.append(types.CodeAction(title=title, kind=FIX_ALL, data=_data(uri, analysed, "fix-all")))
        if params.context.only:
            asked = [_kind(kind) for kind in params.context.only]
            actions = [a for a in actions if any(k in (_kind(a.kind), *_parents(a.kind)) for k in asked)]
        if "edit" not in get_capability(self.client_capabilities, _RESOLVE_PROPERTIES, []):
            actions = [await self._resolve(action) for action in actions]
        return actions

    async def _resolve(self, action: types.CodeAction) -> types.CodeAction:
        """The action with its edit, computed for the version of the document it was listed for;
        without one when the document has changed since (its edit would land on other text)."""
        data = action.data if isinstance(action.data, dict) else {}
        uri = data.get("uri")
        analysed = self._analysed.get(uri)  # type: ignore[arg-type]
        if analysed is None or analysed.version != data.get("version") or not self._is_current(uri, analysed):
            return action  # the document changed since: the client asks again
        try:
            edits = await asyncio.to_thread(self._edits, analysed, data.get("action"), data.get("index"))
        except (RecursionError, MemoryError):
            return action  # code nested too deeply to fix: no edit rather than an internal error
        if not self._is_current(uri, analysed):
            return action  # changed while the edits were computed
        text = analysed.text
        text_edits = [types.TextEdit(self._range(text, *_positions(text, e)), e.new_text) for e in edits]
        if get_capability(self.client_capabilities, _DOCUMENT_CHANGES, False):
            # an editor refuses edits for another version than the one it has
            document = types.OptionalVersionedTextDocumentIdentifier(version=analysed.version, uri=uri)
            action.edit = types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(document, text_edits)])
        else:
            action.edit = types.WorkspaceEdit(changes={uri: text_edits})
        return action

    def _edits(self, analysed: _Analysed, action: object, index: object) -> List[Edit]:
        if action == "fix-all":
            return changes(analysed.text, self._fixed_text(analysed, None, False))
        if not isinstance(index, int) or not 0 <= index < len(analysed.located):
            return []
        located = analysed.located[index]
        if action == "noqa":
            return [noqa_edit(analysed.text, located.finding.line, located.finding.code)]
        if action == "fix" and located.finding.fix is not None:
            return self._one_fix(analysed, located)
        return []

    def _one_fix(self, analysed: _Analysed, target: _Located) -> List[Edit]:
        """The fixer fixes every finding of a code: of its changes, those inside the calls of the other
        findings it fixed are left out. Changes outside every reported call (a pad token set where
        the tokenizer is made) stay, also when they serve other findings too."""
        code = target.finding.code
        unsafe = not target.finding.fix.safe  # type: ignore[union-attr]
        fixed = self._fixed_text(analysed, code, unsafe)
        others = [
            other
            for other in analysed.located
            if other is not target
            and other.finding.code == code
            and other.finding.fix is not None
            and (unsafe or other.finding.fix.safe)
        ]

        def keep(first: int, end: int) -> bool:
            return target.touches(first, end) or not any(other.touches(first, end) for other in others)

        edits = changes(analysed.text, fixed, keep)
        if others and _parses(analysed.text.text) and not _parses(apply(analysed.text.text, edits)):
            return changes(analysed.text, fixed)  # what the fixer wrote always parses
        return edits

    def _fixed_text(self, analysed: _Analysed, code: Optional[str], unsafe: bool) -> str:
        """The document as the fixer fixes it: every selected code, or only `code`."""
        key = (code, unsafe)
        if key not in analysed.fixed_texts:
            selects = self._selects if code is None else (lambda other: other == code)
            result = fix(analysed.text.text.encode("utf-8"), selects, unsafe, analysed.settings)
            analysed.fixed_texts[key] = result.source.decode("utf-8")
        return analysed.fixed_texts[key]


def _function(method: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A handler pygls can register: it marks handlers with attributes, which methods cannot take.
    A coroutine stays one: pygls runs it as a task, which a client's cancellation cancels."""
    if asyncio.iscoroutinefunction(method):

        async def handle_later(params: Any) -> Any:
            return await method(params)

        return handle_later

    def handle(params: Any) -> Any:
        return method(params)

    return handle


def _settings(uri: str) -> Settings:
    """The flake8-gpt2 command's settings, found from the document's folder."""
    path = to_fs_path(uri)
    return from_config_files(Path(path).parent if path else Path.cwd())


def _parses(text: str) -> bool:
    try:
        ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def _call_ends(text: str) -> Dict[Position, Position]:
    """Where each call ends, by where it starts, as `ast` counts: (0-based line, UTF-8 byte
    column). Of the calls that start at one place, the innermost: a reported call is seldom the
    callee of another call."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}
    ends = {}
    for node in ast.walk(tree):  # breadth first: an inner call after the outer one
        if isinstance(node, ast.Call) and node.end_lineno is not None and node.end_col_offset is not None:
            ends[(node.lineno - 1, node.col_offset)] = (node.end_lineno - 1, node.end_col_offset)
    return ends


def _utf8_length(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def _characters_in(line: str, utf8_length: int) -> int:
    """How many characters of `line` its first `utf8_length` bytes in UTF-8 hold."""
    return len(line.encode("utf-8", "surrogatepass")[:utf8_length].decode("utf-8", "ignore"))


def _positions(text: Lines, edit: Edit) -> Tuple[Position, Position]:
    return text.position(edit.start), text.position(edit.end)


def _kind(kind: object) -> str:
    """A code action kind as its text, from the enum or a plain string."""
    return str(getattr(kind, "value", kind))


def _parents(kind: object) -> List[str]:
    """The kinds a kind is part of: `source` and `source.fixAll` for `source.fixAll.flake8-gpt2`."""
    parts = _kind(kind).split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts))]


def _overlaps(a: types.Range, b: types.Range) -> bool:
    def key(position: types.Position) -> Tuple[int, int]:
        return position.line, position.character

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def _data(uri: str, analysed: _Analysed, action: str, index: Optional[int] = None) -> Dict[str, object]:
    return {"uri": uri, "version": analysed.version, "action": action, "index": index}


def serve(selects: Selects) -> None:
    Server(selects).start_io(Resynchronised(sys.stdin.buffer))
