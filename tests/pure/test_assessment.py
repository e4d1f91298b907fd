"""Worked examples for every scoring rule, answer parsing, and the item bank's validation."""

from __future__ import annotations

from dataclasses import replace

import pytest

from rekindle.tools.assessment.model.bank import Group, Item
from rekindle.tools.assessment.model.items import BARRIERS, ITEM_BANK
from rekindle.tools.assessment.model.scoring import (
    BAND_LABELS,
    AssessmentError,
    band_for,
    keyed_points,
    parse_answers,
    rank,
    results_view,
    reverse_answer,
    score_all,
    score_barrier,
    validate_item_bank,
)

REJECTION = ITEM_BANK.barrier("fear-of-rejection")  # rej-1, rej-2 normal; rej-3 reversed


def view_row(view: dict, barrier_id: str) -> dict:
    return next(r for r in view["barriers"] if r["id"] == barrier_id)


def with_filler(answers: dict, count: int = 10) -> dict:
    """`answers` plus "Neither" on enough other statements for results (rule 10), none of
    which touches safety, so the filler alone never calls for a pointer or a strong band."""
    calm = [
        i.id
        for i in ITEM_BANK.items
        if i.id not in answers
        and i.barrier != "fear-of-rejection"  # the worked examples' own barrier stays clear
        and not i.touches_safety
        and i.kind == "barrier"
        and not ITEM_BANK.barrier(i.barrier or "").touches_safety
    ]
    return {**answers, **dict.fromkeys(calm[:count], 3)}


# Rule 2: keyed points
def test_normal_item_gives_answer_minus_one() -> None:
    item = ITEM_BANK.item("rej-1")
    assert [keyed_points(item, a) for a in range(1, 6)] == [0, 1, 2, 3, 4]


def test_reverse_keyed_item_counts_backwards() -> None:
    item = ITEM_BANK.item("rej-3")
    assert item.reverse
    assert [keyed_points(item, a) for a in range(1, 6)] == [4, 3, 2, 1, 0]


def test_reverse_answer_mirrors_the_scale() -> None:
    assert [reverse_answer(a) for a in range(1, 6)] == [5, 4, 3, 2, 1]


# Rules 3 and 4: enough answers, conservative sum
def test_all_strongly_agree_with_reversed_strongly_disagree_scores_100() -> None:
    result = score_barrier(REJECTION, {"rej-1": 5, "rej-2": 5, "rej-3": 1})
    assert (result.points, result.max_points, result.score) == (12, 12, 100)


def test_mixed_answers_round_half_up() -> None:
    # 3 + 2 + (5 - 4 = 1) = 6 of 12 -> 50; 4 + 3 + 0 = 7 of 12 -> 58.33 -> 58
    assert score_barrier(REJECTION, {"rej-1": 4, "rej-2": 3, "rej-3": 4}).score == 50
    assert score_barrier(REJECTION, {"rej-1": 5, "rej-2": 4, "rej-3": 5}).score == 58
    # 1 of 12 = 8.33 -> 8 (rej-3 skipped); 3 of 12 = 25 exactly
    assert score_barrier(REJECTION, {"rej-1": 2, "rej-2": 1}).score == 8
    assert score_barrier(REJECTION, {"rej-1": 2, "rej-2": 3}).score == 25


def test_a_skipped_item_adds_nothing_but_still_counts_in_the_maximum() -> None:
    result = score_barrier(REJECTION, {"rej-1": 5, "rej-2": 5, "rej-3": None})
    assert (result.points, result.max_points, result.score) == (8, 12, 67)
    assert [i.id for i in result.skipped] == ["rej-3"]


def test_one_answer_is_not_enough_and_is_never_zero() -> None:
    result = score_barrier(REJECTION, {"rej-1": 1})
    assert result.score is None
    assert result.band == "not-enough"
    answers = with_filler({"rej-1": 1})
    assert "rej-2" not in answers and "rej-3" not in answers
    row = view_row(results_view(parse_answers(answers)), "fear-of-rejection")
    assert row["score"] is None
    assert row["band_label"] == "Not enough answers"
    assert row["summary"] == "Not enough answers: 1 of 3 statements answered"


