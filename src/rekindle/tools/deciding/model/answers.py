"""The page's raw answers, parsed: a partial draft first, then complete answers.

Rules:

- Raw answers look like ``{"areas": {"children": {"choice": "yes", "firmness": "must"}},
  "reasons": {"trust": "no", "drifting-apart": null}}``. An area left out (or with both parts
  null) is not answered; a reason listed is ticked, and null means "not yet said whether it
  has changed". The private note is never part of answers.
- Anything not in the table (an unknown area, choice, firmness, reason or "changed" value)
  was forged or sent by an older page: ReaderError, reason "invalid-answers".
- A draft may be partial (that is what is saved). Summary, share code and comparison need
  complete answers: an answered area has a firmness and, unless unsure, a choice; a ticked
  reason says whether it has changed. Otherwise ReaderError, reason "incomplete", naming
  the first unfinished field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from rekindle.shared.errors import ReaderError
from rekindle.tools.deciding.model.items import TABLE
from rekindle.tools.deciding.model.table import CHANGED_IDS, FIRMNESS_IDS, Changed, Firmness, Table

FORGED_MESSAGE = (
    "Part of this worksheet held something that is not one of its choices. Reload the page "
    "and try again; everything else you entered is kept."
)


@dataclass(frozen=True)
class DraftArea:
    """One area as the reader left it, perhaps half done."""

    choice: str | None
    firmness: Firmness | None


@dataclass(frozen=True)
class Draft:
    """Answers as they stand, perhaps partial: what is saved on the device."""

    areas: Mapping[str, DraftArea]
    reasons: Mapping[str, Changed | None]


@dataclass(frozen=True)
class Wish:
    """One answered area: a firmness always, a choice unless unsure (then it is a leaning)."""

    choice: str | None
    firmness: Firmness


@dataclass(frozen=True)
class Answers:
    """Complete answers: only answered areas and ticked reasons are present."""

    areas: Mapping[str, Wish]
    reasons: Mapping[str, Changed]

    def shareable(self, table: Table = TABLE) -> Answers:
        """These answers without private reasons: exactly what a share code carries."""
        private = {r.id for r in table.reasons if r.private}
        kept = {r: c for r, c in self.reasons.items() if r not in private}
        return Answers(dict(self.areas), kept)


def _forged(field: str | None = None) -> ReaderError:
    """Forged or stale input; `field` is a table id (never the forged text itself)."""
    return ReaderError(FORGED_MESSAGE, field=field, reason="invalid-answers")


def _mapping(raw: object, field: str | None = None) -> Mapping[str, object]:
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not all(isinstance(k, str) for k in raw):
        raise _forged(field)
    return cast(Mapping[str, object], raw)


def _pick(raw: object, allowed: tuple[str, ...], field: str) -> str | None:
    if raw is None:
        return None
    if not isinstance(raw, str) or raw not in allowed:
        raise _forged(field)
    return raw


def _draft_area(area_id: str, raw: object, table: Table) -> DraftArea:
    if area_id not in table.area_ids:
        raise _forged()
    parts = _mapping(raw, area_id)
    if set(parts) - {"choice", "firmness"}:
        raise _forged(area_id)
    choice = _pick(parts.get("choice"), table.area(area_id).choice_ids, area_id)
    firmness = _pick(parts.get("firmness"), FIRMNESS_IDS, area_id)
    return DraftArea(choice, cast(Firmness | None, firmness))


def _draft_reason(reason_id: str, raw: object, table: Table) -> Changed | None:
    if reason_id not in table.reason_ids:
        raise _forged()
    return cast(Changed | None, _pick(raw, CHANGED_IDS, reason_id))


def parse_draft(raw: object, table: Table = TABLE) -> Draft:
    """Raw page answers as a draft, or ReaderError ("invalid-answers") for forged values."""
    top = _mapping(raw)
    if set(top) - {"areas", "reasons"}:
        raise _forged()
    areas = {a: _draft_area(a, v, table) for a, v in _mapping(top.get("areas")).items()}
    reasons = _mapping(top.get("reasons"))
    return Draft(
        areas={a: d for a, d in areas.items() if d != DraftArea(None, None)},
        reasons={r: _draft_reason(r, v, table) for r, v in reasons.items()},
    )


def _incomplete(message: str, field: str) -> ReaderError:
    return ReaderError(message, field=field, reason="incomplete")


def _wish(area_id: str, draft: DraftArea, table: Table) -> Wish:
    title = table.area(area_id).title
    if draft.firmness is None:
        message = f"For “{title}”, say how firm your wish is, or clear your choice."
        raise _incomplete(message, area_id)
    if draft.choice is None and draft.firmness != "unsure":
        message = f"For “{title}”, pick one of the choices, or mark it as unsure."
        raise _incomplete(message, area_id)
    return Wish(draft.choice, draft.firmness)


def complete(draft: Draft, table: Table = TABLE) -> Answers:
    """A draft's complete answers, or ReaderError ("incomplete") naming what is unfinished."""
    areas = {a: _wish(a, draft.areas[a], table) for a in table.area_ids if a in draft.areas}
    for reason in table.reasons:
        if reason.id in draft.reasons and draft.reasons[reason.id] is None:
            message = f"For “{reason.label}”, say whether it has changed (“I don't know” is fine)."
            raise _incomplete(message, reason.id)
    reasons = {r: c for r in table.reason_ids if (c := draft.reasons.get(r)) is not None}
    return Answers(areas, reasons)


def parse_answers(raw: object, table: Table = TABLE) -> Answers:
    """Raw page answers that must be complete (for the summary, a code or a comparison)."""
    return complete(parse_draft(raw, table), table)


def draft_json(draft: Draft) -> dict[str, Any]:
    """A draft in the page's own shape, ready to be saved as JSON."""
    areas = {a: {"choice": d.choice, "firmness": d.firmness} for a, d in draft.areas.items()}
    return {"areas": areas, "reasons": dict(draft.reasons)}


def answers_json(answers: Answers) -> dict[str, Any]:
    """Complete answers in the page's own shape (for a decoded code shown back)."""
    areas = {a: {"choice": w.choice, "firmness": w.firmness} for a, w in answers.areas.items()}
    return {"areas": areas, "reasons": dict(answers.reasons)}
