"""The barrier self-assessment in real Chromium: keyboard, results, saving, sharing, faults.

Expected results come from the Python core itself (the same code the page runs in Pyodide),
so these tests check that the page shows what the engine worked out, not a second copy of
the rules. Every test also passes the `context` fixture's checks at teardown: no request off
the site, no console error or warning, no page error.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from rekindle.tools.assessment.model.compare import compare_view
from rekindle.tools.assessment.model.items import ITEM_BANK
from rekindle.tools.assessment.model.scoring import parse_answers, results_view
from rekindle.tools.assessment.model.sharecode import MESSAGES, encode_share_code
from tests.browser.conftest import PageWatch, new_context
from tests.conftest import SITE_PREFIX

pytestmark = pytest.mark.browser

ROOT = '[data-rekindle-widget="barrier-assessment"]'
READY = f'{ROOT}[data-state="ready"]'
RESULTS_READY = f"{ROOT}[data-rk-results-ready]"
KEY = f"rekindle {SITE_PREFIX} barrier-assessment"  # scoped to this copy: kit/scope.js
GROUPS = [list(group.item_ids) for group in ITEM_BANK.groups]
BARRIER_IDS = [b.id for b in ITEM_BANK.barriers]


def spread_answers(offset: int) -> dict[str, int | None]:
    """A full, varied set of answers: each barrier gets its own level, so the ranking is clear."""
    answers: dict[str, int | None] = {}
    for item in ITEM_BANK.items:
        level = (BARRIER_IDS.index(item.barrier) if item.barrier else 2) + offset
        value = level % 5 + 1
        answers[item.id] = 6 - value if item.reverse else value
    answers["att-2"] = None  # one skip, to show skips count as "no points"
    return answers


MINE = spread_answers(0)
THEIRS = spread_answers(3)


def tool_url(server) -> str:
    return server.url + "tools/self-assessment/"


def open_tool(page: Page, server, fragment: str = "") -> None:
    page.goto(tool_url(server) + fragment)
    page.wait_for_selector(READY)


def radio(item_id: str, answer: int | None) -> str:
    return f"#rk-q-{item_id}-{'skip' if answer is None else answer}"


def answer_group(page: Page, index: int, answers: dict[str, int | None]) -> None:
    for item_id in GROUPS[index]:
        if item_id in answers:
            page.check(radio(item_id, answers[item_id]))


def answer_all(page: Page, answers: dict[str, int | None]) -> None:
    """Answer every part by pointer, pressing Next between parts and then See my results."""
    for index in range(len(GROUPS)):
        expect(page.locator(f'[data-rk-group-index="{index}"]')).to_be_visible()
        answer_group(page, index, answers)
        last = index == len(GROUPS) - 1
        page.click(f'[data-rk-action="{"results" if last else "next"}"]')
    page.wait_for_selector(RESULTS_READY)


def focused_matches(page: Page, selector: str) -> bool:
    return page.evaluate("s => Boolean(document.activeElement?.matches(s))", selector)


def tab_to(page: Page, selector: str, limit: int = 120) -> None:
    """Press Tab until the element matching selector has focus (keyboard only)."""
    for _ in range(limit):
        if focused_matches(page, selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def answer_by_keyboard(page: Page, item_id: str, answer: int | None) -> None:
    """Tab into a statement's radios, Space picks the first, arrows move along the scale."""
    tab_to(page, f"#rk-q-{item_id}-1")
    page.keyboard.press("Space")
    for _ in range((6 if answer is None else answer) - 1):
        page.keyboard.press("ArrowRight")
    expect(page.locator(radio(item_id, answer))).to_be_checked()


def ranked_ids(page: Page) -> list[str]:
    return page.locator("[data-rk-barrier]").evaluate_all(
        "items => items.map(li => li.dataset.rkBarrier)"
    )


def stored(page: Page, key: str = KEY) -> str | None:
    return page.evaluate("k => localStorage.getItem(k)", key)


