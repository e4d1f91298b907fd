"""Engine ops for the no-contact pause and journal: JSON-ready dicts in, dicts out.

The engine is stateless: the page keeps `state` (the JSON object these ops return) and sends
it back with every call; an op that changes it returns the new one, with a fresh `view`.
`today` is the reader's local date as "YYYY-MM-DD" (the page works it out), `at` is when
they acted (epoch ms), `id` a random id the page made for a new entry or contact.

| op              | args                                        | returns                        |
| --------------- | ------------------------------------------- | ------------------------------ |
| catalogue       | {}                                          | tracks, situations, tags, who, |
|                 |                                             | necessary_about, limits        |
| new             | {}                                          | {state}: an empty journal      |
| view            | {state, today, track?, skip?}               | {view} (below)                 |
| validate_plan   | {today, start, length, open_ended, safety,  | {plan, notes: [{field, text}]} |
|                 |  situation}                                 |                                |
| set_plan        | {state, today, ...validate_plan's args}     | {state, view, notes}           |
| prompt_for      | {state?, today, track?, skip?}              | prompt (below)                 |
| add_entry       | {state, today, id, prompt | null, text,     | {state, view, entry}           |
|                 |  tags, at}                                  |                                |
| edit_entry      | {state, today, id, text, tags, at}          | {state, view, entry}           |
| delete_entry    | {state, today, id, at}                      | {state, view}                  |
| log_contact     | {state, today, id, on?, who, about?, note?, | {state, view, message}         |
|                 |  at}                                        |                                |
| delete_contact  | {state, today, id, at}                      | {state, view}                  |
| keep_draft      | {state, today, id, text, as: "entry" |      | {state, view, message}         |
|                 |  "contact", at}                             |                                |
| draft_wait      | {started, at}                               | {ends_at, remaining_ms, done}  |
| readback        | {state, today}                              | read-back view (views.py)      |
| export_markdown | {state, today}                              | {filename, text, state, view}  |
| backup          | {state, today}                              | {filename, text, state, view}  |
| import_backup   | {state, today, text}                        | {state, view, report, message} |
| save            | {state}                                     | {saved}: store it as JSON      |
| restore         | {saved: object or text, today?}             | {state, view?}                 |

view = {"counter": counter view, "journal": [entry views, newest first], "contacts": [{"id",
"on", "date_text", "line", "note"}, newest first], "prompt": prompt}.
prompt = {"id", "text", "track", "track_label", "skip", "next_skip", "pool_size"}.
track: "mix" (default), "ended", "left", "distance" or "ahead"; skip: "another prompt" count.
Exports and backups set state.last_export to today (the reminder counts from there).

state = {"plan": null | {"start", "length": int | null (open-ended), "safety", "situation":
"ended" | "left" | null}, "contacts": [{"id", "on", "who": "me" | "them" | "necessary",
"about": "children" | "home" | "work" | "other" | null, "note", "created"}], "entries":
[{"id", "on", "prompt": id | null, "text", "tags": [...], "created", "edited"}], "deleted":
{id: ms}, "last_export": date | null}. Saved data and backups wrap it in the envelope
{"format": "rekindle-pause", "version": 1, "data": state}; a locked copy carries "locked"
(the browser's ciphertext) instead of "data".

Errors: ReaderError with `field` and `reason`. Plan: start (malformed, no-such-date, future,
too-old), length (not-a-number, too-short, too-long). Entry text and notes: empty, too-long,
journal-full. Contact: on (future, too-old, ...), who (missing). Backups (field "backup"):
empty, too-large, truncated, not-a-backup, other-tool, future-version, locked, corrupt,
journal-full. Restore (field "saved"): corrupt, future-version, locked; the page keeps the
stored data aside. A malformed `today`, id, timestamp, track or tag is a bug in the page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, replace
from datetime import date
from typing import Any

from rekindle.tools.pause.model import backup as backups
from rekindle.tools.pause.model import views
from rekindle.tools.pause.model.contacts import NECESSARY_ABOUT, WHO, make_contact
from rekindle.tools.pause.model.dates import parse_today
from rekindle.tools.pause.model.fields import MAX_TEXT_CHARS, page_ms
from rekindle.tools.pause.model.journal import (
    SESSION_MINUTES,
    SESSION_NOTE,
    TAGS,
    check_room,
    draft_entry,
    edited_entry,
    make_entry,
)
from rekindle.tools.pause.model.markdown import journal_markdown, markdown_filename
from rekindle.tools.pause.model.plan import (
    MAX_LENGTH,
    SITUATIONS,
    SUGGESTED_LENGTH,
    PlanChoice,
    make_plan,
    plan_to_json,
)
from rekindle.tools.pause.model.prompts import MIX, MIX_LABEL, TRACKS
from rekindle.tools.pause.model.state import (
    PauseState,
    import_message,
    merge,
    state_from_json,
    state_to_json,
    with_contact,
    with_entry,
    without,
)

Args = dict[str, Any]


def _state(args: Args) -> PauseState:
    """The state the page sent: it came from these ops, so damage here is a bug."""
    data = args.get("state")
    return PauseState() if data is None else state_from_json(data)


def _today(args: Args) -> date:
    return parse_today(args.get("today"))


def _prompt(state: PauseState, today: date, args: Args) -> dict[str, Any]:
    return views.prompt_view(state, today, track=args.get("track") or MIX, skip=args.get("skip", 0))


def _view(state: PauseState, today: date, args: Args | None = None) -> dict[str, Any]:
    return {
        "counter": views.counter_view(state, today),
        "journal": views.journal_view(state),
        "contacts": views.contacts_view(state),
        "prompt": _prompt(state, today, args or {}),
    }


def _changed(state: PauseState, today: date, **extra: Any) -> dict[str, Any]:
    return {"state": state_to_json(state), "view": _view(state, today), **extra}


def op_catalogue(args: Args) -> dict[str, Any]:
    """The fixed lists and limits the page's forms are built from."""
    return {
        "tracks": [{"id": MIX, "label": MIX_LABEL}]
        + [{"id": k, "label": v} for k, v in TRACKS.items()],
        "situations": [{"id": k, "label": v} for k, v in SITUATIONS.items()],
        "tags": [{"id": k, "label": v} for k, v in TAGS.items()],
        "who": [{"id": k, "label": v} for k, v in WHO.items()],
        "necessary_about": [{"id": k, "label": v} for k, v in NECESSARY_ABOUT.items()],
        "limits": {
            "max_text_chars": MAX_TEXT_CHARS,
            "max_backup_chars": backups.MAX_BACKUP_CHARS,
            "suggested_length": SUGGESTED_LENGTH,
            "max_length": MAX_LENGTH,
            "session_minutes": SESSION_MINUTES,
            "draft_wait_minutes": views.DRAFT_WAIT_MINUTES,
            "export_every_days": views.EXPORT_EVERY_DAYS,
        },
        "session_note": SESSION_NOTE,
    }


