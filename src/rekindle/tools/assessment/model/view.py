"""The results view model: plain, JSON-ready data the page writes out as text.

Every result is given in words as well as numbers ("Strong: 75 out of 100"), so nothing
depends on colour. Links are docs-relative paths ("intimacy/barriers.md#..."); the page
turns them into real addresses with the `data-rk-link` anchors the build renders.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rekindle.tools.assessment.model.bank import ItemBank
from rekindle.tools.assessment.model.items import (
    CONVERSATION_LINK,
    ITEM_BANK,
    SAFETY_PAGE,
    SEX_THERAPY_PAGE,
)
from rekindle.tools.assessment.model.scoring import (
    ANSWER_LABELS,
    BAND_LABELS,
    Answer,
    BarrierScore,
    counted_signs,
    keyed_points,
    needs_safety_pointer,
    needs_therapy_pointer,
    rank,
    score_all,
    top_barriers,
)

VIEW_VERSION = 1
DISCLAIMER = "This is a reflection, not a diagnosis."
NOT_VALIDATED = "It is not a validated clinical instrument."
NO_TOP_MESSAGE = (
    "None of the barriers stood out in your answers. The guide may still have ideas worth a look."
)
SAFETY_TEXT = (
    "Some of your answers touch on fear or on hard things from the past. If any "
    "of this brings up pain or you feel unsafe, the safety page has places to "
    "turn, and you can go at your own pace."
)
THERAPY_TEXT = (
    "Several barriers came out strong. A sex therapist or couples therapist can "
    "help you work through them together, step by step."
)
HOW_RULES = (
    "Each answer gives 0 to 4 points; more points mean more of this barrier. "
    "Reversed statements count the other way: agreeing lowers the score. "
    "A skipped statement adds no points. We need at least 2 answers to give a score."
)


def build_results_view(answers: Mapping[str, Answer], bank: ItemBank = ITEM_BANK) -> dict[str, Any]:
    scores = score_all(answers, bank)
    ranked = rank(scores, bank)
    top_ids = [s.barrier.id for s in top_barriers(ranked)]
    answered = sum(answers.get(i) is not None for i in bank.item_ids)
    return {
        "version": VIEW_VERSION,
        "disclaimer": DISCLAIMER,
        "not_validated": NOT_VALIDATED,
        "answered": answered,
        "total": len(bank.items),
        "barriers": [
            _barrier_row(s, n, s.barrier.id in top_ids, answers)
            for n, s in enumerate(ranked, start=1)
        ],
        "top": top_ids,
        "no_top_message": None if top_ids else NO_TOP_MESSAGE,
        "signs": signs_view(answers, bank),
        "show_safety_pointer": needs_safety_pointer(scores, answers, bank),
        "safety": {"text": SAFETY_TEXT, "link": SAFETY_PAGE},
        "show_therapy_pointer": needs_therapy_pointer(scores),
        "therapy": {"text": THERAPY_TEXT, "link": SEX_THERAPY_PAGE},
    }


def score_summary(score: BarrierScore) -> str:
    """The result in words, e.g. "Strong: 75 out of 100"."""
    label = BAND_LABELS[score.band]
    if score.score is None:
        total = len(score.answered) + len(score.skipped)
        return f"{label}: {len(score.answered)} of {total} statements answered"
    return f"{label}: {score.score} out of 100"


def _barrier_row(
    score: BarrierScore, position: int, is_top: bool, answers: Mapping[str, Answer]
) -> dict[str, Any]:
    barrier = score.barrier
    return {
        "id": barrier.id,
        "title": barrier.title,
        "rank": position,
        "score": score.score,
        "band": score.band,
        "band_label": BAND_LABELS[score.band],
        "summary": score_summary(score),
        "is_top": is_top,
        "explanation": list(barrier.explanation),
        "first_steps": list(barrier.first_steps),
        "link": barrier.link,
        "how": _how_view(score, answers),
    }


def _how_view(score: BarrierScore, answers: Mapping[str, Answer]) -> dict[str, Any]:
    counted = [
        {
            "item_id": item.id,
            "text": item.text,
            "answer": answers[item.id],
            "answer_label": ANSWER_LABELS[answers[item.id]],  # type: ignore[index]
            "reverse_keyed": item.reverse,
            "points": keyed_points(item, answers[item.id]),  # type: ignore[arg-type]
        }
        for item in score.answered
    ]
    skipped = [{"item_id": item.id, "text": item.text} for item in score.skipped]
    return {
        "counted": counted,
        "skipped": skipped,
        "points": score.points,
        "max_points": score.max_points,
        "rules": HOW_RULES,
        "sentence": _how_sentence(score),
    }


def _how_sentence(score: BarrierScore) -> str:
    if score.score is None:
        return (
            f"You answered {len(score.answered)} of the {score.max_points // 4} "
            "statements, so there is not enough to go on."
        )
    return (
        f"Your answers gave {score.points} of {score.max_points} possible points, "
        f"which is {score.score} out of 100."
    )


def signs_view(answers: Mapping[str, Answer], bank: ItemBank = ITEM_BANK) -> dict[str, Any]:
    counted = {s.id for s in counted_signs(answers, bank)}
    items = [
        {
            "item_id": s.id,
            "text": s.text,
            "short": s.short,
            "answer": answers.get(s.id),
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
