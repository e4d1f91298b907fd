"""Engine ops for the deciding-together worksheet: JSON-ready dicts in, JSON-ready dicts out.

The engine routes ``{"widget": <this tool's fence>, "op": name, "args": {...}}`` to
``OPS[name](args)``. `answers` is always the page's shape (see `model.answers`):
``{"areas": {id: {"choice": id|null, "firmness": id|null}}, "reasons": {id: changed|null}}``.
The private note travels only through save and restore, never through answers or codes.

| op        | args                          | returns                                        |
| --------- | ----------------------------- | ---------------------------------------------- |
| worksheet | {}                            | {"areas", "firmness", "reasons", "changed",    |
|           |                               | "note_max_chars", "code_prefix", "safety_note",|
|           |                               | "safety_page", "conversation_page"}            |
| summary   | {"answers"}                   | {"sections", "unanswered", "safety"}           |
|           |                               | (model.summary)                                |
| share     | {"answers"}                   | {"code": "RD1-...", "fragment": "#share=..."}  |
| compare   | {"answers", "code"}           | {"sections", "reasons", "topics",              |
|           |                               | "topics_fragment"} (model.compare)             |
| topics    | {"fragment": "#topics=a,b"}   | {"topics": [{"id", "title", "prompt"}],        |
|           |                               | "fragment"}: unknown ids skipped, never fails  |
| save      | {"answers", "note"?}          | {"saved": {...}}: store it as JSON             |
| restore   | {"saved": object or text}     | {"answers", "note"}: a draft, as saved         |

Errors (all `ReaderError`, shown as they are, nothing the reader entered is lost):
answers: "invalid-answers" (not the worksheet's values: forged or a stale page),
"incomplete" (`field` names the area or reason), "nothing-answered" (share);
code (`field` "code"): "malformed", "truncated", "tampered", "future-version", "too-long",
"other-tool" (a code from another tool, e.g. the self-assessment), "own-code";
note: "too-long", "invalid-note"; saved data: "corrupt", "future-version" (the page keeps
the stored data aside and offers a fresh start).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from rekindle.shared.errors import ReaderError
from rekindle.tools.deciding.model.answers import (
    Answers,
    Draft,
    draft_json,
    parse_answers,
    parse_draft,
)
from rekindle.tools.deciding.model.codes import CODEC, decode_theirs, encode_code, share_fragment
from rekindle.tools.deciding.model.compare import compare_view
from rekindle.tools.deciding.model.items import (
    CONVERSATION_PAGE,
    NOTE_MAX_CHARS,
    SAFETY_PAGE,
    SHARING_SAFETY_NOTE,
    TABLE,
)
from rekindle.tools.deciding.model.summary import summary_view
from rekindle.tools.deciding.model.topics import parse_topics_fragment, topics_fragment, topics_view

SAVE_FORMAT = "rekindle-deciding"
SAVE_VERSION = 1
MAX_SAVED_CHARS = 150_000  # a full note escaped as JSON, with room to spare

NO_ANSWERS_MESSAGE = "No answers reached the worksheet. Reload the page and try again."
NOTHING_MESSAGE = "Answer at least one part of the worksheet before making a code."
NOTE_TYPE_MESSAGE = "Your note could not be read as text. Reload the page and try again."
NOTE_LONG_MESSAGE = (
    "Your note is {length:,} characters long, and the worksheet keeps up to {limit:,}. "
    "Shorten it to save it; nothing has been deleted."
)
CORRUPT_MESSAGE = (
    "Your saved worksheet could not be read, so it was set aside and not used. You can start fresh."
)
NEWER_MESSAGE = (
    "Your saved worksheet was made by a newer version of Rekindle. Reload the page to use "
    "it, or start fresh."
)


def _answers(args: dict[str, Any]) -> Answers:
    if not isinstance(args, dict) or "answers" not in args:
        raise ReaderError(NO_ANSWERS_MESSAGE, reason="invalid-answers")
    return parse_answers(args["answers"])


def _note(raw: object) -> str:
    if raw is None:
        return ""
    if not isinstance(raw, str):
        raise ReaderError(NOTE_TYPE_MESSAGE, field="note", reason="invalid-note")
    if len(raw) > NOTE_MAX_CHARS:
        message = NOTE_LONG_MESSAGE.format(length=len(raw), limit=NOTE_MAX_CHARS)
        raise ReaderError(message, field="note", reason="too-long")
    return raw


def op_worksheet(args: dict[str, Any]) -> dict[str, Any]:
    """The table as the page shows it (the build renders the same thing as HTML)."""
    areas = [
        {"id": a.id, "title": a.title, "question": a.question,
         "choices": [{"id": c.id, "label": c.label} for c in a.choices]}
        for a in TABLE.areas
    ]  # fmt: skip
    levels = [{"id": f.id, "label": f.label, "hint": f.hint} for f in TABLE.firmness]
    changed = [{"id": c.id, "label": c.label, "hint": c.hint} for c in TABLE.changed]
    reasons = [{"id": r.id, "label": r.label, "private": r.private} for r in TABLE.reasons]
    return {"areas": areas, "firmness": levels, "reasons": reasons, "changed": changed,
            "note_max_chars": NOTE_MAX_CHARS, "code_prefix": CODEC.prefix,
            "safety_note": SHARING_SAFETY_NOTE, "safety_page": SAFETY_PAGE,
            "conversation_page": CONVERSATION_PAGE}  # fmt: skip


def op_summary(args: dict[str, Any]) -> dict[str, Any]:
    return summary_view(_answers(args))


def op_share(args: dict[str, Any]) -> dict[str, Any]:
    answers = _answers(args).shareable()
    if not answers.areas and not answers.reasons:
        raise ReaderError(NOTHING_MESSAGE, reason="nothing-answered")
    code = encode_code(answers)
    return {"code": code, "fragment": share_fragment(code)}


def op_compare(args: dict[str, Any]) -> dict[str, Any]:
    mine = _answers(args)
    theirs = decode_theirs(args.get("code"), mine)
    return compare_view(mine, theirs)


def op_topics(args: dict[str, Any]) -> dict[str, Any]:
    raw = args.get("fragment") if isinstance(args, dict) else None
    ids = parse_topics_fragment(raw)
    return {"topics": topics_view(ids), "fragment": topics_fragment(ids)}


def op_save(args: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(args, dict) or "answers" not in args:
        raise ReaderError(NO_ANSWERS_MESSAGE, reason="invalid-answers")
    draft = parse_draft(args["answers"])  # partial answers are kept: nothing is lost
    note = _note(args.get("note"))
    saved = {"format": SAVE_FORMAT, "version": SAVE_VERSION, "answers": draft_json(draft)}
    return {"saved": saved | {"note": note}}


def _saved_error(reason: str) -> ReaderError:
    message = NEWER_MESSAGE if reason == "future-version" else CORRUPT_MESSAGE
    return ReaderError(message, field="saved", reason=reason)


def _load_saved(saved: object) -> dict[str, Any]:
    if isinstance(saved, str):
        if len(saved) > MAX_SAVED_CHARS:
            raise _saved_error("corrupt")
        try:
            saved = json.loads(saved)
        except (ValueError, RecursionError) as error:  # bad JSON, or nested beyond reason
            raise _saved_error("corrupt") from error
    if not isinstance(saved, dict) or saved.get("format") != SAVE_FORMAT:
        raise _saved_error("corrupt")
    version = saved.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SAVE_VERSION:
        raise _saved_error("future-version")
    if version != SAVE_VERSION or isinstance(version, bool):
        raise _saved_error("corrupt")
    return saved


def _restored(saved: dict[str, Any]) -> tuple[Draft, str]:
    try:
        return parse_draft(saved.get("answers")), _note(saved.get("note"))
    except ReaderError as error:
        raise _saved_error("corrupt") from error


def op_restore(args: dict[str, Any]) -> dict[str, Any]:
    draft, note = _restored(_load_saved(args.get("saved") if isinstance(args, dict) else None))
    return {"answers": draft_json(draft), "note": note}


OPS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "worksheet": op_worksheet,
    "summary": op_summary,
    "share": op_share,
    "compare": op_compare,
    "topics": op_topics,
    "save": op_save,
    "restore": op_restore,
}
