"""The results view model: plain, JSON-ready data the page writes out as text (and one SVG).

Rules
1. Too few answers (scoring rule 10) give a "too-few" view: how many are needed and why, how
   many there are, and where the first statement without an answer is. Nothing is scored.
2. Otherwise the view leads with a picture (`chart.results_svg`) and one headline sentence in
   band words; the same figures come again as table rows for anyone who cannot see the chart.
3. How the scores are worked out is said once, not once per barrier. The statements
   themselves appear only in its folded per-statement list, which is printed only on request.
4. Every barrier keeps its explanation, first steps and guide link; the page opens those of
   the top barriers and folds the rest.
Links are docs-relative paths ("intimacy/barriers.md#..."); the page turns them into real
addresses with the `data-rk-link` anchors the build renders.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rekindle.tools.assessment.model.bank import ItemBank
from rekindle.tools.assessment.model.chart import Bar, bar_for, results_svg
from rekindle.tools.assessment.model.items import (
    CONVERSATION_LINK,
    ITEM_BANK,
    SAFETY_PAGE,
    SEX_THERAPY_PAGE,
)
from rekindle.tools.assessment.model.scoring import (
    ANSWER_LABELS,
    MAX_POINTS_PER_ITEM,
    MIN_ANSWERED,
    MIN_ANSWERS_FOR_RESULTS,
    SOME_FROM,
    STRONG_FROM,
    Answer,
    BarrierScore,
    answered_count,
    counted_signs,
    first_unanswered,
    keyed_points,
    needs_safety_pointer,
    needs_therapy_pointer,
    rank,
    score_all,
    top_barriers,
)

VIEW_VERSION = 2
DISCLAIMER = "This is a reflection, not a diagnosis."
NOT_VALIDATED = "It is not a validated clinical instrument."
CHART_TITLE = "Your barriers, strongest first"
NO_TOP_MESSAGE = (
    "None of the barriers stood out in your answers. The guide may still have ideas worth a look."
)
SAFETY_TEXT = (
    "Some of your answers touch on fear or on hard things from the past. If any "
    "of this brings up pain or you feel unsafe, the safety page has places to "
    "turn, and you can go at your own pace."
)
THERAPY_TEXT = (
    "Several barriers stand out. A sex therapist or couples therapist can "
    "help you work through them together, step by step."
)
HOW_RULES = (
    f"Each answer gives 0 to {MAX_POINTS_PER_ITEM} points; more points mean more of that "
    "barrier. A few statements are turned around: agreeing with them counts the other way. "
    "A skipped statement adds no points but still counts in the most a barrier could get.",
    f"A barrier stands out from {STRONG_FROM // 10} in 10 of its possible points, shows some "
    f"signs from {SOME_FROM // 10} in 10, and little sign below that. It needs at least "
    f"{MIN_ANSWERED} answers to show anything.",
    "With three or four statements a barrier, these are rough signs, not measurements.",
)
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five")
MINIMUM_REASON = (
    f"Each barrier needs {NUMBER_WORDS[MIN_ANSWERED]} of its statements answered before it "
    "can show anything, and a Skip tells us nothing. With fewer answers, most barriers "
    'would only say "not enough answers".'
)


def minimum_sentence() -> str:
    """What the page says before results, and the build renders beside "See my results"."""
    return (
        f"Results need at least {MIN_ANSWERS_FOR_RESULTS} answered statements "
        f"(Skip does not count). {MINIMUM_REASON}"
    )


def build_results_view(answers: Mapping[str, Answer], bank: ItemBank = ITEM_BANK) -> dict[str, Any]:
    """`answers` as given: an absent id is not reached yet, None is a Skip (both score 0)."""
    answered = answered_count(answers, bank)
    if answered < MIN_ANSWERS_FOR_RESULTS:
        return too_few_view(answers, answered, bank)
    scores = score_all(answers, bank)
    ranked = rank(scores, bank)
    top_ids = [s.barrier.id for s in top_barriers(ranked)]
    bars = [bar_for(s) for s in ranked]
    skipped = sum(1 for i in bank.item_ids if i in answers and answers[i] is None)
    return {
        "version": VIEW_VERSION,
        "status": "ok",
        "disclaimer": DISCLAIMER,
        "not_validated": NOT_VALIDATED,
        "answered": answered,
        "skipped": skipped,
        "total": len(bank.items),
        "answered_text": _answered_sentence(answered, skipped, len(bank.items)),
        "headline": headline(bars),
        "chart": {"svg": results_svg(bars, CHART_TITLE), "title": CHART_TITLE},
        "barriers": [
            _barrier_row(bar, s, n, s.barrier.id in top_ids)
            for n, (bar, s) in enumerate(zip(bars, ranked, strict=True), start=1)
        ],
        "top": top_ids,
        "no_top_message": None if top_ids else NO_TOP_MESSAGE,
        "how": _how_view(ranked, answers),
        "signs": signs_view(answers, bank),
        "show_safety_pointer": needs_safety_pointer(scores, answers, bank),
        "safety": {"text": SAFETY_TEXT, "link": SAFETY_PAGE},
        "show_therapy_pointer": needs_therapy_pointer(scores),
        "therapy": {"text": THERAPY_TEXT, "link": SEX_THERAPY_PAGE},
    }


def too_few_view(
    answers: Mapping[str, Answer], answered: int, bank: ItemBank = ITEM_BANK
) -> dict[str, Any]:
    """Rule 1: what is missing, and where the reader can add it."""
    first = first_unanswered(answers, bank)
    group = next((n for n, g in enumerate(bank.groups) if first in g.item_ids), 0)
    where = (
        f"The first statement without an answer is in part {group + 1}, and is marked."
        if first is not None
        else ""
    )
    return {
        "version": VIEW_VERSION,
        "status": "too-few",
        "needed": MIN_ANSWERS_FOR_RESULTS,
        "answered": answered,
        "first_missing": first,
        "first_missing_group": group,
        "message": (
            f"Results need at least {MIN_ANSWERS_FOR_RESULTS} answered statements; "
            f"you have answered {answered}. {MINIMUM_REASON} {where}"
        ).strip(),
    }


def _answered_sentence(answered: int, skipped: int, total: int) -> str:
    skips = f", and skipped {skipped}" if skipped else ""
    return f"You answered {answered} of {total} statements{skips}."


def headline(bars: list[Bar]) -> str:
    """The picture in one or two sentences of band words."""
    strong = [b.title for b in bars if b.band == "strong"]
    some = [b.title for b in bars if b.band == "some"]
    if not strong and not some:
        return "No barrier stands out in your answers, and none shows more than a little sign."
    parts = []
    if strong:
        parts.append("Standing out in your answers: " + "; ".join(strong) + ".")
    if some:
        parts.append("Some signs: " + "; ".join(some) + ".")
    return " ".join(parts)


def _barrier_row(bar: Bar, score: BarrierScore, position: int, is_top: bool) -> dict[str, Any]:
    barrier = score.barrier
    return {
        "id": barrier.id,
        "title": barrier.title,
        "rank": position,
        "score": score.score,
        "band": bar.band,
        "band_label": bar.band_label,
        "points": bar.points,
        "max_points": bar.max_points,
        "points_text": bar.points_text,
        "summary": f"{bar.band_label}: {bar.points_text}",
        "is_top": is_top,
        "explanation": list(barrier.explanation),
        "first_steps": list(barrier.first_steps),
        "link": barrier.link,
    }


def _how_view(ranked: list[BarrierScore], answers: Mapping[str, Answer]) -> dict[str, Any]:
    """Rule 3: the rules once, then each barrier's statements for those who want them."""
    return {
        "title": "How this was worked out",
        "rules": list(HOW_RULES),
        "barriers": [
            {
                "id": s.barrier.id,
                "title": s.barrier.title,
                "sentence": _how_sentence(s),
                "statements": _statements(s, answers),
            }
            for s in ranked
        ],
    }


