"""The no-contact pause and journal in real Chromium, a month at a time.

Time is Playwright's fake clock in one time zone: `install` before the page loads, then
`set_system_time` to move to another day (the page notices within a minute, or on reload),
and `run_for` to let minutes pass with every timer firing. Every assertion waits on what is
on screen; expected words come from the Python ops the page runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import PageWatch
from tests.browser.pause_helpers import (
    NO_CONTACT_PAGE,
    TOOL_PAGE,
    add_entry,
    entry_texts,
    expected_counter,
    form_note,
    go_to_day,
    headline,
    keep_on_device,
    open_tool,
    pause_context,
    save_plan,
    start_clock,
    tool,
)
from tests.pure.pause_support import call

pytestmark = pytest.mark.browser

ROOT_SELECTOR = '[data-rekindle-widget="no-contact-pause"]'
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
MARCH = [date(2026, 3, day) for day in range(1, 32)]


@pytest.fixture
def page(browser: Browser, watch: PageWatch) -> Iterator[Page]:
    with pause_context(browser, watch) as context:
        yield context.new_page()


def test_a_month_plan_entries_a_contact_the_wait_day_31_and_the_read_back(
    page: Page, server
) -> None:
    start_clock(page, MARCH[0])
    root = open_tool(page, server)
    expect(headline(root)).to_have_text("No pause planned yet")

    # Day 1: a 30-day plan, said "I was left"; today's prompt is the engine's for that track.
    save_plan(root, length="30", situation="left")
    expect(headline(root)).to_have_text("Day 1 of 30")
    expect(form_note(root, "plan")).to_contain_text("Plan saved")
    state = call("set_plan", state=None, today="2026-03-01", start="", length=30, situation="left")
    prompt = call("prompt_for", state=state["state"], today="2026-03-01")
    expect(root.locator("[data-rk-prompt-text]")).to_have_text(prompt["text"])
    keep_on_device(root)
    add_entry(root, "First day. It was quiet.\nToo quiet.", tags=("talking",))

    # Day 3, with the page left open: it notices the new day within a minute.
    go_to_day(page, MARCH[2])
    page.clock.fast_forward(61_000)  # a jump: a call started by it is not timed out by run_for
    expect(headline(root)).to_have_text("Day 3 of 30")
    add_entry(root, "Wrote without a prompt today.", prompt=False)

    # Day 10, opened afresh: kept on this device, it comes back as it was.
    go_to_day(page, MARCH[9])
    page.reload()
    root = open_tool(page, server)
    expect(headline(root)).to_have_text("Day 10 of 30")
    assert entry_texts(root) == [
        "Wrote without a prompt today.",
        "First day. It was quiet.\nToo quiet.",
    ]
    expect(root.locator("[data-rk-keep]")).to_be_checked()

    # A contact they started: logged honestly, and nothing resets.
    root.locator("#rk-pause-who-them").check()
    root.locator("#rk-pause-note").fill("Asked about the spare keys.")
    root.get_by_role("button", name="Log this contact").click()
    expect(form_note(root, "contact")).to_contain_text("Contact logged for Tuesday 10 March 2026.")
    expect(form_note(root, "contact")).to_contain_text(
        "The pause carries on as before: Day 10 of 30."
    )
    expect(headline(root)).to_have_text("Day 10 of 30")
    expect(root.locator("[data-rk-contact-line]")).to_have_text(
        "You logged a contact today. The pause goes on; nothing resets."
    )
    expect(root.locator("[data-rk-contacts] li")).to_contain_text("They started it")

    # Day 12: the days since that contact beside the day of the pause.
    go_to_day(page, MARCH[11])
    page.reload()
    root = open_tool(page, server)
    expect(headline(root)).to_have_text("Day 12 of 30")
    expect(root.locator("[data-rk-contact-line]")).to_have_text(
        "2 days since the last contact you logged."
    )
    add_entry(root, "Trust, mostly.", tags=("talking", "trust"))

    # Before reaching out: a ten-minute wait with a countdown, then moved into the journal.
    draft = root.locator("[data-rk-draft]")
    draft.locator("[data-rk-draft-text]").fill("I miss you. Can we talk?")
    draft.get_by_role("button", name="Start the 10-minute wait").click()
    countdown = draft.locator("[data-rk-countdown]")
    expect(countdown).to_contain_text("10:00 left")
    page.clock.run_for(5 * 60_000)
    expect(countdown).to_contain_text("5:00 left")
    expect(draft.locator("[data-rk-draft-choices]")).to_be_hidden()
    page.clock.run_for(5 * 60_000)
    expect(countdown).to_contain_text("The wait is over")
    choices = draft.locator("[data-rk-draft-choices] button")
    expect(choices).to_have_text(
        ["Keep it unsent", "Move it into my journal", "Log that I made contact"]
    )
    draft.get_by_role("button", name="Move it into my journal").click()
    expect(form_note(root, "draft")).to_have_text("Moved into your journal.")
    expect(draft.locator("[data-rk-draft-text]")).to_have_value("")
    expect(root.locator("[data-rk-entries] > li")).to_have_count(4)

    # Day 31: the pause is complete, and the read-back gathers what was written.
    go_to_day(page, MARCH[30])
    page.reload()
    root = open_tool(page, server)
    day_31 = expected_counter(MARCH[30], situation="left")
    expect(headline(root)).to_have_text(day_31["headline"])
    expect(headline(root)).to_have_text("Your 30-day pause is complete")
    expect(root.locator("[data-rk-counter-lines] li")).to_have_text(day_31["lines"])
    root.get_by_role("button", name="Read back my journal").click()
    body = root.locator("[data-rk-readback-body]")
    expect(body.locator("[data-rk-readback-heading]")).to_be_focused()
    expect(body.locator("h5")).to_contain_text(
        [
            prompt["text"],
            "A message I wanted to send, kept here instead",
            "Written without a prompt",
        ]
    )
    expect(body).to_contain_text("You tagged 2 entries with reasons the relationship ended.")
    expect(body).to_contain_text("We stopped talking, or talking turned into fighting: 2 entries")
    expect(body).to_contain_text("Trust was broken: 1 entry")
    link = body.get_by_role("link", name="Deciding whether to try again")
    expect(link).to_have_attribute("href", "../../after-a-breakup/deciding/")
    link.click()
    page.wait_for_url("**/after-a-breakup/deciding/")


def test_the_session_note_after_fifteen_minutes_and_another_prompt(page: Page, server) -> None:
    start_clock(page, MARCH[0])
    root = open_tool(page, server)
    first = root.locator("[data-rk-prompt-text]").inner_text()
    root.get_by_role("button", name="Another prompt").click()
    expect(root.locator("[data-rk-prompt-text]")).not_to_have_text(first)
    expected = call("prompt_for", state=None, today="2026-03-01", skip=1)["text"]
    expect(root.locator("[data-rk-prompt-text]")).to_have_text(expected)
    root.locator("#rk-pause-track").select_option("ahead")
    ahead = call("prompt_for", state=None, today="2026-03-01", track="ahead")["text"]
    expect(root.locator("[data-rk-prompt-text]")).to_have_text(ahead)

    note = root.locator("[data-rk-session-note]")
    root.locator("[data-rk-entry]").press_sequentially("Starting")
    page.clock.run_for(14 * 60_000)
    expect(note).to_be_hidden()
    page.clock.run_for(61_000)
    expect(note).to_be_visible()
    expect(note).to_contain_text("about fifteen minutes")


def test_a_pause_about_safety_suggests_no_contact_and_links_to_help(page: Page, server) -> None:
    start_clock(page, MARCH[0])
    root = open_tool(page, server, NO_CONTACT_PAGE)
    save_plan(root, safety=True)
    expect(headline(root)).to_have_text("Day 1")
    expect(root.locator('[data-rk-message="length"]')).to_contain_text("no set end")
    safety = root.locator("[data-rk-safety]")
    expect(safety).to_be_visible()
    help_link = safety.get_by_role("link", name="Safety and getting help")
    assert help_link.evaluate("a => a.href") == server.url + "safety/"
    draft = root.locator("[data-rk-draft]")
    expect(root.locator("[data-rk-draft-title]")).to_have_text("A letter you will not send")
    draft.locator("[data-rk-draft-text]").fill("Everything I never got to say.")
    draft.get_by_role("button", name="I have finished writing").click()
    expect(draft.locator("[data-rk-draft-choices] button")).to_have_text(
        ["Leave it unsent", "Move it into my journal"]
    )
    shown = root.inner_text()
    for suggestion in ("reach out", "Log that I made contact", "try again", "10-minute wait"):
        assert suggestion.lower() not in shown.lower(), suggestion
    root.get_by_role("button", name="Read back my journal").click()
    link = root.locator("[data-rk-readback-body] a")
    expect(link).to_have_text("Safety and getting help")
    assert link.evaluate("a => a.href") == server.url + "safety/"


def test_without_scripts_the_tool_reads_as_text_and_names_what_it_needs(
    browser: Browser, watch: PageWatch, server
) -> None:
    with pause_context(browser, watch, java_script_enabled=False) as context:
        page = context.new_page()
        page.goto(server.url + TOOL_PAGE)
        root = tool(page)
        expect(root.locator("[data-rk-no-js]")).to_be_visible()
        expect(root.locator("[data-rk-no-js]")).to_contain_text("need JavaScript")
        expect(root.locator("[data-rk-area]")).to_have_count(8)
        for area in root.locator("[data-rk-area]").all():
            expect(area).to_be_hidden()
        prompts = root.locator("details.rk-pause__all-prompts")
        prompts.locator("summary").click()
        expect(prompts.locator("li").first).to_be_visible()


def test_the_page_can_be_used_by_keyboard_alone(page: Page, server) -> None:
    start_clock(page, MARCH[0])
    root = open_tool(page, server)

    def tab_until(selector: str, limit: int = 80) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate("s => Boolean(document.activeElement?.matches(s))", selector):
                return
        raise AssertionError(f"Tab never reached {selector}")

    root.locator("h3").first.evaluate("el => { el.tabIndex = -1; el.focus(); }")
    tab_until("#rk-pause-safety")
    tab_until("#rk-pause-length")
    page.keyboard.type("45")
    tab_until("[data-rk-plan] button[type=submit]")
    page.keyboard.press("Enter")
    expect(headline(root)).to_have_text("Day 1 of 45")
    tab_until("[data-rk-keep]")
    page.keyboard.press("Space")
    expect(root).to_have_attribute("data-rk-saved", re.compile(r"\d+"))
    tab_until("#rk-pause-text")
    page.keyboard.type("Typed with the keyboard only.")
    tab_until("[data-rk-journal] button[type=submit]")
    page.keyboard.press("Enter")
    expect(form_note(root, "journal")).to_contain_text("Added to your journal")
    tab_until("[data-rk-entries] summary")
    page.keyboard.press("Enter")
    tab_until('[data-rk-action="delete-entry"]')
    page.keyboard.press("Enter")
    expect(page.locator(":focus")).to_have_text("Delete it")
    page.keyboard.press("Enter")
    expect(root.locator("[data-rk-entries] > li")).to_have_count(0)
    expect(root.locator("[data-rk-journal-empty]")).to_be_visible()


def test_unticking_keep_asks_before_the_kept_journal_is_deleted(page: Page, server) -> None:
    """The kept copy may be the only one: a stray tap on the box deletes nothing."""
    start_clock(page, MARCH[0])
    root = open_tool(page, server)
    save_plan(root, length="30")
    add_entry(root, "Worth keeping.")
    keep_on_device(root)
    keep = root.locator("[data-rk-keep]")
    keep.click()
    expect(keep).to_be_checked()  # nothing changed yet
    question = root.locator("[data-rk-shared-warning]")
    expect(question).to_contain_text("Delete the copy kept on this device?")
    stay = root.get_by_role("button", name="Keep it on this device")
    expect(stay).to_be_focused()
    page.keyboard.press("Enter")
    expect(question).to_be_hidden()
    expect(keep).to_be_focused()
    page.reload()
    root = open_tool(page, server)
    assert entry_texts(root) == ["Worth keeping."]  # still kept on the device

    keep = root.locator("[data-rk-keep]")
    keep.click()
    root.get_by_role("button", name="Delete the kept copy").click()
    expect(keep).not_to_be_checked()
    expect(root.locator("[data-rk-keep-note]")).to_contain_text("copy on this device was deleted")
    assert entry_texts(root) == ["Worth keeping."]  # on the page until the reader leaves
    page.reload()
    root = open_tool(page, server)
    expect(root.locator("[data-rk-entries] > li")).to_have_count(0)
    expect(root.locator("[data-rk-keep]")).not_to_be_checked()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_in_a_journal_in_use(
    browser: Browser, watch: PageWatch, server, scheme: str
) -> None:
    """The states the sitewide axe run never reaches: entries open and being edited, a
    message next to a field, the wait, the lock panel, the read-back."""
    with pause_context(browser, watch, color_scheme=scheme) as context:
        page = context.new_page()
        start_clock(page, MARCH[11])
        root = open_tool(page, server)
        save_plan(root, start="2026-03-01", length="30", safety=False, situation="ended")
        keep_on_device(root)
        add_entry(root, "Something I noticed.", tags=("trust",))
        add_entry(root, "Another day.")
        root.locator("[data-rk-entries] summary").first.click()
        root.get_by_role("button", name="Edit").first.click()
        root.locator("#rk-pause-length").fill("abc")
        root.locator("[data-rk-plan] button[type=submit]").click()
        expect(root.locator('[data-rk-message="length"]')).not_to_be_empty()
        root.locator("[data-rk-draft-text]").fill("A draft.")
        root.get_by_role("button", name="Start the 10-minute wait").click()
        root.get_by_role("button", name="Set a passphrase").click()
        root.get_by_role("button", name="Read back my journal").click()
        expect(root.locator("[data-rk-readback-heading]")).to_be_visible()
        results = Axe().run(page, context=ROOT_SELECTOR, options=AXE_OPTIONS)
        assert results.response["violations"] == [], results.generate_report()
        assert len(results.response["passes"]) > 10  # it did check the tool
