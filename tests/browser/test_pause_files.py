"""The journal's own copies and where it is kept, in real Chromium: Markdown and backup
downloads with neutral names, "Delete everything" on the privacy page, importing a backup
(twice, locked, damaged, too large, another tool's), storage that is blocked, full or holding
corrupt data, and the tool working offline after one visit."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.chromium import launch_options
from tests.browser.conftest import PageWatch, watched
from tests.browser.pause_helpers import (
    BOOT,
    ZONE,
    add_entry,
    entry_texts,
    headline,
    keep_on_device,
    message,
    open_tool,
    pause_context,
    save_plan,
    set_lock,
    start_clock,
    store,
    stored,
    wait_stored,
    wait_until,
)
from tests.pure.pause_support import call

pytestmark = pytest.mark.browser

DAY = date(2026, 3, 12)
RTL = "مرحبا، كتبت هذا اليوم 🙂 e\u0301"
MARKUP = "<script>alert('x')</script> <b>bold?</b> # not a heading"


@pytest.fixture
def context(browser: Browser, watch: PageWatch) -> Iterator[BrowserContext]:
    with pause_context(browser, watch, accept_downloads=True) as made:
        yield made


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


def written_journal(page: Page, server) -> None:
    start_clock(page, DAY)
    root = open_tool(page, server)
    save_plan(root, start="2026-03-01", length="30", situation="ended")
    keep_on_device(root)
    add_entry(root, MARKUP, tags=("trust",))
    add_entry(root, RTL)
    root.locator("#rk-pause-who-necessary").check()
    root.locator("#rk-pause-about").select_option("children")
    root.get_by_role("button", name="Log this contact").click()
    expect(root.locator("[data-rk-necessary-line]")).to_contain_text("children")


def download(page: Page, name: str, folder: Path) -> tuple[str, str]:
    root = page.locator('[data-rekindle-widget="no-contact-pause"]')
    with page.expect_download() as info:
        root.get_by_role("button", name=name).click()
    done = info.value
    target = folder / done.suggested_filename
    done.save_as(target)
    assert done.url.startswith("blob:")  # the text went into a Blob, never into a URL
    return done.suggested_filename, target.read_text(encoding="utf-8")


def import_file(page: Page, path: Path | dict) -> None:
    page.locator("#rk-pause-backup").set_input_files(path)


def test_export_delete_everything_and_import_twice(page: Page, server, tmp_path: Path) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    written_journal(page, server)
    root = page.locator('[data-rekindle-widget="no-contact-pause"]')

    name, markdown = download(page, "Download a readable copy", tmp_path)
    assert name == "notes-2026-03-12.md"
    assert markdown.startswith("# Pause journal\n")
    assert "Day 12 of 30" in markdown and "Necessary contact (children)" in markdown
    assert "\\<script\\>alert('x')\\</script\\>" in markdown  # escaped: stays text when viewed
    assert RTL in markdown

    name, backup = download(page, "Download a backup", tmp_path)
    assert name == "notes-2026-03-12.json"
    envelope = json.loads(backup)
    assert (envelope["format"], envelope["version"]) == ("rekindle-pause", 1)
    assert sorted(e["text"] for e in envelope["data"]["entries"]) == sorted([MARKUP, RTL])
    assert not [url for url in requested if "alert" in url or "bold" in url or "مرحبا" in url]
    assert "bold" not in page.url

    # "Delete everything" on the privacy page takes the journal's database too.
    page.goto(server.url + "privacy/")
    page.get_by_role("button", name="Delete everything this site stored").click()
    status = page.locator("[data-rk-delete-status]")
    expect(status).to_contain_text("1 database")
    names = page.evaluate("async () => (await indexedDB.databases()).map((d) => d.name)")
    assert not [n for n in names if "pause" in n]
    page.go_back()
    root = open_tool(page, server)
    expect(headline(root)).to_have_text("No pause planned yet")
    expect(root.locator("[data-rk-keep]")).not_to_be_checked()
    expect(root.locator("[data-rk-entries] > li")).to_have_count(0)

    import_file(page, tmp_path / "notes-2026-03-12.json")
    expect(message(root, "backup")).to_have_text(
        "Imported: 2 entries added; 1 contact added; the pause plan taken from the backup. "
        "Nothing was duplicated."
    )
    expect(headline(root)).to_have_text("Day 12 of 30")
    assert sorted(entry_texts(root)) == sorted([MARKUP, RTL])
    import_file(page, tmp_path / "notes-2026-03-12.json")
    expect(message(root, "backup")).to_have_text(
        "Everything in this backup was already here, so nothing changed."
    )
    expect(root.locator("[data-rk-entries] > li")).to_have_count(2)


def test_a_locked_backup_opens_only_with_its_passphrase(page: Page, server, tmp_path: Path) -> None:
    written_journal(page, server)
    root = page.locator('[data-rekindle-widget="no-contact-pause"]')
    set_lock(root, "a long walk home")
    root.get_by_role("button", name="I have written it down").click()
    _, backup = download(page, "Download a backup", tmp_path)
    assert '"locked"' in backup and "alert" not in backup and "مرحبا" not in backup
    path = tmp_path / "notes-2026-03-12.json"

    root.locator("[data-rk-keep]").click()  # the kept copy goes; the page keeps its journal
    root.get_by_role("button", name="Delete the kept copy").click()
    expect(root.locator("[data-rk-keep-note]")).to_contain_text("copy on this device was deleted")
    root.locator("[data-rk-entries] summary").first.click()
    root.locator("[data-rk-entries] [data-rk-action=delete-entry]").first.click()
    root.get_by_role("button", name="Delete it").click()
    expect(root.locator("[data-rk-entries] > li")).to_have_count(1)

    import_file(page, path)
    expect(message(root, "backup")).to_contain_text("This backup is locked")
    root.locator("#rk-pause-backup-secret").fill("a short walk home")
    root.get_by_role("button", name="Open and import the backup").click()
    expect(message(root, "backup-secret")).to_contain_text("does not open this backup")
    expect(root.locator("[data-rk-entries] > li")).to_have_count(1)

    # One byte of the locked data altered: named, nothing imported.
    envelope = json.loads(backup)
    data = envelope["locked"]["data"]
    envelope["locked"]["data"] = data[:20] + ("A" if data[20] != "A" else "B") + data[21:]
    altered = tmp_path / "altered.json"
    altered.write_text(json.dumps(envelope))
    import_file(page, altered)
    root.locator("#rk-pause-backup-secret").fill("a long walk home")
    root.get_by_role("button", name="Open and import the backup").click()
    expect(message(root, "backup-secret")).to_contain_text("changed or damaged")
    expect(root.locator("[data-rk-entries] > li")).to_have_count(1)

    import_file(page, path)
    root.locator("#rk-pause-backup-secret").fill("a long walk home")
    root.get_by_role("button", name="Open and import the backup").click()
    # The entry deleted here after the backup was made stays deleted: newest action wins.
    expect(message(root, "backup")).to_contain_text("stays deleted")
    expect(root.locator("[data-rk-entries] > li")).to_have_count(1)


def bad_backups(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    good = call("backup", state=None, today="2026-03-12")["text"]
    files = {
        "truncated": (good[: len(good) // 2], "incomplete"),
        "newer": (json.dumps({"format": "rekindle-pause", "version": 2, "data": {}}), "newer"),
        "other-tool": (
            json.dumps({"format": "rekindle-assessment", "version": 1}),
            "self-assessment",
        ),
        "not-json": ("these are not the notes you are looking for", "not a backup"),
        "empty": ("", "empty"),
        "corrupt": (
            json.dumps({"format": "rekindle-pause", "version": 1, "data": {"entries": 7}}),
            "damaged",
        ),
    }
    made = {}
    for name, (text, words) in files.items():
        path = tmp_path / f"{name}.json"
        path.write_text(text, encoding="utf-8")
        made[name] = (path, words)
    huge = tmp_path / "huge.json"
    with huge.open("wb") as sparse:
        sparse.truncate(50_000_000)  # 50 MB on paper, nothing on disk
    made["50 MB"] = (huge, "about 50 MB")
    return made


def test_bad_backups_each_say_why_next_to_the_field_and_change_nothing(
    page: Page, server, tmp_path: Path
) -> None:
    written_journal(page, server)
    root = page.locator('[data-rekindle-widget="no-contact-pause"]')
    before = entry_texts(root)
    for name, (path, words) in bad_backups(tmp_path).items():
        import_file(page, path)
        expect(message(root, "backup"), name).to_contain_text(words, ignore_case=True)
        expect(root.locator("#rk-pause-backup")).to_have_attribute("aria-invalid", "true")
        assert entry_texts(root) == before, name
    expect(headline(root)).to_have_text("Day 12 of 30")


def test_a_backup_of_50_mb_is_refused_before_it_is_read(page: Page, server, tmp_path: Path) -> None:
    start_clock(page, DAY)
    root = open_tool(page, server)
    page.evaluate(
        """() => {
            window.__reads = 0;
            const text = Blob.prototype.text;
            Blob.prototype.text = function () { window.__reads++; return text.call(this); };
        }"""
    )
    huge = tmp_path / "big.json"
    with huge.open("wb") as sparse:
        sparse.truncate(50_000_000)
    import_file(page, huge)
    expect(message(root, "backup")).to_contain_text("It was not opened")
    assert page.evaluate("window.__reads") == 0


@pytest.fixture
def blocked(browser: Browser, watch: PageWatch, tmp_path: Path) -> Iterator[BrowserContext]:
    """Chromium with all site storage blocked (its real "block all cookies" preference)."""
    profile = tmp_path / "profile"
    (profile / "Default").mkdir(parents=True)
    block_all = {"profile": {"default_content_setting_values": {"cookies": 2}}}
    (profile / "Default" / "Preferences").write_text(json.dumps(block_all))
    options = launch_options()
    options.pop("headless")
    context = browser.browser_type.launch_persistent_context(
        str(profile),
        headless=True,
        viewport={"width": 390, "height": 844},
        timezone_id=ZONE,
        accept_downloads=True,
        **options,
    )
    with watched(context, watch) as made:
        yield made


def test_with_storage_blocked_the_journal_works_for_the_visit_and_says_so(
    blocked: BrowserContext, server, tmp_path: Path
) -> None:
    page = blocked.pages[0] if blocked.pages else blocked.new_page()
    root = open_tool(page, server)
    keep = root.locator("[data-rk-keep]")
    expect(keep).to_be_disabled()
    expect(root.locator("[data-rk-keep-note]")).to_contain_text(
        "not letting this site keep anything"
    )
    save_plan(root, length="30")
    expect(headline(root)).to_have_text("Day 1 of 30")
    add_entry(root, "Written anyway.")
    name, text = download(page, "Download a backup", tmp_path)
    assert name.startswith("notes-") and "Written anyway." in text


def test_storage_full_keeps_the_journal_on_the_page_and_says_so(page: Page, server) -> None:
    start_clock(page, DAY)
    root = open_tool(page, server)
    save_plan(root, length="30")
    add_entry(root, "Written before the device filled up.")
    session = page.context.new_cdp_session(page)
    session.send("Storage.overrideQuotaForOrigin", {"origin": server.origin, "quotaSize": 1_000})
    root.locator("[data-rk-keep]").check()
    note = root.locator("[data-rk-keep-note]")
    expect(note).to_contain_text("no room left for this site")
    expect(note).to_contain_text("still on this page: download a backup now")
    assert entry_texts(root) == ["Written before the device filled up."]
    expect(headline(root)).to_have_text("Day 1 of 30")

    session.send("Storage.overrideQuotaForOrigin", {"origin": server.origin})  # room again
    add_entry(root, "And after.")
    expect(note).to_contain_text("Kept on this device")
    page.reload()
    root = open_tool(page, server)
    assert entry_texts(root) == ["And after.", "Written before the device filled up."]


@pytest.mark.parametrize(
    ("saved", "words", "aside"),
    [
        ("{not json at all", "could not be read, so it was set aside", True),
        ('{"format": "rekindle-pause", "version": 1, "data": {"entries": "x"}}', "set aside", True),
        ("[" * 3000 + "]" * 3000, "nested far more deeply", True),
        ('{"format": "rekindle-pause", "version": 2, "data": {}}', "newer version", False),
    ],
    ids=["not-json", "damaged", "deep", "newer"],
)
def test_saved_data_the_tool_cannot_read_is_kept_never_deleted(
    page: Page, server, saved: str, words: str, aside: bool
) -> None:
    start_clock(page, DAY)
    open_tool(page, server)
    store(page, saved)
    page.reload()
    root = open_tool(page, server)
    expect(root.locator("[data-rk-keep-note]")).to_contain_text(words)
    save_plan(root, length="30")  # the tool carries on
    expect(headline(root)).to_have_text("Day 1 of 30")
    if aside:
        assert stored(page, "aside") == saved
        wait_stored(page, "t && t.includes('\"length\":30')")
    else:
        expect(root.locator("[data-rk-keep]")).to_be_disabled()
        assert stored(page) == saved  # nothing written over a newer version's journal


def test_the_clock_going_backwards_never_shows_a_negative_day(page: Page, server) -> None:
    start_clock(page, DAY)
    root = open_tool(page, server)
    save_plan(root, length="30")
    keep_on_device(root)
    add_entry(root, "Today.")
    page.clock.set_system_time(DAY.replace(day=5).isoformat() + "T09:00:00Z")
    page.reload()
    root = open_tool(page, server)
    expect(headline(root)).to_have_text("Your pause begins in 7 days")
    expect(root.locator("[data-rk-counter-lines]")).to_contain_text("the date on this device")
    add_entry(root, "Written on a clock set back.")
    assert entry_texts(root) == ["Today.", "Written on a clock set back."]


def test_offline_after_one_visit(context: BrowserContext, page: Page, server) -> None:
    root = open_tool(page, server)
    wait_until(page, "async () => !!(await navigator.serviceWorker.ready).active")
    wait_until(
        page,
        """async () => {
            const urls = [];
            for (const name of await caches.keys())
                for (const r of await (await caches.open(name)).keys()) urls.push(r.url);
            return urls.some((u) => u.endsWith('pause/pause.js')) &&
                   urls.some((u) => u.endsWith('.wasm'));
        }""",
    )
    context.set_offline(True)
    page.reload()
    root = open_tool(page, server)
    save_plan(root, length="30")
    expect(headline(root)).to_have_text(re.compile(r"Day 1 of 30"))
    add_entry(root, "Written with no signal.")
    expect(root.locator("[data-rk-entries] > li")).to_have_count(1, timeout=BOOT)


def test_a_reminder_to_export_after_seven_days_of_writing_and_persist_asked_for(
    context: BrowserContext, server, tmp_path: Path
) -> None:
    context.add_init_script(
        """(() => {
            const storage = globalThis.navigator?.storage;
            if (!storage?.persist) return; // a worker: nothing to count there
            window.__persistAsked = 0;
            const ask = storage.persist.bind(storage);
            storage.persist = () => { window.__persistAsked++; return ask(); };
        })()"""
    )
    page = context.new_page()
    start_clock(page, DAY)
    root = open_tool(page, server)
    save_plan(root, start="2026-03-01", length="30")
    assert page.evaluate("window.__persistAsked") == 0  # nothing is asked before it is kept
    keep_on_device(root)
    assert page.evaluate("window.__persistAsked") == 1
    expect(root.locator("[data-rk-keep-note]")).to_contain_text("clear it")
    reminder = root.locator("[data-rk-export-reminder]")
    for offset in range(7):
        page.clock.set_system_time(DAY.replace(day=12 + offset).isoformat() + "T09:00:00Z")
        page.clock.fast_forward(61_000)  # the page looks at the date once a minute
        expect(root).to_have_attribute("data-rk-today", DAY.replace(day=12 + offset).isoformat())
        expect(reminder).to_be_hidden()
        add_entry(root, f"Day {12 + offset}.")
    expect(reminder).to_be_visible()
    expect(reminder).to_contain_text("You have written on 7 days since your last export")
    with page.expect_download() as info:
        reminder.get_by_role("button", name="Download a backup").click()
    assert info.value.suggested_filename == "notes-2026-03-18.json"
    expect(reminder).to_be_hidden()
