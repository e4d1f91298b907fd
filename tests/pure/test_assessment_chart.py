"""The results picture: its bars (order, bands, ties, skips, too few answers) and its SVG
(well-formed, labelled, the same figures as the table beside it), with golden files for a
few answer sets. Set REKINDLE_UPDATE_GOLDEN=1 to rewrite the golden files, then review the diff.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rekindle.tools.assessment.model.chart import Bar, pairs_svg, results_svg
from rekindle.tools.assessment.model.compare import compare_view
from rekindle.tools.assessment.model.items import ITEM_BANK
from rekindle.tools.assessment.model.scoring import results_view

GOLDEN = Path(__file__).parent / "golden" / "assessment"
UPDATE = os.environ.get("REKINDLE_UPDATE_GOLDEN") == "1"
SVG = "{http://www.w3.org/2000/svg}"
BARRIER_IDS = [b.id for b in ITEM_BANK.barriers]


def at_level(level_of: dict[str, int], default: int | None = None) -> dict[str, int | None]:
    """Every statement answered so that its barrier gets `level_of[barrier]` (1..5 keyed)."""
    answers: dict[str, int | None] = {}
    for item in ITEM_BANK.items:
        level = level_of.get(item.barrier or "", default)
        if level is not None:
            answers[item.id] = 6 - level if item.reverse else level
    return answers


ALL_LOW = at_level({}, default=1)
ALL_HIGH = at_level({}, default=5)
MIXED = {
    **at_level(dict(zip(BARRIER_IDS, [5, 4, 4, 3, 2, 1, 2, 3, 1], strict=True)), default=3),
    "att-1": None,  # attachment keeps 2 of 3 answers: scored, lower
    "perf-1": None,
    "perf-2": None,  # perfectionism keeps 1 answer: not enough
}
MOSTLY_SKIPPED = {
    **dict.fromkeys(ITEM_BANK.item_ids),
    **{i: 4 for i in ("rej-1", "rej-2", "con-1", "con-2", "emo-1", "emo-2")},
    **{i: 2 for i in ("sign-1", "sign-2", "sign-3", "sign-4")},
}
CASES = {"all-low": ALL_LOW, "all-high": ALL_HIGH, "mixed": MIXED, "mostly-skipped": MOSTLY_SKIPPED}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # raises on anything that is not well-formed XML


def rows_of(svg: ET.Element) -> list[dict[str, str]]:
    """What the picture says, row by row: the title, the band's words, the bar's length."""
    rows = []
    for group in svg.iter(f"{SVG}g"):
        texts = {t.get("class"): t.text for t in group.iter(f"{SVG}text")}
        bar = next((r for r in group.iter(f"{SVG}rect") if r.get("data-rk-bar")), None)
        rows.append(
            {
                "id": group.get("data-rk-chart-row") or "",
                "title": texts.get("rk-chart__label") or "",
                "words": texts.get("rk-chart__band") or texts.get("rk-chart__note") or "",
                "length": bar.get("width") if bar is not None else "0",
            }
        )
    return rows


@pytest.mark.parametrize("name", list(CASES))
def test_golden_chart_and_table(name: str) -> None:
    view = results_view(CASES[name])
    assert view["status"] == "ok"
    got = {
        "headline": view["headline"],
        "table": [[r["title"], r["band_label"], r["points_text"]] for r in view["barriers"]],
    }
    svg_path, table_path = GOLDEN / f"{name}.svg", GOLDEN / f"{name}.json"
    if UPDATE:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        svg_path.write_text(view["chart"]["svg"] + "\n", encoding="utf-8")
        table_path.write_text(json.dumps(got, indent=2) + "\n", encoding="utf-8")
    assert view["chart"]["svg"] + "\n" == svg_path.read_text(encoding="utf-8")
    assert got == json.loads(table_path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", list(CASES))
def test_the_picture_says_what_the_table_says(name: str) -> None:
    view = results_view(CASES[name])
    svg = parse(view["chart"]["svg"])
    pictured = rows_of(svg)
    assert [r["id"] for r in pictured] == [r["id"] for r in view["barriers"]]
    for drawn, row in zip(pictured, view["barriers"], strict=True):
        assert drawn["title"] == row["title"]
        assert drawn["words"] == row["band_label"]
        if row["band"] == "not-enough" or row["points"] == 0:
            assert drawn["length"] == "0"
        else:
            tenths = round(1000 * row["points"] / row["max_points"])
            assert drawn["length"] == f"{tenths // 10}.{tenths % 10}%"


def test_the_svg_is_labelled_and_described() -> None:
    svg = parse(results_view(MIXED)["chart"]["svg"])
    assert svg.get("role") == "img"
    title = svg.find(f"{SVG}title")
    assert title is not None and svg.get("aria-labelledby") == title.get("id")
    assert title.text == "Your barriers, strongest first"
    desc = svg.find(f"{SVG}desc")
    assert desc is not None and desc.text
    assert desc.text.startswith("Fear of rejection: stands out.")
    assert "Perfectionism and control: not enough answers." in desc.text


def test_bars_are_strongest_first_with_a_shape_per_band() -> None:
    view = results_view(MIXED)
    assert [r["band"] for r in view["barriers"]][:3] == ["strong", "strong", "strong"]
    assert view["barriers"][-1]["band"] == "not-enough"  # too few answers come last
    svg = parse(view["chart"]["svg"])
    shapes = {}
    for group in svg.iter(f"{SVG}g"):
        band = next(c for c in (group.get("class") or "").split() if c.startswith("rk-band--"))
        bar = next((r for r in group.iter(f"{SVG}rect") if r.get("data-rk-bar")), None)
        track = next(r for r in group.iter(f"{SVG}rect") if "rk-chart__track" in r.get("class"))
        if bar is not None or band == "rk-band--not-enough":  # a 0-point bar draws no shape
            shapes[band] = (bar.get("fill") if bar is not None else None, track.get("class"))
    assert shapes["rk-band--strong"][0] is None  # solid: the stylesheet's ink
    assert shapes["rk-band--some"][0] == "url(#rk-results-stripes)"
    assert shapes["rk-band--low"][0] == "url(#rk-results-dots)"
    assert shapes["rk-band--not-enough"] == (None, "rk-chart__track rk-chart__track--empty")


def test_ties_keep_the_banks_order() -> None:
    view = results_view(at_level({}, default=3))
    assert [r["id"] for r in view["barriers"]] == BARRIER_IDS
    assert len({r["points"] * 12 // r["max_points"] for r in view["barriers"]}) == 1


def test_a_skip_shortens_a_bar_and_too_few_answers_draw_none() -> None:
    full = results_view(ALL_HIGH)
    skipped = results_view({**ALL_HIGH, "rej-1": None})
    one_left = results_view({**ALL_HIGH, "rej-1": None, "rej-2": None})

    def length(view: dict, barrier: str) -> str:
        row = next(r for r in rows_of(parse(view["chart"]["svg"])) if r["id"] == barrier)
        return row["length"]

    assert (length(full, "fear-of-rejection"), length(skipped, "fear-of-rejection")) == (
        "100.0%",
        "66.7%",
    )
    assert length(one_left, "fear-of-rejection") == "0"
    row = next(r for r in one_left["barriers"] if r["id"] == "fear-of-rejection")
    assert row["points_text"] == "1 of 3 statements answered"


def test_too_few_answers_give_no_chart_at_all() -> None:
    view = results_view({"rej-1": 5, "rej-2": 5})
    assert view["status"] == "too-few" and "chart" not in view


def test_no_number_out_of_100_and_nothing_precise_reaches_the_reader() -> None:
    for answers in CASES.values():
        view = results_view(answers)
        words = json.dumps([view["headline"], [r["summary"] for r in view["barriers"]]])
        assert "out of 100" not in words and "%" not in words
        texts = " ".join(t.text or "" for t in parse(view["chart"]["svg"]).iter(f"{SVG}text"))
        assert not re.search(r"\d", texts)  # the picture holds words only


TITLES = st.text(
    alphabet=st.one_of(st.sampled_from("<>&\"'/ =script"), st.characters(categories=["L", "N"])),
    max_size=40,
)


@given(TITLES, st.sampled_from(["strong", "some", "low", "not-enough"]))
def test_any_title_stays_text(title: str, band: str) -> None:
    """Even a title full of markup (never the case in our bank) could not become markup."""
    svg = parse(results_svg([Bar("x", title, band, 4, 12, 3, 3)], "T"))
    label = next(t for t in svg.iter(f"{SVG}text") if t.get("class") == "rk-chart__label")
    assert (label.text or "") == title
    assert [e.tag for e in svg.iter() if not e.tag.startswith(SVG)] == []


def test_paired_bars_for_a_comparison() -> None:
    view = compare_view(MIXED, ALL_LOW)
    svg = parse(view["chart"]["svg"])
    assert svg.get("role") == "img" and svg.find(f"{SVG}title") is not None
    groups = list(svg.iter(f"{SVG}g"))
    assert [g.get("data-rk-chart-row") for g in groups] == BARRIER_IDS
    names = [t.text for t in groups[0].iter(f"{SVG}text") if t.get("class") == "rk-chart__name"]
    assert names == ["You", "Partner"]
    bars = [r for r in groups[0].iter(f"{SVG}rect") if r.get("data-rk-bar")]
    assert [b.get("fill") for b in bars] == [None]  # mine solid; their bar is empty (0 points)
    desc = svg.find(f"{SVG}desc")
    assert desc is not None
    assert "Fear of rejection: you, stands out; partner, little sign." in (desc.text or "")
    perf = groups[BARRIER_IDS.index("perfectionism-and-control")]
    notes = [t.text for t in perf.iter(f"{SVG}text") if t.get("class") == "rk-chart__note"]
    assert notes == ["not enough answers"]


def test_pairs_svg_well_formed_for_any_bars() -> None:
    bars = [(Bar("a", "A & <b>", "some", 6, 12, 3, 3), Bar("a", "A & <b>", "low", 0, 12, 3, 3))]
    svg = parse(pairs_svg(bars, ("You", "Partner"), "T", "p"))
    assert next(svg.iter(f"{SVG}text")).text == "A & <b>"