def open_privacy(page: Page) -> None:
    """Save and Delete sit under the small "Private to this device" control: open it."""
    if not page.locator("[data-rk-privacy]").evaluate("d => d.open"):
        page.click("[data-rk-privacy] > summary")


def turn_saving_on(page: Page) -> None:
    open_privacy(page)
    page.check("[data-rk-save]")


def delete_answers(page: Page) -> None:
    open_privacy(page)
    page.click('[data-rk-action="delete"]')


def show_code_fields(page: Page) -> None:
    """The code and the link stay available under "Show my code and link"."""
    page.wait_for_selector("[data-rk-share-code]", state="attached")
    if not page.locator("[data-rk-share-details]").evaluate("d => d.open"):
        page.click("[data-rk-share-details] > summary")


# --- the questionnaire -----------------------------------------------------------------


def test_questionnaire_shows_one_part_at_a_time_with_progress(page: Page, server) -> None:
    open_tool(page, server)
    groups = page.locator("[data-rk-group]")
    assert groups.count() == len(GROUPS)
    expect(page.locator('[data-rk-group-index="0"]')).to_be_visible()
    for index in range(1, len(GROUPS)):
        expect(page.locator(f'[data-rk-group-index="{index}"]')).to_be_hidden()
    expect(page.locator("[data-rk-progress-text]")).to_have_text(f"Part 1 of {len(GROUPS)}")
    expect(page.locator('[data-rk-action="back"]')).to_be_hidden()
    expect(page.locator('[data-rk-action="results"]')).to_be_hidden()
    expect(page.locator("[data-rk-progress]")).to_have_attribute("max", str(len(GROUPS)))


def test_complete_with_the_keyboard_only(page: Page, server) -> None:
    open_tool(page, server)
    page.keyboard.press("Tab")  # from the top of the page, like a keyboard user
    for index, item_ids in enumerate(GROUPS):
        for item_id in item_ids:
            answer_by_keyboard(page, item_id, MINE[item_id])
        if index == 1:  # Back keeps what was answered, then Next again
            tab_to(page, '[data-rk-action="back"]')
            page.keyboard.press("Enter")
            expect(page.locator('[data-rk-group-index="0"] > legend')).to_be_focused()
            expect(page.locator(radio("rej-1", MINE["rej-1"]))).to_be_checked()
            tab_to(page, '[data-rk-action="next"]')
            page.keyboard.press("Enter")
            expect(page.locator('[data-rk-group-index="1"] > legend')).to_be_focused()
        last = index == len(GROUPS) - 1
        tab_to(page, f'[data-rk-action="{"results" if last else "next"}"]')
        page.keyboard.press("Enter")
        if not last:
            expect(page.locator(f'[data-rk-group-index="{index + 1}"] > legend')).to_be_focused()
            expect(page.locator("[data-rk-progress-text]")).to_have_text(
                f"Part {index + 2} of {len(GROUPS)}"
            )
    page.wait_for_selector(RESULTS_READY)
    expect(page.locator("[data-rk-results-heading]")).to_be_focused()
    expect(page.locator("[data-rk-announce]")).to_have_text("Your results are ready.")
    assert ranked_ids(page) == [b["id"] for b in results_view(parse_answers(MINE))["barriers"]]


