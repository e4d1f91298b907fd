"""Deciding together in real Chromium: two people, their codes, the comparison, and faults.

Expected views come from the Python model itself (the same code the page runs in Pyodide),
so these tests check that the page shows what the engine worked out, not a second copy of
the rules. Every page is watched (conftest): no request off the site, no console error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect

from rekindle.shared.sharecode import ShareCodec
from rekindle.tools.deciding.model.answers import FORGED_MESSAGE, parse_answers
from rekindle.tools.deciding.model.codes import CODEC, OWN_CODE_MESSAGE, encode_code
from rekindle.tools.deciding.model.compare import compare_view
from rekindle.tools.deciding.model.topics import parse_topics_fragment, topics_view
from rekindle.tools.deciding.ops import CORRUPT_MESSAGE, NOTE_LONG_MESSAGE
from tests.browser.conftest import (
    PageWatch,
    new_context,
    site_module_call,
    wait_for_instant_navigation,
)
from tests.conftest import SITE_PREFIX

pytestmark = pytest.mark.browser

ROOT = '[data-rekindle-widget="deciding-worksheet"]'
READY = f'{ROOT}[data-state="ready"]'
KEY = f"rekindle {SITE_PREFIX} deciding.worksheet"  # kit/scope.js: this copy's own name
PAGE = "after-a-breakup/deciding/"
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}

SAM = {
    "areas": {
        "commitment": {"choice": "exclusive", "firmness": "must"},
        "children": {"choice": "yes", "firmness": "must"},
        "money": {"choice": None, "firmness": "unsure"},
        "marriage": {"choice": "some-day", "firmness": "like"},
        "where-to-live": {"choice": "stay", "firmness": "flexible"},
        "conflict": {"choice": "talk-now", "firmness": "like"},
    },
    "reasons": {"trust": "no", "drifting-apart": "dont-know", "felt-unsafe": "partly"},
}
ALEX = {
    "areas": {
        "commitment": {"choice": "exclusive", "firmness": "like"},
        "children": {"choice": "no", "firmness": "must"},
        "money": {"choice": "pooled", "firmness": "flexible"},
        "marriage": {"choice": "not-needed", "firmness": "flexible"},
        "conflict": {"choice": "cool-off", "firmness": "must"},
        "affection-and-sex": {"choice": "slowly", "firmness": "like"},
    },
    "reasons": {"trust": "yes", "communication": "no"},
}


def code_of(answers: dict) -> str:
    return encode_code(parse_answers(answers).shareable())


def open_tool(page: Page, server, fragment: str = "") -> None:
    page.goto(server.url + PAGE + fragment)
    page.wait_for_selector(READY)


def fill(page: Page, answers: dict) -> None:
    """Answer by pointer, as a reader taps: a choice, its firmness, ticks and "changed"."""
    for area, wish in answers["areas"].items():
        if wish["choice"]:
            page.check(f"#rk-d-{area}-choice-{wish['choice']}")
        page.check(f"#rk-d-{area}-firmness-{wish['firmness']}")
    for reason, changed in answers["reasons"].items():
        page.check(f"#rk-d-{reason}-tick")
        page.check(f"#rk-d-{reason}-changed-{changed}")


def compare(page: Page, code: str, renders: int = 1) -> None:
    page.fill("[data-rk-their-code]", code)
    page.click('[data-rk-action="compare"]')
    page.wait_for_selector(f'{ROOT}[data-rk-compare-ready="{renders}"]')


def shown_comparison(page: Page) -> dict:
    """What the page shows: each area's section, sentence and both answers; the reasons."""
    return page.evaluate(
        """() => {
          const text = (el, s) => el.querySelector(s)?.textContent ?? null;
          const areas = {};
          for (const card of document.querySelectorAll('[data-rk-compare-area]')) {
            areas[card.dataset.rkCompareArea] = {
              section: card.closest('[data-rk-compare-section]').dataset.rkCompareSection,
              sentence: text(card, '.rk-deciding__sentence'),
              mine: text(card, '[data-rk-side="mine"]'),
              theirs: text(card, '[data-rk-side="theirs"]')};
          }
          const reasons = [...document.querySelectorAll('[data-rk-compare-reason]')].map((card) =>
            [card.dataset.rkCompareReason, text(card, '[data-rk-side="mine"]'),
             text(card, '[data-rk-side="theirs"]')]);
          const neither = text(document, '[data-rk-compare-neither]');
          const topics = [...document.querySelectorAll('[data-rk-topics] li strong')]
            .map((title) => title.textContent);
          const link = document.querySelector('[data-rk-topics-link]')?.href;
          return {areas, reasons, neither, topics, link};
        }"""
    )


