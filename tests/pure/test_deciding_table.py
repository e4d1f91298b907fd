"""The worksheet's data table: what the build accepts, and every kind of mistake it refuses."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from rekindle.tools.deciding.model.checks import validate_table
from rekindle.tools.deciding.model.items import TABLE
from rekindle.tools.deciding.model.table import Area, Choice, Level, Reason, Table

DOCS = Path(__file__).resolve().parents[2] / "docs"


def page_exists(page: str) -> bool:
    return (DOCS / page).is_file()


def test_the_worksheet_passes_the_build_checks() -> None:
    assert validate_table(TABLE, page_exists) == []


def test_the_ten_areas_of_the_issue_in_order() -> None:
    assert [a.title for a in TABLE.areas] == [
        "Commitment and exclusivity",
        "Living together",
        "Marriage",
        "Children",
        "Money",
        "Where to live",
        "Work and long-term goals",
        "Family and friends",
        "Affection and sex",
        "How we handle conflict",
    ]
    assert [f.label for f in TABLE.firmness] == ["Must-have", "Would like", "Flexible", "Unsure"]
    assert [c.label for c in TABLE.changed] == ["Yes, it has changed", "Partly", "No, not yet",
                                                "I don't know"]  # fmt: skip


def test_every_area_offers_plain_choices_and_a_prompt() -> None:
    for area in TABLE.areas:
        assert 2 <= len(area.choices) <= 7
        assert area.question.endswith("?") and area.prompt.endswith("?")


def test_only_the_safety_reason_is_private() -> None:
    assert [r.id for r in TABLE.reasons if r.private] == ["felt-unsafe"]


def _area(area: Area, **changes: object) -> Table:
    areas = tuple(replace(a, **changes) if a is area else a for a in TABLE.areas)  # type: ignore[arg-type]
    return replace(TABLE, areas=areas)


FIRST, SECOND = TABLE.areas[0], TABLE.areas[1]
BROKEN: dict[str, tuple[Table, str]] = {
    "duplicate area": (replace(TABLE, areas=(*TABLE.areas, FIRST)), "names both"),
    "area and reason share an id": (
        _area(FIRST, id=TABLE.reasons[0].id), "names both an area and a reason"),
    "duplicate choice": (
        _area(FIRST, choices=(*FIRST.choices, FIRST.choices[0])), "repeats choice"),
    "id with a comma": (_area(FIRST, id="commit,ment"), "lowercase words"),
    "id in capitals": (_area(FIRST, id="Commitment"), "lowercase words"),
    "id too long": (_area(FIRST, id="a" * 25), "lowercase words"),
    "empty title": (_area(FIRST, title=""), "title is empty"),
    "title with spaces at its ends": (_area(FIRST, title=" Money "), "spaces at its ends"),
    "question too long": (_area(FIRST, question="Why? " * 30), "question is"),
    "one choice only": (_area(FIRST, choices=FIRST.choices[:1]), "needs 2 to 7"),
    "eight choices": (
        _area(FIRST, choices=tuple(Choice(f"c{n}", f"Choice {n}") for n in range(8))),
        "needs 2 to 7"),
    "choice not in the code layout": (
        _area(SECOND, choices=(*SECOND.choices, Choice("maybe", "Maybe"))),
        "differ from V1_AREAS"),
    "choices reordered": (
        _area(SECOND, choices=tuple(reversed(SECOND.choices))), "order counts"),
    "area not in the code layout": (
        replace(TABLE, areas=(*TABLE.areas, replace(FIRST, id="pets"))), "not in V1_AREAS"),
    "area dropped": (replace(TABLE, areas=TABLE.areas[1:]), "unknown area"),
    "firmness reordered": (
        replace(TABLE, firmness=tuple(reversed(TABLE.firmness))), "firmness must be"),
    "changed missing a level": (replace(TABLE, changed=TABLE.changed[:3]), "has it changed"),
    "empty hint": (
        replace(TABLE, firmness=(Level("must", "Must-have", ""), *TABLE.firmness[1:])),
        "hint is empty"),
    "private reason with a prompt": (
        replace(TABLE, reasons=(*TABLE.reasons[:-1],
                                Reason("felt-unsafe", "Afraid", "Talk?", private=True))),
        "must never become a topic"),
    "shared reason without a prompt": (
        replace(TABLE, reasons=(replace(TABLE.reasons[0], prompt=""), *TABLE.reasons[1:])),
        "prompt is empty"),
    "new shared reason": (
        replace(TABLE, reasons=(*TABLE.reasons, Reason("distance", "Distance", "Far?"))),
        "V1_REASONS"),
    "no shared reason": (
        replace(TABLE, reasons=tuple(r for r in TABLE.reasons if r.private)),
        "at least one area and one shared reason"),
}  # fmt: skip


@pytest.mark.parametrize("name", BROKEN)
def test_each_kind_of_mistake_fails_the_build(name: str) -> None:
    table, expected = BROKEN[name]
    problems = validate_table(table)
    assert any(expected in problem for problem in problems), problems


def test_a_missing_page_fails_the_build() -> None:
    problems = validate_table(TABLE, lambda page: page != "safety.md")
    assert problems == ["the worksheet links to missing page 'safety.md'"]
