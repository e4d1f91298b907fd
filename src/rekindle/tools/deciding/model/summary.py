"""The reader's own summary: what they want and how firmly, and what has changed. No verdict.

Rules:

- Sections come in a fixed order, each with a heading and a sentence for when it is empty,
  so the page and the print never have to invent wording.
- Private reasons appear here (this is the reader's own page) but never in codes.
- Ticking the private safety reason shows the safety pointer, whatever its "changed" answer.
"""

from __future__ import annotations

from typing import Any

from rekindle.tools.deciding.model.answers import Answers, Wish
from rekindle.tools.deciding.model.items import SAFETY_PAGE, TABLE
from rekindle.tools.deciding.model.table import Area, Changed, Firmness, Table

AREA_SECTIONS: tuple[tuple[Firmness, str, str], ...] = (
    ("must", "My must-haves", "You did not mark anything as a must-have."),
    ("like", "What I would like", "Nothing is marked as “would like”."),
    ("flexible", "Where I am flexible", "Nothing is marked as flexible."),
    ("unsure", "Where I am unsure", "You did not mark anything as unsure."),
)
REASON_SECTIONS: tuple[tuple[Changed, str, str], ...] = (
    ("no", "Reasons I think have not changed", "No reason is marked as not changed."),
    ("dont-know", "Reasons I don't know about yet", "No reason is marked “I don't know”."),
    ("partly", "Reasons that have partly changed", "No reason is marked as partly changed."),
    ("yes", "Reasons I think have changed", "No reason is marked as changed."),
)
SAFETY_NOTE = (
    "You ticked that one of you felt afraid, controlled or hurt. That reason stays on this "
    "device and is never put in a share code. The safety page has ways to get support."
)


def _wish_text(area: Area, wish: Wish) -> str:
    label = area.choice(wish.choice).label if wish.choice else None
    if wish.firmness == "unsure":
        return f"Leaning towards: {label}" if label else "No choice yet"
    return label or ""


def _area_section(
    firmness: Firmness, heading: str, empty: str, answers: Answers, table: Table
) -> dict[str, Any]:
    items = [
        {"id": area.id, "title": area.title, "text": _wish_text(area, wish)}
        for area in table.areas
        if (wish := answers.areas.get(area.id)) is not None and wish.firmness == firmness
    ]
    return {"id": firmness, "heading": heading, "empty": empty, "items": items}


def _reason_section(
    changed: Changed, heading: str, empty: str, answers: Answers, table: Table
) -> dict[str, Any]:
    items = [
        {"id": r.id, "title": r.label, "text": table.changed_level(changed).label}
        for r in table.reasons
        if answers.reasons.get(r.id) == changed
    ]
    return {"id": f"reasons-{changed}", "heading": heading, "empty": empty, "items": items}


def summary_view(answers: Answers, table: Table = TABLE) -> dict[str, Any]:
    """The summary as the page and the print show it: sections of plain sentences."""
    sections = [_area_section(*spec, answers, table) for spec in AREA_SECTIONS]
    sections += [_reason_section(*spec, answers, table) for spec in REASON_SECTIONS]
    private = [r.id for r in table.reasons if r.private and r.id in answers.reasons]
    return {
        "sections": sections,
        "unanswered": [a.title for a in table.areas if a.id not in answers.areas],
        "safety": {"note": SAFETY_NOTE, "page": SAFETY_PAGE} if private else None,
    }
