"""Engine ops for the barrier self-assessment: JSON-ready dicts in, JSON-ready dicts out.

The dispatcher routes {"widget": "assessment", "op": name, "args": {...}} to OPS[name](args).
Every reader-facing failure raises a ValueError subclass with a `.message` (and `.reason`).

| op            | args                        | returns                                  |
| ------------- | --------------------------- | ---------------------------------------- |
| questionnaire | {}                          | {"groups", "scale", "item_count"}        |
| score         | {"answers": {id: 1..5, null}} | results view (model.view): status "ok",  |
|               |                             | or "too-few" (where the first gap is)    |
| share         | {"answers"}                 | {"code": "RK1-...", "fragment": "#share=..."} |
| compare       | {"answers", "code"}         | compare view (model.compare)             |
| save          | {"answers", "group_index"}  | {"saved": {...}}: store it as JSON       |
| restore       | {"saved": object or text}   | {"answers", "group_index"}: only the     |
|               |                             | statements answered or skipped (null)    |

Errors: AssessmentError (bad answers, reason "invalid-answers"), ShareCodeError (reason in
malformed / truncated / tampered / future-version / too-long), SavedDataError (reason
"corrupt" or "future-version": the page keeps the stored data aside and offers a fresh start).
`group_index` runs from 0 to the number of groups; the number of groups means "on results".

Saved answers keep skips: {"rej-1": 4, "att-2": null} means rej-1 answered, att-2 skipped
("Skip" ticked), every other statement not reached yet. Saves from before skips were kept
simply have no nulls, and restore the same way.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from rekindle.shared.errors import ReaderError
from rekindle.tools.assessment.model.items import ITEM_BANK
from rekindle.tools.assessment.model.scoring import (
    ANSWER_LABELS,
    SKIP_LABEL,
    Answers,
    AssessmentError,
    parse_answers,
    parse_given_answers,
    results_view,
)
from rekindle.tools.assessment.model.sharecode import (
    compare_view,
    decode_share_code,
    encode_share_code,
    share_link_fragment,
)

SAVE_FORMAT = "rekindle-assessment"
SAVE_VERSION = 1
MAX_SAVED_CHARS = 20_000


class SavedDataError(ReaderError):
    """Saved answers that cannot be used; the page keeps them aside, never deletes them."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


CORRUPT_MESSAGE = (
    "Your saved answers could not be read, so we set them aside and did not "
    "use them. You can start fresh."
)
NEWER_MESSAGE = (
    "Your saved answers were made by a newer version of Rekindle. Reload the "
    "page to use them, or start fresh."
)


def _answers(args: dict[str, Any]) -> Answers:
    if not isinstance(args, dict) or "answers" not in args:
        raise AssessmentError("No answers were sent to be worked out.")
    return parse_answers(args["answers"])


def op_questionnaire(args: dict[str, Any]) -> dict[str, Any]:
    """The item bank as the page shows it (the build renders the same thing as HTML)."""
    groups = [
        {
            "id": g.id,
            "title": g.title,
            "intro": g.intro,
            "items": [{"id": i, "text": ITEM_BANK.item(i).text} for i in g.item_ids],
        }
        for g in ITEM_BANK.groups
    ]
    scale = [{"value": v, "label": label} for v, label in ANSWER_LABELS.items()]
    return {
        "groups": groups,
        "scale": [*scale, {"value": None, "label": SKIP_LABEL}],
        "item_count": len(ITEM_BANK.items),
    }


def op_score(args: dict[str, Any]) -> dict[str, Any]:
    """Absent and skipped score alike, but only an absent one is "not reached yet"."""
    if not isinstance(args, dict) or "answers" not in args:
        raise AssessmentError("No answers were sent to be worked out.")
    return results_view(parse_given_answers(args["answers"]))


def op_share(args: dict[str, Any]) -> dict[str, Any]:
    code = encode_share_code(_answers(args))
    return {"code": code, "fragment": share_link_fragment(code)}


def op_compare(args: dict[str, Any]) -> dict[str, Any]:
    mine = _answers(args)
    theirs = decode_share_code(args.get("code"))
    return compare_view(mine, theirs)


def _group_index(value: object) -> int:
    limit = len(ITEM_BANK.groups)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= limit:
        raise AssessmentError(f"The page number must be a whole number from 0 to {limit}.")
    return value


def op_save(args: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(args, dict) or "answers" not in args:
        raise AssessmentError("No answers were sent to be saved.")
    kept = parse_given_answers(args["answers"])  # skips (None) included: "Skip" is an answer
    return {
        "saved": {
            "format": SAVE_FORMAT,
            "version": SAVE_VERSION,
            "answers": kept,
            "group_index": _group_index(args.get("group_index", 0)),
        }
    }


def _load_saved(saved: object) -> dict[str, Any]:
    if isinstance(saved, str):
        if len(saved) > MAX_SAVED_CHARS:
            raise SavedDataError("corrupt", CORRUPT_MESSAGE)
        try:
            saved = json.loads(saved)
        except ValueError as error:
            raise SavedDataError("corrupt", CORRUPT_MESSAGE) from error
    if not isinstance(saved, dict) or saved.get("format") != SAVE_FORMAT:
        raise SavedDataError("corrupt", CORRUPT_MESSAGE)
    return saved


def op_restore(args: dict[str, Any]) -> dict[str, Any]:
    saved = _load_saved(args.get("saved") if isinstance(args, dict) else None)
    version = saved.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SAVE_VERSION:
        raise SavedDataError("future-version", NEWER_MESSAGE)
    if version != SAVE_VERSION:
        raise SavedDataError("corrupt", CORRUPT_MESSAGE)
    try:
        answers = parse_given_answers(saved.get("answers"))
        group_index = _group_index(saved.get("group_index"))
    except AssessmentError as error:
        raise SavedDataError("corrupt", CORRUPT_MESSAGE) from error
    return {"answers": answers, "group_index": group_index}


OPS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "questionnaire": op_questionnaire,
    "score": op_score,
    "share": op_share,
    "compare": op_compare,
    "save": op_save,
    "restore": op_restore,
}
