"""The bad-input catalogue (issue 6, part 7): hostile and odd input for both tools.

Each case is one thing a reader (or a tampered page) might put into a tool. A bad one must
get a plain sentence next to its field, never a stack trace or a blank widget, and lose no
data: what the reader set up before is still there and still in effect, and the bad text
stays in the field so they can fix it. A valid oddity (an emoji name, a lowercase code)
must simply work, shown as text.

One browser context per tool, module-scoped: each case first puts back the state it
needs, then waits on the DOM, never on a clock.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from playwright.sync_api import Error as PlaywrightError

from rekindle.tools.assessment.model.items import ITEM_BANK
from rekindle.tools.assessment.model.scoring import parse_answers
from rekindle.tools.assessment.model.sharecode import MESSAGES, encode_share_code
from tests.browser.conftest import PageWatch, new_context, watched
from tests.browser.test_assessment import (
    BARRIER_IDS,
    GROUPS,
    KEY,
    MINE,
    READY,
    ROOT,
    THEIRS,
    delete_answers,
    turn_saving_on,
)

pytestmark = pytest.mark.browser

BOOT = 60_000  # several contexts may boot Pyodide at once on a busy machine
WAIT = 15_000
# A message must be a sentence for people: none of what a crash would show.
NOT_A_SENTENCE = re.compile(
    r"Traceback|Exception|\w+Error\b|\bline \d+|\.py\b|undefined|\bnull\b|\[object|\bNaN\b"
)
PROBE = "window.__rkPwned"  # what the script payloads below would set if they ever ran


def assert_plain_sentence(text: str) -> None:
    assert text.strip(), "the message is blank"
    assert not NOT_A_SENTENCE.search(text), f"not a sentence for people: {text!r}"
    assert text.rstrip().endswith((".", "!", "?", "”")), f"not a sentence: {text!r}"
    assert len(text) < 300, f"too long to read at a glance: {text!r}"


def assert_nothing_ran(page: Page) -> None:
    assert page.evaluate(f"typeof {PROBE}") == "undefined"
    assert page.title() != "pwned"


# --- the turn-taking timer ------------------------------------------------------------

CONVERSATION = "after-a-breakup/the-conversation/"
TIMER = '[data-rekindle-widget="turn-timer"]'

# Names and settings in effect before every case. Each case must leave them in effect.
BASE_FIELDS = {
    "name_a": "Sam",
    "name_b": "Alex",
    "preset": "check-in",
    "minutes": "4",
    "rounds": "2",
    "warning": "30",
    "starts": "0",
}
BASE_VIEW = {"clock": "4:00", "speaker": "Sam", "listener": "Alex", "round": "Round 1 of 2"}

MINUTES_PROBLEM = "Minutes per turn must be a whole number from 1 to 60."
ROUNDS_PROBLEM = "Rounds must be “open” or a whole number from 1 to 20."
WARNING_PROBLEM = "Warning must be a whole number of seconds, or 0 for off."
EMPTY_NAME = "First person's name can't be empty."
LONG_NAME = "First person's name must be at most 40 characters."
CONTROL_NAME = "First person's name can't contain control characters or line breaks."
BLANK_NAME = "First person's name needs at least one visible character."


@dataclass(frozen=True)
class TimerCase:
    """`value` goes into `field`: typed into a text box, or forged into a select or radio.

    `problem` is the message expected next to the field (None: the value is valid), and
    `shown` what a valid value changes on screen (view parts and field values)."""

    id: str
    field: str
    value: str | None  # None: a forged select with nothing selected at all
    problem: str | None = None
    shown: dict[str, str] = field(default_factory=dict)


def _name(id_: str, value: str, problem: str | None = None, shown: str | None = None) -> TimerCase:
    if problem:
        return TimerCase(id_, "name_a", value, problem)
    text = value.strip() if shown is None else shown
    return TimerCase(id_, "name_a", value, None, {"speaker": text, "name_a": text})


TIMER_CASES = [
    # minutes: a text box, so anything can be typed
    TimerCase("minutes-empty", "minutes", "", MINUTES_PROBLEM),
    TimerCase("minutes-spaces", "minutes", "   ", MINUTES_PROBLEM),
    TimerCase("minutes-zero", "minutes", "0", MINUTES_PROBLEM),
    TimerCase("minutes-negative", "minutes", "-1", MINUTES_PROBLEM),
    TimerCase("minutes-minus-zero", "minutes", "-0", MINUTES_PROBLEM),
    TimerCase("minutes-61", "minutes", "61", MINUTES_PROBLEM),
    TimerCase("minutes-fraction", "minutes", "3.5", MINUTES_PROBLEM),
    TimerCase("minutes-nan", "minutes", "NaN", MINUTES_PROBLEM),
    TimerCase("minutes-infinity", "minutes", "Infinity", MINUTES_PROBLEM),
    TimerCase("minutes-exponent", "minutes", "1e2", MINUTES_PROBLEM),
    TimerCase("minutes-hex", "minutes", "0x10", MINUTES_PROBLEM),
    TimerCase("minutes-huge", "minutes", "9" * 10_000, MINUTES_PROBLEM),
    TimerCase("minutes-markup", "minutes", "<b>5</b>", MINUTES_PROBLEM),
    TimerCase(
        "minutes-full-width-ok",
        "minutes",
        "\uff11\uff10",
        None,  # full-width 10
        {"clock": "10:00", "minutes": "10"},
    ),
    TimerCase(
        "minutes-arabic-indic-ok",
        "minutes",
        "\u0665",
        None,  # Arabic-Indic five
        {"clock": "5:00", "minutes": "5"},
    ),
    TimerCase("minutes-padded-ok", "minutes", " 07 ", None, {"clock": "7:00", "minutes": "7"}),
    # names
    _name("name-empty", "", EMPTY_NAME),
    _name("name-whitespace", " \t\u3000 ", EMPTY_NAME),
    _name("name-41-chars", "x" * 41, LONG_NAME),
    _name("name-10000-chars", "Sam" * 3_334, LONG_NAME),
    _name("name-tab", "tab\there", CONTROL_NAME),
    _name("name-bell", "bell\u0007", CONTROL_NAME),
    _name("name-null-byte", "Sam\u0000", CONTROL_NAME),
    _name("name-bidi-override", "\u202eevil", CONTROL_NAME),
    _name("name-bidi-isolate", "\u2067Sam\u2069", CONTROL_NAME),
    _name("name-zero-width-only", "\u200b\u200b", BLANK_NAME),
    _name("name-hangul-filler", "\u3164", BLANK_NAME),
    _name("name-40-chars-ok", "y" * 40),
    _name("name-script-ok", "<script>window.__rkPwned=1</script>"),
    _name("name-img-onerror-ok", "<img src=x onerror=window.__rkPwned=1>"),
    _name("name-svg-onload-ok", '"><svg onload=window.__rkPwned=1>'),
    _name("name-sql-ok", "Robert'); DROP TABLE names;--"),
    _name("name-emoji-only-ok", "💞🔥"),
    _name("name-rtl-ok", "سارا"),
    _name("name-rtl-and-latin-ok", "שרה and Sam"),
    _name("name-nan-ok", "NaN"),
    _name("name-padded-ok", "  Zoë  "),
    # selects forged from script: readers can only pick listed options
    TimerCase("rounds-forged-zero", "rounds", "0", ROUNDS_PROBLEM),
    TimerCase("rounds-forged-21", "rounds", "21", ROUNDS_PROBLEM),
    TimerCase("rounds-forged-negative", "rounds", "-1", ROUNDS_PROBLEM),
    TimerCase("rounds-forged-nan", "rounds", "NaN", ROUNDS_PROBLEM),
    TimerCase("rounds-forged-none-selected", "rounds", None, ROUNDS_PROBLEM),
    TimerCase("warning-forged-negative", "warning", "-5", WARNING_PROBLEM),
    TimerCase("warning-forged-infinity", "warning", "Infinity", WARNING_PROBLEM),
    TimerCase("warning-forged-huge", "warning", "99999", WARNING_PROBLEM),
    TimerCase(
        "warning-forged-longer-than-turn",
        "warning",
        "240",
        "Warning must be shorter than the turn (4 minutes); choose fewer seconds, or 0 for off.",
    ),
    TimerCase(
        "preset-forged-unknown",
        "preset",
        "deluxe",
        "Preset must be one of: check-in, sensate-focus, custom.",
    ),
    TimerCase(
        "starts-forged-7",
        "starts",
        "7",
        "Who starts must be 0 (first person) or 1 (second person).",
    ),
]

SNAPSHOT = """(timer) => {
  const text = (selector) => timer.querySelector(selector).textContent;
  const form = timer.querySelector("[data-rk-form]");
  const fields = {};
  for (const name of ["name_a", "name_b", "preset", "minutes", "rounds", "warning"]) {
    fields[name] = form.elements[name].value;
  }
  fields.starts = form.querySelector("[name=starts]:checked")?.value ?? "";
  const errors = {};
  const invalid = {};
  for (const message of timer.querySelectorAll("[data-rk-error-for]")) {
    const name = message.dataset.rkErrorFor;
    errors[name] = message.hidden ? "" : message.textContent;
    const control = form.elements[name];
    if (control && !(control instanceof RadioNodeList)) {
      invalid[name] = control.getAttribute("aria-invalid") === "true";
    }
  }
  const all = (key) =>
    [...timer.querySelectorAll(`[data-bind="${key}"]`)].map((e) => e.textContent);
  return {
    view: {clock: text("[data-rk-clock]"), speaker: all("speaker_name")[0],
           listener: all("listener_name")[0], round: text('[data-bind="round_label"]')},
    speakers_agree: new Set(all("speaker_name")).size === 1,
    fields, errors, invalid,
    state: timer.dataset.state, phase: timer.dataset.phase,
    elements: timer.querySelectorAll("script, img, svg, iframe, object").length,
  };
}"""

RESET = """(timer, base) => {
  const form = timer.querySelector("[data-rk-form]");
  for (const forged of form.querySelectorAll("[data-forged]")) forged.remove();
  const radios = form.querySelectorAll("[name=starts]");
  radios.forEach((radio, n) => { radio.value = String(n); });
  for (const [name, value] of Object.entries(base)) {
    if (name === "starts") radios.forEach((radio) => { radio.checked = radio.value === value; });
    else form.elements[name].value = value;
  }
  form.elements.minutes.dispatchEvent(new Event("change", {bubbles: true}));
}"""

# Put a value into a field the way a tampered page (or a paste) would, then commit it.
APPLY = """(timer, [name, value]) => {
  const form = timer.querySelector("[data-rk-form]");
  const control = form.elements[name];
  let target = control;
  if (name === "starts") {
    target = control[1];
    target.value = value;
    target.checked = true;
  } else if (control.tagName === "SELECT") {
    if (value === null) {
      control.selectedIndex = -1;
    } else {
      const option = document.createElement("option");
      option.value = value;
      option.textContent = "forged";
      option.dataset.forged = "";
      control.append(option);
      control.value = value;
    }
  } else {
    control.value = value;
    control.dispatchEvent(new Event("input", {bubbles: true}));
  }
  target.dispatchEvent(new Event("change", {bubbles: true}));
}"""


def timer_snapshot(timer: Locator) -> dict:
    return timer.evaluate(SNAPSHOT)


def wait_for_snapshot(timer: Locator, expected: dict) -> dict:
    """Wait until the timer shows `expected` (view, fields, errors), then return it."""
    with contextlib.suppress(PlaywrightError):  # the assertion below shows the difference
        timer.page.wait_for_function(
            f"([el, want]) => {{ const got = ({SNAPSHOT})(el);"
            " return JSON.stringify([got.view, got.fields, got.errors]) === want; }",
            arg=[
                timer.element_handle(),
                json.dumps(
                    [expected["view"], expected["fields"], expected["errors"]],
                    ensure_ascii=False,
                    separators=(",", ":"),
                ),
            ],
            timeout=WAIT,
        )
    got = timer_snapshot(timer)
    assert [got["view"], got["fields"], got["errors"]] == [
        expected["view"],
        expected["fields"],
        expected["errors"],
    ]
    return got


@pytest.fixture(scope="module")
def timer_page(browser: Browser, server) -> Iterator[tuple[Locator, dict]]:
    """One timer with its settings open, and the snapshot of its baseline settings."""
    with watched(new_context(browser), PageWatch(server.origin)) as context:
        page = context.new_page()
        page.goto(server.url + CONVERSATION)
        timer = page.locator(TIMER).first
        expect(timer).to_have_attribute("data-state", "ready", timeout=BOOT)
        timer.locator("details.rk-timer__settings summary").click()
        timer.evaluate(RESET, BASE_FIELDS)
        no_errors = dict.fromkeys(
            ("name_a", "name_b", "starts", "preset", "minutes", "rounds", "warning", "handover"),
            "",
        )
        base = wait_for_snapshot(
            timer, {"view": BASE_VIEW, "fields": BASE_FIELDS, "errors": no_errors}
        )
        assert base["state"] == "ready" and base["phase"] == "idle"
        yield timer, base


@pytest.mark.parametrize("case", TIMER_CASES, ids=[c.id for c in TIMER_CASES])
def test_timer_bad_input(timer_page: tuple[Locator, dict], case: TimerCase) -> None:
    timer, base = timer_page
    timer.evaluate(RESET, BASE_FIELDS)
    wait_for_snapshot(timer, base)

    timer.evaluate(APPLY, [case.field, case.value])

    if case.problem is None:  # valid: it takes effect and is shown as text
        expected = {
            "view": {**base["view"]},
            "fields": {**base["fields"]},
            "errors": base["errors"],
        }
        for key, text in case.shown.items():
            (expected["view"] if key in base["view"] else expected["fields"])[key] = text
        got = wait_for_snapshot(timer, expected)
        assert got["invalid"] == base["invalid"]
        if "speaker" in case.shown:
            expect(timer.locator('[data-bind="speaker_name"]').first).to_have_text(
                case.shown["speaker"]
            )
            expect(timer.locator('[data-rk-starts-label="0"]')).to_have_text(case.shown["speaker"])
    else:
        message = timer.locator(f'[data-rk-error-for="{case.field}"]')
        expect(message).to_be_visible(timeout=WAIT)
        expect(message).to_have_text(case.problem)
        got = timer_snapshot(timer)
        assert_plain_sentence(got["errors"][case.field])
        # Nothing else changed: the timer still runs on the settings from before...
        assert got["view"] == base["view"]
        assert {k: v for k, v in got["errors"].items() if k != case.field} == {
            k: v for k, v in base["errors"].items() if k != case.field
        }
        # ...every other field holds what it held, and this one what was put in it.
        kept = {"starts": "0"} if case.field == "starts" else {case.field: case.value or ""}
        assert got["fields"] == {**base["fields"], **kept}
        if case.field != "starts":
            assert got["invalid"][case.field] is True
            control = timer.locator(f'[name="{case.field}"]')
            expect(control).to_have_attribute("aria-describedby", message.get_attribute("id"))
    assert got["state"] == "ready" and got["phase"] == "idle"
    assert got["speakers_agree"]
    assert got["elements"] == base["elements"]
    assert_nothing_ran(timer.page)


# --- the barrier self-assessment ------------------------------------------------------

TOOL = "tools/self-assessment/"
BARRIERS = BARRIER_IDS
GOOD = encode_share_code(parse_answers(THEIRS))
OWN = encode_share_code(parse_answers(MINE))
EMPTY_TEXT = "Paste your partner's code or link first."
INVALID_ANSWER = re.compile(
    r"^The answer to '[a-z]+-\d' (is -?\d+, outside 1 to 5|"
    r"is not a number from 1 to 5)\.$"
)


def _tamper(code: str, at: int) -> str:
    swapped = "0" if code[at] != "0" else "1"
    return code[:at] + swapped + code[at + 1 :]


def _swap(code: str) -> str:
    """Two neighbouring characters of the body swapped (the first differing pair)."""
    for at in range(5, len(code) - 1):
        a, b = code[at], code[at + 1]
        if a != b and "-" not in (a, b):
            return code[:at] + b + a + code[at + 2 :]
    raise AssertionError("no pair to swap")


@dataclass(frozen=True)
class AssessmentCase:
    """`kind` "code": `text` is pasted as the partner's code; `expect` is a share-code
    reason (MESSAGES), "empty", or "ok" (it must compare). `theirs` is whose answers a
    valid code holds. `kind` "answer": `text` is forged into a radio's value from script;
    `expect` "invalid" (the engine's message) or "ok"."""

    id: str
    text: str
    expect: str
    kind: str = "code"
    theirs: str = "theirs"


ASSESSMENT_CASES = [
    AssessmentCase("empty", "", "empty"),
    AssessmentCase("whitespace", " \n\t ", "empty"),
    AssessmentCase("truncated", GOOD[:-6], "truncated"),
    AssessmentCase("prefix-only", "RK", "truncated"),
    AssessmentCase("one-char-tampered", _tamper(GOOD, 10), "tampered"),
    AssessmentCase("last-char-tampered", _tamper(GOOD, len(GOOD) - 1), "tampered"),
    AssessmentCase("swapped-chars", _swap(GOOD), "tampered"),
    AssessmentCase("future-version", "RK2-" + GOOD[4:], "future-version"),
    AssessmentCase("version-zero", "RK0-" + GOOD[4:], "malformed"),
    AssessmentCase("unknown-prefix", "XK1-" + GOOD[4:], "malformed"),
    AssessmentCase("pasted-twice-ok", GOOD + GOOD, "ok"),  # the shared codec reads it (#18)
    AssessmentCase("one-megabyte", "A" * 1_000_000, "too-long"),
    AssessmentCase("ten-kb-of-emoji", "💞" * 2_560, "too-long"),
    AssessmentCase("html-script", "<script>window.__rkPwned=1</script>", "malformed"),
    AssessmentCase("img-onerror", '"><img src=x onerror=window.__rkPwned=1>', "malformed"),
    AssessmentCase(
        "link-with-garbage-fragment",
        "https://example.org/rekindle/tools/self-assessment/#share=%3Cgarbage%3E!",
        "malformed",
    ),
    AssessmentCase(
        "link-with-empty-fragment",
        "https://example.org/rekindle/tools/self-assessment/#share=",
        "malformed",
    ),
    AssessmentCase(
        "link-without-fragment", "https://example.org/rekindle/tools/self-assessment/", "malformed"
    ),
    AssessmentCase("only-dashes", "-----", "malformed"),
    AssessmentCase("null-bytes", GOOD[:9] + "\u0000\u0000" + GOOD[9:], "malformed"),
    AssessmentCase("rtl-text", "هذا رمز المشاركة", "malformed"),
    AssessmentCase("nan", "NaN", "malformed"),
    AssessmentCase("sql", "RK1'; DROP TABLE answers;--", "truncated"),  # quotes forgiven (#18)
    AssessmentCase("lowercase-ok", GOOD.lower(), "ok"),
    AssessmentCase("spaces-ok", GOOD.replace("-", " "), "ok"),
    AssessmentCase("no-dashes-ok", GOOD.replace("-", ""), "ok"),
    AssessmentCase("o-for-zero-ok", GOOD.replace("0", "O"), "ok"),
    AssessmentCase(
        "whole-link-ok", "https://example.org/rekindle/tools/self-assessment/#share=" + GOOD, "ok"
    ),
    AssessmentCase("code-then-words", "#share=" + GOOD + " love you", "malformed"),
    AssessmentCase("code-then-full-stop-ok", GOOD + ".", "ok"),
    AssessmentCase("rtl-marks-around-ok", "\u200f" + GOOD + "\u200f\u200b", "ok"),
    AssessmentCase("own-code-ok", OWN, "ok", theirs="mine"),
    # a radio whose value was changed from script: readers can only pick 1..5 or Skip
    AssessmentCase("answer-forged-7", "7", "invalid", kind="answer"),
    AssessmentCase("answer-forged-minus-1", "-1", "invalid", kind="answer"),
    AssessmentCase("answer-forged-zero", "0", "invalid", kind="answer"),
    AssessmentCase("answer-forged-fraction", "3.5", "invalid", kind="answer"),
    AssessmentCase("answer-forged-empty", "", "invalid", kind="answer"),
    AssessmentCase("answer-forged-nan", "NaN", "invalid", kind="answer"),
    AssessmentCase("answer-forged-text", "abc", "invalid", kind="answer"),
]

READ_ANSWERS = """(root) => {
  const answers = {};
  for (const item of root.querySelectorAll("[data-rk-item]")) {
    const chosen = item.querySelector("input[type=radio]:checked");
    if (chosen) answers[item.dataset.rkItem] = chosen.value;
  }
  return answers;
}"""

PASTE = """([field, text]) => {
  field.value = text;
  field.dispatchEvent(new Event("input", {bubbles: true}));
}"""

FORGED_ITEM = GROUPS[-1][-1]  # on the last part, which "Change my answers" opens
FORGED_RADIO = f"#rk-q-{FORGED_ITEM}-{2 if MINE[FORGED_ITEM] == 1 else 1}"  # not their answer


@dataclass
class Tool:
    page: Page
    root: Locator
    field: Locator
    problem: Locator
    compared: str  # the comparison on screen, as text
    answers: dict[str, str]
    stored: str
    ranking: list[str]

    def compare_count(self) -> int:
        return int(self.root.get_attribute("data-rk-compare-ready") or 0)

    def paste_and_compare(self, text: str) -> None:
        self.page.evaluate(PASTE, [self.field.element_handle(), text])
        self.page.click('[data-rk-action="compare"]')

    def state(self) -> dict:
        return {
            "answers": self.root.evaluate(READ_ANSWERS),
            "stored": self.page.evaluate("k => localStorage.getItem(k)", KEY),
            "ranking": self.page.locator("[data-rk-barrier]").evaluate_all(
                "items => items.map(li => li.dataset.rkBarrier)"
            ),
        }


@pytest.fixture(scope="module")
def tool(browser: Browser, server) -> Iterator[Tool]:
    """One assessment with saving on, every part answered, results shown, and a partner's
    code compared: the reader's work that no bad input may disturb."""
    with watched(new_context(browser), PageWatch(server.origin)) as context:
        page = context.new_page()
        page.goto(server.url + TOOL)
        page.wait_for_selector(READY, timeout=BOOT)
        turn_saving_on(page)
        for index, item_ids in enumerate(GROUPS):
            for item_id in item_ids:
                answer = MINE[item_id]
                page.check(f"#rk-q-{item_id}-{'skip' if answer is None else answer}")
            page.click(f'[data-rk-action="{"results" if index == len(GROUPS) - 1 else "next"}"]')
        page.wait_for_selector(f"{ROOT}[data-rk-results-ready]")
        page.wait_for_function(
            "k => JSON.parse(localStorage.getItem(k) || '{}').group_index === 5", arg=KEY
        )
        root = page.locator(ROOT)
        field = page.locator("[data-rk-partner-code]")
        field.fill(GOOD)
        page.click('[data-rk-action="compare"]')
        page.wait_for_selector(f'{ROOT}[data-rk-compare-ready="1"]')
        made = Tool(
            page,
            root,
            field,
            page.locator("[data-rk-partner-problem]"),
            page.locator("[data-rk-compare-output]").inner_text(),
            {},
            "",
            [],
        )
        state = made.state()
        made.answers, made.stored = state["answers"], state["stored"]
        made.ranking = state["ranking"]
        assert len(made.answers) == len(ITEM_BANK.items) and made.answers["att-2"] == "skip"
        assert len(made.ranking) == len(BARRIERS)
        yield made


def _reset_comparison(tool: Tool) -> None:
    """The partner's good code compared again: no message, the first comparison shown."""
    before = tool.compare_count()
    tool.paste_and_compare(GOOD)
    tool.page.wait_for_selector(f'{ROOT}[data-rk-compare-ready="{before + 1}"]', timeout=WAIT)
    expect(tool.problem).to_be_hidden()
    assert tool.page.locator("[data-rk-compare-output]").inner_text() == tool.compared


def _assert_nothing_lost(tool: Tool) -> None:
    assert tool.state() == {"answers": tool.answers, "stored": tool.stored, "ranking": tool.ranking}


def _check_code_case(tool: Tool, case: AssessmentCase) -> None:
    _reset_comparison(tool)
    count = tool.compare_count()
    tool.paste_and_compare(case.text)
    output = tool.page.locator("[data-rk-compare-output]")
    if case.expect == "ok":
        tool.page.wait_for_selector(f'{ROOT}[data-rk-compare-ready="{count + 1}"]', timeout=WAIT)
        expect(tool.problem).to_be_hidden()
        expect(tool.field).not_to_have_attribute("aria-invalid", "true")
        rows = tool.page.locator("[data-rk-compare-row]")
        expect(rows).to_have_count(len(BARRIERS))
        if case.theirs == "theirs":
            assert output.inner_text() == tool.compared
        else:  # their answers are mine: each row says the same twice
            for row in rows.all():
                cells = row.locator("td")
                assert cells.nth(0).inner_text() == cells.nth(1).inner_text()
    else:
        message = EMPTY_TEXT if case.expect == "empty" else MESSAGES[case.expect]
        expect(tool.problem).to_be_visible(timeout=WAIT)
        expect(tool.problem).to_have_text(message)
        assert_plain_sentence(tool.problem.inner_text())
        expect(tool.field).to_have_attribute("aria-invalid", "true")
        expect(tool.field).to_have_attribute("aria-describedby", "rk-assessment-partner-problem")
        assert tool.compare_count() == count
        assert output.inner_text() == tool.compared  # the last good comparison stays
    # What they pasted stays in the field, exactly, so they can see and fix it.
    assert tool.page.evaluate("([f, t]) => f.value === t", [tool.field.element_handle(), case.text])


FORGE = """([root, selector, value]) => {
  const radio = root.querySelector(selector);
  radio.dataset.was = radio.value;
  radio.value = value;
  radio.checked = true;
  radio.dispatchEvent(new Event("change", {bubbles: true}));
}"""

UNFORGE = """([root, selector]) => {
  const radio = root.querySelector(selector);
  radio.value = radio.dataset.was;
}"""


def _check_answer_case(tool: Tool, case: AssessmentCase) -> None:
    page = tool.page
    _reset_comparison(tool)
    page.click('[data-rk-action="change"]')
    expect(page.locator(f'[data-rk-group-index="{len(GROUPS) - 1}"]')).to_be_visible()
    saved_note = page.locator("[data-rk-keep-note]").inner_text()
    page.evaluate(FORGE, [tool.root.element_handle(), FORGED_RADIO, case.text])
    # Saving is on, so the change is saved at once: the engine refuses it, says so next
    # to "Save my answers", and the last good save stays on the device.
    note = page.locator("[data-rk-keep-note]")
    expect(note).to_have_text(INVALID_ANSWER, timeout=WAIT)
    page.click('[data-rk-action="results"]')
    body = page.locator("[data-rk-results-body]")
    expect(body).to_have_text(INVALID_ANSWER, timeout=WAIT)
    assert_plain_sentence(body.inner_text())
    assert_plain_sentence(note.inner_text())
    expect(page.locator("[data-rk-form]")).to_be_visible()  # the answers, still there to fix
    state = tool.state()
    # The last good save was not overwritten ("Change my answers" saved the part they are on).
    assert saved_answers(state["stored"]) == saved_answers(tool.stored)
    assert state["answers"] == {**tool.answers, FORGED_ITEM: case.text}
    assert page.locator("[data-rk-compare-output]").inner_text() == tool.compared
    # Put the reader's own answer back: results as before.
    page.evaluate(UNFORGE, [tool.root.element_handle(), FORGED_RADIO])
    page.check(f"#rk-q-{FORGED_ITEM}-{tool.answers[FORGED_ITEM]}")
    expect(note).to_have_text(saved_note, timeout=WAIT)
    page.click('[data-rk-action="results"]')
    page.wait_for_selector(f"{ROOT}[data-rk-results-ready]", timeout=WAIT)
    page.wait_for_function(
        "([k, v]) => localStorage.getItem(k) === v", arg=[KEY, tool.stored], timeout=WAIT
    )


def saved_answers(stored: str | None) -> dict:
    return json.loads(stored or "{}").get("answers", {})


@pytest.mark.parametrize("case", ASSESSMENT_CASES, ids=[c.id for c in ASSESSMENT_CASES])
def test_assessment_bad_input(tool: Tool, case: AssessmentCase) -> None:
    if case.kind == "code":
        _check_code_case(tool, case)
    else:
        _check_answer_case(tool, case)
    _assert_nothing_lost(tool)
    # Nothing pasted became markup: the one SVG is the engine's own chart (or comparison).
    assert (
        tool.page.locator(f"{ROOT} script, {ROOT} img, {ROOT} svg:not([data-rk-chart])").count()
        == 0
    )
    assert tool.root.get_attribute("data-state") == "ready"
    assert_nothing_ran(tool.page)


def test_a_skipped_statement_is_still_skipped_after_a_reload(tool: Tool) -> None:
    """Known bug: saving dropped skips, so a reload showed a skipped statement unanswered
    (and restore put "Skip" on every statement not reached yet). A second tab of the same
    context: the whole saved questionnaire comes back, skip included; then a half-done one."""
    page = tool.page.context.new_page()
    try:
        page.goto(tool.page.url)
        page.wait_for_selector(f"{ROOT}[data-rk-results-ready]", timeout=BOOT)
        answered = page.locator(ROOT).evaluate(READ_ANSWERS)
        assert answered == tool.answers and answered["att-2"] == "skip"

        delete_answers(page)
        turn_saving_on(page)
        first = GROUPS[0]
        page.check(f"#rk-q-{first[0]}-4")
        page.check(f"#rk-q-{first[1]}-skip")
        page.wait_for_function(
            "([k, id]) => (localStorage.getItem(k) || '').includes(`\"${id}\":null`)",
            arg=[KEY, first[1]],
            timeout=WAIT,
        )
        page.reload()
        page.wait_for_selector(READY, timeout=BOOT)
        expect(page.locator(f"#rk-q-{first[1]}-skip")).to_be_checked(timeout=WAIT)
        expect(page.locator(f"#rk-q-{first[0]}-4")).to_be_checked()
        answered = page.locator(ROOT).evaluate(READ_ANSWERS)
        assert answered == {first[0]: "4", first[1]: "skip"}  # nothing else ticked
    finally:  # the first tab's saved answers, as they were
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, tool.stored])
        page.close()
    _assert_nothing_lost(tool)
