"""The check-in planner's engine ops: JSON-ready dicts in, JSON-ready dicts out.

The dispatcher routes {"widget": <fence name>, "op": name, "args": {...}} to OPS[name](args).
`fields` is the form as text, keyed by the names in `model.plan.FIELDS` (frequency, day,
second_day, time, duration, start, count, reminder, title, description, lookback); `zone`
is the time-zone description in `model.zone`'s docstring; `at` is when the reader acted
(epoch ms from the page's clock), which gives today's date in their zone and DTSTAMP.

| op       | args                   | returns                                                |
| -------- | ---------------------- | ------------------------------------------------------ |
| preview  | {fields, zone, at}     | {"errors": {field: message}} when a field needs a look |
|          |                        | (every such field at once); otherwise {"errors": {},   |
|          |                        | "title", "summary", "next": [up to 5 dates in words],  |
|          |                        | "more": how many after those, "reminder", "lookback":  |
|          |                        | sentence or null, "zone_note", "zone_fixed": bool,     |
|          |                        | "clock_notes": [sentences], "sync_note", "text": the   |
|          |                        | dates as text to copy}                                 |
| calendar | {fields, zone, at}     | {"errors": {...}} as above, or {"errors": {},          |
|          |                        | "filename": "check-ins.ics", "media_type":             |
|          |                        | "text/calendar", "text": the file (CRLF lines)}        |
| save     | {fields}               | {"saved": {...}}: store it as JSON, only if chosen     |
| restore  | {saved: object or text}| {"fields": {name: text}}: refill the form, then preview|

Errors: field problems come back in "errors", never raised. Unreadable saved data raises
`SavedPlanError` (a ReaderError, reason "corrupt" or "future-version": the page keeps the
stored data aside and offers a fresh plan). A missing `at` or malformed `zone` is the
page's bug (ValueError, "internal"); a missing or unknown zone *name* is not: it gives a
fixed offset and a zone note that says so.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

from rekindle.shared.errors import ReaderError
from rekindle.tools.checkin.model.ics import FILENAME, MEDIA_TYPE, calendar_file, calendar_zone
from rekindle.tools.checkin.model.plan import FIELDS, Plan, PlanErrors, parse_plan
from rekindle.tools.checkin.model.words import (
    SYNC_NOTE,
    clock_notes,
    dates_text,
    lookback_words,
    reminder_words,
    summary,
    when_words,
    zone_note,
)
from rekindle.tools.checkin.model.zone import Zone, zone_from_input

SAVE_FORMAT = "rekindle-checkin"
SAVE_VERSION = 1
NEXT_COUNT = 5
MAX_SAVED_FIELD = 10_000
MAX_SAVED_CHARS = 200_000

CORRUPT_MESSAGE = (
    "Your saved plan could not be read, so it was set aside and not used. You can make a new one."
)
NEWER_MESSAGE = (
    "Your saved plan was made by a newer version of this page. Reload the page to use it, "
    "or make a new one."
)


class SavedPlanError(ReaderError):
    """A saved plan that cannot be used; the page keeps it aside, never deletes it."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message, reason=reason)


def _moment(args: dict[str, Any]) -> int:
    at = args.get("at")
    if isinstance(at, bool) or not isinstance(at, int | float) or not math.isfinite(at):
        raise ValueError("the page sent no usable `at` (epoch ms)")
    return int(at)


def _fields(args: dict[str, Any]) -> dict[str, Any]:
    fields = args.get("fields")
    if not isinstance(fields, dict):
        raise ValueError("the page sent no `fields` object")
    return fields


def _planned(args: dict[str, Any]) -> tuple[Plan, Zone, int]:
    """The plan, the reader's zone and now; PlanErrors when a field needs a look."""
    at, zone = _moment(args), zone_from_input(args.get("zone"))
    return parse_plan(_fields(args), zone.local_date(at)), zone, at


def op_preview(args: dict[str, Any]) -> dict[str, Any]:
    try:
        plan, zone, _ = _planned(args)
    except PlanErrors as problems:
        return {"errors": problems.by_field()}
    starts = plan.starts(plan.dates)
    return {
        "errors": {},
        "title": plan.title,
        "summary": summary(plan),
        "next": [when_words(start) for start in starts[:NEXT_COUNT]],
        "more": max(0, len(starts) - NEXT_COUNT),
        "reminder": reminder_words(plan),
        "lookback": lookback_words(plan),
        "zone_note": zone_note(plan, zone),
        "zone_fixed": calendar_zone(plan, zone).name is None,
        "clock_notes": clock_notes(plan, zone),
        "sync_note": SYNC_NOTE,
        "text": dates_text(plan, zone),
    }


def op_calendar(args: dict[str, Any]) -> dict[str, Any]:
    try:
        plan, zone, at = _planned(args)
    except PlanErrors as problems:
        return {"errors": problems.by_field()}
    text = calendar_file(plan, zone, at)
    return {"errors": {}, "filename": FILENAME, "media_type": MEDIA_TYPE, "text": text}


def _kept(value: object) -> str | None:
    """A field's text as it will be stored; None for values no form sends."""
    if isinstance(value, bool):
        return "on" if value else ""
    if value is None or isinstance(value, int):
        return "" if value is None else str(value)
    return value if isinstance(value, str) and len(value) <= MAX_SAVED_FIELD else None


def op_save(args: dict[str, Any]) -> dict[str, Any]:
    """The form as typed, even where it still needs a look: nothing the reader wrote is lost."""
    fields = _fields(args)
    kept = {name: _kept(fields.get(name)) for name in FIELDS}
    return {
        "saved": {
            "format": SAVE_FORMAT,
            "version": SAVE_VERSION,
            "fields": {name: text for name, text in kept.items() if text is not None},
        }
    }


def _load(saved: object) -> dict[str, Any]:
    if isinstance(saved, str):
        if len(saved) > MAX_SAVED_CHARS:
            raise SavedPlanError("corrupt", CORRUPT_MESSAGE)
        try:
            saved = json.loads(saved)
        except ValueError:
            raise SavedPlanError("corrupt", CORRUPT_MESSAGE) from None
    if not isinstance(saved, dict) or saved.get("format") != SAVE_FORMAT:
        raise SavedPlanError("corrupt", CORRUPT_MESSAGE)
    return saved


def op_restore(args: dict[str, Any]) -> dict[str, Any]:
    saved = _load(args.get("saved"))
    version = saved.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SAVE_VERSION:
        raise SavedPlanError("future-version", NEWER_MESSAGE)
    fields = saved.get("fields")
    if type(version) is not int or version != SAVE_VERSION or not isinstance(fields, dict):
        raise SavedPlanError("corrupt", CORRUPT_MESSAGE)
    restored = {name: fields[name] for name in FIELDS if name in fields}
    if any(not isinstance(v, str) or len(v) > MAX_SAVED_FIELD for v in restored.values()):
        raise SavedPlanError("corrupt", CORRUPT_MESSAGE)
    return {"fields": restored}


OPS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "preview": op_preview,
    "calendar": op_calendar,
    "save": op_save,
    "restore": op_restore,
}
