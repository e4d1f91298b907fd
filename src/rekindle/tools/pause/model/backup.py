"""The saved and backup format: one versioned envelope, checked before anything is used.

Rules:

1. Saved data (what the page keeps on the device) and a backup file are the same envelope:
   {"format": "rekindle-pause", "version": 1, "data": <state>}. When the journal is
   locked, the browser replaces "data" with "locked" (its ciphertext and parameters); this
   model never sees a key and, given a locked envelope, says it must be unlocked first.
2. Text is measured before it is parsed: anything over MAX_BACKUP_CHARS is refused
   unread, so a 50 MB file costs nothing.
3. Every problem is a ReaderError with a stable reason and plain words, and nothing on the
   device changes: "empty", "too-large", "truncated", "not-a-backup", "other-tool",
   "future-version", "locked", "corrupt".
4. Restoring saved data reports any damage as "corrupt" (or "future-version" / "locked"):
   the page keeps what it stored aside and never deletes it.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from rekindle.shared.errors import ReaderError
from rekindle.tools.pause.model.journal import MAX_ENTRIES, MAX_JOURNAL_CHARS
from rekindle.tools.pause.model.state import (
    MAX_CONTACTS,
    MAX_TOMBSTONES,
    PauseState,
    state_from_json,
    state_to_json,
)

FORMAT = "rekindle-pause"
VERSION = 1
MAX_BACKUP_CHARS = 5_000_000
OTHER_TOOLS = {
    "rekindle-assessment": "the barrier self-assessment",
    "rekindle-timer": "the conversation timer",
    "rekindle-deciding": "the deciding-together worksheet",
    "rekindle-checkin": "the check-in planner",
}

SAVED_CORRUPT = (
    "Your saved journal could not be read, so it was set aside and nothing was deleted. You "
    "can import a backup, or start afresh."
)
SAVED_NEWER = (
    "Your saved journal was written by a newer version of this page. Reload the page to get "
    "it; nothing was changed."
)

SAVED_MESSAGES = {
    "future-version": SAVED_NEWER,
    "locked": "Your journal is locked. Enter your passphrase to open it.",
}


def envelope(state: PauseState) -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "data": state_to_json(state)}


def backup_text(state: PauseState) -> str:
    """The backup file's text: the envelope as compact JSON, readable characters kept."""
    text = json.dumps(envelope(state), ensure_ascii=False, separators=(",", ":"))
    if len(text) > MAX_BACKUP_CHARS:
        raise ReaderError(
            "The journal has grown too large for one backup file. Please export it as "
            "Markdown, then delete some older entries.",
            field="backup",
            reason="too-large",
        )
    return text


def check_fits(state: PauseState) -> None:
    """Refuse a merge that would make the journal larger than one backup can carry."""
    chars = sum(len(e.text) for e in state.entries)
    if (
        len(state.entries) > MAX_ENTRIES
        or chars > MAX_JOURNAL_CHARS
        or len(state.contacts) > MAX_CONTACTS
        or len(state.deleted) > MAX_TOMBSTONES
    ):
        raise _problem(
            "Together with what is already here, this backup would make the journal larger "
            "than this tool can keep. Nothing was imported.",
            "journal-full",
        )


def backup_filename(today: date) -> str:
    """A neutral name: nothing in it says what the file holds."""
    return f"notes-{today.isoformat()}.json"


def parse_backup(text: object) -> PauseState:
    """A backup file's text as a state, or a ReaderError saying why it cannot be used."""
    if not isinstance(text, str):
        raise ValueError("the page must send the file's text")  # a bug in the page
    _check_size(text)
    found = _json(text)
    data = _unwrap(found, field="backup")
    try:
        return state_from_json(data)
    except (ValueError, TypeError, RecursionError):
        raise _problem(
            "Part of this backup is damaged, so none of it was imported. Your journal here is "
            "unchanged.",
            "corrupt",
        ) from None


def restore_saved(saved: object) -> PauseState:
    """Saved data (an object, or its JSON text) as a state; "corrupt" for any damage."""
    try:
        if isinstance(saved, str):
            _check_size(saved)
            saved = _json(saved)
        return state_from_json(_unwrap(saved, field="saved"))
    except ReaderError as problem:
        message = SAVED_MESSAGES.get(problem.reason, SAVED_CORRUPT)
        reason = problem.reason if problem.reason in SAVED_MESSAGES else "corrupt"
        raise ReaderError(message, field="saved", reason=reason) from None
    except (ValueError, TypeError, RecursionError):
        raise ReaderError(SAVED_CORRUPT, field="saved", reason="corrupt") from None


def _problem(message: str, reason: str, field: str = "backup") -> ReaderError:
    return ReaderError(message, field=field, reason=reason)


def _check_size(text: str) -> None:
    if not text.strip():
        raise _problem("This file is empty.", "empty")
    if len(text) > MAX_BACKUP_CHARS:
        megabytes = len(text) / 1_000_000
        raise _problem(
            f"This file is about {megabytes:,.0f} MB, far larger than a backup from this "
            f"journal can be ({MAX_BACKUP_CHARS // 1_000_000} MB at most). It may be a "
            "different file.",
            "too-large",
        )


def _json(text: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        cut_short = error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated")
        if cut_short and text.lstrip().startswith("{"):
            raise _problem(
                "This backup is incomplete, as if it was cut off while being saved or "
                "copied. Try exporting it again from the device that has the journal.",
                "truncated",
            ) from None
        raise _not_a_backup() from None
    except RecursionError:
        raise _not_a_backup() from None


def _not_a_backup() -> ReaderError:
    return _problem(
        "This file is not a backup of this journal. Look for a file this page exported "
        "(its name starts with notes-).",
        "not-a-backup",
    )


def _unwrap(found: object, *, field: str) -> object:
    """The envelope's data, after checking whose it is and which version wrote it."""
    if not isinstance(found, dict):
        raise _not_a_backup()
    kind = found.get("format")
    if kind != FORMAT:
        if isinstance(kind, str) and kind in OTHER_TOOLS:
            raise _problem(
                f"This file holds answers from {OTHER_TOOLS[kind]}, not this journal. Import "
                "it on that tool's page instead.",
                "other-tool",
                field,
            )
        raise _not_a_backup()
    version = found.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _problem("This backup is damaged: its version cannot be read.", "corrupt", field)
    if version > VERSION:
        raise _problem(
            "This backup was made by a newer version of this page. Reload the page to get "
            "the newest version, then import it again. Nothing was changed.",
            "future-version",
            field,
        )
    if "data" not in found and "locked" in found:
        raise _problem("This backup is locked. Enter its passphrase to open it.", "locked", field)
    return found.get("data")
