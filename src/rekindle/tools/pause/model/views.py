"""What the page shows: the counter, the journal list, the read-back, the export reminder.

Rules:

1. Views are plain JSON-ready dicts of text and numbers; the page writes them as text.
2. No streaks, no scores, no verdicts: the day of the pause and the days since the last
   contact the reader chose are shown side by side, and a contact changes only the second.
3. When the pause is about safety, no view suggests getting in touch with the ex or trying
   again: the "before you reach out" step becomes a letter that is never sent, the read-back
   leads to the safety page instead of the deciding page, and reunion prompts are left out.
4. Old entries are listed (the page folds them), never pushed at the reader.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rekindle.tools.pause.model.contacts import NECESSARY_ABOUT, WHO, Contact, last_chosen_contact
from rekindle.tools.pause.model.dates import count_days, long_date
from rekindle.tools.pause.model.journal import TAGS, Entry, tag_label
from rekindle.tools.pause.model.plan import BEFORE, COMPLETE, PausePlan, headline, pause_day
from rekindle.tools.pause.model.prompts import (
    BY_ID,
    MIX,
    MIX_LABEL,
    PROMPTS,
    TRACKS,
    UNSENT,
    prompt_for,
    prompt_text,
)
from rekindle.tools.pause.model.state import PauseState

DRAFT_WAIT_MINUTES = 10
EXPORT_EVERY_DAYS = 7  # remind after this many days with entries since the last export

LINKS = {
    "safety": {"key": "safety", "doc": "safety.md", "text": "Safety and getting help"},
    "deciding": {
        "key": "deciding",
        "doc": "after-a-breakup/deciding.md",
        "text": "Deciding whether to try again",
    },
}


def counter_view(state: PauseState, today: date) -> dict[str, Any]:
    """The counter: the day of the pause, its end, the days since the last contact."""
    view: dict[str, Any] = {"has_plan": state.plan is not None, "safety": state.safety}
    view.update(_plan_part(state.plan, today) if state.plan else _no_plan())
    since, contact_line = _since_contact(state, today)
    view["days_since_contact"] = since
    view["contact_line"] = contact_line
    view["necessary_line"] = _necessary_line(state, today)
    view["links"] = [LINKS["safety"]] if state.safety else []
    view["draft"] = draft_step(state.safety)
    view["export_reminder"] = export_reminder(state)
    return view


def _no_plan() -> dict[str, Any]:
    return {
        "status": "no-plan",
        "headline": "No pause planned yet",
        "day": None,
        "length": None,
        "open_ended": False,
        "start": None,
        "last_day": None,
        "lines": [],
        "readback_ready": False,
    }


def _plan_part(plan: PausePlan, today: date) -> dict[str, Any]:
    where = pause_day(plan, today)
    last = plan.last_day
    if where.status == BEFORE:
        lines = [
            f"It begins on {long_date(plan.start)}.",
            "If that seems wrong, the date on this device may have changed.",
        ]
    elif where.status == COMPLETE and last is not None:
        lines = [
            f"Its last day was {long_date(last)}.",
            "When you feel ready, read back what you wrote.",
        ]
    elif last is None:
        lines = [f"It began on {long_date(plan.start)} and has no set end."]
    elif where.days_left == 0:
        lines = ["Today is its last day."]
    else:
        lines = [
            f"Its last day is {long_date(last)}, {count_days(where.days_left or 0)} from today."
        ]
    return {
        "status": where.status,
        "headline": headline(plan, where),
        "day": where.day,
        "length": plan.length,
        "open_ended": plan.length is None,
        "start": plan.start.isoformat(),
        "last_day": None if last is None else last.isoformat(),
        "lines": lines,
        "readback_ready": where.status == COMPLETE,
    }


def _since_contact(state: PauseState, today: date) -> tuple[int | None, str]:
    last = last_chosen_contact(state.contacts, today)
    if last is not None:
        days = (today - last).days
        if days == 0:
            return 0, "You logged a contact today. The pause goes on; nothing resets."
        return days, f"{count_days(days)} since the last contact you logged."
    if state.plan is None or today < state.plan.start:
        return None, "No contact logged."
    days = (today - state.plan.start).days
    if days == 0:
        return 0, "No contact logged since the pause began today."
    return days, f"No contact logged since the pause began, {count_days(days)} ago."


def _necessary_line(state: PauseState, today: date) -> str | None:
    necessary = [c for c in state.contacts if c.necessary and c.on <= today]
    if not necessary:
        return None
    topics = sorted({c.about or "other" for c in necessary}, key=list(NECESSARY_ABOUT).index)
    about = ", ".join(NECESSARY_ABOUT[t] for t in topics)
    times = "1 time" if len(necessary) == 1 else f"{len(necessary)} times"
    return f"Necessary contact logged {times} ({about}): part of life, not a break in the pause."


def draft_step(safety: bool) -> dict[str, Any]:
    """The 'before you reach out' step; for a pause about safety, a letter never sent."""
    if safety:
        return {
            "title": "A letter you will not send",
            "intro": "Write whatever you need to say. It stays on this device and goes nowhere.",
            "wait_minutes": 0,
            "choices": [
                {"id": "keep", "label": "Leave it unsent"},
                {"id": "entry", "label": "Move it into my journal"},
            ],
        }
    return {
        "title": "Before you reach out",
        "intro": (
            "Write the message you want to send. Nothing here is sent anywhere. Wait ten "
            "minutes, then decide what to do with it."
        ),
        "wait_minutes": DRAFT_WAIT_MINUTES,
        "choices": [
            {"id": "keep", "label": "Keep it unsent"},
            {"id": "entry", "label": "Move it into my journal"},
            {"id": "contact", "label": "Log that I made contact"},
        ],
    }


def unsaved_days(entry_days: list[date] | tuple[date, ...], last_export: date | None) -> int:
    """How many days with entries came after the last export (all of them if none yet)."""
    return len({d for d in entry_days if last_export is None or d > last_export})


def export_reminder(state: PauseState) -> dict[str, Any]:
    days = unsaved_days([e.on for e in state.entries], state.last_export)
    due = days >= EXPORT_EVERY_DAYS
    text = None
    if due:
        text = (
            f"You have written on {days} days since your last export. Browsers sometimes "
            "clear what a site keeps, so this is a good moment to export a copy."
        )
    return {"due": due, "unsaved_days": days, "text": text}


def prompt_view(state: PauseState, today: date, *, track: str, skip: Any) -> dict[str, Any]:
    """Today's prompt on a track; `skip` counts presses of "another prompt"."""
    situation = state.plan.situation if state.plan else None
    daily = prompt_for(today, track=track, skip=skip, situation=situation, safety=state.safety)
    return {
        "id": daily.prompt.id,
        "text": daily.prompt.text,
        "track": daily.track,
        "track_label": MIX_LABEL if daily.track == MIX else TRACKS[daily.track],
        "skip": daily.skip,
        "next_skip": (daily.skip + 1) % daily.pool_size,
        "pool_size": daily.pool_size,
    }