def test_all_lowest_answers_score_zero_not_missing() -> None:
    assert score_barrier(REJECTION, {"rej-1": 1, "rej-2": 1, "rej-3": 5}).score == 0


# Rule 5: bands
@pytest.mark.parametrize(
    ("score", "band"),
    [
        (0, "low"),
        (39, "low"),
        (40, "some"),
        (69, "some"),
        (70, "strong"),
        (100, "strong"),
        (None, "not-enough"),
    ],
)
def test_band_thresholds(score: int | None, band: str) -> None:
    assert band_for(score) == band


def test_bands_are_said_in_words_that_claim_no_precision() -> None:
    assert BAND_LABELS == {
        "strong": "Stands out",
        "some": "Some signs",
        "low": "Little sign",
        "not-enough": "Not enough answers",
    }


# Rule 6: ranking
def test_ranking_by_score_then_bank_order_with_missing_last() -> None:
    answers = {
        "con-1": 5,
        "con-2": 5,
        "con-3": 1,  # unresolved-conflict 100
        "emo-1": 5,
        "emo-2": 5,
        "emo-3": 1,  # difficulty-regulating-emotions 100
        "rej-1": 3,
        "rej-2": 3,
        "rej-3": 3,  # fear-of-rejection 50
    }
    ranked = [s.barrier.id for s in rank(score_all(answers))]
    assert ranked[:3] == [
        "unresolved-conflict",
        "difficulty-regulating-emotions",
        "fear-of-rejection",
    ]
    missing = [b.id for b in BARRIERS if b.id not in ranked[:3]]
    assert ranked[3:] == missing


# Rules 7 to 9 through the whole view
def test_results_view_for_a_worked_example() -> None:
    answers = parse_answers(
        {
            "body-1": 5,
            "body-2": 5,
            "body-3": 1,
            "perf-1": 4,
            "perf-2": 4,
            "perf-3": 2,
            "con-1": 4,
            "con-2": 4,
            "con-3": 2,
            "att-1": 2,
            "att-2": 2,
            "att-3": 4,
            "sign-1": 4,
            "sign-2": 5,
            "sign-3": 3,
            "sign-4": 2,
        }
    )
    view = results_view(answers)
    assert view["top"] == [
        "performance-anxiety-and-body-image",
        "unresolved-conflict",
        "perfectionism-and-control",
    ]
    assert [r["rank"] for r in view["barriers"]] == list(range(1, 10))
    body = view_row(view, "performance-anxiety-and-body-image")
    assert (body["score"], body["band"], body["summary"]) == (
        100,
        "strong",
        "Stands out: 12 of 12 points",
    )
    assert body["is_top"]
    assert body["link"] == "intimacy/barriers.md#performance-anxiety-and-body-image"
    how = next(b for b in view["how"]["barriers"] if b["id"] == body["id"])
    reversed_item = next(c for c in how["statements"] if c["item_id"] == "body-3")
    assert reversed_item == {
        "item_id": "body-3",
        "text": ITEM_BANK.item("body-3").text,
        "answer_label": "Strongly disagree",
        "reverse_keyed": True,
        "points": 4,
    }
    assert how["sentence"] == "12 of 12 possible points from 3 statements."
    assert view_row(view, "attachment-styles")["band"] == "low"
    assert view["signs"]["count"] == 2
    assert [s["item_id"] for s in view["signs"]["items"] if s["counts"]] == ["sign-1", "sign-2"]
    assert view["show_therapy_pointer"] is True  # body 100, perf 75, con 75
    assert view["show_safety_pointer"] is False
    assert view["disclaimer"] == "This is a reflection, not a diagnosis."


def test_all_low_answers_give_no_top_and_a_message() -> None:
    lowest = {i.id: (5 if i.reverse else 1) for i in ITEM_BANK.items}
    view = results_view(parse_answers(lowest))
    assert view["top"] == [] and view["no_top_message"]
    assert all(r["band"] == "low" for r in view["barriers"])
    assert view["headline"].startswith("No barrier stands out")
    assert view["signs"]["count"] == 0
    assert not view["show_safety_pointer"] and not view["show_therapy_pointer"]