def test_ranking_and_explanations_match_the_answers(page: Page, server) -> None:
    open_tool(page, server)
    answer_all(page, MINE)
    view = results_view(parse_answers(MINE))
    assert ranked_ids(page) == [b["id"] for b in view["barriers"]]
    results = page.locator("[data-rk-results]")
    for row in view["barriers"]:
        item = page.locator(f'[data-rk-barrier="{row["id"]}"]')
        expect(item.locator(".rk-assessment__summary")).to_have_text(row["band_label"])
        expect(item).to_contain_text(row["first_steps"][0])  # every barrier keeps its steps
        link = item.locator("a")
        expect(link).to_have_attribute("href", re.compile(r"barriers/#" + row["id"] + "$"))
        if row["is_top"]:  # open for the barriers that stand out, folded for the rest
            expect(item.get_by_text(row["first_steps"][0])).to_be_visible()
        else:
            expect(item.get_by_text(row["first_steps"][0])).to_be_hidden()
            expect(item.locator("summary")).to_have_text(f"{row['band_label']}: {row['title']}")
    # One explanation of the scoring, not one per barrier.
    expect(results.locator(".rk-assessment__how")).to_have_count(1)
    expect(results).to_contain_text("This is a reflection, not a diagnosis.")
    expect(results).to_contain_text(view["signs"]["summary"])
    conversation = results.get_by_role(
        "link", name="How to start the conversation with your partner"
    )
    expect(conversation).to_have_attribute("href", re.compile(r"signs/#starting-the-conversation$"))
    # a reversed statement says so in "How this was worked out"
    how = results.locator(".rk-assessment__how")
    how.locator("> summary").click()
    how.locator("[data-rk-statements] > summary").click()
    expect(how.locator('[data-rk-how="fear-of-rejection"]')).to_contain_text("turned around")
    expect(page.locator('[data-rk-action="print"]')).to_be_visible()


def test_pointers_to_safety_and_therapy_when_answers_call_for_them(page: Page, server) -> None:
    strong = {item.id: (1 if item.reverse else 5) for item in ITEM_BANK.items}
    open_tool(page, server)
    answer_all(page, strong)
    view = results_view(parse_answers(strong))
    assert view["show_safety_pointer"] and view["show_therapy_pointer"]
    results = page.locator("[data-rk-results]")
    expect(results.get_by_role("link", name="Staying safe")).to_have_attribute(
        "href", re.compile(r"safety/$")
    )
    expect(results.get_by_role("link", name="How sex therapy can help")).to_be_visible()
    page.click('[data-rk-action="change"]')
    expect(page.locator(f'[data-rk-group-index="{len(GROUPS) - 1}"] > legend')).to_be_focused()
    expect(page.locator("[data-rk-results]")).to_be_hidden()


# --- keep or delete --------------------------------------------------------------------


def test_nothing_is_kept_unless_the_reader_saves(page: Page, server) -> None:
    open_tool(page, server)
    answer_group(page, 0, MINE)
    page.reload()
    page.wait_for_selector(READY)
    expect(page.locator(radio("rej-1", MINE["rej-1"]))).not_to_be_checked()
    assert stored(page) is None


def test_reload_resumes_when_saved_and_forgets_after_delete(page: Page, server) -> None:
    open_tool(page, server)
    turn_saving_on(page)
    answer_group(page, 0, MINE)
    page.click('[data-rk-action="next"]')
    page.check(radio("child-1", 4))
    page.wait_for_function(
        "k => (localStorage.getItem(k) || '').includes('child-1') "
        "&& JSON.parse(localStorage.getItem(k)).group_index === 1",
        arg=KEY,
    )
    expect(page.locator("[data-rk-keep-note]")).to_contain_text("Saving is on")

    page.reload()
    page.wait_for_selector(f'{READY}[data-rk-step="1"]')
    expect(page.locator('[data-rk-group-index="1"]')).to_be_visible()
    expect(page.locator(radio("child-1", 4))).to_be_checked()
    expect(page.locator("[data-rk-save]")).to_be_checked()

    delete_answers(page)
    expect(page.locator("[data-rk-keep-note]")).to_have_text(
        "Your answers were deleted from this page and from this device."
    )
    expect(page.locator(radio("child-1", 4))).not_to_be_checked()
    assert stored(page) is None

    page.reload()
    page.wait_for_selector(f'{READY}[data-rk-step="0"]')
    expect(page.locator("[data-rk-save]")).not_to_be_checked()
    assert page.locator("[data-rk-form] input:checked").count() == 0


