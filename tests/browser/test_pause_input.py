"""Bad input typed into the pause and journal, in real Chromium: each problem gets a plain
message next to its field (the engine's words), the field is marked and focused, and nothing
the reader typed is lost. Also: text is kept exactly as typed and shown as text, "Delete
everything" in another tab reaches an open journal, and a shared github.io address is
named before anything is kept unlocked."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from rekindle.shared.errors import ReaderError
from tests.browser.conftest import PageWatch, new_context, watched
from tests.browser.pause_helpers import (
    add_entry,
    entry_texts,
    headline,
    keep_on_device,
    message,
    open_tool,
    pause_context,
    save_plan,
    start_clock,
    tool,
)
from tests.pure.pause_support import call

pytestmark = pytest.mark.browser

DAY = date(2026, 3, 12)


@pytest.fixture
def context(browser: Browser, watch: PageWatch) -> Iterator[BrowserContext]:
    with pause_context(browser, watch) as made:
        yield made


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


def engine_says(op: str, **args: object) -> str:
    """The message the engine gives for this input (the page must show exactly this)."""
    with pytest.raises(ReaderError) as caught:
        call(op, **args)
    return str(caught.value.message)


PLAN_CASES = [
    ("start", "2026-03-13", "30"),  # tomorrow
    ("start", "1946-03-12", "30"),  # 80 years ago
    ("start", "2026-02-30", "30"),  # no such day
    ("start", "12/03/2026", "30"),  # not year-month-day
    ("length", "", "0"),
    ("length", "", "-1"),
    ("length", "", "10000"),
    ("length", "", "abc"),
    ("length", "", "2.5"),
]


def test_each_bad_plan_is_named_next_to_its_field_and_nothing_is_lost(page: Page, server) -> None:
    start_clock(page, DAY)
    root = open_tool(page, server)
    for field, start, length in PLAN_CASES:
        save_plan(root, start=start, length=length)
        expected = engine_says(
            "set_plan", state=None, today=DAY.isoformat(), start=start, length=length
        )
        expect(message(root, field), f"{start!r} {length!r}").to_have_text(expected)
        control = root.locator(f"#rk-pause-{field}")
        expect(control).to_have_attribute("aria-invalid", "true")
        expect(control).to_be_focused()
        expect(control).to_have_value(start if field == "start" else length)
        expect(headline(root)).to_have_text("No pause planned yet")
    # Fixed, the marks go and the plan is made; an empty start is today, said gently.
    save_plan(root, start="", length="21")
    expect(headline(root)).to_have_text("Day 1 of 21")
    expect(root.locator("#rk-pause-length")).not_to_have_attribute("aria-invalid", "true")
    expect(message(root, "start")).to_contain_text("the pause starts today")
    expect(message(root, "length")).to_contain_text("a month or more")


def test_entries_empty_blank_too_long_or_full_of_markup(page: Page, server) -> None:
    start_clock(page, DAY)
    root = open_tool(page, server)
    area = root.locator("[data-rk-entry]")
    submit = root.get_by_role("button", name="Add to my journal")
    for text in ("", "   \n\t \u200b "):
        area.fill(text)
        submit.click()
        expect(message(root, "text")).to_have_text(
            "This entry is empty, so there is nothing to keep yet."
        )
        expect(area).to_be_focused()
    megabyte = ("A quiet night, the same thoughts again. " * 26_000)[:1_000_000]
    area.evaluate("(el, text) => { el.value = text; }", megabyte)  # pasted in one go
    submit.click()
    expect(message(root, "text")).to_contain_text("1,000,000 characters long")
    expect(message(root, "text")).to_contain_text("Nothing was lost")
    assert area.input_value() == megabyte  # still all there to split or trim
    expect(root.locator("[data-rk-entries] > li")).to_have_count(0)

    kept = [
        "<script>document.title='hacked'</script><img src=x onerror=alert(1)>",
        "שלום, כתבתי את זה היום. مرحبا",
        "🙂👩‍👩‍👧 e\u0301 n\u0303 Z\u0351\u0352\u0353",
    ]
    for text in kept:
        add_entry(root, text)
    assert entry_texts(root) == kept[::-1]
    assert page.title() != "hacked"
    assert root.locator("[data-rk-entries] img, [data-rk-entries] script").count() == 0
    words = root.locator("[data-rk-entries] .rk-pause__words")
    assert words.first.get_attribute("dir") == "auto"
    direction = words.nth(1).evaluate("el => getComputedStyle(el).direction")
    assert direction == "rtl"


def test_editing_keeps_the_entry_until_the_edit_is_fine(page: Page, server) -> None:
    start_clock(page, DAY)
    root = open_tool(page, server)
    add_entry(root, "First words.")
    item = root.locator("[data-rk-entries] > li").first
    item.locator("summary").click()
    item.get_by_role("button", name="Edit").click()
    edit = item.locator("textarea")
    expect(edit).to_be_focused()
    edit.fill("   ")
    item.get_by_role("button", name="Save the change").click()
    expect(item.locator("[data-rk-edit-message]")).to_contain_text("empty")
    expect(edit).to_have_value("   ")
    edit.fill("Better words.")
    item.get_by_role("button", name="Save the change").click()
    expect(root.locator("[data-rk-entries] summary")).to_have_text(
        "Thursday 12 March 2026 (edited)"
    )
    assert entry_texts(root) == ["Better words."]


def test_contacts_with_a_future_date_or_no_one_chosen(page: Page, server) -> None:
    start_clock(page, DAY)
    root = open_tool(page, server)
    form = root.locator("[data-rk-contact]")
    form.locator("#rk-pause-note").fill("They texted about the dog.")
    form.get_by_role("button", name="Log this contact").click()
    expect(message(root, "who")).to_have_text(
        engine_says("log_contact", state=None, today="2026-03-12", id="c", who=None, at=1)
    )
    form.locator("#rk-pause-who-them").check()
    form.locator("#rk-pause-on").fill("2026-03-20")
    form.get_by_role("button", name="Log this contact").click()
    expect(message(root, "on")).to_contain_text("still to come")
    expect(form.locator("#rk-pause-note")).to_have_value("They texted about the dog.")
    form.locator("#rk-pause-on").fill("2026-03-10")
    form.get_by_role("button", name="Log this contact").click()
    expect(root.locator("[data-rk-contacts] li")).to_contain_text(
        "Tuesday 10 March 2026: They started it"
    )
    expect(root.locator("[data-rk-contacts] li")).to_contain_text("They texted about the dog.")


def test_passphrase_problems_are_named_and_set_nothing(page: Page, server) -> None:
    start_clock(page, DAY)
    root = open_tool(page, server)
    root.get_by_role("button", name="Set a passphrase").click()
    set_button = root.get_by_role("button", name="Set the lock")
    root.locator("#rk-pause-new-passphrase").fill("short")
    set_button.click()
    expect(message(root, "new-passphrase")).to_contain_text("at least 8 characters")
    root.locator("#rk-pause-new-passphrase").fill("long enough now")
    root.locator("#rk-pause-new-repeat").fill("long enough no")
    set_button.click()
    expect(message(root, "new-repeat")).to_contain_text("not the same")
    root.locator("#rk-pause-new-repeat").fill("long enough now")
    set_button.click()
    expect(message(root, "understand")).to_contain_text("tick the box")
    expect(root.locator("[data-rk-lock-area]")).to_have_attribute("data-rk-lock-state", "off")


def test_delete_everything_in_another_tab_reaches_an_open_journal(
    context: BrowserContext, page: Page, server
) -> None:
    start_clock(page, DAY)
    root = open_tool(page, server)
    save_plan(root, length="30")
    keep_on_device(root)
    add_entry(root, "Only for me.")
    other = context.new_page()
    other.goto(server.url + "privacy/")
    other.get_by_role("button", name="Delete everything this site stored").click()
    expect(other.locator("[data-rk-delete-status]")).to_contain_text("Deleted")
    expect(root.locator("[data-rk-keep]")).not_to_be_checked()
    expect(root.locator("[data-rk-entries] > li")).to_have_count(0)
    expect(headline(root)).to_have_text("No pause planned yet")
    expect(root.locator("[data-rk-announce]")).to_contain_text("let go of your journal")
    names = page.evaluate("async () => (await indexedDB.databases()).map((d) => d.name)")
    assert not [name for name in names if "pause" in name]


def test_a_shared_github_io_address_is_named_before_anything_is_kept(
    browser: Browser, built_site: Path
) -> None:
    """Served as <user>.github.io/rekindle/ (requests answered from the built site)."""
    origin = "https://someone.github.io"
    context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
    elsewhere: list[str] = []

    def serve(route: Route) -> None:
        url = route.request.url
        if not url.startswith(origin + "/rekindle/"):
            elsewhere.append(url)
            route.abort()
            return
        path = url[len(origin + "/rekindle/") :].split("?")[0].split("#")[0]
        target = built_site / path
        if target.is_dir():
            target = target / "index.html"
        if target.exists():
            route.fulfill(path=target)
        else:
            route.fulfill(status=404, body="")

    context.route("**/*", serve)
    try:
        page = context.new_page()
        page.goto(origin + "/rekindle/tools/pause-journal/")
        root = tool(page)
        expect(root.locator("[data-rk-keep-note]")).to_contain_text("Not kept")
        root.locator("[data-rk-keep]").check()
        warning = root.locator("[data-rk-shared-warning]")
        expect(warning).to_be_visible()
        expect(warning).to_contain_text("someone.github.io")
        expect(warning).to_contain_text("could read an unlocked journal")
        expect(warning.get_by_role("button", name="Set a passphrase lock first")).to_be_focused()
        names = page.evaluate("async () => (await indexedDB.databases()).map((d) => d.name)")
        assert names == []  # nothing kept while the reader decides
        warning.get_by_role("button", name="Do not keep it").click()
        expect(root.locator("[data-rk-keep]")).not_to_be_checked()
        expect(warning).to_be_hidden()
        assert not elsewhere
    finally:
        context.close()


def test_days_are_the_readers_calendar_days_when_the_time_zone_changes(
    browser: Browser, watch: PageWatch, server
) -> None:
    """Planned in London late on 10 March; flown to Auckland, it is already 11 March there.
    (The zone is changed the way DevTools does, so the context is made without one.)"""
    with watched(new_context(browser), watch) as context:
        page = context.new_page()
        session = context.new_cdp_session(page)

        def zone(name: str) -> None:
            session.send("Emulation.setTimezoneOverride", {"timezoneId": name})

        zone("Europe/London")
        start_clock(page, date(2026, 3, 10), hour=23)
        root = open_tool(page, server)
        save_plan(root, start="2026-03-01", length="30")
        keep_on_device(root)
        expect(headline(root)).to_have_text("Day 10 of 30")
        zone("Pacific/Auckland")
        page.reload()
        root = open_tool(page, server)
        expect(root).to_have_attribute("data-rk-today", "2026-03-11")
        expect(headline(root)).to_have_text("Day 11 of 30")
        zone("America/Los_Angeles")
        page.reload()
        root = open_tool(page, server)
        expect(headline(root)).to_have_text("Day 10 of 30")  # a day back, as the calendar says