# Rule 10: a minimum of answers before any result
def test_no_answers_give_no_results_but_say_what_is_missing() -> None:
    view = results_view({})
    assert view["status"] == "too-few"
    assert (view["needed"], view["answered"]) == (10, 0)
    assert view["first_missing"] == ITEM_BANK.groups[0].item_ids[0]
    assert view["first_missing_group"] == 0
    assert "at least 10 answered statements" in view["message"]
    assert "you have answered 0" in view["message"]
    assert "barriers" not in view  # nothing is scored


def test_skips_do_not_count_towards_the_minimum() -> None:
    skipped_all = dict.fromkeys(ITEM_BANK.item_ids)
    view = results_view({**skipped_all, **dict.fromkeys(ITEM_BANK.item_ids[:9], 3)})
    assert (view["status"], view["answered"]) == ("too-few", 9)
    order = [i for g in ITEM_BANK.groups for i in g.item_ids]
    first_skipped = next(i for i in order if i not in ITEM_BANK.item_ids[:9])
    assert view["first_missing"] == first_skipped  # nothing is unreached: the first skip
    ten = results_view({**skipped_all, **dict.fromkeys(ITEM_BANK.item_ids[:10], 3)})
    assert (ten["status"], ten["answered"], ten["skipped"]) == ("ok", 10, 22)
    assert ten["answered_text"] == "You answered 10 of 32 statements, and skipped 22."


def test_the_first_missing_statement_is_the_first_not_reached_in_questionnaire_order() -> None:
    first_part = ITEM_BANK.groups[0].item_ids
    answers = {**dict.fromkeys(first_part, 2), first_part[1]: None}
    view = results_view(answers)
    assert view["first_missing"] == ITEM_BANK.groups[1].item_ids[0]  # not the skip before it
    assert view["first_missing_group"] == 1
    assert "part 2" in view["message"]


def test_safety_pointer_from_an_agreed_trauma_item() -> None:
    assert results_view(parse_answers(with_filler({"child-1": 4})))["show_safety_pointer"] is True
    assert results_view(parse_answers(with_filler({"child-1": 3})))["show_safety_pointer"] is False


def test_safety_pointer_from_a_strong_fear_barrier() -> None:
    answers = with_filler({"eng-1": 5, "eng-3": 5, "eng-2": 3})  # eng-2 flags only at 4+
    assert results_view(parse_answers(answers))["show_safety_pointer"] is True


def test_two_strong_barriers_do_not_point_to_therapy() -> None:
    answers = with_filler({"rej-1": 5, "rej-2": 5, "rej-3": 1, "con-1": 5, "con-2": 5, "con-3": 1})
    assert results_view(parse_answers(answers))["show_therapy_pointer"] is False


# parse_answers
def test_parse_answers_fills_in_skips() -> None:
    parsed = parse_answers({"rej-1": 2, "rej-2": None})
    assert parsed["rej-1"] == 2 and parsed["rej-2"] is None and parsed["sign-5"] is None
    assert set(parsed) == set(ITEM_BANK.item_ids)


@pytest.mark.parametrize(
    ("bad", "words"),
    [
        ([1, 2], "could not be read"),
        ("rej-1=2", "could not be read"),
        ({"nope": 2}, "does not have"),
        ({"rej-1": 0}, "outside 1 to 5"),
        ({"rej-1": 6}, "outside 1 to 5"),
        ({"rej-1": "3"}, "not a number"),
        ({"rej-1": 2.0}, "not a number"),
        ({"rej-1": True}, "not a number"),
    ],
)
def test_parse_answers_rejects_bad_input_clearly(bad: object, words: str) -> None:
    with pytest.raises(AssessmentError) as caught:
        parse_answers(bad)
    assert words in caught.value.message
    assert isinstance(caught.value, ValueError)


# validate_item_bank
def always(_: str) -> bool:
    return True


def test_the_real_bank_is_valid() -> None:
    assert validate_item_bank(ITEM_BANK, always) == []


