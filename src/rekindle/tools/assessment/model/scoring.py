"""Scoring the barrier questionnaire: pure functions, rules stated here and nowhere else.

Rules
1. Answers map an item id to 1..5 (1 = strongly disagree, 5 = strongly agree) or None
   (skipped). An id that is absent counts as skipped.
2. Keyed points: a normal item gives answer - 1; a reverse-keyed item gives 5 - answer.
   So every answered item gives 0..4 points, and more points always mean "more of this
   barrier". Reversing is `6 - answer`, so reversing twice gives the answer back.
3. Enough answers: a barrier needs at least MIN_ANSWERED answered items. With fewer, its
   result is "not enough answers" (score None), never 0.
4. Score: 100 * (sum of keyed points) / (4 * number of items in the barrier), rounded half
   up to a whole number. A skipped item adds 0 points but still counts in the maximum: a
   conservative sum. That is why skipping an answer can never raise a score (it can only
   lower it, or turn it into "not enough answers").
5. Bands: "strong" from STRONG_FROM, "some" from SOME_FROM, "low" below.
6. Ranking: scored barriers by score, highest first; ties keep the bank's barrier order.
   Barriers with not enough answers come last, in bank order.
7. Top barriers: the first TOP_COUNT ranked barriers whose band is "some" or "strong".
8. Signs: a sign counts when answered 4 or 5 (agree or strongly agree).
9. Safety pointer: a barrier that touches fear or past trauma is "strong", or an item that
   touches safety is answered 4 or 5. Therapy pointer: THERAPY_FROM or more "strong" barriers.
10. Results need MIN_ANSWERS_FOR_RESULTS answered statements in all (a Skip is not an answer).
   Each barrier needs MIN_ANSWERED of its own; with fewer answers than this in all, most
   barriers could only say "not enough answers", and the picture would mislead.
11. Bands are said in words that claim no precision: "Stands out", "Some signs", "Little sign".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from rekindle.shared.errors import ReaderError
from rekindle.tools.assessment.model.bank import Barrier, Item, ItemBank
from rekindle.tools.assessment.model.items import ITEM_BANK

Answer = int | None
Answers = dict[str, Answer]

MIN_ANSWER, MAX_ANSWER = 1, 5
MAX_POINTS_PER_ITEM = 4
MIN_ANSWERED = 2
MIN_ITEMS_PER_BARRIER = 3
STRONG_FROM = 70
SOME_FROM = 40
TOP_COUNT = 3
THERAPY_FROM = 3
SIGN_COUNTS_FROM = 4
MIN_ANSWERS_FOR_RESULTS = 10

ANSWER_LABELS = {
    1: "Strongly disagree",
    2: "Disagree",
    3: "Neither agree nor disagree",
    4: "Agree",
    5: "Strongly agree",
}
SKIP_LABEL = "Skip"
BAND_LABELS = {
    "strong": "Stands out",
    "some": "Some signs",
    "low": "Little sign",
    "not-enough": "Not enough answers",
}


class AssessmentError(ReaderError):
    """A reader-facing problem with answers; `.message` is safe to show as it is."""

    reason = "invalid-answers"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class BarrierScore:
    """One barrier's result: score is None when there were not enough answers."""

    barrier: Barrier
    score: int | None
    points: int
    max_points: int
    answered: tuple[Item, ...]
    skipped: tuple[Item, ...]

    @property
    def band(self) -> str:
        return band_for(self.score)


def reverse_answer(answer: int) -> int:
    """Mirror an answer on the 1..5 scale (1 <-> 5, 2 <-> 4, 3 stays)."""
    return MIN_ANSWER + MAX_ANSWER - answer


def keyed_points(item: Item, answer: int) -> int:
    """0..4 points, where more always means more of the barrier (rule 2)."""
    keyed = reverse_answer(answer) if item.reverse else answer
    return keyed - MIN_ANSWER


def band_for(score: int | None) -> str:
    if score is None:
        return "not-enough"
    if score >= STRONG_FROM:
        return "strong"
    return "some" if score >= SOME_FROM else "low"


