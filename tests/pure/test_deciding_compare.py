"""Comparing two worksheets, the reader's own summary, and topics for the conversation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from rekindle.tools.deciding.model.answers import Answers, Wish, parse_answers
from rekindle.tools.deciding.model.compare import (
    area_status,
    compare_view,
    reason_status,
    topic_ids,
)
from rekindle.tools.deciding.model.items import TABLE
from rekindle.tools.deciding.model.summary import summary_view
from rekindle.tools.deciding.model.table import CHANGED_IDS, FIRMNESS_IDS
from rekindle.tools.deciding.model.topics import (
    parse_topics_fragment,
    topic_prompt,
    topic_titles,
    topics_fragment,
    topics_view,
)

# Every pair of firmness levels, with the same choice and with different choices.
# (mine, theirs): (same choice, different choices)
FIRMNESS_RULES = {
    ("must", "must"): ("agree", "clash"),
    ("must", "like"): ("agree", "differ"),
    ("must", "flexible"): ("agree", "flexible"),
    ("must", "unsure"): ("unsure", "unsure"),
    ("like", "must"): ("agree", "differ"),
    ("like", "like"): ("agree", "differ"),
    ("like", "flexible"): ("agree", "flexible"),
    ("like", "unsure"): ("unsure", "unsure"),
    ("flexible", "must"): ("agree", "flexible"),
    ("flexible", "like"): ("agree", "flexible"),
    ("flexible", "flexible"): ("agree", "flexible"),
    ("flexible", "unsure"): ("unsure", "unsure"),
    ("unsure", "must"): ("unsure", "unsure"),
    ("unsure", "like"): ("unsure", "unsure"),
    ("unsure", "flexible"): ("unsure", "unsure"),
    ("unsure", "unsure"): ("unsure", "unsure"),
}


def test_the_rules_cover_every_pair_of_firmness_levels() -> None:
    assert set(FIRMNESS_RULES) == {(a, b) for a in FIRMNESS_IDS for b in FIRMNESS_IDS}


@pytest.mark.parametrize(("pair", "expected"), FIRMNESS_RULES.items())
def test_comparison_rule_for_each_pair(pair: tuple[str, str], expected: tuple[str, str]) -> None:
    mine, theirs = pair
    same, different = expected
    assert area_status(Wish("yes", mine), Wish("yes", theirs)) == same  # type: ignore[arg-type]
    assert area_status(Wish("yes", mine), Wish("no", theirs)) == different  # type: ignore[arg-type]


@pytest.mark.parametrize("firmness", FIRMNESS_IDS)
def test_an_area_either_left_blank_is_unanswered(firmness: str) -> None:
    wish = Wish("yes", firmness)  # type: ignore[arg-type]
    assert area_status(wish, None) == area_status(None, wish) == "unanswered"
    assert area_status(None, None) == "unanswered"


def test_unsure_with_no_leaning_is_still_unsure() -> None:
    assert area_status(Wish(None, "unsure"), Wish("yes", "must")) == "unsure"
    assert area_status(Wish(None, "unsure"), Wish(None, "unsure")) == "unsure"


SAID = (None, *CHANGED_IDS)
# The most pressing answer of the two decides.
PRESSING = {"no": "not-changed", "dont-know": "dont-know", "partly": "partly", "yes": "changed"}
ORDER = ["no", "dont-know", "partly", "yes"]


@pytest.mark.parametrize("mine", SAID)
@pytest.mark.parametrize("theirs", SAID)
def test_reason_rule_for_each_pair(mine: str | None, theirs: str | None) -> None:
    said = [s for s in (mine, theirs) if s is not None]
    expected = PRESSING[min(said, key=ORDER.index)] if said else None
    assert reason_status(mine, theirs) == expected  # type: ignore[arg-type]


def answers(**areas: tuple[str | None, str]) -> dict[str, Any]:
    return {"areas": {a.replace("_", "-"): {"choice": c, "firmness": f}
                      for a, (c, f) in areas.items()}}  # fmt: skip


MINE = parse_answers(
    answers(children=("yes", "must"), money=("pooled", "like"), marriage=("some-day", "must"),
            conflict=("cool-off", "flexible"), commitment=("exclusive", "must"),
            where_to_live=(None, "unsure"))
    | {"reasons": {"trust": "no", "communication": "partly", "felt-unsafe": "no",
                   "drifting-apart": "yes"}}
)  # fmt: skip
THEIRS = parse_answers(
    answers(children=("no", "must"), money=("separate", "must"), marriage=("some-day", "like"),
            conflict=("talk-now", "like"), commitment=("exclusive", "must"),
            where_to_live=("stay", "must"), living_together=("soon", "like"))
    | {"reasons": {"trust": "yes", "communication": "dont-know", "money-trouble": "yes"}}
)  # fmt: skip


def rows(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for section in view["sections"] for row in section["areas"]}


def test_compare_view_sorts_areas_by_rule_in_plain_words() -> None:
    view = compare_view(MINE, THEIRS)
    assert [s["status"] for s in view["sections"]] == [
        "clash", "differ", "unsure", "flexible", "agree", "unanswered"]  # fmt: skip
    assert view["sections"][0]["heading"] == "Talk about this first"
    by_id = rows(view)
    assert by_id["children"]["status"] == "clash"
    assert by_id["children"]["mine"]["text"] == "Must-have: Yes, I want children, or more children"
    assert by_id["money"]["sentence"] == "It is a must-have for them."
    assert by_id["where-to-live"]["mine"]["text"] == "Unsure"
    assert by_id["where-to-live"]["sentence"] == "You are unsure."
    assert by_id["conflict"]["sentence"] == "You are flexible."
    assert by_id["marriage"]["status"] == "agree"
    assert by_id["living-together"]["sentence"] == "Only they answered this."
    assert by_id["affection-and-sex"]["sentence"] == "Neither of you answered this."
    assert len(by_id) == len(TABLE.areas)


def test_compare_reasons_not_changed_first_and_private_ones_never() -> None:
    reasons = compare_view(MINE, THEIRS)["reasons"]
    assert [(r["id"], r["status"]) for r in reasons] == [
        ("trust", "not-changed"), ("communication", "dont-know"),
        ("drifting-apart", "changed"), ("money-trouble", "changed")]  # fmt: skip
    assert reasons[0]["sentence"] == "You think this has not changed."
    assert reasons[1]["sentence"] == "They don't know yet."
    assert reasons[2]["sentence"] == "You think this has changed. Only you ticked this reason."
    assert reasons[3]["theirs"] == {"ticked": True, "changed": "yes",
                                    "label": "Yes, it has changed"}  # fmt: skip
    assert reasons[3]["mine"]["label"] == "Not ticked"


def test_topics_are_clashes_then_reasons_not_changed_then_differences_then_unsure() -> None:
    assert topic_ids(MINE, THEIRS) == ["children", "trust", "money", "where-to-live",
                                       "communication"]  # fmt: skip
    view = compare_view(MINE, THEIRS)
    assert view["topics_fragment"] == "#topics=children,trust,money,where-to-live,communication"


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, inner in value.items():
            if key not in ("id", "topics_fragment", "topics", "choice", "status"):
                yield from _strings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _strings(inner)


def test_no_score_percentage_or_verdict_anywhere() -> None:
    text = " ".join(_strings(compare_view(MINE, THEIRS))) + " ".join(_strings(summary_view(MINE)))
    assert not re.search(r"\d|%|score|percent|compatib|should (stay|leave|split)", text, re.I)
    view = compare_view(MINE, THEIRS)
    assert set(view) == {"sections", "reasons", "topics", "topics_fragment"}


def test_summary_in_plain_words() -> None:
    view = summary_view(MINE)
    sections = {s["id"]: s for s in view["sections"]}
    assert [i["title"] for i in sections["must"]["items"]] == [
        "Commitment and exclusivity", "Marriage", "Children"]  # fmt: skip
    assert sections["unsure"]["items"] == [
        {"id": "where-to-live", "title": "Where to live", "text": "No choice yet"}]  # fmt: skip
    not_changed = [i["id"] for i in sections["reasons-no"]["items"]]
    assert not_changed == ["trust", "felt-unsafe"]  # the reader's own page shows it
    assert sections["reasons-dont-know"]["items"] == []
    assert sections["reasons-dont-know"]["empty"]
    assert "Living together" in view["unanswered"]
    assert view["safety"]["page"] == "safety.md"


def test_summary_offers_no_safety_pointer_unless_asked_for() -> None:
    assert summary_view(THEIRS)["safety"] is None
    leaning = summary_view(parse_answers(answers(money=("pooled", "unsure"))))
    unsure = next(s for s in leaning["sections"] if s["id"] == "unsure")
    assert unsure["items"][0]["text"] == "Leaning towards: Put it all together"


def test_an_empty_worksheet_compares_as_unanswered() -> None:
    view = compare_view(Answers({}, {}), THEIRS)
    assert [s["status"] for s in view["sections"]] == ["unanswered"]
    assert view["topics"] == ["communication"]  # they do not know: worth talking about


# Topics and the conversation link


def test_every_topic_has_a_prompt_and_private_reasons_are_none() -> None:
    titles = topic_titles()
    assert len(titles) == len(TABLE.areas) + len(TABLE.shared_reasons)
    assert "felt-unsafe" not in titles
    for topic in titles:
        assert topic_prompt(topic).endswith("?")
    with pytest.raises(KeyError):
        topic_prompt("felt-unsafe")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#topics=children,money", ["children", "money"]),
        ("https://example.org/after-a-breakup/the-conversation/#topics=trust,children",
         ["trust", "children"]),
        ("#topics=children,unknown,money,children", ["children", "money"]),
        ("#TOPICS= Children , MONEY", ["children", "money"]),
        ("#topics=children%2Cmoney&x=1", ["children", "money"]),
        ("#topics=felt-unsafe,trust", ["trust"]),
        ("#topics=<script>alert(1)</script>,money", ["money"]),
        ("#topics=", []),
        ("#share=RD1-AAAA", []),
        ("", []),
        (None, []),
        (42, []),
        ("#topics=" + "children," * 100_000, ["children"]),
    ],
)  # fmt: skip
def test_the_topics_link_is_read_forgivingly(text: object, expected: list[str]) -> None:
    assert parse_topics_fragment(text) == expected


def test_topics_round_trip_through_the_link() -> None:
    ids = topic_ids(MINE, THEIRS)
    assert parse_topics_fragment(topics_fragment(ids)) == ids
    shown = topics_view(ids)
    assert shown[0] == {"id": "children", "title": "Children",
                        "prompt": TABLE.area("children").prompt}  # fmt: skip
    assert shown[1]["title"] == TABLE.reason("trust").label
