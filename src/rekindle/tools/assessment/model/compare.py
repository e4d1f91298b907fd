"""Side-by-side view of two people's results, for partners comparing share codes.

Rules: rows follow the bank's barrier order. The difference is the absolute gap between
the two scores (None when either has not enough answers). The biggest differences are the
up to BIGGEST_COUNT rows with a gap of at least BIG_GAP points, largest first, ties in bank
order. Every difference is also said in words, never by colour alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rekindle.tools.assessment.model.bank import ItemBank
from rekindle.tools.assessment.model.items import CONVERSATION_LINK, ITEM_BANK
from rekindle.tools.assessment.model.scoring import (
    BAND_LABELS,
    Answer,
    BarrierScore,
    counted_signs,
    score_all,
)
from rekindle.tools.assessment.model.view import DISCLAIMER, score_summary

BIG_GAP = 25
BIGGEST_COUNT = 3
MINE, THEIRS = "You", "Your partner"


def compare_view(
    mine: Mapping[str, Answer], theirs: Mapping[str, Answer], bank: ItemBank = ITEM_BANK
) -> dict[str, Any]:
    """JSON-ready view model: both results per barrier, gaps, and the signs side by side."""
    pairs = list(zip(score_all(mine, bank), score_all(theirs, bank), strict=True))
    rows = [_row(a, b) for a, b in pairs]
    biggest = _biggest(rows)
    for row in rows:
        row["is_big"] = row["id"] in biggest
    return {
        "version": 1,
        "labels": {"mine": MINE, "theirs": THEIRS},
        "rows": rows,
        "biggest": biggest,
        "biggest_summary": _biggest_sentence(rows, biggest),
        "signs": _signs(mine, theirs, bank),
        "disclaimer": DISCLAIMER,
    }


def _side(score: BarrierScore) -> dict[str, Any]:
    return {
        "score": score.score,
        "band": score.band,
        "band_label": BAND_LABELS[score.band],
        "summary": score_summary(score),
    }


def _row(mine: BarrierScore, theirs: BarrierScore) -> dict[str, Any]:
    gap = None
    if mine.score is not None and theirs.score is not None:
        gap = abs(mine.score - theirs.score)
    return {
        "id": mine.barrier.id,
        "title": mine.barrier.title,
        "link": mine.barrier.link,
        "mine": _side(mine),
        "theirs": _side(theirs),
        "difference": gap,
        "higher": _higher(mine.score, theirs.score),
        "sentence": _row_sentence(mine.score, theirs.score, gap),
        "is_big": False,
    }


def _higher(mine: int | None, theirs: int | None) -> str | None:
    if mine is None or theirs is None:
        return None
    if mine == theirs:
        return "same"
    return "mine" if mine > theirs else "theirs"


def _row_sentence(mine: int | None, theirs: int | None, gap: int | None) -> str:
    if gap is None:
        return "One of you did not answer enough statements here to compare."
    if gap == 0:
        return "You both scored this the same."
    who = "You" if (mine or 0) > (theirs or 0) else "Your partner"
    return f"{who} scored this {gap} points higher."


def _biggest(rows: list[dict[str, Any]]) -> list[str]:
    gaps = [
        (r["difference"], n, r["id"])
        for n, r in enumerate(rows)
        if r["difference"] is not None and r["difference"] >= BIG_GAP
    ]
    gaps.sort(key=lambda g: (-g[0], g[1]))
    return [row_id for _, _, row_id in gaps[:BIGGEST_COUNT]]


def _biggest_sentence(rows: list[dict[str, Any]], biggest: list[str]) -> str:
    if not biggest:
        return f"Your results are fairly close: no barrier differs by {BIG_GAP} points or more."
    titles = [r["title"] for r in rows if r["id"] in biggest]
    return (
        "You see these most differently: "
        + "; ".join(titles)
        + ". They may be good places to start talking."
    )


def _signs(
    mine: Mapping[str, Answer], theirs: Mapping[str, Answer], bank: ItemBank
) -> dict[str, Any]:
    my_signs = {s.id for s in counted_signs(mine, bank)}
    their_signs = {s.id for s in counted_signs(theirs, bank)}
    items = [
        {
            "item_id": s.id,
            "short": s.short,
            "text": s.text,
            "mine": s.id in my_signs,
            "theirs": s.id in their_signs,
        }
        for s in bank.signs
    ]
    both = sum(1 for i in items if i["mine"] and i["theirs"])
    return {
        "mine_count": len(my_signs),
        "theirs_count": len(their_signs),
        "both_count": both,
        "total": len(items),
        "items": items,
        "summary": (
            f"You agreed with {len(my_signs)} signs, your partner with "
            f"{len(their_signs)}, and you share {both}."
        ),
        "link": CONVERSATION_LINK,
    }