def _statements(score: BarrierScore, answers: Mapping[str, Answer]) -> list[dict[str, Any]]:
    counted = [
        {
            "item_id": item.id,
            "text": item.text,
            "answer_label": ANSWER_LABELS[answer],
            "reverse_keyed": item.reverse,
            "points": keyed_points(item, answer),
        }
        for item in score.answered
        if (answer := answers.get(item.id)) is not None
    ]
    skipped = [
        {
            "item_id": i.id,
            "text": i.text,
            "answer_label": "Skipped",
            "reverse_keyed": i.reverse,
            "points": 0,
        }
        for i in score.skipped
    ]
    return counted + skipped


def _how_sentence(score: BarrierScore) -> str:
    total = len(score.answered) + len(score.skipped)
    if score.score is None:
        return f"{len(score.answered)} of {total} statements answered: not enough to show anything."
    return f"{score.points} of {score.max_points} possible points from {total} statements."


def signs_view(answers: Mapping[str, Answer], bank: ItemBank = ITEM_BANK) -> dict[str, Any]:
    counted = {s.id for s in counted_signs(answers, bank)}
    items = [
        {
            "item_id": s.id,
            "short": s.short,
            "answer_label": ANSWER_LABELS.get(answers.get(s.id) or 0, "Skipped"),
            "counts": s.id in counted,
        }
        for s in bank.signs
    ]
    return {
        "count": len(counted),
        "total": len(items),
        "items": items,
        "summary": _signs_sentence(len(counted), len(items)),
        "rule": "A sign counts when you answered Agree or Strongly agree.",
        "link": CONVERSATION_LINK,
    }


def _signs_sentence(count: int, total: int) -> str:
    if count == 0:
        return (
            f"You did not agree with any of the {total} signs. If closeness still feels "
            "low, a gentle talk can help."
        )
    return (
        f"You agreed with {count} of the {total} signs that closeness may be slipping. "
        "A calm, open talk with your partner is a good place to start."
    )