def test_results_are_resumed_and_delete_clears_them(page: Page, server) -> None:
    open_tool(page, server)
    turn_saving_on(page)
    answer_all(page, MINE)
    page.wait_for_function("k => JSON.parse(localStorage.getItem(k)).group_index === 5", arg=KEY)
    page.reload()
    page.wait_for_selector(RESULTS_READY)
    assert ranked_ids(page) == [b["id"] for b in results_view(parse_answers(MINE))["barriers"]]
    delete_answers(page)
    expect(page.locator("[data-rk-results]")).to_be_hidden()
    expect(page.locator('[data-rk-group-index="0"]')).to_be_visible()
    assert page.locator(RESULTS_READY).count() == 0


def test_corrupt_saved_data_is_kept_aside_and_the_reader_starts_fresh(page: Page, server) -> None:
    open_tool(page, server)
    page.evaluate("k => localStorage.setItem(k, '{not json at all')", KEY)
    page.reload()
    page.wait_for_selector(READY)
    expect(page.locator("[data-rk-keep-note]")).to_contain_text("could not be read")
    assert stored(page, KEY + ".corrupt") == "{not json at all"
    assert stored(page) is None
    expect(page.locator("[data-rk-save]")).not_to_be_checked()
    answer_all(page, MINE)  # a fresh start works
    delete_answers(page)
    assert stored(page, KEY + ".corrupt") is None


def test_storage_disabled_says_saving_is_off_and_works(browser: Browser, server) -> None:
    watch = PageWatch(server.origin)
    context = new_context(browser)
    watch.attach(context)
    context.add_init_script(
        "Object.defineProperty(window, 'localStorage', "
        "{get() { throw new DOMException('denied', 'SecurityError'); }});"
    )
    try:
        page = context.new_page()
        open_tool(page, server)
        expect(page.locator("[data-rk-keep-note]")).to_contain_text("Saving is off")
        expect(page.locator("[data-rk-save]")).to_be_disabled()
        answer_all(page, MINE)
        assert ranked_ids(page) == [b["id"] for b in results_view(parse_answers(MINE))["barriers"]]
    finally:
        context.close()
    # Material's own inline `__md_get` reads localStorage without a try, so it throws the
    # "denied" error itself; anything else (ours included) must stay silent.
    problems = [p for p in watch.problems() if p != "page error: denied"]
    assert not problems, problems


def test_storage_full_says_saving_is_off(page: Page, server) -> None:
    page.add_init_script(
        "Storage.prototype.setItem = function () {"
        " throw new DOMException('full', 'QuotaExceededError'); };"
    )
    open_tool(page, server)
    turn_saving_on(page)
    expect(page.locator("[data-rk-keep-note]")).to_contain_text("Saving is off")
    expect(page.locator("[data-rk-save]")).not_to_be_checked()
    answer_all(page, MINE)


# --- compare with a partner ------------------------------------------------------------


