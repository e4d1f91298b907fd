"""The engine's side of the page <-> worker protocol (the page's side: tests/browser)."""

from __future__ import annotations

import json
import sys
import types

import pytest

import rekindle.engine as engine_tools
from rekindle.engine import handle
from rekindle.shared.errors import ReaderError
from rekindle.tools import Tool
from rekindle.tools.timer.model.machine import TimerState, state_to_dict
from rekindle.tools.timer.model.settings import TimerSettings

IDLE = state_to_dict(TimerState.initial(TimerSettings()))


def call(widget: str, op: str, **args: object) -> dict:
    return json.loads(handle(json.dumps({"widget": widget, "op": op, "args": args})))


def test_an_event_returns_state_view_and_what_to_announce() -> None:
    answer = call("turn-timer", "event", state=IDLE, at=1_000, event="start")
    assert answer["ok"] is True
    value = answer["value"]
    assert value["state"]["phase"] == "running" and value["state"]["deadline_ms"] == 181_000
    assert value["view"]["status_text"] == "Partner A is speaking"
    assert "Partner A speaks now" in value["announcement"]


def test_a_double_tap_is_ignored_not_an_error() -> None:
    answer = call("turn-timer", "event", state=IDLE, at=1_000, event="pause")
    assert answer["ok"] is True and answer["value"]["ignored"] is True
    assert answer["value"]["state"] == IDLE


def test_bad_form_fields_come_back_per_field_and_keep_the_old_value() -> None:
    value = call(
        "turn-timer",
        "configure",
        state=IDLE,
        at=0,
        fields={"minutes": "abc", "name_a": "<img src=x>"},
    )["value"]
    assert set(value["errors"]) == {"minutes"}
    assert value["state"]["settings"]["minutes"] == 3
    assert value["view"]["speaker_name"] == "<img src=x>"  # text; the page renders it as text


def test_unreadable_saved_settings_are_an_invalid_error_with_a_reason() -> None:
    answer = call("turn-timer", "restore", state=IDLE, at=0, saved={"format": 1})
    assert answer == {
        "ok": False,
        "error": {"kind": "invalid", "message": answer["error"]["message"], "reason": "corrupt"},
    }
    assert "could not be read" in answer["error"]["message"]


def test_settings_round_trip_through_save_and_restore() -> None:
    saved = call("turn-timer", "save", state=IDLE)["value"]["saved"]
    restored = call("turn-timer", "restore", state=IDLE, at=0, saved=saved)["value"]
    assert restored["state"] == IDLE


def test_unknown_ops_and_garbage_get_plain_errors_never_tracebacks() -> None:
    assert call("turn-timer", "explode")["error"]["kind"] == "unknown-op"
    assert call("nope", "x")["error"]["kind"] == "unknown-op"
    garbage = json.loads(handle("{not json"))
    assert garbage["ok"] is False and "Traceback" not in garbage["error"]["message"]
    missing_time = call("turn-timer", "event", state=IDLE, event="start")
    assert missing_time["error"]["kind"] == "invalid"
    bad_state = call("turn-timer", "event", state={"phase": "flying"}, at=0, event="start")
    assert bad_state["error"]["kind"] == "invalid"


def _with_tool(monkeypatch: pytest.MonkeyPatch, fence: str, ops_module: str) -> None:
    """Register one extra tool for this test only (the registry is plain data)."""
    tool = Tool(fence, ops_module, f"{ops_module}.fmt", "x/x.js", "x/x.css")
    monkeypatch.setitem(engine_tools.BY_FENCE, fence, tool)


def test_a_bug_raising_value_error_is_internal_never_the_readers_fault(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    module = types.ModuleType("rekindle_test_buggy_ops")
    module.OPS = {"go": lambda args: {"n": int("not a number")}}  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    _with_tool(monkeypatch, "buggy", module.__name__)
    error = call("buggy", "go")["error"]
    assert error["kind"] == "internal"
    assert "not a number" not in error["message"] and "Your entries are kept" in error["message"]
    assert "ValueError" in error["detail"]  # kept for developers, never the message


def test_a_tool_that_fails_to_import_stops_only_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    _with_tool(monkeypatch, "broken", "rekindle_test_module_that_does_not_exist")
    assert call("broken", "anything")["error"]["kind"] == "internal"
    assert call("turn-timer", "event", state=IDLE, at=1_000, event="start")["ok"] is True


def test_deeply_nested_data_is_answered_not_crashed() -> None:
    text = '{"widget": "turn-timer", "op": "restore", "args": {"saved": ' + "[" * 100_000
    assert json.loads(handle(text))["ok"] is False
    answer = json.loads(
        handle(
            json.dumps(
                {
                    "widget": "barrier-assessment",
                    "op": "restore",
                    "args": {"saved": "[" * 5000 + "]" * 5000},
                }
            )
        )
    )
    assert answer["ok"] is False and answer["error"]["kind"] in ("invalid", "internal")


def test_reader_errors_keep_their_words_field_and_reason() -> None:
    class Oops(ReaderError):
        reason = "too-late"

    error = Oops("Choose a day from today on.", field="start")
    assert (error.message, error.field, error.reason) == (
        "Choose a day from today on.",
        "start",
        "too-late",
    )