def test_real_bank_shape() -> None:
    assert [b.id for b in ITEM_BANK.barriers] == [
        "fear-of-rejection",
        "unresolved-conflict",
        "performance-anxiety-and-body-image",
        "attachment-styles",
        "fear-of-engulfment-or-abandonment",
        "childhood-wounds",
        "shame-and-guilt",
        "difficulty-regulating-emotions",
        "perfectionism-and-control",
    ]
    assert len(ITEM_BANK.signs) == 5
    assert 4 <= len(ITEM_BANK.groups) <= 6
    assert sum(i.reverse for i in ITEM_BANK.items) >= 5


def test_a_barrier_with_too_few_items_is_reported() -> None:
    bank = replace(
        ITEM_BANK,
        items=tuple(i for i in ITEM_BANK.items if i.id != "rej-3"),
        groups=tuple(
            replace(g, item_ids=tuple(x for x in g.item_ids if x != "rej-3"))
            for g in ITEM_BANK.groups
        ),
    )
    assert validate_item_bank(bank, always) == [
        "barrier 'fear-of-rejection' has 2 items, needs at least 3"
    ]


def test_duplicate_item_ids_are_reported() -> None:
    bank = replace(ITEM_BANK, items=(*ITEM_BANK.items, ITEM_BANK.item("rej-1")))
    problems = validate_item_bank(bank, always)
    assert "duplicate item id 'rej-1'" in problems


def test_a_bad_link_is_reported() -> None:
    problems = validate_item_bank(ITEM_BANK, lambda page: page != "intimacy/barriers.md")
    assert len(problems) == 9
    assert "barrier 'fear-of-rejection' links to missing page 'intimacy/barriers.md'" in problems


def test_the_checker_gets_the_page_without_its_anchor() -> None:
    asked: list[str] = []
    validate_item_bank(ITEM_BANK, lambda page: asked.append(page) or True)
    assert set(asked) == {"intimacy/barriers.md"}


def test_a_link_without_a_section_is_reported() -> None:
    first = replace(BARRIERS[0], link="intimacy/barriers.md")
    bank = replace(ITEM_BANK, barriers=(first, *BARRIERS[1:]))
    assert validate_item_bank(bank, always) == [
        "barrier 'fear-of-rejection' link 'intimacy/barriers.md' has no #section"
    ]


def test_an_item_in_no_group_is_reported() -> None:
    extra = Item("rej-4", "An extra statement.", "barrier", "fear-of-rejection")
    bank = replace(ITEM_BANK, items=(*ITEM_BANK.items, extra))
    assert validate_item_bank(bank, always) == ["item 'rej-4' is in no group"]


def test_an_item_in_two_groups_and_an_unknown_group_item_are_reported() -> None:
    groups = (*ITEM_BANK.groups, Group("extra", "Extra", "", ("rej-1", "ghost")))
    problems = validate_item_bank(replace(ITEM_BANK, groups=groups), always)
    assert problems == [
        "group lists unknown item 'ghost'",
        "item 'rej-1' is in more than one group",
    ]


def test_an_item_of_an_unknown_barrier_is_reported() -> None:
    stray = Item("x-1", "Stray.", "barrier", "no-such-barrier")
    bank = replace(
        ITEM_BANK,
        items=(*ITEM_BANK.items, stray),
        groups=(*ITEM_BANK.groups, Group("x", "X", "", ("x-1",))),
    )
    assert validate_item_bank(bank, always) == [
        "item 'x-1' belongs to unknown barrier 'no-such-barrier'"
    ]


def test_reader_facing_bank_text_reads_at_grade_8_or_lower(monkeypatch) -> None:
    textstat = pytest.importorskip("textstat")
    try:  # count syllables with Pyphen, offline (no CMU dictionary download)
        from textstat.backend.counts import _count_syllables
    except ImportError:
        pass
    else:
        monkeypatch.setattr(_count_syllables, "get_cmudict", lambda lang: None)
        getattr(_count_syllables.count_syllables, "cache_clear", lambda: None)()
    for barrier in ITEM_BANK.barriers:
        items = [i.text for i in ITEM_BANK.items_of(barrier.id)]
        text = " ".join([*barrier.explanation, *barrier.first_steps, *items])
        assert textstat.flesch_kincaid_grade(text) <= 8, barrier.id