def expected_comparison(mine: dict, theirs: dict) -> dict:
    view = compare_view(parse_answers(mine), parse_answers(theirs).shareable())
    areas, neither = {}, []
    titles = {}
    for section in view["sections"]:
        for row in section["areas"]:
            titles[row["id"]] = row["title"]
            if row["mine"]["firmness"] is None and row["theirs"]["firmness"] is None:
                neither.append(row["title"])
                continue
            areas[row["id"]] = {
                "section": section["status"],
                "sentence": row["sentence"],
                "mine": row["mine"]["text"],
                "theirs": row["theirs"]["text"],
            }
    reasons = [[r["id"], r["mine"]["label"], r["theirs"]["label"]] for r in view["reasons"]]
    titles |= {r["id"]: r["label"] for r in view["reasons"]}
    return {
        "areas": areas,
        "reasons": reasons,
        "neither": f"Neither of you answered: {', '.join(neither)}." if neither else None,
        "topics": [titles[t] for t in view["topics"]],
        "fragment": view["topics_fragment"],
    }


def assert_shows(page: Page, mine: dict, theirs: dict, server) -> None:
    shown, wanted = shown_comparison(page), expected_comparison(mine, theirs)
    assert shown["areas"] == wanted["areas"]
    assert shown["reasons"] == wanted["reasons"]
    assert shown["neither"] == wanted["neither"]
    assert shown["topics"] == wanted["topics"]
    conversation = server.url + "after-a-breakup/the-conversation/"
    assert shown["link"] == conversation + wanted["fragment"]
    text = page.locator("[data-rk-compare-output]").inner_text()
    assert "%" not in text and "score:" not in text.lower()


def no_sideways_scroll(page: Page) -> None:
    widths = page.evaluate(
        """(sel) => {
          const doc = document.documentElement;
          const out = document.querySelector(sel);
          const wide = [...out.querySelectorAll('*')]
            .filter((el) => el.scrollWidth > el.clientWidth + 1
                            && getComputedStyle(el).overflowX !== 'visible')
            .map((el) => el.className);
          return {doc: [doc.scrollWidth, doc.clientWidth], wide};
        }""",
        "[data-rk-compare-output]",
    )
    assert widths["doc"][0] <= widths["doc"][1], widths
    assert not widths["wide"], widths


def stored(page: Page, key: str = KEY) -> str | None:
    return page.evaluate("k => localStorage.getItem(k)", key)


def axe_violations(page: Page) -> list[str]:
    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes'][:4]]}"
        for v in results.response["violations"]
    ]


@pytest.fixture
def partner(browser: Browser, server) -> Iterator[Page]:
    """The other person: their own browser context (their own phone), watched too."""
    watch = PageWatch(server.origin)
    context = new_context(browser)
    watch.attach(context)
    yield context.new_page()
    context.close()
    assert not watch.problems(), watch.problems()


# --- two people ---------------------------------------------------------------------------


