"""Properties of the scoring rules, over every kind of answer set (hypothesis).

"Skipping never raises a score" means, for any answers and any one item turned into a
skip: a barrier that had a score either keeps a score no higher than before, or becomes
"not enough answers"; a barrier with not enough answers stays that way. The conservative
sum (rule 4) is what makes this true; with a plain mean it would be false.
"""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from rekindle.tools.assessment.model.items import ITEM_BANK
from rekindle.tools.assessment.model.scoring import (
    MIN_ANSWERS_FOR_RESULTS,
    parse_answers,
    rank,
    results_view,
    reverse_answer,
    score_all,
)
from rekindle.tools.assessment.model.view import signs_view

ITEM_IDS = list(ITEM_BANK.item_ids)
answer_values = st.one_of(st.none(), st.integers(min_value=1, max_value=5))
answer_sets = st.fixed_dictionaries({i: answer_values for i in ITEM_IDS})


def scores(answers: dict) -> dict[str, int | None]:
    return {s.barrier.id: s.score for s in score_all(answers)}


@given(answer_sets)
def test_scores_stay_within_0_and_100(answers: dict) -> None:
    for score in scores(answers).values():
        assert score is None or 0 <= score <= 100


@given(answer_sets, st.randoms())
def test_order_of_answers_does_not_matter(answers: dict, rnd) -> None:
    pairs = list(answers.items())
    rnd.shuffle(pairs)
    shuffled = dict(pairs)
    assert results_view(parse_answers(shuffled)) == results_view(parse_answers(answers))


@given(st.integers(min_value=1, max_value=5))
def test_reversing_twice_is_identity(answer: int) -> None:
    assert reverse_answer(reverse_answer(answer)) == answer


@given(answer_sets, st.sampled_from(ITEM_IDS))
def test_skipping_an_answer_never_raises_a_score(answers: dict, item_id: str) -> None:
    before = scores(answers)
    after = scores({**answers, item_id: None})
    for barrier_id, old in before.items():
        new = after[barrier_id]
        if old is None:
            assert new is None
        elif new is not None:
            assert new <= old


@given(answer_sets, st.sampled_from(ITEM_IDS))
def test_skipping_never_adds_a_sign(answers: dict, item_id: str) -> None:
    before = signs_view(answers)["count"]
    assert signs_view({**answers, item_id: None})["count"] <= before


@given(answer_sets)
def test_ranking_is_a_stable_total_order(answers: dict) -> None:
    ranked = rank(score_all(answers))
    assert sorted(s.barrier.id for s in ranked) == sorted(b.id for b in ITEM_BANK.barriers)
    values = [s.score for s in ranked]
    scored = [v for v in values if v is not None]
    assert scored == sorted(scored, reverse=True)
    assert values[len(scored) :] == [None] * (len(values) - len(scored))


@given(answer_sets)
def test_results_show_exactly_when_enough_statements_are_answered(answers: dict) -> None:
    view = results_view(answers)
    answered = sum(v is not None for v in answers.values())
    assert view["status"] == ("ok" if answered >= MIN_ANSWERS_FOR_RESULTS else "too-few")
    assert json.loads(json.dumps(view)) == view
    if view["status"] == "too-few":
        assert view["answered"] == answered
        assert view["first_missing"] is None or answers.get(view["first_missing"]) is None


@given(answer_sets)
def test_view_is_json_ready_and_top_is_a_ranked_prefix(answers: dict) -> None:
    view = results_view(answers)
    if view["status"] != "ok":
        return
    flagged = [r["id"] for r in view["barriers"] if r["is_top"]]
    assert flagged == view["top"]
    assert all(r["band"] in ("some", "strong") for r in view["barriers"] if r["is_top"])


@given(answer_sets)
def test_how_it_was_worked_out_adds_up(answers: dict) -> None:
    view = results_view(answers)
    if view["status"] != "ok":
        return
    rows = {row["id"]: row for row in view["barriers"]}
    for how in view["how"]["barriers"]:
        row = rows[how["id"]]
        assert sum(c["points"] for c in how["statements"]) == row["points"]
        assert len(how["statements"]) == row["max_points"] // 4
