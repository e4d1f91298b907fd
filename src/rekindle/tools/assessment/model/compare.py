"""Side-by-side view of two people's results, for partners comparing share codes.

Rules: rows follow the bank's barrier order. The gap is the absolute difference between the
two scores (None when either has not enough answers). A gap of BIG_GAP or more is "much
more"; SMALL_GAP or more is "a little more"; less is "about the same". The biggest
differences are the up to BIGGEST_COUNT rows with a big gap, largest first, ties in bank
order. Every difference is said in words, never as a number and never by colour alone; the
picture (`chart.pairs_svg`) shows both bars, each with its own mark.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rekindle.tools.assessment.model.bank import ItemBank
from rekindle.tools.assessment.model.chart import Bar, bar_for, pairs_svg
from rekindle.tools.assessment.model.items import CONVERSATION_LINK, ITEM_BANK
from rekindle.tools.assessment.model.scoring import Answer, BarrierScore, counted_signs, score_all
from rekindle.tools.assessment.model.view import DISCLAIMER

BIG_GAP = 25
SMALL_GAP = 10
BIGGEST_COUNT = 3
MINE, THEIRS = "You", "Your partner"
CHART_NAMES = ("You", "Partner")
CHART_TITLE = "Each barrier: your bar (solid) and your partner's (striped)"


def compare_view(
    mine: Mapping[str, Answer], theirs: Mapping[str, Answer], bank: ItemBank = ITEM_BANK
) -> dict[str, Any]:
    """JSON-ready view model: both results per barrier, gaps in words, and the signs."""
    pairs = list(zip(score_all(mine, bank), score_all(theirs, bank), strict=True))
    rows = [_row(a, b) for a, b in pairs]
    biggest = _biggest(rows)
    for row in rows:
        row["is_big"] = row["id"] in biggest
    bars = [(bar_for(a), bar_for(b)) for a, b in pairs]
    return {
        "version": 2,
        "labels": {"mine": MINE, "theirs": THEIRS},
        "chart": {
            "svg": pairs_svg(bars, CHART_NAMES, CHART_TITLE, "rk-compare"),
            "title": CHART_TITLE,
        },
        "rows": rows,
        "biggest": biggest,
        "biggest_summary": _biggest_sentence(rows, biggest),
        "signs": _signs(mine, theirs, bank),
        "disclaimer": DISCLAIMER,
    }


def _side(bar: Bar) -> dict[str, Any]:
    return {
        "band": bar.band,
        "band_label": bar.band_label,
        "points_text": bar.points_text,
        "summary": f"{bar.band_label}: {bar.points_text}",
    }


def _gap(mine: int | None, theirs: int | None) -> int | None:
    return None if mine is None or theirs is None else abs(mine - theirs)


def _row(mine: BarrierScore, theirs: BarrierScore) -> dict[str, Any]:
    gap = _gap(mine.score, theirs.score)
    return {
        "id": mine.barrier.id,
        "title": mine.barrier.title,
        "link": mine.barrier.link,
        "mine": _side(bar_for(mine)),
        "theirs": _side(bar_for(theirs)),
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
        return "The same for you both."
    if gap < SMALL_GAP:
        return "About the same for you both."
    who = "you" if (mine or 0) > (theirs or 0) else "your partner"
    much = "much more" if gap >= BIG_GAP else "a little more"
    return f"Shows {much} for {who}."


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
        return "Your results are fairly close: no barrier shows much more for one of you."
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
