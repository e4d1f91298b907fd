"""The private journal: dated entries, each with the prompt it answered (or none).

Rules:

1. An entry has a page-made random id, the local date it was written on, the prompt it
   answered (or none), the reader's text kept verbatim (see fields.py), the reasons the
   reader tagged, and when it was created and last edited (epoch ms, from the page).
2. Editing changes the text and tags and moves `edited` on; the date and prompt stay.
   Deleting leaves a tombstone (the id and when) so that importing an older backup does not
   bring back what the reader deleted; an edit made after the delete still wins (state.py).
3. A message drafted "before you reach out" and not sent can become an entry (answering the
   UNSENT prompt) or a logged contact with the draft as its note.
4. The whole journal holds at most MAX_ENTRIES entries and MAX_JOURNAL_CHARS characters, so
   every journal this tool keeps also fits in a backup it can import.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from rekindle.shared.errors import ReaderError
from rekindle.tools.pause.model.dates import parse_iso
from rekindle.tools.pause.model.fields import MAX_TEXT_CHARS, page_id, page_ms, reader_text
from rekindle.tools.pause.model.prompts import BY_ID, UNSENT

SESSION_MINUTES = 15  # the page suggests stopping after about this long: short sessions help
MAX_ENTRIES = 5_000
SESSION_NOTE = (
    "You have been writing for about fifteen minutes. This is a good place to stop for "
    "today; what you wrote is here when you come back."
)
MAX_JOURNAL_CHARS = 3_000_000  # with the JSON around it, a backup stays under its 5 MB cap

# Reasons the relationship ended, to tag entries with; the read-back gathers them.
TAGS = {
    "talking": "We stopped talking, or talking turned into fighting",
    "trust": "Trust was broken",
    "apart": "We grew apart",
    "futures": "We wanted different futures",
    "closeness": "Closeness or sex faded",
    "pressures": "Outside pressures: money, work, family, health",
    "respect": "I did not feel respected",
    "unsafe": "I did not feel safe",
    "unknown": "I still do not know why",
}
TAG_FORMAT = set("abcdefghijklmnopqrstuvwxyz0123456789-")


@dataclass(frozen=True)
class Entry:
    id: str
    on: date
    prompt: str | None  # a prompt id, or None when written without one
    text: str
    tags: tuple[str, ...]  # keys of TAGS, in TAGS order; unknown ones from a newer page kept
    created: int
    edited: int


def make_entry(
    today: date, *, id: object, prompt: object, text: object, tags: object, at: object
) -> Entry:
    """A new entry written today; ReaderError when the text cannot be kept."""
    if prompt is not None and (not isinstance(prompt, str) or prompt not in BY_ID):
        raise ValueError(f"unknown prompt {prompt!r}")  # the page offers only known prompts
    moment = page_ms(at)
    body = reader_text(text, field="text", what="entry")
    return Entry(page_id(id), today, prompt, body, chosen_tags(tags), moment, moment)


def edited_entry(entry: Entry, *, text: object, tags: object, at: object) -> Entry:
    """The same entry with new words and tags; the edit time never goes backwards."""
    body = reader_text(text, field="text", what="entry")
    moment = max(page_ms(at), entry.edited)
    return Entry(entry.id, entry.on, entry.prompt, body, chosen_tags(tags), entry.created, moment)


def draft_entry(today: date, *, id: object, text: object, at: object) -> Entry:
    """An unsent message moved into the journal."""
    return make_entry(today, id=id, prompt=UNSENT.id, text=text, tags=[], at=at)


def chosen_tags(value: object) -> tuple[str, ...]:
    """Tags from the page's checkboxes, deduplicated, in the table's order."""
    if value is None:
        return ()
    if not isinstance(value, list | tuple) or not all(isinstance(t, str) for t in value):
        raise ValueError("tags must be a list of strings")
    unknown = [t for t in value if t not in TAGS]
    if unknown:
        raise ValueError(f"unknown tags {unknown!r}")  # the page offers only TAGS
    return tuple(t for t in TAGS if t in value)


def tag_label(tag: str) -> str:
    return TAGS.get(tag, tag.replace("-", " ").capitalize())


def check_room(entries: tuple[Entry, ...], adding: Entry, replacing: Entry | None = None) -> None:
    """Refuse an entry that would take the journal past what a backup can carry."""
    count = len(entries) + (0 if replacing else 1)
    chars = sum(len(e.text) for e in entries) + len(adding.text)
    chars -= len(replacing.text) if replacing else 0
    if count > MAX_ENTRIES or chars > MAX_JOURNAL_CHARS:
        raise ReaderError(
            "The journal is as full as this tool can keep safely. Please export it, then "
            "delete some older entries to make room. What you wrote here is still in the box.",
            field="text",
            reason="journal-full",
        )


def entry_to_json(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "on": entry.on.isoformat(),
        "prompt": entry.prompt,
        "text": entry.text,
        "tags": list(entry.tags),
        "created": entry.created,
        "edited": entry.edited,
    }


def entry_from_json(data: object) -> Entry:
    """A stored entry; ValueError when it is not one (the caller says "corrupt")."""
    if not isinstance(data, dict):
        raise ValueError("entry is not an object")
    prompt, text, tags = data.get("prompt"), data.get("text"), data.get("tags", [])
    if prompt is not None and (not isinstance(prompt, str) or page_id(prompt) != prompt):
        raise ValueError("entry prompt unreadable")
    if not isinstance(text, str) or len(text) > MAX_TEXT_CHARS:
        raise ValueError("entry text unreadable")
    if not isinstance(tags, list) or not all(_tag_shaped(t) for t in tags):
        raise ValueError("entry tags unreadable")
    created, edited = page_ms(data.get("created")), page_ms(data.get("edited"))
    if edited < created:
        raise ValueError("entry edited before it was created")
    known = tuple(t for t in TAGS if t in tags)
    newer = tuple(dict.fromkeys(t for t in tags if t not in TAGS))
    return Entry(
        page_id(data.get("id")),
        parse_iso(data.get("on")),
        prompt,
        text,
        known + newer,
        created,
        edited,
    )


def _tag_shaped(value: object) -> bool:
    return isinstance(value, str) and 0 < len(value) <= 40 and set(value) <= TAG_FORMAT
