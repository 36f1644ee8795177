"""The editor's side of a language server session, for the tests and bench/lsp.py: the server is
a real `flake8-gpt2 server` process, spoken to in Content-Length framed JSON-RPC over its standard
input and output."""
from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

from flake8_gpt2.frontends.text_edits import Lines


class Client:
    """The editor's side of a session with a server process."""

    def __init__(self, *arguments: str, resolves_edits: bool = True, versioned_edits: bool = False) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "flake8_gpt2.frontends.cli", "server", *arguments],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self._messages: "queue.Queue[Optional[Dict[str, Any]]]" = queue.Queue()
        self._seen: List[Dict[str, Any]] = []  # read, not yet asked for
        self._last_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        kinds = {"codeActionKind": {"valueSet": ["quickfix", "source"]}}
        code_action: Dict[str, Any] = {"codeActionLiteralSupport": kinds}
        if resolves_edits:
            code_action["resolveSupport"] = {"properties": ["edit"]}
        capabilities: Dict[str, Any] = {
            "textDocument": {"codeAction": code_action, "publishDiagnostics": {"versionSupport": True}}
        }
        if versioned_edits:
            capabilities["workspace"] = {"workspaceEdit": {"documentChanges": True}}
        initialize = {"processId": None, "rootUri": None, "capabilities": capabilities}
        self.capabilities = self.request("initialize", initialize)
        self.notify("initialized", {})

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            headers = {}
            line = stream.readline()
            while line.strip():
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
                line = stream.readline()
            if not line:
                self._messages.put(None)
                return
            self._messages.put(json.loads(stream.read(int(headers["content-length"]))))

    def _send(self, message: Dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> Any:
        response = self.response(self.ask(method, params))
        assert "error" not in response, response["error"]
        return response["result"]

    def ask(self, method: str, params: Any) -> int:
        """Sends a request without waiting for its response; its id."""
        self._last_id += 1
        self._send({"id": self._last_id, "method": method, "params": params})
        return self._last_id

    def response(self, asked: int, timeout: float = 60) -> Dict[str, Any]:
        return self.wait(lambda m: m.get("id") == asked and "method" not in m, timeout)

    def wait(self, matches: Callable[[Dict[str, Any]], bool], timeout: float = 60) -> Dict[str, Any]:
        for message in self._seen:
            if matches(message):
                self._seen.remove(message)
                return message
        deadline = time.monotonic() + timeout
        while True:
            message = self._messages.get(timeout=max(deadline - time.monotonic(), 0.01))
            if message is None:
                raise AssertionError(f"the server stopped: {self.process.stderr.read().decode()}")  # type: ignore
            if "method" in message and "id" in message:  # a request from the server
                self._send({"id": message["id"], "result": None})
            elif matches(message):
                return message
            else:
                self._seen.append(message)

    def diagnostics(self, uri: str, version: int) -> List[Dict[str, Any]]:
        message = self.wait(
            lambda m: m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == uri
            and m["params"].get("version") == version
        )
        return message["params"]["diagnostics"]

    def open(self, path: Path, text: str) -> List[Dict[str, Any]]:
        uri = path.as_uri()
        document = {"uri": uri, "languageId": "python", "version": 1, "text": text}
        self.notify("textDocument/didOpen", {"textDocument": document})
        return self.diagnostics(uri, 1)

    def change(self, path: Path, version: int, text: str) -> None:
        document = {"uri": path.as_uri(), "version": version}
        self.notify("textDocument/didChange", {"textDocument": document, "contentChanges": [{"text": text}]})

    def actions(self, path: Path, where: Dict[str, Any], only: Optional[List[str]] = None) -> List[Dict[str, Any]]:
        context: Dict[str, Any] = {"diagnostics": []}
        if only is not None:
            context["only"] = only
        params = {"textDocument": {"uri": path.as_uri()}, "range": where, "context": context}
        return self.request("textDocument/codeAction", params)

    def edited(self, path: Path, text: str, action: Dict[str, Any]) -> str:
        """`text` with the action's edit applied, resolved first when it comes without one."""
        if "edit" not in action:
            action = self.request("codeAction/resolve", action)
        edit = action["edit"]
        if "documentChanges" in edit:
            (changed,) = edit["documentChanges"]
            assert changed["textDocument"]["uri"] == path.as_uri()
            return apply_text_edits(text, changed["edits"])
        return apply_text_edits(text, edit["changes"][path.as_uri()])

    def stop(self) -> int:
        assert self.request("shutdown", None) is None
        self.notify("exit", None)
        return self.process.wait(timeout=30)


def apply_text_edits(text: str, edits: List[Dict[str, Any]]) -> str:
    """As an editor applies them: positions in UTF-16 code units."""
    lines = Lines(text)

    def offset(position: Dict[str, int]) -> int:
        line, units, column = lines.lines[position["line"]], 0, 0
        while units < position["character"]:
            units += 2 if ord(line[column]) > 0xFFFF else 1
            column += 1
        return lines.starts[position["line"]] + column

    spans = [(offset(e["range"]["start"]), offset(e["range"]["end"]), e["newText"]) for e in edits]
    for start, end, new_text in sorted(spans, reverse=True):
        text = text[:start] + new_text + text[end:]
    return text
