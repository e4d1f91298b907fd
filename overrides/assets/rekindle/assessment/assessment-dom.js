// DOM helpers for the barrier assessment: build elements from view models as text only
// (never innerHTML), resolve guide links through the build's `data-rk-link` anchors, and
// read or write the answers held by the form's native radios.

/**
 * `make("p", {className: "x"}, "text", child)`: an element with properties and children.
 * Strings become text nodes, so whatever a view model holds is shown as text.
 * `attrs` in props sets attributes (aria-*, scope, data-*).
 */
export function make(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  const { attrs = {}, ...rest } = props;
  Object.assign(el, rest);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return el;
}

/**
 * A real link to a guide page, or plain text when the build rendered no anchor for it.
 * The href always comes from the build-time anchor, never from data or reader input.
 */
export function guideLink(root, link, text) {
  const anchor = [...root.querySelectorAll("a[data-rk-link]")].find(
    (a) => a.dataset.rkLink === link,
  );
  if (!anchor) return make("span", {}, text);
  return make("a", { href: anchor.getAttribute("href") }, text);
}

/** The reader's answers: {item id: 1..5 or null for "Skip"}; unanswered items are left out. */
export function readAnswers(form) {
  const answers = {};
  for (const item of form.querySelectorAll("[data-rk-item]")) {
    const chosen = item.querySelector("input[type=radio]:checked");
    if (!chosen) continue;
    answers[item.dataset.rkItem] = answerValue(chosen.value);
  }
  return answers;
}

/**
 * A radio's value as the engine should see it. Anything that is not plainly a number
 * (a tampered "abc", "NaN", "") goes as text, so the engine refuses it with its message:
 * Number() would make it NaN, which JSON turns into null, a silent "Skip".
 */
function answerValue(text) {
  if (text === "skip") return null;
  const number = Number(text);
  return text.trim() !== "" && Number.isFinite(number) ? number : text;
}

/** Tick restored answers, but only on statements the reader has not answered this visit. */
export function fillAnswers(form, answers) {
  for (const item of form.querySelectorAll("[data-rk-item]")) {
    if (item.querySelector("input[type=radio]:checked")) continue;
    const value = answers[item.dataset.rkItem];
    if (value === undefined) continue;
    const wanted = value === null ? "skip" : String(value);
    const radio = [...item.querySelectorAll("input[type=radio]")].find((r) => r.value === wanted);
    if (radio) radio.checked = true;
  }
}

export function clearAnswers(form) {
  for (const radio of form.querySelectorAll("input[type=radio]:checked")) radio.checked = false;
}

/** Announce a milestone politely; the same sentence twice is changed so it is re-read. */
export function announce(region, text) {
  region.textContent = region.textContent === text ? `${text}\u00a0` : text;
}

/**
 * The engine's chart (an SVG string the Python model built from the item bank's own words,
 * every text escaped) as an element: parsed as XML, never as HTML, and only if it is one
 * well-formed <svg> with no script in it. Returns null otherwise, and the table stays.
 */
export function chartFrom(text) {
  const doc = new DOMParser().parseFromString(String(text || ""), "image/svg+xml");
  const svg = doc.documentElement;
  if (svg.localName !== "svg" || doc.querySelector("parsererror, script, foreignObject")) return null;
  return document.importNode(svg, true);
}

/** A table from a caption, column titles and rows of cells (the first cell heads its row). */
export function table(caption, titles, rows, className = "rk-assessment__table") {
  const head = make("thead", {}, make("tr", {}, titles.map((t) => make("th", { scope: "col" }, t))));
  const body = make(
    "tbody",
    {},
    rows.map(({ cells, attrs = {}, className: rowClass = "" }) =>
      make(
        "tr",
        { className: rowClass, attrs },
        cells.map((cell, n) => make(n === 0 ? "th" : "td", n === 0 ? { scope: "row" } : {}, cell)),
      ),
    ),
  );
  return make("table", { className }, make("caption", {}, caption), head, body);
}

/** Move to `el` and put focus there, with its top in view below the sticky header. */
export function bringIntoView(el) {
  el.focus({ preventScroll: true });
  el.scrollIntoView({ block: "start", behavior: "instant" });
}
