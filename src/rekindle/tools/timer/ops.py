"""The turn-taking timer's engine ops: JSON-ready dicts in and out, core does the thinking.

Every op gets the page's copy of the state (`state`, from `state_to_dict`) and the time the
reader acted (`at`, epoch ms from the page's clock) and answers with a `Result`:

    {"state": {...}, "view": {...}, "announcement": str | None, "warning_text": str,
     "form": {field: text}, "errors": {field: message}, "ignored": bool}

| op          | args                          | does                                          |
| ----------- | ----------------------------- | --------------------------------------------- |
| `event`     | state, at, event              | start, pause, resume, next, begin (ends a     |
|             |                               | hand-over), skip (the prompt), tick, finish,  |
|             |                               | reset; an event the phase does not allow is   |
|             |                               | `ignored` (a double tap), never an error      |
| `configure` | state, at, fields             | the settings form; bad fields keep their old  |
|             |                               | values and come back in `errors`; only when   |
|             |                               | idle or finished                              |
| `restore`   | state, at, saved              | settings saved on this device (the page's own |
|             |                               | prompts are kept); unreadable data raises a   |
|             |                               | clear error (reason "corrupt")                |
| `save`      | state                         | `{"saved": ...}`, the JSON to keep on device  |
|             |                               | (without the page's prompts)                  |

`at` is the page's monotonic clock (timer-clock.js: `performance.now()` from a fixed anchor).
A state the page kept (a reload mid-session) goes back to Python with a `tick`, which checks it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from rekindle.shared.errors import ReaderError
from rekindle.tools.timer.model.machine import (
    Begin,
    Configure,
    Event,
    Finish,
    IllegalTransition,
    NextTurn,
    Pause,
    Reset,
    Resume,
    SkipPrompt,
    Start,
    State,
    Tick,
    apply,
    state_from_dict,
    state_to_dict,
)
from rekindle.tools.timer.model.settings import (
    SettingsError,
    TimerSettings,
    settings_from_dict,
    settings_from_form,
    settings_to_dict,
    settings_to_form,
)
from rekindle.tools.timer.model.text import announcement, warning_announcement
from rekindle.tools.timer.model.view import view

SAVED_FORMAT = 1
EVENTS: dict[str, Callable[[int], Event]] = {
    "start": Start,
    "pause": Pause,
    "resume": Resume,
    "next": NextTurn,
    "begin": Begin,
    "skip": SkipPrompt,
    "tick": Tick,
    "finish": Finish,
    "reset": Reset,
}


class TimerInputError(ReaderError):
    """A request the page should not have sent, or saved data we cannot read."""

    def __init__(self, message: str, reason: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason


def _moment(args: dict[str, Any]) -> int:
    at = args.get("at")
    if isinstance(at, bool) or not isinstance(at, int | float) or at != at:
        raise TimerInputError("The page sent no usable time for this action.")
    return int(at)


def _state(args: dict[str, Any]) -> State:
    return state_from_dict(args.get("state"))


def result(before: State, after: State, at: int, **extra: Any) -> dict[str, Any]:
    """What the page needs after any change: the new state, its view, and what to say."""
    return {
        "state": state_to_dict(after),
        "view": view(after, at),
        "announcement": announcement(before, after),
        "warning_text": warning_announcement(after),
        "form": settings_to_form(after.settings),
        "errors": {},
        "ignored": False,
        **extra,
    }


def on_event(args: dict[str, Any]) -> dict[str, Any]:
    before, at = _state(args), _moment(args)
    make = EVENTS.get(str(args.get("event")))
    if make is None:
        raise TimerInputError(f"Unknown timer action {args.get('event')!r}.")
    try:
        after = apply(before, make(at))
    except IllegalTransition:
        return result(before, before, at, ignored=True)
    return result(before, after, at)


def _configured(before: State, settings: TimerSettings, at: int) -> State:
    """Apply new settings; never in the middle of a session (the page disables the form)."""
    try:
        return apply(before, Configure(at, settings))
    except IllegalTransition:
        raise TimerInputError(_MID_SESSION) from None


def on_configure(args: dict[str, Any]) -> dict[str, Any]:
    before, at = _state(args), _moment(args)
    fields = args.get("fields")
    if not isinstance(fields, dict):
        raise TimerInputError("The settings form sent nothing readable.")
    settings, errors = settings_from_form(fields, before.settings)
    return result(before, _configured(before, settings, at), at, errors=errors)


def on_restore(args: dict[str, Any]) -> dict[str, Any]:
    before, at = _state(args), _moment(args)
    saved = args.get("saved")
    if not isinstance(saved, dict) or saved.get("format") != SAVED_FORMAT:
        raise TimerInputError(_UNREADABLE, reason="corrupt")
    try:
        settings = settings_from_dict(saved.get("settings"))
    except SettingsError:
        raise TimerInputError(_UNREADABLE, reason="corrupt") from None
    settings = replace(settings, prompts=before.settings.prompts)  # the page's, not the device's
    return result(before, _configured(before, settings, at), at)


def on_save(args: dict[str, Any]) -> dict[str, Any]:
    settings = settings_to_dict(_state(args).settings)
    del settings["prompts"]  # they belong to the page the timer is on
    return {"saved": {"format": SAVED_FORMAT, "settings": settings}}


_MID_SESSION = "Settings can be changed once the timer is reset or finished."
_UNREADABLE = (
    "The names and settings saved on this device could not be read, so the usual ones are "
    "in use. What was saved is kept aside, untouched; “Forget” removes it."
)

OPS = {"event": on_event, "configure": on_configure, "restore": on_restore, "save": on_save}