def test_two_people_compare_by_link_and_by_paste(page: Page, partner: Page, server) -> None:
    # Alex fills in the worksheet and shares a code (no share sheet here: it copies).
    open_tool(partner, server)
    fill(partner, ALEX)
    partner.click('[data-rk-action="share"]')
    alex_code = partner.locator("[data-rk-share-code]").input_value()
    assert alex_code == code_of(ALEX)
    link = partner.locator("[data-rk-share-link]").input_value()
    assert link == server.url + PAGE + "#share=" + alex_code
    expect(partner.locator("[data-rk-share-output]")).to_have_text(
        re.compile(r"^Link copied\.|Ctrl\+C")
    )

    # Sam follows the link: a notice, the code waiting in its field, nothing filled in.
    page.goto(link)
    page.wait_for_selector(READY)
    arrival = page.locator("[data-rk-arrival]")
    expect(arrival).to_be_visible()
    expect(arrival).to_contain_text("Nothing was sent anywhere")
    expect(arrival).to_be_focused()
    assert page.evaluate("location.hash") == ""
    expect(page.locator("[data-rk-their-code]")).to_have_value(alex_code)
    assert page.locator("[data-rk-form] input:checked").count() == 0
    fill(page, SAM)
    page.click('[data-rk-action="summary"]')  # the summary, then the waiting code compared
    page.wait_for_selector(f'{ROOT}[data-rk-compare-ready="1"]')
    expect(arrival).to_be_hidden()
    assert_shows(page, SAM, ALEX, server)
    no_sideways_scroll(page)

    # Sam's code goes back by paste; Alex sees the same comparison from their side.
    page.click('[data-rk-action="share"]')
    sam_code = page.locator("[data-rk-share-code]").input_value()
    assert sam_code == code_of(SAM)  # the private reason never travels
    compare(partner, sam_code)
    assert_shows(partner, ALEX, SAM, server)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_comparison_reads_on_a_phone_and_a_desktop(
    browser: Browser, server, watch: PageWatch, scheme: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    watch.attach(context)
    try:
        page = context.new_page()
        open_tool(page, server)
        fill(page, SAM)
        page.click('[data-rk-action="summary"]')
        page.wait_for_selector(f"{ROOT}[data-rk-summary-ready]")
        compare(page, code_of(ALEX))
        no_sideways_scroll(page)
        side_by_side = page.evaluate(
            """() => {
              const card = document.querySelector('[data-rk-compare-area]');
              const [you, them] = card.querySelectorAll('.rk-deciding__sides > div');
              return you.getBoundingClientRect().top === them.getBoundingClientRect().top;
            }"""
        )
        assert side_by_side == (width >= 720)  # stacked on a phone, beside each other wider
        assert axe_violations(page) == []
    finally:
        context.close()
    assert not watch.problems(), watch.problems()


# --- bad codes ------------------------------------------------------------------------------


def _changed_one(code: str) -> str:
    last = code[-1]
    return code[:-1] + ("0" if last != "0" else "1")


ASSESSMENT_CODE = ShareCodec(prefix="RK", layouts={1: (3,) * 32}).encode([1] * 32)


def bad_codes() -> dict[str, tuple[str, str]]:
    good = code_of(ALEX)
    return {
        "truncated": (good[:-6], CODEC.message("truncated")),
        "one character changed": (_changed_one(good), CODEC.message("tampered")),
        "your own code": (code_of(SAM), OWN_CODE_MESSAGE),
        "a self-assessment code": (
            ASSESSMENT_CODE,
            CODEC.message("other-tool", "self-assessment"),
        ),
        "a newer version": ("RD2-" + good[4:], CODEC.message("future-version")),
        "not a code": ("hello, I love you", CODEC.message("malformed")),
        "a 100 KB paste": ("RD1-" + "A" * 100_000, CODEC.message("too-long")),
        "empty": ("   ", "Paste the other person's code or link first."),
    }


def test_each_bad_code_has_its_own_message_and_changes_nothing(page: Page, server) -> None:
    open_tool(page, server)
    fill(page, SAM)
    compare(page, code_of(ALEX))
    before = page.locator("[data-rk-compare-output]").inner_text()
    field = page.locator("[data-rk-their-code]")
    problem = page.locator("[data-rk-code-problem]")
    for what, (code, message) in bad_codes().items():
        field.fill(code)
        page.click('[data-rk-action="compare"]')
        expect(problem).to_have_text(message)
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_have_attribute("aria-describedby", "rk-deciding-code-problem")
        expect(field).to_have_value(code)
        assert page.locator("[data-rk-compare-output]").inner_text() == before, what
        assert page.locator(f'{ROOT}[data-rk-compare-ready="1"]').count() == 1, what
    assert page.locator("[data-rk-form] input:checked").count() == 17  # answers untouched


@pytest.mark.parametrize(
    "wrapped",
    [
        '"{code}"',
        "\u201c{code}\u201d",
        "\u202b{code}\u202c",
        "\u2067 {code} \u2069\u200f",
        "  {code}\n",
        "{code}{code}",
        "rd1 {lower}",
        "https://example.org/x/#share={code}",
    ],
)
def test_a_forgiven_paste_still_compares(page: Page, server, wrapped: str) -> None:
    open_tool(page, server)
    fill(page, SAM)
    code = code_of(ALEX)
    compare(page, wrapped.format(code=code, lower=code[4:].lower().replace("-", " ")))
    assert_shows(page, SAM, ALEX, server)
    expect(page.locator("[data-rk-code-problem]")).to_be_hidden()


def test_comparing_before_answering_says_what_to_do(page: Page, server) -> None:
    open_tool(page, server)
    page.fill("[data-rk-their-code]", code_of(ALEX))
    page.click('[data-rk-action="compare"]')
    expect(page.locator("[data-rk-code-problem]")).to_have_text(
        "Fill in your own worksheet first, then press Compare."
    )
    expect(page.locator("[data-rk-their-code]")).not_to_have_attribute("aria-invalid", "true")


# --- the worksheet's own faults ----------------------------------------------------------------


def test_an_unfinished_area_is_named_and_focus_goes_there(page: Page, server) -> None:
    open_tool(page, server)
    fill(page, SAM)
    page.check("#rk-d-living-together-choice-soon")  # a choice, but how firm?
    page.click('[data-rk-action="summary"]')
    area = page.locator('[data-rk-area="living-together"]')
    message = "For “Living together”, say how firm your wish is, or clear your choice."
    expect(area.locator("[data-rk-field-problem]")).to_have_text(message)
    expect(page.locator("[data-rk-summary-problem]")).to_have_text(message)
    expect(page.locator("#rk-d-living-together-firmness-must")).to_be_focused()
    expect(area).to_have_attribute("aria-describedby", "rk-deciding-problem-living-together")
    # Clear empties the area, the message goes, and the summary works.
    area.locator('[data-rk-action="clear-area"]').click()
    expect(area.locator("[data-rk-field-problem]")).to_have_count(0)
    assert area.locator("input:checked").count() == 0
    page.click('[data-rk-action="summary"]')
    page.wait_for_selector(f"{ROOT}[data-rk-summary-ready]")
    expect(page.locator("[data-rk-summary-problem]")).to_have_count(0)


def test_a_ticked_reason_needs_has_it_changed(page: Page, server) -> None:
    open_tool(page, server)
    changed = page.locator('[data-rk-reason="money-trouble"] [data-rk-changed]')
    expect(changed).to_be_hidden()
    page.check("#rk-d-money-trouble-tick")
    expect(changed).to_be_visible()
    page.click('[data-rk-action="summary"]')
    problem = page.locator('[data-rk-reason="money-trouble"] [data-rk-field-problem]')
    expect(problem).to_contain_text("say whether it has changed")
    expect(page.locator("#rk-d-money-trouble-changed-yes")).to_be_focused()


def test_summary_lists_must_haves_unsure_and_the_private_safety_pointer(page: Page, server) -> None:
    open_tool(page, server)
    fill(page, SAM)
    page.click('[data-rk-action="summary"]')
    page.wait_for_selector(f"{ROOT}[data-rk-summary-ready]")
    expect(page.locator("[data-rk-summary-heading]")).to_be_focused()
    musts = page.locator('[data-rk-summary-section="must"] li')
    expect(musts).to_have_text(
        [
            "Commitment and exclusivity: Only the two of us, fully committed",
            "Children: Yes, I want children, or more children",
        ]
    )
    expect(page.locator('[data-rk-summary-section="unsure"] li')).to_have_text(
        ["Money: No choice yet"]
    )
    expect(page.locator('[data-rk-summary-section="reasons-no"] li')).to_have_text(
        ["Trust was broken (cheating, lies or secrets): No, not yet"]
    )
    pointer = page.locator("[data-rk-safety-pointer]")
    expect(pointer).to_contain_text("never put in a share code")
    assert pointer.locator("a").evaluate("a => a.href") == server.url + "safety/"
    summary = page.locator("[data-rk-summary-body]").inner_text()
    assert "%" not in summary and "verdict" in summary  # "It is not a verdict"


@pytest.mark.parametrize("where", ["choice", "firmness"])
def test_a_forged_value_in_the_page_is_refused_and_nothing_is_lost(
    page: Page, server, where: str
) -> None:
    open_tool(page, server)
    fill(page, SAM)
    target = "#rk-d-children-choice-yes" if where == "choice" else "#rk-d-children-firmness-must"
    page.evaluate("sel => { document.querySelector(sel).value = '<b>forged</b>'; }", target)
    page.click('[data-rk-action="summary"]')
    expect(page.locator("[data-rk-summary-problem]")).to_have_text(FORGED_MESSAGE)
    expect(page.locator('[data-rk-area="children"] [data-rk-field-problem]')).to_have_text(
        FORGED_MESSAGE
    )
    assert page.locator("[data-rk-form] input:checked").count() == 17
    page.click('[data-rk-action="share"]')
    expect(page.locator("[data-rk-share-output]")).to_have_text(FORGED_MESSAGE)
    expect(page.locator("[data-rk-share-code]")).to_have_count(0)


# --- kept only if chosen --------------------------------------------------------------------


def test_nothing_is_kept_unless_chosen_and_delete_clears_it_all(page: Page, server) -> None:
    open_tool(page, server, "#share=" + code_of(ALEX))
    fill(page, SAM)
    page.fill("[data-rk-note]", "only for me")
    page.click('[data-rk-action="summary"]')
    page.wait_for_selector(f"{ROOT}[data-rk-compare-ready]")
    assert stored(page) is None
    page.click("[data-rk-privacy] summary")
    page.check("[data-rk-keep]")
    page.wait_for_function("k => localStorage.getItem(k)?.includes('only for me')", arg=KEY)
    expect(page.locator("[data-rk-keep-state]")).to_have_text("kept on this device")
    page.reload()
    page.wait_for_selector(READY)
    expect(page.locator("#rk-d-children-firmness-must")).to_be_checked()
    expect(page.locator("[data-rk-note]")).to_have_value("only for me")
    expect(page.locator("#rk-d-felt-unsafe-changed-partly")).to_be_checked()
    page.click("[data-rk-privacy] summary")
    page.click('[data-rk-action="delete"]')
    expect(page.locator("[data-rk-keep-note]")).to_have_text(
        "Your worksheet was deleted from this page and from this device."
    )
    assert stored(page) is None
    assert page.locator("[data-rk-form] input:checked").count() == 0
    expect(page.locator("[data-rk-note]")).to_have_value("")
    expect(page.locator("[data-rk-compare-output]")).to_be_empty()
    expect(page.locator("[data-rk-summary]")).to_be_hidden()
    page.reload()
    page.wait_for_selector(READY)
    assert page.locator("[data-rk-form] input:checked").count() == 0


def test_a_note_typed_just_before_leaving_the_page_is_kept(page: Page, server) -> None:
    open_tool(page, server)
    wait_for_instant_navigation(page)
    page.click("[data-rk-privacy] summary")
    page.check("[data-rk-keep]")
    page.wait_for_function("k => localStorage.getItem(k) !== null", arg=KEY)
    page.fill("[data-rk-note]", "written on the way out")
    page.click('[data-rk-compare] a[data-rk-link="safety.md"]')  # well within the typing pause
    page.wait_for_url(re.compile(r"/safety/$"))
    page.wait_for_function("k => localStorage.getItem(k)?.includes('on the way out')", arg=KEY)


def test_delete_everything_on_the_privacy_page_reaches_the_worksheet(
    context: BrowserContext, server
) -> None:
    page = context.new_page()
    open_tool(page, server)
    fill(page, SAM)
    page.click("[data-rk-privacy] summary")
    page.check("[data-rk-keep]")
    page.wait_for_function("k => localStorage.getItem(k) !== null", arg=KEY)
    privacy = context.new_page()
    privacy.goto(server.url + "privacy/")
    privacy.click("button.rk-delete-everything:enabled")
    expect(privacy.locator("[data-rk-delete-status]")).to_contain_text("Deleted")
    expect(page.locator("[data-rk-keep]")).not_to_be_checked()  # the open tab heard it
    assert stored(page) is None
    page.check("#rk-d-marriage-firmness-unsure")  # and keeps nothing more
    assert stored(page) is None


def test_a_note_with_markup_script_and_right_to_left_text_stays_text(page: Page, server) -> None:
    note = (
        '<img src="x" onerror="window.__pwned = 1"><script>window.__pwned = 2</script>\n'
        "\u202e\u05e9\u05dc\u05d5\u05dd, this is mine "
        "\u2067\u0639\u0631\u0628\u064a\u2069 & <b>bold</b>"
    )
    open_tool(page, server)
    page.click("[data-rk-privacy] summary")
    page.check("[data-rk-keep]")
    page.fill("[data-rk-note]", note)
    page.wait_for_function("k => localStorage.getItem(k)?.includes('pwned')", arg=KEY)
    page.reload()
    page.wait_for_selector(READY)
    expect(page.locator("[data-rk-note]")).to_have_value(note)
    assert page.evaluate("window.__pwned") is None
    assert page.locator(f"{ROOT} b, {ROOT} img").count() == 0


def test_a_one_megabyte_note_is_kept_on_the_page_and_explained(page: Page, server) -> None:
    open_tool(page, server)
    page.click("[data-rk-privacy] summary")
    page.check("[data-rk-keep]")
    page.fill("[data-rk-note]", "short")
    page.wait_for_function("k => localStorage.getItem(k)?.includes('short')", arg=KEY)
    # Lines of mixed-direction text. (One unbroken right-to-left word of a million letters
    # takes Chromium's own text layout tens of seconds, whatever the page does.)
    line = "I wrote this at night, \u05e9\u05dc\u05d5\u05dd, and I mean it.\n"
    huge = (line * (1_000_000 // len(line) + 1))[:1_000_000]
    page.evaluate(
        """(text) => {
             const note = document.querySelector('[data-rk-note]');
             note.value = text;
             note.dispatchEvent(new Event('input', {bubbles: true}));
           }""",
        huge,
    )
    message = NOTE_LONG_MESSAGE.format(length=1_000_000, limit=10_000)
    expect(page.locator("[data-rk-keep-note]")).to_have_text(message)
    assert page.evaluate("document.querySelector('[data-rk-note]').value.length") == 1_000_000
    assert '"note": "short"' in (stored(page) or "").replace('":"', '": "')  # the last good save


def test_corrupt_kept_data_is_set_aside_and_the_reader_starts_fresh(page: Page, server) -> None:
    open_tool(page, server)
    page.evaluate('k => localStorage.setItem(k, \'{"format": "rekindle-deciding", oops\')', KEY)
    page.reload()
    page.wait_for_selector(READY)
    expect(page.locator("[data-rk-keep-note]")).to_have_text(CORRUPT_MESSAGE)
    expect(page.locator("[data-rk-keep]")).not_to_be_checked()
    assert stored(page) is None
    assert stored(page, KEY + ".corrupt") == '{"format": "rekindle-deciding", oops'
    fill(page, SAM)
    page.click('[data-rk-action="summary"]')
    page.wait_for_selector(f"{ROOT}[data-rk-summary-ready]")


def test_storage_blocked_says_nothing_can_be_kept_and_works(browser: Browser, server) -> None:
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
        expect(page.locator("[data-rk-keep-note]")).to_contain_text("Nothing can be kept")
        expect(page.locator("[data-rk-keep]")).to_be_disabled()
        fill(page, SAM)
        compare(page, code_of(ALEX))
        assert_shows(page, SAM, ALEX, server)
    finally:
        context.close()
    # Material's own inline `__md_get` reads localStorage without a try, and throws "denied".
    problems = [p for p in watch.problems() if p != "page error: denied"]
    assert not problems, problems


def test_storage_full_says_nothing_can_be_kept(page: Page, server) -> None:
    page.add_init_script(
        "Storage.prototype.setItem = function () {"
        " throw new DOMException('full', 'QuotaExceededError'); };"
    )
    open_tool(page, server)
    page.click("[data-rk-privacy] summary")
    page.check("[data-rk-keep]")
    expect(page.locator("[data-rk-keep-note]")).to_contain_text("Nothing can be kept")
    expect(page.locator("[data-rk-keep]")).not_to_be_checked()
    fill(page, SAM)
    page.click('[data-rk-action="summary"]')
    page.wait_for_selector(f"{ROOT}[data-rk-summary-ready]")


# --- keyboard, print, the way into the conversation ---------------------------------------


def focused(page: Page, selector: str) -> bool:
    return page.evaluate("s => Boolean(document.activeElement?.matches(s))", selector)


def tab_to(page: Page, selector: str, limit: int = 400) -> None:
    for _ in range(limit):
        if focused(page, selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_only_from_answers_to_comparison(page: Page, server) -> None:
    open_tool(page, server)
    page.locator("h1").focus()
    # Commitment: Tab into the choices, arrows move along them; then the firmness group.
    tab_to(page, "#rk-d-commitment-choice-exclusive")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#rk-d-commitment-choice-exclusive-slowly")).to_be_checked()
    page.keyboard.press("Tab")
    assert focused(page, "#rk-d-commitment-firmness-must")
    page.keyboard.press("Space")
    # A reason: tick it with Space, then say it has not changed.
    tab_to(page, "#rk-d-trust-tick")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert focused(page, "#rk-d-trust-changed-yes")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.locator("#rk-d-trust-changed-no")).to_be_checked()
    tab_to(page, '[data-rk-action="summary"]')
    page.keyboard.press("Enter")
    page.wait_for_selector(f"{ROOT}[data-rk-summary-ready]")
    expect(page.locator("[data-rk-summary-heading]")).to_be_focused()
    tab_to(page, "[data-rk-their-code]")
    page.keyboard.insert_text(code_of(ALEX))
    page.keyboard.press("Tab")
    assert focused(page, '[data-rk-action="compare"]')
    page.keyboard.press("Enter")
    page.wait_for_selector(f"{ROOT}[data-rk-compare-ready]")
    mine = {
        "areas": {"commitment": {"choice": "exclusive-slowly", "firmness": "must"}},
        "reasons": {"trust": "no"},
    }
    assert_shows(page, mine, ALEX, server)
    tab_to(page, "[data-rk-topics-link]")


def test_print_holds_the_summary_and_comparison_not_the_worksheet(page: Page, server) -> None:
    open_tool(page, server)
    fill(page, SAM)
    page.fill("[data-rk-note]", "my private note")
    page.fill("[data-rk-their-code]", code_of(ALEX))
    page.click('[data-rk-action="summary"]')
    page.wait_for_selector(f"{ROOT}[data-rk-compare-ready]")
    page.evaluate("document.querySelector('[data-rekindle-widget]').dataset.rkPrintOnly = ''")
    page.set_viewport_size({"width": 816, "height": 1056})  # Letter paper at 96 dpi
    page.emulate_media(media="print")
    for hidden in (
        "[data-rk-form]",
        "[data-rk-their-code]",
        '[data-rk-action="share"]',
        "[data-rk-safety-pointer]",
        "[data-rk-private-item]",
        "[data-rk-topics-link]",
        "#a-worksheet-for-each-of-you",
    ):
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.locator("[data-rk-summary]")).to_be_visible()
    expect(page.locator("[data-rk-compare-output]")).to_be_visible()
    expect(page.locator("h1")).to_be_visible()
    assert "my private note" not in page.locator("body").inner_text()
    pages = page.evaluate("document.documentElement.scrollHeight") / (11 * 96)
    assert pages < 2.5, pages  # about two Letter pages at the print width


def test_take_these_to_the_conversation_opens_it_with_topic_ids(page: Page, server) -> None:
    open_tool(page, server)
    fill(page, SAM)
    compare(page, code_of(ALEX))
    wanted = expected_comparison(SAM, ALEX)["fragment"]
    assert re.fullmatch(r"#topics=[a-z-]+(,[a-z-]+)*", wanted)
    topics = topics_view(parse_topics_fragment(wanted))
    prompts = page.locator("[data-rk-topics] [data-rk-topic-prompt]")
    expect(prompts).to_have_text([t["prompt"] for t in topics])  # each topic's question
    page.click("[data-rk-topics-link]")
    page.wait_for_url(re.compile(r"/after-a-breakup/the-conversation/#topics="))
    assert page.evaluate("location.hash") == wanted
    # The timer takes them as its prompts, one a round, and says where they came from.
    timer = page.locator('[data-rekindle-widget="turn-timer"]')
    expect(timer.locator("[data-rk-topics-note]")).to_contain_text("Prompts from your worksheet")
    expect(timer.locator('[data-bind="prompt"]')).to_have_text(topics[0]["prompt"])
    # What the timer is given there: the same prompts, through the engine, ids only.
    got = site_module_call(page, "../deciding/topics-for-timer.js", "m.topicsFromAddress()")
    assert got == topics
    forged = "#topics=children,<script>,children,,felt-unsafe,TRUST,nope"
    got = site_module_call(page, "../deciding/topics-for-timer.js", f"m.topicPrompts({forged!r})")
    assert got == [t["prompt"] for t in topics_view(["children", "trust"])]
    assert site_module_call(page, "../deciding/topics-for-timer.js", "m.topicPrompts('')") == []
