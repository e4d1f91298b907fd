"""Results at a glance, as a reader meets them on a 390 px phone and a 1280 px desktop, in the
light and the dark scheme: the heading in view and focused after Submit whatever the answers,
nothing wider than the screen, a partner's link announced in the first screen, 0 axe
violations, the chart's marks at least 3:1 against the card, and the questionnaire compact.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from rekindle.tools.assessment.model.items import ITEM_BANK
from rekindle.tools.assessment.model.scoring import parse_answers
from rekindle.tools.assessment.model.sharecode import encode_share_code
from tests.browser.conftest import PageWatch, watched
from tests.browser.test_assessment import (
    GROUPS,
    MINE,
    READY,
    RESULTS_READY,
    ROOT,
    THEIRS,
    answer_group,
    tool_url,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
VARIANTS = {
    "phone-light": (PHONE, "light"),
    "phone-dark": (PHONE, "dark"),
    "desktop-light": (DESKTOP, "light"),
    "desktop-dark": (DESKTOP, "dark"),
}
WCAG = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
ALL_LOW = {i.id: (5 if i.reverse else 1) for i in ITEM_BANK.items}
ALL_HIGH = {i.id: (1 if i.reverse else 5) for i in ITEM_BANK.items}
MOSTLY_SKIPPED = {
    **dict.fromkeys(ITEM_BANK.item_ids),
    **{i: 4 for i in ITEM_BANK.item_ids[:12]},
}
ANSWER_SETS = {
    "all-low": ALL_LOW,
    "all-high": ALL_HIGH,
    "mixed": MINE,
    "mostly-skipped": MOSTLY_SKIPPED,
}

FILL = """(answers) => {
  for (const [id, value] of Object.entries(answers)) {
    const radio = document.getElementById(`rk-q-${id}-${value === null ? "skip" : value}`);
    radio.checked = true;
    radio.dispatchEvent(new Event("change", { bubbles: true }));
  }
}"""

OVERFLOW = """(selector) => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll(selector + ", " + selector + " *")) {
    const box = el.getBoundingClientRect();
    const out = box.right > width + 0.5 || box.left < -0.5;
    if (box.width && out) wide.push(el.tagName + "." + el.className);
  }
  return { page: document.documentElement.scrollWidth - width, wide: wide.slice(0, 5) };
}"""

HEADER_BOTTOM = "() => document.querySelector('.md-header').getBoundingClientRect().bottom"

OVERLAPS = """(chart) => {
  const clash = [];
  for (const row of chart.querySelectorAll("[data-rk-chart-row]")) {
    const texts = [...row.querySelectorAll("text")].map((t) => [t, t.getBoundingClientRect()]);
    for (const [a, boxA] of texts) for (const [b, boxB] of texts) {
      if (a === b) continue;
      const apart = boxA.right <= boxB.left || boxB.right <= boxA.left ||
        boxA.bottom <= boxB.top || boxB.bottom <= boxA.top;
      if (!apart) clash.push(a.textContent + " / " + b.textContent);
    }
    for (const [t, box] of texts) {
      const svg = chart.getBoundingClientRect();
      if (box.right > svg.right + 0.5) clash.push(t.textContent + " runs off the chart");
    }
  }
  return clash;
}"""


@pytest.fixture(params=list(VARIANTS))
def variant_page(request, browser: Browser, server) -> Iterator[Page]:
    viewport, scheme = VARIANTS[request.param]
    made = browser.new_context(viewport=viewport, color_scheme=scheme)
    with watched(made, PageWatch(server.origin)) as context:
        yield context.new_page()


def submit(page: Page, answers: dict) -> None:
    """Give `answers`, go to the last part with real clicks, and press See my results."""
    page.evaluate(FILL, answers)
    for _ in GROUPS[1:]:
        page.click('[data-rk-action="next"]')
    page.click('[data-rk-action="results"]')


def open_fresh(page: Page, server, fragment: str = "") -> None:
    page.goto(tool_url(server) + fragment)
    page.wait_for_selector(READY)


def assert_heading_in_view_and_focused(page: Page) -> None:
    heading = page.locator("[data-rk-results-heading]")
    expect(heading).to_be_focused()
    expect(heading).to_be_in_viewport(ratio=1)
    top = heading.bounding_box()["y"]
    assert top >= page.evaluate(HEADER_BOTTOM) - 1, "the heading is under the sticky header"


def assert_nothing_wider_than_the_screen(page: Page, selector: str) -> None:
    found = page.evaluate(OVERFLOW, selector)
    assert found["page"] <= 0 and not found["wide"], found


def test_results_open_at_their_heading_whatever_the_answers(variant_page: Page, server) -> None:
    page = variant_page
    for name, answers in ANSWER_SETS.items():
        open_fresh(page, server)
        submit(page, answers)
        page.wait_for_selector(RESULTS_READY)
        assert_heading_in_view_and_focused(page)
        chart = page.locator("[data-rk-results-chart] svg")
        expect(chart).to_be_visible()
        assert page.locator("[data-rk-results-chart] svg").evaluate(OVERLAPS) == [], name
        assert_nothing_wider_than_the_screen(page, "[data-rk-results]")


def test_comparison_fits_and_axe_finds_nothing(variant_page: Page, server) -> None:
    page = variant_page
    code = encode_share_code(parse_answers(THEIRS))
    open_fresh(page, server, "#share=" + code)
    arrival = page.locator("[data-rk-arrival]")
    expect(arrival).to_be_in_viewport()  # the first screen says a partner's code came
    expect(arrival).to_be_focused()
    axe = Axe()
    found = axe.run(page, options=WCAG).response["violations"]
    assert found == [], [v["id"] for v in found]

    submit(page, MINE)
    page.wait_for_selector(f"{ROOT}[data-rk-compare-ready]")
    assert_heading_in_view_and_focused(page)  # the comparison comes below, after the results
    found = axe.run(page, options=WCAG).response["violations"]
    assert found == [], [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in found]
    assert_nothing_wider_than_the_screen(page, "[data-rk-results], [data-rk-compare]")
    comparison = page.locator("[data-rk-compare-chart] svg")
    comparison.scroll_into_view_if_needed()
    expect(comparison).to_be_visible()
    assert comparison.evaluate(OVERLAPS) == []
    wide = page.viewport_size["width"] >= 720
    expect(page.locator("[data-rk-compare-output] .rk-assessment__table-wrap")).to_be_visible(
        visible=wide
    )
    expect(page.locator("[data-rk-compare-output] .rk-assessment__differences")).to_be_visible(
        visible=not wide
    )


def luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


COLOURS = """() => {
  const parse = (text) => {
    const m = text.match(/rgba?\\(([^)]+)\\)/);
    const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [r, g, b, a];
  };
  const root = document.querySelector('[data-rekindle-widget="barrier-assessment"]');
  const card = parse(getComputedStyle(root).backgroundColor);
  const style = (selector) => getComputedStyle(document.querySelector(selector));
  return {
    card,
    bar: parse(style('[data-rk-results-chart] .rk-chart__bar--solid').fill),
    stripes: parse(style('[data-rk-results-chart] pattern rect').fill),
    track: parse(style('[data-rk-results-chart] .rk-chart__track').stroke),
    label: parse(style('[data-rk-results-chart] .rk-chart__label').fill),
  };
}"""

SCALE_COLOURS = """() => {
  const parse = (text) => {
    const m = text.match(/rgba?\\(([^)]+)\\)/);
    const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [r, g, b, a];
  };
  const root = document.querySelector('[data-rekindle-widget="barrier-assessment"]');
  const card = parse(getComputedStyle(root).backgroundColor);
  const choice = getComputedStyle(document.querySelector('.rk-assessment__choice'));
  const ring = getComputedStyle(document.querySelector('.rk-assessment__choice input'));
  return { card, edge: parse(choice.borderTopColor), ring: parse(ring.borderTopColor) };
}"""


def on(colour: list[float], under: list[float]) -> tuple[float, float, float]:
    """A colour with alpha, seen over an opaque one."""
    alpha = colour[3]
    return tuple(c * alpha + u * (1 - alpha) for c, u in zip(colour[:3], under[:3], strict=True))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_marks_stand_out_3_to_1_in_both_schemes(scheme: str, browser: Browser, server) -> None:
    with watched(
        browser.new_context(viewport=PHONE, color_scheme=scheme), PageWatch(server.origin)
    ) as context:
        page = context.new_page()
        open_fresh(page, server)
        scale = page.evaluate(SCALE_COLOURS)
        for name in ("edge", "ring"):
            assert contrast(on(scale[name], scale["card"]), tuple(scale["card"][:3])) >= 3, name
        submit(page, MINE)
        page.wait_for_selector(RESULTS_READY)
        colours = page.evaluate(COLOURS)
        card = tuple(colours["card"][:3])
        for name in ("bar", "stripes", "track"):
            assert contrast(on(colours[name], colours["card"]), card) >= 3, name
        assert contrast(on(colours["label"], colours["card"]), card) >= 4.5


def to_the_last_part(page: Page) -> None:
    while not page.locator('[data-rk-action="results"]').is_visible():
        page.click('[data-rk-action="next"]')


def test_too_few_answers_say_what_is_missing_and_take_the_reader_there(page: Page, server) -> None:
    open_fresh(page, server)
    for _ in GROUPS[1:]:
        page.click('[data-rk-action="next"]')
    expect(page.locator("[data-rk-minimum]")).to_contain_text("Results need at least 10")
    page.click('[data-rk-action="results"]')  # nothing answered at all
    note = page.locator("[data-rk-missing]")
    expect(note).to_be_focused()
    expect(note).to_be_in_viewport()
    expect(note).to_contain_text("you have answered 0")
    expect(note).to_contain_text("a Skip tells us nothing")
    first = GROUPS[0][0]
    expect(page.locator('[data-rk-group-index="0"]')).to_be_visible()
    marked = page.locator(f'[data-rk-item="{first}"]')
    expect(marked.locator("[data-rk-missing-mark]")).to_have_text("Not answered yet")
    assert note.evaluate("(n) => n.nextElementSibling.dataset.rkItem") == first  # right above it
    expect(page.locator(RESULTS_READY)).to_have_count(0)
    expect(page.locator("[data-rk-compare]")).to_be_hidden()

    # Nine answers and the rest skipped: still short, and the note says how far.
    nine = {**dict.fromkeys(ITEM_BANK.item_ids), **dict.fromkeys(ITEM_BANK.item_ids[:9], 3)}
    page.evaluate(FILL, nine)
    to_the_last_part(page)
    page.click('[data-rk-action="results"]')
    expect(note).to_contain_text("you have answered 9")
    expect(note).to_be_focused()
    marked = page.locator(".rk-assessment__item--missing")
    expect(marked).to_have_count(1)
    item_id = marked.get_attribute("data-rk-item")
    page.check(f"#rk-q-{item_id}-2")  # answering it takes the mark and the note away
    expect(page.locator("[data-rk-missing-mark]")).to_have_count(0)
    expect(note).to_be_hidden()
    to_the_last_part(page)
    page.click('[data-rk-action="results"]')
    page.wait_for_selector(RESULTS_READY)
    assert_heading_in_view_and_focused(page)


def test_the_questionnaire_is_compact_on_a_phone(page: Page, server) -> None:
    open_fresh(page, server)
    heights = page.locator('[data-rk-group-index="0"] [data-rk-item]').evaluate_all(
        "items => items.map((i) => i.getBoundingClientRect().height)"
    )
    assert max(heights) <= 200, heights  # about half of the 390 px a statement took before
    # One row of five answers, and Skip beside it.
    row = page.locator(f'[data-rk-item="{GROUPS[0][0]}"] .rk-assessment__choice').evaluate_all(
        "choices => choices.map((c) => Math.round(c.getBoundingClientRect().top))"
    )
    assert len(set(row)) == 1, row
    # Save and Delete wait under the privacy control; Compare comes with the results.
    expect(page.locator('[data-rk-action="delete"]')).to_be_hidden()
    expect(page.locator("[data-rk-save]")).to_be_hidden()
    expect(page.locator("[data-rk-privacy] > summary")).to_have_text(
        "Private to this device: saving is off"
    )
    expect(page.locator("[data-rk-compare]")).to_be_hidden()
    # Each answer is a real radio with its full label for screen readers.
    expect(page.get_by_role("radio", name="Neither agree nor disagree").first).to_be_attached()
    answer_group(page, 0, MINE)
    expect(page.locator(f"#rk-q-{GROUPS[0][0]}-{MINE[GROUPS[0][0]]}")).to_be_checked()


SHARE_SPY = """() => {
  window.__shared = [];
  navigator.share = (data) => { window.__shared.push(data); return Promise.resolve(); };
  navigator.canShare = () => true;
}"""

COPY_SPY = """() => {
  window.__copied = [];
  delete Navigator.prototype.share;
  navigator.share = undefined;
  Object.defineProperty(navigator, "clipboard", {
    value: { writeText: (text) => { window.__copied.push(text); return Promise.resolve(); } },
  });
}"""


@pytest.mark.parametrize("has_share_sheet", [True, False], ids=["web-share", "copy"])
def test_one_share_button_uses_the_share_sheet_or_copies(
    has_share_sheet: bool, page: Page, server
) -> None:
    open_fresh(page, server)
    page.evaluate(SHARE_SPY if has_share_sheet else COPY_SPY)
    submit(page, MINE)
    page.wait_for_selector(RESULTS_READY)
    page.wait_for_selector("[data-rk-share-link-field]", state="attached")
    link = page.locator("[data-rk-share-link-field]").input_value()
    code = encode_share_code(parse_answers(MINE))
    assert link == tool_url(server) + "#share=" + code
    expect(page.locator("[data-rk-compare] button[data-rk-action]")).to_have_count(
        2
    )  # Share, Compare
    page.click('[data-rk-action="share"]')
    if has_share_sheet:
        page.wait_for_function("window.__shared.length === 1")
        shared = page.evaluate("window.__shared[0]")
        assert shared["url"] == link and code in shared["text"]
        expect(page.locator("[data-rk-share-output]")).to_contain_text("Shared.")
    else:
        page.wait_for_function("window.__copied.length === 1")
        assert page.evaluate("window.__copied[0]") == link
        expect(page.locator("[data-rk-share-output]")).to_contain_text("Link copied.")
    # The code and the link stay available for those who want them.
    page.click("[data-rk-share-details] > summary")
    expect(page.locator("[data-rk-share-code]")).to_have_value(code)
