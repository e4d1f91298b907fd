"""The engine: the one entry point the browser worker calls, JSON text in, JSON text out.

The worker is stateless. The page keeps each widget's state (a JSON object) and sends it
with every event, so a crashed or restarted worker loses nothing and instant navigation
needs no bookkeeping. Strings cross the JS/Python boundary, never proxies, so there is no
proxy lifetime to manage.

Message protocol (page <-> `overrides/assets/rekindle/kit/engine-worker.js` <-> `handle`).
The page starts the worker from a blob: URL that imports that file, so it runs under the
page's CSP (`kit/engine-client.js`); it refuses to send calls past the limits of
`kit/shape.js`, and never re-sends a call that was in flight when the worker died.
Tested from both sides: `tests/pure/test_engine.py` and the browser tests.

| from -> to     | message                                               | meaning                |
| -------------- | ----------------------------------------------------- | ---------------------- |
| page -> worker | `{type: "boot", indexURL, purpose?, snapshotCache}`   | boot Pyodide and us;   |
|                |                                                       | purpose "snapshot":    |
|                |                                                       | only save a memory     |
|                |                                                       | snapshot, then close;  |
|                |                                                       | snapshotCache: its     |
|                |                                                       | Cache Storage name     |
| page -> worker | `{type: "cancel"}`                                    | snapshot maker: put    |
|                |                                                       | nothing (the reader    |
|                |                                                       | deleted everything)    |
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
|                | ` error: {kind, message, field?, reason?, detail?}}`  | reader (kinds below)   |

Error kinds: "invalid" (a `rekindle.shared.errors.ReaderError`: the reader's input or saved
data was wrong: show the message, keep everything), "unknown-op" (page and engine disagree: a
deploy mid-visit), "internal" (a bug, or a tool that failed to import: a plain apology; its
`detail`, one line naming the exception, is for developers and never shown as the message).
The dispatch table is the registry (`rekindle.tools.TOOLS`): widget = the tool's fence name.
"""

from __future__ import annotations

import importlib
import json
import traceback
from collections.abc import Callable, Mapping
from typing import Any

from rekindle.engine import nesting
from rekindle.shared.errors import ReaderError
from rekindle.tools import BY_FENCE

Op = Callable[[dict[str, Any]], dict[str, Any]]
Answer = dict[str, Any]

INTERNAL_MESSAGE = "Something went wrong inside this tool. Your entries are kept; please try again."


def widget_ops(widget: str) -> Mapping[str, Op]:
    """A widget's ops, imported on first use so one broken tool cannot stop the others."""
    ops: Mapping[str, Op] = importlib.import_module(BY_FENCE[widget].ops).OPS
    return ops


def call(widget: str, op: str, args: dict[str, Any]) -> Answer:
    """Run one op and wrap its outcome; never raises.

    A ReaderError is the reader's to fix (its words are shown, nothing is lost); anything
    else, including a tool that fails to import and a RecursionError from crafted data, is
    "internal" for this call only, with the detail kept for developers.
    """
    try:
        function = widget_ops(widget)[op]
    except KeyError:
        return _error("unknown-op", f"This page asked for {widget}.{op}, which this version lacks.")
    except Exception as failure:  # the tool's module itself is broken: only this tool fails
        return _internal(failure)
    try:
        return {"ok": True, "value": function(args)}
    except ReaderError as problem:
        return _error("invalid", problem.message, problem.field, problem.reason)
    except Exception as failure:  # a bug: the reader gets a plain sentence
        return _internal(failure)


def handle(request_json: str) -> str:
    """The worker's only call: a JSON request in, a JSON response out.

    A request nested past `nesting.MAX_DEPTH` is refused before it is parsed: parsing it
    could exhaust WebAssembly's stack, which no `except` catches (see rekindle.engine.nesting).
    """
    if nesting.too_deep(request_json):
        return json.dumps(_error("invalid", nesting.MESSAGE, reason="corrupt"))
    try:
        request = json.loads(request_json)
        widget, op, args = request["widget"], request["op"], request.get("args") or {}
        if not isinstance(args, dict):
            raise TypeError("args must be an object")
    except (ValueError, KeyError, TypeError, RecursionError):
        return json.dumps(_error("invalid", "The page sent a request the engine cannot read."))
    answer = call(str(widget), str(op), args)
    try:
        return json.dumps(answer, ensure_ascii=False)
    except (ValueError, TypeError, RecursionError) as failure:  # an op returned the unsendable
        return json.dumps(_internal(failure))


def _error(kind: str, message: str, field: str | None = None, reason: str | None = None) -> Answer:
    error: dict[str, Any] = {"kind": kind, "message": message}
    if field:
        error["field"] = str(field)
    if reason:
        error["reason"] = str(reason)
    return {"ok": False, "error": error}


def _internal(failure: BaseException) -> Answer:
    """A plain apology for the reader; the exception's last lines for a developer."""
    answer = _error("internal", INTERNAL_MESSAGE)
    detail = traceback.format_exception_only(failure)[-1].strip()
    answer["error"]["detail"] = detail[:500]
    return answer
