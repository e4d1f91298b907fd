"""The engine: the one entry point the browser worker calls, JSON text in, JSON text out.

The worker is stateless. The page keeps each widget's state (a JSON object) and sends it
with every event, so a crashed or restarted worker loses nothing and instant navigation
needs no bookkeeping. Strings cross the JS/Python boundary, never proxies, so there is no
proxy lifetime to manage.

Message protocol (page <-> `overrides/assets/rekindle/engine-worker.js` <-> `handle`).
Tested from both sides: `tests/core/test_engine.py` and the browser tests.

| from -> to     | message                                               | meaning                |
| -------------- | ----------------------------------------------------- | ---------------------- |
| page -> worker | `{type: "boot", indexURL, purpose?}`                  | boot Pyodide and us;   |
|                |                                                       | purpose "snapshot":    |
|                |                                                       | only save a memory     |
|                |                                                       | snapshot, then close   |
| page -> worker | `{type: "module", module: WebAssembly.Module | null}` | the wasm, compiled by  |
|                |                                                       | the page (code cache)  |
| worker -> page | `{type: "ready", bootMs, restored, module}`           | calls may flow;        |
|                |                                                       | restored: from a saved |
|                |                                                       | snapshot; module: the  |
|                |                                                       | wasm it compiled, or   |
|                |                                                       | null (for the snapshot |
|                |                                                       | maker)                 |
| worker -> page | `{type: "restart", message}`                          | the snapshot failed to |
|                |                                                       | restore: boot afresh   |
| worker -> page | `{type: "snapshot", saved}`                           | snapshot worker done   |
| worker -> page | `{type: "fatal", message}`                            | boot failed: the page  |
|                |                                                       | offers Retry           |
| page -> worker | `{type: "call", id, widget, op, args}`                | run one op; `args.at`  |
|                |                                                       | is when the reader     |
|                |                                                       | acted (epoch ms)       |
| worker -> page | `{type: "result", id, ok: true, value}`               | the op's answer        |
| worker -> page | `{type: "result", id, ok: false,`                     | a problem to show the  |
|                | ` error: {kind, message, field?, reason?}}`           | reader (kinds below)   |

Error kinds: "invalid" (the reader's input or saved data was wrong: show the message, keep
everything), "unknown-op" (page and engine disagree: a deploy mid-visit), "internal" (a bug:
a plain apology, never a traceback).
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Mapping
from typing import Any

Op = Callable[[dict[str, Any]], dict[str, Any]]

WIDGET_MODULES = {
    "turn-timer": "rekindle.engine.timer",
    "barrier-assessment": "rekindle.engine.assessment",
}


def widget_ops(widget: str) -> Mapping[str, Op]:
    """A widget's ops, imported on first use so one broken widget cannot stop the others."""
    return importlib.import_module(WIDGET_MODULES[widget]).OPS


INTERNAL_MESSAGE = "Something went wrong inside this tool. Your entries are kept; please try again."


def call(widget: str, op: str, args: dict[str, Any]) -> dict[str, Any]:
    """Run one op and wrap its outcome; never raises."""
    try:
        function = widget_ops(widget)[op]
    except KeyError:
        return _error("unknown-op", f"This page asked for {widget}.{op}, which this version lacks.")
    try:
        return {"ok": True, "value": function(args)}
    except ValueError as problem:
        message = getattr(problem, "message", None) or str(problem)
        return _error("invalid", message, getattr(problem, "field", None),
                      getattr(problem, "reason", None))
    except Exception:  # a bug: the reader gets a plain sentence, the console nothing scary
        return _error("internal", INTERNAL_MESSAGE)


def handle(request_json: str) -> str:
    """The worker's only call: a JSON request in, a JSON response out."""
    try:
        request = json.loads(request_json)
        widget, op, args = request["widget"], request["op"], request.get("args") or {}
        if not isinstance(args, dict):
            raise TypeError("args must be an object")
    except (ValueError, KeyError, TypeError):
        return json.dumps(_error("invalid", "The page sent a request the engine cannot read."))
    return json.dumps(call(str(widget), str(op), args), ensure_ascii=False)


def _error(
    kind: str, message: str, field: str | None = None, reason: str | None = None
) -> dict[str, Any]:
    error: dict[str, Any] = {"kind": kind, "message": message}
    if field:
        error["field"] = str(field)
    if reason:
        error["reason"] = str(reason)
    return {"ok": False, "error": error}