def _rounded_percent(points: int, max_points: int) -> int:
    """Round half up with integers only, so every platform agrees on the result."""
    return (200 * points + max_points) // (2 * max_points)


def score_barrier(
    barrier: Barrier, answers: Mapping[str, Answer], bank: ItemBank = ITEM_BANK
) -> BarrierScore:
    items = bank.items_of(barrier.id)
    given = {i.id: answer for i in items if (answer := answers.get(i.id)) is not None}
    answered = tuple(i for i in items if i.id in given)
    skipped = tuple(i for i in items if i.id not in given)
    points = sum(keyed_points(i, given[i.id]) for i in answered)
    max_points = MAX_POINTS_PER_ITEM * len(items)
    enough = len(answered) >= MIN_ANSWERED and max_points > 0
    score = _rounded_percent(points, max_points) if enough else None
    return BarrierScore(barrier, score, points, max_points, answered, skipped)


def score_all(answers: Mapping[str, Answer], bank: ItemBank = ITEM_BANK) -> list[BarrierScore]:
    """Every barrier's result, in bank order."""
    return [score_barrier(b, answers, bank) for b in bank.barriers]


def rank(scores: list[BarrierScore], bank: ItemBank = ITEM_BANK) -> list[BarrierScore]:
    """Highest score first; ties and "not enough answers" keep bank order (rule 6)."""
    order = {b.id: n for n, b in enumerate(bank.barriers)}

    def key(s: BarrierScore) -> tuple[int, int, int]:
        missing = s.score is None
        return (int(missing), -(s.score or 0), order[s.barrier.id])

    return sorted(scores, key=key)


def top_barriers(ranked: list[BarrierScore]) -> list[BarrierScore]:
    return [s for s in ranked if s.band in ("some", "strong")][:TOP_COUNT]


def answered_count(answers: Mapping[str, Answer], bank: ItemBank = ITEM_BANK) -> int:
    """Statements given an answer on the scale; a Skip or no answer yet does not count."""
    return sum(answers.get(i) is not None for i in bank.item_ids)


def first_unanswered(answers: Mapping[str, Answer], bank: ItemBank = ITEM_BANK) -> str | None:
    """The first statement in questionnaire order not reached yet, else the first skipped."""
    order = [i for g in bank.groups for i in g.item_ids]
    not_reached = [i for i in order if i not in answers]
    skipped = [i for i in order if i in answers and answers[i] is None]
    return next(iter(not_reached or skipped), None)


def counted_signs(answers: Mapping[str, Answer], bank: ItemBank = ITEM_BANK) -> list[Item]:
    """The signs the reader agreed with (rule 8)."""
    return [s for s in bank.signs if (answers.get(s.id) or 0) >= SIGN_COUNTS_FROM]


def needs_safety_pointer(
    scores: list[BarrierScore], answers: Mapping[str, Answer], bank: ItemBank = ITEM_BANK
) -> bool:
    strong_fear = any(s.barrier.touches_safety and s.band == "strong" for s in scores)
    agreed = any(
        i.touches_safety and (answers.get(i.id) or 0) >= SIGN_COUNTS_FROM for i in bank.items
    )
    return strong_fear or agreed


def needs_therapy_pointer(scores: list[BarrierScore]) -> bool:
    return sum(s.band == "strong" for s in scores) >= THERAPY_FROM


def parse_answers(obj: object, bank: ItemBank = ITEM_BANK) -> Answers:
    """Check answers that came from outside and return one entry per item (None = skipped).

    Raises AssessmentError naming the first problem: not an object, an unknown item id,
    a value that is not a whole number, or a number outside 1..5.
    """
    return dict.fromkeys(bank.item_ids) | parse_given_answers(obj, bank)


