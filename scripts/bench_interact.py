"""Interaction latency with a warm engine (engine ready, files in the HTTP cache, restored
from the memory snapshot; each load waits for a snapshot being made, so none is being made
while we measure).

Turn change: Playwright's fake clock drives the timer to its deadline (a turn lasts
minutes). The fake clock also fakes `performance.now()` and `requestAnimationFrame`, but not
`Event.timeStamp`, so `new Event("x").timeStamp` reads the real clock in the page. We stamp
real time when the fake clock reaches the deadline (our own timeout) and when a
MutationObserver sees the speaker's name change. The figure is the page's work from the
deadline to the new speaker in the DOM: the timer's engine call, the worker round trip,
Python, and the DOM write. It excludes the paint that follows (one frame) and how late a
real browser fires the deadline timeout.

The deadline stamp fires 1 fake ms before the timer's own timeout, so Playwright's work
between the two timers counts against us, not for us. Resolution: 1 ms.

Assessment: all items answered, then Submit (`[data-rk-action="results"]`) until the root
gets `data-rk-results-ready` (set by assessment.js when results are on screen); from the
click event's `timeStamp` to the MutationObserver, both real clock.

Deciding together: the worksheet answered, the other person's code in its field, then
Compare (`[data-rk-action="compare"]`) until the root's `data-rk-compare-ready` counts one
more (set by deciding-share.js when the comparison is on screen); same clocks as Submit.
"""

from __future__ import annotations

from playwright.sync_api import Browser, Page

from bench_browser import measured, new_context

REAL_NOW = "() => new Event('x').timeStamp"

ARM_TURN = """(deadline) => {
  const root = document.querySelector('[data-rekindle-widget="turn-timer"]');
  const name = root.querySelector('[data-bind="speaker_name"]');
  const before = name.textContent;
  window.__turn = {};
  setTimeout(() => (window.__turn.deadline = new Event('x').timeStamp), deadline - 1 - Date.now());
  new MutationObserver((records, observer) => {
    if (name.textContent !== before) {
      window.__turn.shown = new Event('x').timeStamp;
      observer.disconnect();
    }
  }).observe(name, { childList: true, characterData: true, subtree: true });
}"""

ANSWER_ALL = """() => {
  const names = new Set([...document.querySelectorAll('input[type=radio][name^="rk-q-"]')]
    .map((input) => input.name));
  let i = 0;
  for (const name of names) {
    const value = String((i++ % 5) + 1);
    document.querySelector(`input[name="${name}"][value="${value}"]`).click();
  }
  return names.size;
}"""

ARM_RESULTS = """() => {
  const root = document.querySelector('[data-rekindle-widget="barrier-assessment"]');
  const done = () => root.hasAttribute('data-rk-results-ready');
  window.__submit = {};
  document.addEventListener('click', (e) => {
    if (e.target.closest('[data-rk-action="results"]')) window.__submit.click = e.timeStamp;
  }, { capture: true, once: true });
  new MutationObserver((records, observer) => {
    if (done()) { window.__submit.shown = new Event('x').timeStamp; observer.disconnect(); }
  }).observe(root, { subtree: true, childList: true, attributes: true });
}"""

TIMER_ROOT = '[data-rekindle-widget="turn-timer"]'


def turn_changes(browser: Browser, url: str, runs: int) -> list[float]:
    """Deadline -> next speaker in the DOM, ms, `runs` turn changes on one warm page."""
    context = new_context(browser)
    page = context.new_page()
    page.goto(url)
    measured(page)  # first visit fills the HTTP cache; the measured page is a reload
    context.clock.install()
    page.reload()
    measured(page)
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)
    page.click(f'{TIMER_ROOT} [data-rk-action="toggle"]')
    page.wait_for_function(f"document.querySelector('{TIMER_ROOT}').dataset.phase === 'running'")
    out = [_one_turn(page) for _ in range(runs)]
    context.close()
    return out


def _one_turn(page: Page) -> float:
    deadline = int(page.evaluate(f"Number(document.querySelector('{TIMER_ROOT}').dataset.chimeAt)"))
    page.clock.run_for(max(0, deadline - page.evaluate("Date.now()") - 50))
    page.evaluate(ARM_TURN, deadline)
    page.clock.run_for(60)
    page.wait_for_function(
        "window.__turn.shown !== undefined && window.__turn.deadline", polling=10
    )
    turn = page.evaluate("window.__turn")
    # The next speaker is shown at the hand-over; their clock starts on the tap (#13).
    page.wait_for_function(
        f"document.querySelector('{TIMER_ROOT}').dataset.phase === 'handover'", polling=10
    )
    page.click(f'{TIMER_ROOT} [data-rk-action="toggle"]')
    page.wait_for_function(
        f"document.querySelector('{TIMER_ROOT}').dataset.chimeAt > Date.now()", polling=10
    )
    return float(turn["shown"] - turn["deadline"])