def test_share_code_from_one_browser_compared_in_another(
    page: Page, server, browser: Browser, watch: PageWatch
) -> None:
    open_tool(page, server)
    answer_all(page, THEIRS)
    show_code_fields(page)
    code = page.locator("[data-rk-share-code]").input_value()
    assert code == encode_share_code(parse_answers(THEIRS))
    link = page.locator("[data-rk-share-link-field]").input_value()
    assert link == tool_url(server) + "#share=" + code
    for what in ("code", "link"):
        page.click(f'[data-rk-copy="{what}"]')
        expect(page.locator("[data-rk-share-output]")).to_have_text(
            re.compile(r"^Copied\.$|Ctrl\+C")
        )

    partner_watch = PageWatch(server.origin)
    other = new_context(browser)
    partner_watch.attach(other)
    try:
        partner = other.new_page()
        open_tool(partner, server, "#share=" + code)
        expect(partner.locator("[data-rk-partner-code]")).to_have_value(code)
        arrival = partner.locator("[data-rk-arrival]")
        expect(arrival).to_be_in_viewport()  # the first screen says what happened
        expect(arrival).to_contain_text("Your partner's code came with this link")
        expect(arrival).to_contain_text("Nothing was sent anywhere")
        assert partner.evaluate("location.hash") == ""
        assert partner.locator("[data-rk-form] input:checked").count() == 0  # nothing filled
        answer_all(partner, MINE)  # then both are compared at once: no button to find
        partner.wait_for_selector(f"{ROOT}[data-rk-compare-ready]")
        expect(partner.locator("[data-rk-arrival]")).to_be_hidden()
        view = compare_view(parse_answers(MINE), parse_answers(THEIRS))
        table = partner.locator("[data-rk-compare-output] table").first
        expect(table.locator('th[scope="col"]')).to_have_count(4)
        # On a phone the differences are a list in words; the table is for wider screens.
        expect(table).to_be_hidden()
        for row in view["rows"]:
            said = partner.locator(f'[data-rk-compare-item="{row["id"]}"]')
            expect(said).to_be_visible()
            expect(said).to_contain_text(row["sentence"])
        assert view["biggest"], "the test answers should differ a lot somewhere"
        for row in view["rows"]:
            cells = partner.locator(f'[data-rk-compare-row="{row["id"]}"] td')
            expect(cells.nth(0)).to_have_text(row["mine"]["summary"])
            expect(cells.nth(1)).to_have_text(row["theirs"]["summary"])
            big = "One of the biggest differences" if row["is_big"] else ""
            expect(cells.nth(2)).to_have_text(re.compile("^" + big))
            assert ("biggest differences" in cells.nth(2).inner_text()) == row["is_big"]
    finally:
        other.close()
    assert not partner_watch.problems(), partner_watch.problems()
    assert not watch.off_origin


def _bad_codes(good: str) -> dict[str, str]:
    body = good[4:]
    last = body[-1]
    swapped = "0" if last != "0" else "1"
    return {
        "malformed": "hello, this is not a code",
        "truncated": good[:-6],
        "tampered": good[:-1] + swapped,
        "future-version": "RK2-" + body,
        "too-long": good * 30,
    }


def test_each_bad_code_gives_a_clear_message_and_overwrites_nothing(page: Page, server) -> None:
    good = encode_share_code(parse_answers(THEIRS))
    open_tool(page, server)
    answer_all(page, MINE)
    field = page.locator("[data-rk-partner-code]")
    field.fill(good)
    page.click('[data-rk-action="compare"]')
    page.wait_for_selector(f'{ROOT}[data-rk-compare-ready="1"]')
    comparison = page.locator("[data-rk-compare-output]").inner_text()
    for reason, code in _bad_codes(good).items():
        field.fill(code)
        page.click('[data-rk-action="compare"]')
        problem = page.locator("[data-rk-partner-problem]")
        expect(problem).to_have_text(MESSAGES[reason])
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_have_attribute("aria-describedby", "rk-assessment-partner-problem")
        expect(field).to_have_value(code)
        assert page.locator("[data-rk-compare-output]").inner_text() == comparison, reason
        assert page.locator(f'{ROOT}[data-rk-compare-ready="1"]').count() == 1
    assert ranked_ids(page) == [b["id"] for b in results_view(parse_answers(MINE))["barriers"]]
    field.fill(good)
    page.click('[data-rk-action="compare"]')
    page.wait_for_selector(f'{ROOT}[data-rk-compare-ready="2"]')
    expect(field).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator("[data-rk-partner-problem]")).to_be_hidden()


def test_delete_clears_codes_comparison_and_fragment(page: Page, server) -> None:
    code = encode_share_code(parse_answers(THEIRS))
    open_tool(page, server, "#share=" + code)
    answer_all(page, MINE)
    page.wait_for_selector(f"{ROOT}[data-rk-compare-ready]")  # the link's code, compared
    show_code_fields(page)
    expect(page.locator("[data-rk-share-code]")).to_be_visible()
    delete_answers(page)
    expect(page.locator("[data-rk-share-code]")).to_have_count(0)
    expect(page.locator("[data-rk-partner-code]")).to_have_value("")
    expect(page.locator("[data-rk-compare-output] table")).to_have_count(0)
    assert page.evaluate("location.hash") == ""
    assert page.locator("[data-rk-form] input:checked").count() == 0