def op_new(args: Args) -> dict[str, Any]:
    return {"state": state_to_json(PauseState())}


def op_view(args: Args) -> dict[str, Any]:
    return {"view": _view(_state(args), _today(args), args)}


def _plan_choice(args: Args, today: date) -> PlanChoice:
    return make_plan(
        today,
        start=args.get("start"),
        length=args.get("length"),
        open_ended=bool(args.get("open_ended")),
        safety=bool(args.get("safety")),
        situation=args.get("situation"),
    )


def _notes(choice: PlanChoice) -> list[dict[str, str]]:
    return [{"field": n.field, "text": n.text} for n in choice.notes]


def op_validate_plan(args: Args) -> dict[str, Any]:
    choice = _plan_choice(args, _today(args))
    return {"plan": plan_to_json(choice.plan), "notes": _notes(choice)}


def op_set_plan(args: Args) -> dict[str, Any]:
    today = _today(args)
    choice = _plan_choice(args, today)
    state = replace(_state(args), plan=choice.plan)
    return _changed(state, today, notes=_notes(choice))


def op_prompt_for(args: Args) -> dict[str, Any]:
    return _prompt(_state(args), _today(args), args)


def op_add_entry(args: Args) -> dict[str, Any]:
    state, today = _state(args), _today(args)
    entry = make_entry(
        today,
        id=args.get("id"),
        prompt=args.get("prompt"),
        text=args.get("text"),
        tags=args.get("tags"),
        at=args.get("at"),
    )
    if any(e.id == entry.id for e in state.entries):
        raise ValueError(f"entry {entry.id!r} exists already")  # the page reused an id
    check_room(state.entries, entry)
    state = with_entry(state, entry)
    return _changed(state, today, entry=views.entry_view(entry))


def op_edit_entry(args: Args) -> dict[str, Any]:
    state, today = _state(args), _today(args)
    old = state.entry(str(args.get("id")))
    entry = edited_entry(old, text=args.get("text"), tags=args.get("tags"), at=args.get("at"))
    check_room(state.entries, entry, replacing=old)
    state = with_entry(state, entry)
    return _changed(state, today, entry=views.entry_view(entry))