def parse_given_answers(obj: object, bank: ItemBank = ITEM_BANK) -> Answers:
    """Like `parse_answers`, but only the statements the reader has answered or skipped.

    For scoring, absent and skipped are the same (rule 1); for the page they are not: None
    means the reader chose "Skip", an absent id means they have not got to it yet. Saving
    and restoring keep that difference. Items come back in bank order.
    """
    if not isinstance(obj, Mapping):
        raise AssessmentError("The answers could not be read: expected a list of answers.")
    known = set(bank.item_ids)
    given: Answers = {}
    for key, value in obj.items():
        if not isinstance(key, str) or key not in known:
            raise AssessmentError(
                f"The answers mention a question this page does not have: {str(key)[:40]!r}."
            )
        given[key] = _parse_value(key, value)
    return {item_id: given[item_id] for item_id in bank.item_ids if item_id in given}


def _parse_value(item_id: str, value: object) -> Answer:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise AssessmentError(f"The answer to {item_id!r} is not a number from 1 to 5.")
    if not MIN_ANSWER <= value <= MAX_ANSWER:
        raise AssessmentError(f"The answer to {item_id!r} is {value}, outside 1 to 5.")
    return value


def validate_item_bank(bank: ItemBank, page_exists: Callable[[str], bool]) -> list[str]:
    """Every problem in the bank, as plain sentences; an empty list means it is fine."""
    return [
        *_duplicate_problems(bank),
        *_item_problems(bank),
        *_barrier_problems(bank, page_exists),
        *_group_problems(bank),
    ]


def _duplicates(ids: list[str]) -> list[str]:
    return sorted({i for i in ids if ids.count(i) > 1})


def _duplicate_problems(bank: ItemBank) -> list[str]:
    kinds = {
        "barrier": [b.id for b in bank.barriers],
        "item": list(bank.item_ids),
        "group": [g.id for g in bank.groups],
    }
    return [
        f"duplicate {kind} id {dup!r}" for kind, ids in kinds.items() for dup in _duplicates(ids)
    ]


def _item_problems(bank: ItemBank) -> list[str]:
    barrier_ids = {b.id for b in bank.barriers}
    problems = []
    for item in bank.items:
        if item.kind == "barrier" and item.barrier not in barrier_ids:
            problems.append(f"item {item.id!r} belongs to unknown barrier {item.barrier!r}")
        if item.kind == "sign" and item.barrier is not None:
            problems.append(f"sign {item.id!r} must not belong to a barrier")
        if item.kind not in ("barrier", "sign"):
            problems.append(f"item {item.id!r} has unknown kind {item.kind!r}")
    if not bank.signs:
        problems.append("the bank has no signs")
    return problems


def _barrier_problems(bank: ItemBank, page_exists: Callable[[str], bool]) -> list[str]:
    problems = []
    for barrier in bank.barriers:
        count = len(bank.items_of(barrier.id))
        if count < MIN_ITEMS_PER_BARRIER:
            problems.append(
                f"barrier {barrier.id!r} has {count} items, needs at least {MIN_ITEMS_PER_BARRIER}"
            )
        page, _, anchor = barrier.link.partition("#")
        if not anchor:
            problems.append(f"barrier {barrier.id!r} link {barrier.link!r} has no #section")
        if not page_exists(page):
            problems.append(f"barrier {barrier.id!r} links to missing page {page!r}")
        if not barrier.explanation or not barrier.first_steps:
            problems.append(f"barrier {barrier.id!r} needs an explanation and a first step")
    return problems


def _group_problems(bank: ItemBank) -> list[str]:
    placed = [i for g in bank.groups for i in g.item_ids]
    known = set(bank.item_ids)
    problems = [f"group lists unknown item {i!r}" for i in sorted(set(placed) - known)]
    problems += [f"item {i!r} is in no group" for i in bank.item_ids if i not in placed]
    problems += [f"item {i!r} is in more than one group" for i in _duplicates(placed)]
    return problems


def results_view(answers: Mapping[str, Answer], bank: ItemBank = ITEM_BANK) -> dict[str, Any]:
    """The JSON-ready view model for the results (see `assessment_view`)."""
    from rekindle.tools.assessment.model.view import build_results_view

    return build_results_view(answers, bank)
