"""The check-in planner in real Chromium, on the built site served under a sub-path.

"Today" is fixed with Playwright's clock (`set_fixed_time`: Date is fixed, timers still run,
so the page's debounce works). The browser's time zone is the context's `timezone_id`. The
downloaded calendar file is read by the same third-party tools as the pure tests
(icalendar, recurring-ical-events). Every assertion waits on what is on screen.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from tests.browser.conftest import PageWatch, new_context, watched

pytestmark = pytest.mark.browser

CONVERSATION = "after-a-breakup/the-conversation/"
KEEPING = "intimacy/keeping-it-alive/"
TODAY = "2027-02-20T09:00:00Z"  # a Saturday: 04:00 in New York, 20:00 in Sydney
BOOT = 90_000  # generous: Pyodide boots in every context, on a shared 2-core machine
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
# Eight Tuesdays from 23 February 2027 cross a change of clocks in all three zones:
# New York on 14 March, Berlin on 28 March, Sydney on 4 April.
DST_ZONES = ("America/New_York", "Europe/Berlin", "Australia/Sydney")
EIGHT_TUESDAYS = [date(2027, 2, 23) + timedelta(weeks=n) for n in range(8)]


@pytest.fixture
def make(browser: Browser, watch: PageWatch) -> Iterator:
    """Open contexts with any options (zone, scheme, size), each watched as usual."""
    contexts = []

    def opened(**options) -> BrowserContext:
        context = watched(new_context(browser, **options), watch)
        contexts.append(context)
        return context.__enter__()

    yield opened
    for context in reversed(contexts):
        context.__exit__(None, None, None)


def open_planner(page: Page, url: str) -> Locator:
    """Load a page with "today" fixed and wait until the planner shows its dates."""
    page.clock.set_fixed_time(TODAY)
    page.goto(url)
    planner = page.locator('[data-rekindle-widget="checkin-planner"]')
    expect(planner).to_have_attribute("data-state", "ready", timeout=BOOT)
    expect(planner).to_have_attribute("data-plan", "ready")
    return planner


def field(planner: Locator, name: str) -> Locator:
    return planner.locator(f'[name="{name}"]')


def error(planner: Locator, name: str) -> Locator:
    return planner.locator(f'[data-rk-error-for="{name}"]')


def next_dates(planner: Locator) -> Locator:
    return planner.locator("[data-rk-next] li")


def plan_eight_tuesdays(planner: Locator) -> None:
    planner.get_by_label("Once a week").check()
    field(planner, "day").select_option("tuesday")
    field(planner, "time").fill("19:30")
    field(planner, "count").fill("8")
    field(planner, "reminder").select_option("30")


def occurrences(path: Path) -> list[icalendar.cal.Component]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return sorted(
        recurring_ical_events.of(calendar).between(datetime(2027, 1, 1), datetime(2028, 1, 1)),
        key=lambda event: event["DTSTART"].dt,
    )


@pytest.mark.parametrize("zone", DST_ZONES)
def test_a_weekly_plan_on_a_phone_downloads_a_file_calendars_read_as_planned(
    make, server, zone: str
) -> None:
    page = make(timezone_id=zone, accept_downloads=True).new_page()
    planner = open_planner(page, server.url + CONVERSATION)
    expect(field(planner, "start")).to_have_value("2027-02-20")  # the reader's today
    plan_eight_tuesdays(planner)
    expect(next_dates(planner)).to_have_text(
        [
            "Tuesday 23 February 2027 at 19:30",
            "Tuesday 2 March 2027 at 19:30",
            "Tuesday 9 March 2027 at 19:30",
            "Tuesday 16 March 2027 at 19:30",
            "Tuesday 23 March 2027 at 19:30",
        ]
    )
    expect(planner.locator('[data-bind="more_text"]')).to_have_text("…and 3 more after these.")
    expect(planner.locator('[data-bind="zone_note"]')).to_contain_text(f"({zone})")
    expect(planner.locator('[data-bind="reminder"]')).to_have_text(
        "A reminder 30 minutes before each one."
    )

    with page.expect_download() as download:
        planner.get_by_role("button", name="Add to my calendar").click()
    assert download.value.suggested_filename == "check-ins.ics"
    expect(planner.locator("[data-rk-action-note]")).to_contain_text("check-ins.ics")

    events = occurrences(Path(download.value.path()))
    assert len(events) == 8
    where = ZoneInfo(zone)
    starts = [event["DTSTART"].dt.astimezone(where) for event in events]
    assert [s.date() for s in starts] == EIGHT_TUESDAYS
    assert {s.time() for s in starts} == {time(19, 30)}
    assert len({s.utcoffset() for s in starts}) == 2  # the clocks changed in between
    assert {event["DTEND"].dt - event["DTSTART"].dt for event in events} == {timedelta(minutes=30)}
    assert {str(event["SUMMARY"]) for event in events} == {"Check-in"}
    alarms = [c for c in events[0].walk("VALARM")]
    assert [(str(a["ACTION"]), a["TRIGGER"].dt) for a in alarms] == [
        ("DISPLAY", timedelta(minutes=-30))
    ]


def test_the_monthly_look_back_comes_in_the_same_file(make, server) -> None:
    page = make(timezone_id="Europe/Berlin", accept_downloads=True).new_page()
    planner = open_planner(page, server.url + KEEPING)
    expect(field(planner, "lookback")).to_be_checked()  # this page's fence ticks it
    plan_eight_tuesdays(planner)
    expect(planner.locator('[data-bind="lookback"]')).to_contain_text(
        "the last Tuesday of each month at 19:30, 3 times"
    )
    with page.expect_download() as download:
        planner.get_by_role("button", name="Add to my calendar").click()
    events = occurrences(Path(download.value.path()))
    titles = [str(event["SUMMARY"]) for event in events]
    assert titles.count("Check-in") == 8 and titles.count("Monthly look back") == 3


def test_copy_the_dates_as_text(make, server) -> None:
    context = make(timezone_id="America/New_York")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    planner = open_planner(page, server.url + CONVERSATION)
    plan_eight_tuesdays(planner)
    expect(next_dates(planner).first).to_have_text("Tuesday 23 February 2027 at 19:30")
    planner.get_by_role("button", name="Copy the dates as text").click()
    expect(planner.locator("[data-rk-action-note]")).to_contain_text("copied")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    lines = copied.splitlines()
    assert lines[0] == "Check-in"
    assert [line for line in lines if line.startswith("Tuesday")] == [
        f"{d:%A} {d.day} {d:%B %Y} at 19:30" for d in EIGHT_TUESDAYS
    ]
    expect(planner.get_by_label("The dates as text")).to_have_value(copied)


def test_without_clipboard_access_the_text_is_shown_selected(make, server) -> None:
    page = make(timezone_id="America/New_York").new_page()  # no clipboard permission
    page.add_init_script("navigator.clipboard.writeText = () => Promise.reject(new Error('no'))")
    planner = open_planner(page, server.url + CONVERSATION)
    planner.get_by_role("button", name="Copy the dates as text").click()
    expect(planner.locator("[data-rk-action-note]")).to_contain_text("select them")
    box = planner.get_by_label("The dates as text")
    expect(box).to_be_focused()
    expect(box).to_have_value(re.compile(r"^Check-in\n"))


# Each bad value, the field it goes in, and a piece of the message shown under that field.
BAD_INPUT = [
    ("start", "2027-02-30", "February 2027 has 28 days."),
    ("start", "2027-02-19", "already passed"),
    ("start", "2037-02-20", "within the next year"),
    ("start", "30/02/2027", "year-month-day"),
    ("time", "25:00", "Hours go from 0 to 23"),
    ("time", "7:60", "Minutes go from 00 to 59"),
    ("time", "", "Choose a time"),
    ("time", "seven", "hours and minutes"),
    ("count", "0", "from 1 to 52"),
    ("count", "-1", "from 1 to 52"),
    ("count", "1,000", "whole number"),
    ("duration", "0", "from 15 to 60"),
    ("duration", "600", "from 15 to 60"),
    ("title", "x" * 5000, "it has 5,000"),
]


def test_bad_input_shows_each_message_under_its_field_and_keeps_the_rest(make, server) -> None:
    page = make(timezone_id="Europe/Berlin").new_page()
    planner = open_planner(page, server.url + CONVERSATION)
    for name, bad, message in BAD_INPUT:
        good = field(planner, name).input_value()
        field(planner, name).fill(bad)
        expect(error(planner, name)).to_contain_text(message)
        expect(field(planner, name)).to_have_attribute("aria-invalid", "true")
        expect(field(planner, name)).to_have_value(bad)  # what was typed stays
        field(planner, name).fill(good)
        expect(error(planner, name)).to_be_hidden()

    # Several at once: each under its own field, the others keep their values.
    field(planner, "start").fill("2027-02-30")
    field(planner, "time").fill("25:00")
    field(planner, "count").fill("0")
    for name, text in [("start", "28 days"), ("time", "23:59"), ("count", "from 1 to 52")]:
        expect(error(planner, name)).to_contain_text(text)
    expect(planner.locator('[data-bind="summary"]')).to_have_text(
        re.compile(r"^3 answers need a look")
    )
    expect(next_dates(planner)).to_have_count(0)
    expect(field(planner, "duration")).to_have_value("30")
    expect(error(planner, "duration")).to_be_hidden()
    downloads: list[object] = []
    page.on("download", lambda download: downloads.append(download))
    planner.get_by_role("button", name="Add to my calendar").click()
    expect(field(planner, "time")).to_be_focused()  # the first field that needs a look
    expect(planner.locator("[data-rk-action-note]")).to_contain_text("3 answers need a look")
    assert downloads == []  # no file is made from a plan with problems


def test_twice_a_week_needs_two_different_days(make, server) -> None:
    page = make(timezone_id="Europe/Berlin").new_page()
    planner = open_planner(page, server.url + CONVERSATION)
    expect(field(planner, "second_day")).to_be_hidden()  # weekly needs one day
    planner.get_by_label("Twice a week").check()
    field(planner, "day").select_option("friday")
    field(planner, "second_day").select_option("friday")
    expect(error(planner, "second_day")).to_have_text("Choose two different days.")
    field(planner, "second_day").select_option("monday")
    expect(next_dates(planner).first).to_have_text("Monday 22 February 2027 at 19:30")
    expect(next_dates(planner).nth(1)).to_have_text("Friday 26 February 2027 at 19:30")
    planner.get_by_label("Every 3 days").check()
    expect(field(planner, "day")).to_be_hidden()
    expect(next_dates(planner).nth(1)).to_have_text("Tuesday 23 February 2027 at 19:30")


def test_a_title_with_any_characters_is_kept_as_typed(make, server) -> None:
    page = make(timezone_id="Europe/Berlin", accept_downloads=True).new_page()
    planner = open_planner(page, server.url + CONVERSATION)
    title = "Us; talk, then \\ rest 💬 שיחה"
    field(planner, "title").fill("Us;\ttalk, then \\ rest 💬 שיחה")  # a tab becomes a space
    field(planner, "description").fill("Line one\nLine two; a, b \\ c")
    expect(error(planner, "title")).to_be_hidden()
    with page.expect_download() as download:
        planner.get_by_role("button", name="Add to my calendar").click()
    text = Path(download.value.path()).read_text("utf-8")
    assert "SUMMARY:Us\\; talk\\, then \\\\ rest 💬 שיחה" in text.replace("\r\n ", "")
    events = occurrences(Path(download.value.path()))
    assert {str(e["SUMMARY"]) for e in events} == {title}
    assert {str(e["DESCRIPTION"]) for e in events} == {"Line one\nLine two; a, b \\ c"}


def test_keyboard_only(make, server) -> None:
    page = make(timezone_id="Australia/Sydney", accept_downloads=True).new_page()
    planner = open_planner(page, server.url + CONVERSATION)
    planner.get_by_label("Once a week").focus()
    page.keyboard.press("ArrowUp")  # radios move with the arrow keys
    expect(planner.get_by_label("Twice a week")).to_be_checked()
    expect(field(planner, "second_day")).to_be_visible()
    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate(
                "() => document.activeElement.name || document.activeElement.dataset.rkAction"
                " || document.activeElement.textContent.trim()"
            )
        )
        if reached[-1] == "download":
            break
    assert reached[:9] == [
        "day",
        "second_day",
        "time",
        "duration",
        "start",
        "count",
        "reminder",
        "title",
        "description",
    ]
    assert reached[9:] == ["lookback", "download"]
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "check-ins.ics"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # "Copy the dates as text"
    expect(planner.locator("[data-rk-copy-box]")).to_be_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations(make, server, scheme: str) -> None:
    page = make(timezone_id="Europe/Berlin", color_scheme=scheme).new_page()
    planner = open_planner(page, server.url + CONVERSATION)
    axe = Axe()
    assert axe.run(page, options=AXE_OPTIONS).response["violations"] == []
    field(planner, "time").fill("25:00")  # with a message under a field, too
    planner.get_by_label("Twice a week").check()
    expect(error(planner, "time")).to_be_visible()
    planner.get_by_role("button", name="Copy the dates as text").click()
    assert axe.run(page, options=AXE_OPTIONS).response["violations"] == []


def test_remember_forget_and_delete_everything(make, server) -> None:
    page = make(timezone_id="Europe/Berlin").new_page()
    planner = open_planner(page, server.url + CONVERSATION)
    field(planner, "time").fill("8:15 pm")
    field(planner, "title").fill("Sunday talk")
    planner.get_by_label("Remember this plan on this device").check()
    expect(planner.locator("[data-rk-storage-note]")).to_contain_text("saved on this device")

    planner = open_planner(page, server.url + CONVERSATION)  # a later visit
    expect(planner.get_by_label("Remember this plan on this device")).to_be_checked()
    expect(field(planner, "time")).to_have_value("8:15 pm")
    expect(field(planner, "title")).to_have_value("Sunday talk")
    expect(next_dates(planner).first).to_contain_text("at 20:15")

    planner.get_by_role("button", name="Forget the saved plan").click()
    expect(planner.locator("[data-rk-storage-note]")).to_contain_text("Forgotten")
    planner = open_planner(page, server.url + CONVERSATION)
    expect(field(planner, "title")).to_have_value("")

    planner.get_by_label("Remember this plan on this device").check()
    expect(planner.locator("[data-rk-storage-note]")).to_contain_text("saved on this device")
    page.goto(server.url + "privacy/")
    page.get_by_role("button", name="Delete everything this site stored").click()
    expect(page.locator("[data-rk-delete-status]")).to_contain_text("Deleted")
    planner = open_planner(page, server.url + CONVERSATION)
    expect(planner.get_by_label("Remember this plan on this device")).not_to_be_checked()
    expect(field(planner, "time")).to_have_value("19:30")


def test_a_browser_that_names_no_zone_gets_a_fixed_offset_said_in_words(make, server) -> None:
    page = make(timezone_id="Europe/Berlin").new_page()
    page.add_init_script(
        "const real = Intl.DateTimeFormat.prototype.resolvedOptions;"
        "Intl.DateTimeFormat.prototype.resolvedOptions = function () {"
        "  return { ...real.call(this), timeZone: undefined }; };"
    )
    planner = open_planner(page, server.url + CONVERSATION)
    expect(planner.locator('[data-bind="zone_note"]')).to_contain_text(
        "Times are set for UTC+01:00; your browser did not say which time zone you are in."
    )
    expect(planner).to_have_attribute("data-zone-fixed", "true")


def test_an_iphone_browser_other_than_safari_is_told_what_to_do(make, server) -> None:
    agent = (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1"
    )
    page = make(timezone_id="Europe/Berlin", user_agent=agent).new_page()
    planner = open_planner(page, server.url + CONVERSATION)
    expect(planner.locator("[data-rk-browser-note]")).to_contain_text("open this page in Safari")


def test_pages_without_the_planner_load_none_of_it(make, server) -> None:
    page = make().new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(server.url + "intimacy/reconnecting/")  # a page with another tool
    expect(page.locator('[data-rekindle-widget="turn-timer"]')).to_have_attribute(
        "data-state", "ready", timeout=BOOT
    )
    assert not [url for url in fetched if "/checkin/" in url]
