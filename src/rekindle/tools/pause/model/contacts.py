"""Contact during the pause, logged honestly and without shame.

Rules:

1. A contact has a date, who started it (the reader, them, or necessary contact) and an
   optional note. Necessary contact says what it was about: children, a shared home, work
   or something else practical.
2. Logging a contact never resets, shortens or ends the pause. There are no streaks and no
   badges: the counter shows the day of the pause and, beside it, the days since the last
   contact.
3. Necessary contact is part of life, not a slip: it is listed, never counted in "days since
   the last contact".
4. A contact may be dated before the pause began (the last contact before a pause already
   under way), never after today.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from rekindle.shared.errors import ReaderError
from rekindle.tools.pause.model.dates import long_date, parse_iso, parse_typed_date
from rekindle.tools.pause.model.fields import MAX_TEXT_CHARS, page_id, page_ms, reader_text
from rekindle.tools.pause.model.plan import MAX_START_AGE_DAYS

WHO = {
    "me": "I started it",
    "them": "They started it",
    "necessary": "Necessary contact",
}
NECESSARY_ABOUT = {
    "children": "children",
    "home": "a shared home",
    "work": "work",
    "other": "something practical",
}


@dataclass(frozen=True)
class Contact:
    id: str
    on: date
    who: str  # a key of WHO
    about: str | None  # a key of NECESSARY_ABOUT when who is "necessary", else None
    note: str
    created: int  # epoch ms: when it was logged

    @property
    def necessary(self) -> bool:
        return self.who == "necessary"


def make_contact(
    today: date, *, id: object, on: object, who: object, about: object, note: object, at: object
) -> Contact:
    """A contact as logged from the form; ReaderError for what the reader can fix."""
    day = parse_typed_date(on, field="on") or today
    if day > today:
        raise ReaderError(
            f"That date is still to come. Log a contact on the day it happened, today "
            f"({long_date(today)}) or earlier.",
            field="on",
            reason="future",
        )
    if (today - day).days > MAX_START_AGE_DAYS:
        raise ReaderError(
            "That date is more than ten years ago. Please check the year.",
            field="on",
            reason="too-old",
        )
    kind, topic = _who_and_about(who, about)
    text = reader_text(note, field="note", what="note", optional=True)
    return Contact(page_id(id), day, kind, topic, text, page_ms(at))


def _who_and_about(who: object, about: object) -> tuple[str, str | None]:
    if not isinstance(who, str) or who not in WHO:
        raise ReaderError(
            "Please choose who started the contact: you, them, or necessary contact.",
            field="who",
            reason="missing",
        )
    if who != "necessary":
        return who, None
    if about is None or about == "":
        return who, "other"
    if not isinstance(about, str) or about not in NECESSARY_ABOUT:
        raise ValueError(f"unknown necessary-contact topic {about!r}")
    return who, about


def last_chosen_contact(contacts: tuple[Contact, ...], today: date) -> date | None:
    """The latest contact that was not necessary, up to today (later ones: clock set back)."""
    days = [c.on for c in contacts if not c.necessary and c.on <= today]
    return max(days, default=None)


def contact_to_json(contact: Contact) -> dict[str, Any]:
    return {
        "id": contact.id,
        "on": contact.on.isoformat(),
        "who": contact.who,
        "about": contact.about,
        "note": contact.note,
        "created": contact.created,
    }


def contact_from_json(data: object) -> Contact:
    """A stored contact; ValueError when it is not one (the caller says "corrupt")."""
    if not isinstance(data, dict):
        raise ValueError("contact is not an object")
    who, about = data.get("who"), data.get("about")
    if (
        who not in WHO
        or (who == "necessary") != (about in NECESSARY_ABOUT)
        or (who != "necessary" and about is not None)
    ):
        raise ValueError("contact kind unknown")
    note = data.get("note", "")
    if not isinstance(note, str) or len(note) > MAX_TEXT_CHARS:
        raise ValueError("contact note unreadable")
    return Contact(
        page_id(data.get("id")),
        parse_iso(data.get("on")),
        str(who),
        None if about is None else str(about),
        note,
        page_ms(data.get("created")),
    )