def submits(browser: Browser, url: str, runs: int) -> list[float] | str:
    """Submit -> results in the DOM, ms; a reason string if the page has no Submit yet."""
    context = new_context(browser)
    page = context.new_page()
    out: list[float] = []
    for _ in range(runs + 1):  # the first load fills the HTTP cache and is not measured
        page.goto(url)
        measured(page)
        if not page.query_selector('[data-rk-action="results"]'):
            context.close()
            return "not measurable yet: the page has no [data-rk-action=results] button"
        page.evaluate(ANSWER_ALL)
        page.evaluate(ARM_RESULTS)
        page.evaluate("document.querySelector('[data-rk-action=\"results\"]').click()")
        try:
            page.wait_for_function("window.__submit.shown !== undefined", timeout=30_000)
        except Exception:
            context.close()
            return "not measurable: no data-rk-results-ready within 30 s of Submit"
        got = page.evaluate("window.__submit")
        out.append(float(got["shown"] - got["click"]))
    context.close()
    return out[1:]


DECIDING_ROOT = '[data-rekindle-widget="deciding-worksheet"]'
ANSWER_WORKSHEET = """() => {
  const root = document.querySelector('[data-rekindle-widget="deciding-worksheet"]');
  let n = 0;
  for (const area of root.querySelectorAll('[data-rk-area]')) {
    const choices = area.querySelectorAll('[data-rk-choices] input');
    const levels = area.querySelectorAll('[data-rk-firmness] input');
    choices[n % choices.length].click();
    levels[n++ % levels.length].click();
  }
  for (const reason of [...root.querySelectorAll('[data-rk-reason]:not([data-rk-private])')]) {
    reason.querySelector('[data-rk-reason-tick]').click();
    reason.querySelectorAll('[data-rk-changed] input')[n++ % 4].click();
  }
}"""

ARM_COMPARE = """() => {
  const root = document.querySelector('[data-rekindle-widget="deciding-worksheet"]');
  const before = root.dataset.rkCompareReady;
  window.__compare = {};
  document.addEventListener('click', (e) => {
    if (e.target.closest('[data-rk-action="compare"]')) window.__compare.click = e.timeStamp;
  }, { capture: true, once: true });
  new MutationObserver((records, observer) => {
    if (root.dataset.rkCompareReady !== before) {
      window.__compare.shown = new Event('x').timeStamp;
      observer.disconnect();
    }
  }).observe(root, { attributes: true, attributeFilter: ['data-rk-compare-ready'] });
}"""


def _their_code() -> str:
    """A full worksheet's code, made by the model (every area must-have, choice 1)."""
    from rekindle.tools.deciding.model.answers import parse_answers
    from rekindle.tools.deciding.model.codes import encode_code
    from rekindle.tools.deciding.model.items import TABLE

    areas = {a.id: {"choice": a.choice_ids[0], "firmness": "must"} for a in TABLE.areas}
    reasons = {r.id: "no" for r in TABLE.shared_reasons}
    return encode_code(parse_answers({"areas": areas, "reasons": reasons}))


def compares(browser: Browser, url: str, runs: int) -> list[float] | str:
    """Compare -> comparison in the DOM, ms, `runs` comparisons on one warm page."""
    context = new_context(browser)
    page = context.new_page()
    page.goto(url)
    measured(page)  # first visit fills the HTTP cache; the measured page is a reload
    page.reload()
    measured(page)
    if not page.query_selector(f'{DECIDING_ROOT} [data-rk-action="compare"]'):
        context.close()
        return "not measurable yet: the page has no deciding worksheet"
    page.evaluate(ANSWER_WORKSHEET)
    page.fill(f"{DECIDING_ROOT} [data-rk-their-code]", _their_code())
    out: list[float] = []
    for _ in range(runs + 1):  # the first compare warms the op's code paths
        page.evaluate(ARM_COMPARE)
        page.click(f'{DECIDING_ROOT} [data-rk-action="compare"]')
        page.wait_for_function("() => window.__compare.shown !== undefined", timeout=30_000)
        got = page.evaluate("window.__compare")
        out.append(float(got["shown"] - got["click"]))
    context.close()
    return out[1:]
