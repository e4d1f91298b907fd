"""Accessibility of every page, as a reader with a phone or a keyboard meets it.

- axe-core (WCAG 2.2 A and AA rules) on every page of the sitemap, light and dark, phone
  and desktop, after the widgets are ready so the live DOM is what gets checked.
- Tabbing through a text page and a tool page always lands on something visible with a
  focus ring that differs from its unfocused look and stands out 3:1 from what is behind it.
- With "reduce motion", nothing on the page animates or transitions.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page

from tests.browser.a11y_helpers import sitemap_pages, wait_for_widgets
from tests.browser.conftest import PageWatch
from tests.browser.server import SiteServer

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
VARIANTS = {
    "light-phone": ("light", PHONE),
    "light-desktop": ("light", DESKTOP),
    "dark-phone": ("dark", PHONE),
    "dark-desktop": ("dark", DESKTOP),
}
TEXT_PAGE = "after-a-breakup/deciding/"
TOOL_PAGE = "after-a-breakup/the-conversation/"


@pytest.fixture(scope="module")
def pages(built_site: Path, server: SiteServer) -> list[str]:
    return sitemap_pages(built_site, server.url)


@pytest.fixture
def watched(browser: Browser, server: SiteServer) -> Iterator[tuple[list, PageWatch]]:
    """Make contexts of any size or scheme, each watched like the `context` fixture."""
    watch = PageWatch(server.origin)
    made: list[BrowserContext] = []

    def make(**options) -> BrowserContext:
        context = browser.new_context(**options)
        watch.attach(context)
        made.append(context)
        return context

    yield make, watch
    for context in made:
        context.close()
    assert not watch.problems(), watch.problems()


def describe(url: str, violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"  {url}\n    {v['id']} ({v['impact']}): {v['help']}  [{v['helpUrl']}]")
        for node in v["nodes"][:6]:
            target = " >> ".join(str(t) for t in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"      - {target}\n        {summary[:300]}")
        if len(v["nodes"]) > 6:
            lines.append(f"      … and {len(v['nodes']) - 6} more")
    return "\n".join(lines)


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_axe_finds_no_wcag_violations_on_any_page(variant: str, pages: list[str], watched) -> None:
    make, _ = watched
    scheme, viewport = VARIANTS[variant]
    context = make(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    axe = Axe()
    found: list[str] = []
    widgets = 0
    for url in pages:
        page.goto(url)
        widgets += wait_for_widgets(page)
        shown = page.evaluate("document.body.dataset.mdColorScheme")
        assert shown == ("slate" if scheme == "dark" else "default"), (url, shown)
        results = axe.run(page, options=AXE_OPTIONS)
        if results.response["violations"]:
            found.append(describe(url, results.response["violations"]))
    print(f"\naxe {variant}: {len(pages)} pages, {widgets} widgets checked when ready")
    assert not found, f"axe found WCAG violations ({variant}):\n" + "\n".join(found)


# --- Keyboard: every tab stop shows where it is -------------------------------------------

SNAPSHOT_JS = """() => {
  // The look of every element before anything is focused, to compare with its focused look.
  window.__rkUnfocused = new Map();
  for (const el of document.querySelectorAll('*')) {
    const s = getComputedStyle(el);
    window.__rkUnfocused.set(el, {outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
                                  shadow: s.boxShadow});
  }
}"""

FOCUS_JS = """async () => {
  // Let transitions the key press started (search closing, drawer sliding) settle first.
  await Promise.all(document.getAnimations()
    .filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
    .map((a) => a.finished.catch(() => null)));
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const classes = (e) => typeof e.className === 'string' && e.className.trim()
    ? '.' + e.className.trim().split(/\\s+/).join('.') : '';
  const describe = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + classes(e) +
    (e.textContent ? ` "${e.textContent.trim().slice(0, 30)}"` : '');
  // A visually hidden control (Material's palette radios) shows its focus on its label.
  let shown = el;
  const r0 = el.getBoundingClientRect();
  const tiny = r0.width <= 1 || r0.height <= 1 || getComputedStyle(el).opacity === '0';
  if (el.tagName === 'INPUT' && tiny) {
    shown = el;
    for (let n = el.nextElementSibling; n; n = n.nextElementSibling) {
      if (n.tagName === 'LABEL' && !n.hidden) { shown = n; break; }
    }
  }
  const s = getComputedStyle(shown);
  const rect = shown.getBoundingClientRect();
  const before = window.__rkUnfocused.get(shown) || {outline: 'none 0px', shadow: 'none'};
  const outline = `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`;
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const lum = ({r, g, b}) => {
    const f = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  // What the ring is drawn on: the element itself when the ring is inset, else its parents.
  let bg = null;
  const inset = parseFloat(s.outlineOffset) < 0;
  for (let e = inset ? shown : shown.parentElement; e; e = e.parentElement) {
    const c = parse(getComputedStyle(e).backgroundColor);
    if (c && c.a > 0.5) { bg = c; break; }
  }
  bg = bg || parse(getComputedStyle(document.body).backgroundColor) || {r: 255, g: 255, b: 255};
  const ring = parse(s.outlineColor);
  let contrast = null;
  if (ring) {
    const [a, b] = [lum(ring), lum(bg)];
    contrast = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  }
  // Visible means a reader can see it: on screen and not covered or clipped at its centre.
  const cx = Math.min(Math.max(rect.left + rect.width / 2, 0), innerWidth - 1);
  const cy = Math.min(Math.max(rect.top + rect.height / 2, 0), innerHeight - 1);
  const hit = document.elementFromPoint(cx, cy);
  const onScreen = rect.width > 0 && rect.height > 0 && rect.right > 0 && rect.bottom > 0 &&
    rect.left < innerWidth && rect.top < innerHeight;
  return {
    what: describe(el),
    visible: onScreen && !!hit && (shown.contains(hit) || hit.contains(shown) || el.contains(hit)),
    outline, shadow: s.boxShadow,
    ringWidth: s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth),
    changed: outline !== before.outline || s.boxShadow !== before.shadow,
    contrast,
  };
}"""


def tab_through(page: Page, limit: int = 250) -> list[dict]:
    """Press Tab until focus comes back round (or `limit`); the focused element each time."""
    page.evaluate(SNAPSHOT_JS)
    stops: list[dict] = []
    seen_first = None
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS_JS)
        if stop is None:
            if stops:
                break
            continue
        if seen_first is None:
            seen_first = stop["what"]
        elif stop["what"] == seen_first:
            break
        stops.append(stop)
    return stops


def focus_problems(stops: list[dict]) -> list[str]:
    problems = []
    for stop in stops:
        if not stop["visible"]:
            problems.append(f"{stop['what']}: focus lands on something not visible")
        elif not stop["changed"] or (stop["ringWidth"] < 2 and stop["shadow"] == "none"):
            problems.append(
                f"{stop['what']}: no visible focus indicator "
                f"(outline {stop['outline']}, shadow {stop['shadow']})"
            )
        elif stop["ringWidth"] >= 2 and stop["contrast"] is not None and stop["contrast"] < 3:
            problems.append(f"{stop['what']}: focus ring contrast {stop['contrast']:.2f}:1 < 3:1")
    return problems


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [TEXT_PAGE, TOOL_PAGE], ids=["text-page", "tool-page"])
def test_every_tab_stop_has_a_visible_focus_ring(
    path: str, scheme: str, server: SiteServer, watched
) -> None:
    make, _ = watched
    page = make(viewport=DESKTOP, color_scheme=scheme).new_page()
    page.goto(server.url + path)
    wait_for_widgets(page)
    stops = tab_through(page)
    assert len(stops) >= 10, [s["what"] for s in stops]
    problems = focus_problems(stops)
    print(f"\n{path} ({scheme}): {len(stops)} tab stops")
    assert not problems, "\n".join(problems)


def test_phone_tab_stops_have_a_visible_focus_ring(server: SiteServer, watched) -> None:
    make, _ = watched
    page = make(viewport=PHONE).new_page()
    page.goto(server.url + TOOL_PAGE)
    wait_for_widgets(page)
    stops = tab_through(page)
    assert len(stops) >= 10, [s["what"] for s in stops]
    problems = focus_problems(stops)
    assert not problems, "\n".join(problems)


# --- Reduced motion -------------------------------------------------------------------------

MOTION_JS = """() => {
  const running = document.getAnimations()
    .filter((a) => a.playState === 'running')
    .map((a) => {
      const t = a.effect && a.effect.getComputedTiming ? a.effect.getComputedTiming() : {};
      return {name: a.animationName || a.transitionProperty || a.constructor.name,
              target: a.effect && a.effect.target
                ? `${a.effect.target.tagName}.${a.effect.target.className}` : '',
              duration: t.duration};
    })
    .filter((a) => typeof a.duration !== 'number' || a.duration > 10);
  const slow = [];
  for (const el of document.querySelectorAll('*')) {
    const s = getComputedStyle(el);
    const seconds = (x) => parseFloat(x) * (x.trim().endsWith('ms') ? 0.001 : 1);
    const longest = (v) => Math.max(...v.split(',').map(seconds));
    const t = longest(s.transitionDuration);
    const a = s.animationName !== 'none' ? longest(s.animationDuration) : 0;
    if (t > 0.01 || a > 0.01) {
      slow.push(`${el.tagName.toLowerCase()}.${el.className}: transition ` +
                `${s.transitionDuration}, animation ${s.animationName} ${s.animationDuration}`);
    }
  }
  return {running, slow: slow.slice(0, 20), slowCount: slow.length};
}"""


def assert_still(page: Page, when: str) -> None:
    motion = page.evaluate(MOTION_JS)
    assert not motion["running"], f"{when}: running animations {motion['running']}"
    assert not motion["slowCount"], f"{when}: {motion['slowCount']} elements move: {motion['slow']}"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_reduced_motion_stills_everything(viewport: dict, server: SiteServer, watched) -> None:
    make, _ = watched
    page = make(viewport=viewport, reduced_motion="reduce").new_page()
    page.goto(server.url + TOOL_PAGE)
    wait_for_widgets(page)
    assert_still(page, "tool page loaded")
    page.locator('[data-rk-action="toggle"]').first.click()
    page.locator('[data-rekindle-widget][data-phase="running"]').first.wait_for()
    page.locator(".rk-timer__settings > summary").first.click()
    assert_still(page, "timer running, settings open")
    page.locator('[data-rk-action="toggle"]').first.click()
    page.locator('[data-rekindle-widget][data-phase="paused"]').first.wait_for()
    # Instant navigation to a text page, then the search overlay.
    page.locator(
        f'a[href$="{TEXT_PAGE.split("/")[-2]}/"]'
    ).first.click() if viewport is DESKTOP else page.goto(server.url + TEXT_PAGE)
    page.wait_for_url(f"**/{TEXT_PAGE}")
    assert_still(page, "after navigating to a text page")
    page.keyboard.press("/") if viewport is DESKTOP else page.locator(
        'label.md-header__button[for="__search"]'
    ).first.click()
    page.locator(".md-search__input").wait_for(state="visible")
    assert_still(page, "search open")