def op_delete_entry(args: Args) -> dict[str, Any]:
    state, today = _state(args), _today(args)
    state.entry(str(args.get("id")))
    return _changed(without(state, str(args.get("id")), page_ms(args.get("at"))), today)


def op_log_contact(args: Args) -> dict[str, Any]:
    state, today = _state(args), _today(args)
    contact = make_contact(
        today,
        id=args.get("id"),
        on=args.get("on"),
        who=args.get("who"),
        about=args.get("about"),
        note=args.get("note"),
        at=args.get("at"),
    )
    state = with_contact(state, contact)
    return _changed(state, today, message=views.logged_message(state, today, contact.on))


def op_delete_contact(args: Args) -> dict[str, Any]:
    state, today = _state(args), _today(args)
    contact_id = str(args.get("id"))
    if not any(c.id == contact_id for c in state.contacts):
        raise ValueError(f"no contact {contact_id!r}")  # the page deletes only what it shows
    return _changed(without(state, contact_id, page_ms(args.get("at"))), today)


def op_keep_draft(args: Args) -> dict[str, Any]:
    """An unsent draft kept as a journal entry, or logged as a contact (it was sent)."""
    state, today = _state(args), _today(args)
    if args.get("as") == "entry":
        entry = draft_entry(today, id=args.get("id"), text=args.get("text"), at=args.get("at"))
        check_room(state.entries, entry)
        return _changed(with_entry(state, entry), today, message="Moved into your journal.")
    if args.get("as") == "contact":
        contact = make_contact(
            today,
            id=args.get("id"),
            on=None,
            who="me",
            about=None,
            note=args.get("text"),
            at=args.get("at"),
        )
        state = with_contact(state, contact)
        return _changed(state, today, message=views.logged_message(state, today, today))
    raise ValueError(f"keep_draft as {args.get('as')!r}")  # the page offers only these two


def op_draft_wait(args: Args) -> dict[str, Any]:
    """The ten-minute wait as a deadline: the page counts down to `ends_at`."""
    ends_at = page_ms(args.get("started")) + views.DRAFT_WAIT_MINUTES * 60_000
    remaining = max(0, min(ends_at - page_ms(args.get("at")), views.DRAFT_WAIT_MINUTES * 60_000))
    return {"ends_at": ends_at, "remaining_ms": remaining, "done": remaining == 0}


def op_readback(args: Args) -> dict[str, Any]:
    _today(args)
    return views.readback_view(_state(args))


def op_export_markdown(args: Args) -> dict[str, Any]:
    state, today = _state(args), _today(args)
    text = journal_markdown(state, today)
    state = replace(state, last_export=_later(state.last_export, today))
    return _changed(state, today, filename=markdown_filename(today), text=text)


def _later(known: date | None, today: date) -> date:
    return today if known is None else max(known, today)


def op_backup(args: Args) -> dict[str, Any]:
    state, today = _state(args), _today(args)
    state = replace(state, last_export=_later(state.last_export, today))
    text = backups.backup_text(state)
    return _changed(state, today, filename=backups.backup_filename(today), text=text)


def op_import_backup(args: Args) -> dict[str, Any]:
    state, today = _state(args), _today(args)
    incoming = backups.parse_backup(args.get("text"))
    merged, report = merge(state, incoming)
    backups.check_fits(merged)
    return _changed(merged, today, report=asdict(report), message=import_message(report))


def op_save(args: Args) -> dict[str, Any]:
    """The envelope to keep on the device (the browser may lock it first)."""
    return {"saved": backups.envelope(_state(args))}


def op_restore(args: Args) -> dict[str, Any]:
    """Saved data back as a state; with `today`, the view too (one call to unlock)."""
    state = backups.restore_saved(args.get("saved"))
    answer: dict[str, Any] = {"state": state_to_json(state)}
    if args.get("today") is not None:
        answer["view"] = _view(state, _today(args))
    return answer


OPS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "catalogue": op_catalogue,
    "new": op_new,
    "view": op_view,
    "validate_plan": op_validate_plan,
    "set_plan": op_set_plan,
    "prompt_for": op_prompt_for,
    "add_entry": op_add_entry,
    "edit_entry": op_edit_entry,
    "delete_entry": op_delete_entry,
    "log_contact": op_log_contact,
    "delete_contact": op_delete_contact,
    "keep_draft": op_keep_draft,
    "draft_wait": op_draft_wait,
    "readback": op_readback,
    "export_markdown": op_export_markdown,
    "backup": op_backup,
    "import_backup": op_import_backup,
    "save": op_save,
    "restore": op_restore,
}
