"""The language server's reading of messages: a request it cannot read is still answered.

pygls reads each message into lsprotocol's types before any handler runs; a message that does not
fit them (a code action request whose context holds a diagnostic without a range, as some clients
send) is logged and dropped, and the client waits for a reply until it times out."""
from __future__ import annotations

from typing import Any, Dict

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.protocol import LanguageServerProtocol


class Protocol(LanguageServerProtocol):
    def structure_message(self, data: Dict[str, Any]) -> Any:
        if data.get("method") == types.TEXT_DOCUMENT_CODE_ACTION and "jsonrpc" in data:
            _keep_diagnostics_with_a_range(data)
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            if "id" in data and "method" in data:  # a request: its error is its reply
                self._send_response(data["id"], error=error.to_response_error())
            raise


def _keep_diagnostics_with_a_range(request: Dict[str, Any]) -> None:
    """The actions are chosen by the request's range; its context's diagnostics only say which the
    client shows there, so those it cannot describe are left out rather than failing the request."""
    context = (request.get("params") or {}).get("context")
    if isinstance(context, dict) and isinstance(context.get("diagnostics"), list):
        context["diagnostics"] = [
            each for each in context["diagnostics"] if isinstance(each, dict) and isinstance(each.get("range"), dict)
        ]