def entry_view(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "on": entry.on.isoformat(),
        "date_text": long_date(entry.on),
        "prompt": entry.prompt,
        "prompt_text": prompt_text(entry.prompt),
        "tags": [{"id": t, "label": tag_label(t)} for t in entry.tags],
        "text": entry.text,
        "edited": entry.edited > entry.created,
    }


def journal_view(state: PauseState) -> list[dict[str, Any]]:
    """Entries newest first, for the page to fold."""
    return [entry_view(e) for e in reversed(state.entries)]


def contact_view(contact: Contact) -> dict[str, Any]:
    """One logged contact, in words: the day, who started it, what it was about."""
    who = WHO[contact.who]
    if contact.about:
        who += f" ({NECESSARY_ABOUT[contact.about]})"
    return {
        "id": contact.id,
        "on": contact.on.isoformat(),
        "date_text": long_date(contact.on),
        "line": f"{long_date(contact.on)}: {who}",
        "note": contact.note,
    }


def contacts_view(state: PauseState) -> list[dict[str, Any]]:
    """Contacts newest first; listed so the reader can correct a mistake, never as a tally."""
    return [contact_view(c) for c in reversed(state.contacts)]


GROUP_ORDER = {p.id: index for index, p in enumerate((*PROMPTS, UNSENT))}


def readback_view(state: PauseState) -> dict[str, Any]:
    """Entries gathered by prompt, the reasons tagged, and where to go next."""
    groups: dict[str | None, list[Entry]] = {}
    for entry in state.entries:
        groups.setdefault(entry.prompt, []).append(entry)
    order = sorted(groups, key=_group_key)
    tagged = [e for e in state.entries if e.tags]
    next_link = "safety" if state.safety else "deciding"
    extra = [LINKS["safety"]] if "unsafe" in {t for e in tagged for t in e.tags} else []
    return {
        "entry_count": len(state.entries),
        "groups": [_group(prompt_id, groups[prompt_id]) for prompt_id in order],
        "reasons": _reasons(tagged),
        "reasons_line": _reasons_line(len(tagged)),
        "next": {**LINKS[next_link], "lead": NEXT_LEADS[next_link]},
        "links": [] if state.safety else extra,
    }


NEXT_LEADS = {
    "deciding": "When you feel ready, the next page helps you weigh what you found.",
    "safety": "Your safety comes first. This page lists ways to get support.",
}


def _group_key(prompt_id: str | None) -> tuple[int, str]:
    if prompt_id is None:
        return (len(GROUP_ORDER) + 1, "")
    return (GROUP_ORDER.get(prompt_id, len(GROUP_ORDER)), prompt_id)


def _group(prompt_id: str | None, entries: list[Entry]) -> dict[str, Any]:
    prompt = BY_ID.get(prompt_id or "")
    track = prompt.track if prompt else None
    return {
        "prompt": prompt_id,
        "prompt_text": prompt_text(prompt_id),
        "track": track,
        "track_label": TRACKS.get(track or "", ""),
        "entries": [entry_view(e) for e in entries],
    }


def _reasons(tagged: list[Entry]) -> list[dict[str, Any]]:
    days: dict[str, list[str]] = {}
    for entry in tagged:
        for tag in entry.tags:
            days.setdefault(tag, []).append(entry.on.isoformat())
    known = list(TAGS)
    order = sorted(days, key=lambda t: (-len(days[t]), known.index(t) if t in known else 99, t))
    return [
        {"tag": t, "label": tag_label(t), "count": len(days[t]), "days": days[t]} for t in order
    ]


def _reasons_line(count: int) -> str:
    if count == 0:
        return "No entry was tagged with a reason."
    entries = "1 entry" if count == 1 else f"{count} entries"
    return f"You tagged {entries} with reasons the relationship ended."


def logged_message(state: PauseState, today: date, day: date) -> str:
    """Said after a contact is logged: the pause goes on."""
    message = f"Contact logged for {long_date(day)}."
    if state.plan is not None:
        where = headline(state.plan, pause_day(state.plan, today))
        message += f" The pause carries on as before: {where}."
    return message
