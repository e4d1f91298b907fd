// DOM helpers for the deciding-together worksheet: elements built from view models as text
// only (never innerHTML), links resolved through the build's `data-rk-link` anchors, and the
// answers read from and written to the form's native radios and checkboxes.

/**
 * `make("p", {className: "x"}, "text", child)`: an element with properties and children.
 * Strings become text nodes, so whatever a view model holds is shown as text.
 * `attrs` in props sets attributes (aria-*, data-*).
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

/** The address the build wrote for a docs page (`data-rk-link`), or null if there is none. */
export function pageHref(root, page) {
  const anchor = [...root.querySelectorAll("a[data-rk-link]")].find((a) => a.dataset.rkLink === page);
  return anchor ? anchor.getAttribute("href") : null;
}

/** A real link to a guide page (its address from the build, never from data), or text. */
export function guideLink(root, page, text) {
  const href = pageHref(root, page);
  return href ? make("a", { href }, text) : make("span", {}, text);
}

function checkedValue(group) {
  return group?.querySelector("input[type=radio]:checked")?.value ?? null;
}

function setChecked(group, value) {
  for (const radio of group?.querySelectorAll("input[type=radio]") ?? []) {
    radio.checked = value !== null && radio.value === value;
  }
}

/**
 * The reader's answers in the engine's shape (rekindle.tools.deciding.ops):
 * {areas: {id: {choice, firmness}}, reasons: {id: changed or null}}. An area with nothing
 * picked is left out; a reason is listed only when ticked. Values go as the page holds
 * them: anything forged is refused by the engine, with its message.
 */
export function readAnswers(form) {
  const areas = {};
  for (const area of form.querySelectorAll("[data-rk-area]")) {
    const choice = checkedValue(area.querySelector("[data-rk-choices]"));
    const firmness = checkedValue(area.querySelector("[data-rk-firmness]"));
    if (choice !== null || firmness !== null) areas[area.dataset.rkArea] = { choice, firmness };
  }
  const reasons = {};
  for (const reason of form.querySelectorAll("[data-rk-reason]")) {
    if (!reason.querySelector("[data-rk-reason-tick]")?.checked) continue;
    reasons[reason.dataset.rkReason] = checkedValue(reason.querySelector("[data-rk-changed]"));
  }
  return { areas, reasons };
}

/** Whether the reader has answered anything at all. */
export function hasAnswers(answers) {
  return Object.keys(answers.areas).length > 0 || Object.keys(answers.reasons).length > 0;
}

/** Put saved answers back, but only where the reader has not answered this visit. */
export function fillAnswers(form, draft) {
  for (const area of form.querySelectorAll("[data-rk-area]")) {
    const saved = draft.areas?.[area.dataset.rkArea];
    if (!saved || area.querySelector("input[type=radio]:checked")) continue;
    setChecked(area.querySelector("[data-rk-choices]"), saved.choice ?? null);
    setChecked(area.querySelector("[data-rk-firmness]"), saved.firmness ?? null);
  }
  for (const reason of form.querySelectorAll("[data-rk-reason]")) {
    const id = reason.dataset.rkReason;
    const tick = reason.querySelector("[data-rk-reason-tick]");
    if (!draft.reasons || !(id in draft.reasons) || tick.checked) continue;
    tick.checked = true;
    setChecked(reason.querySelector("[data-rk-changed]"), draft.reasons[id] ?? null);
  }
  syncReasons(form);
  syncClearButtons(form);
}

/** Untick and unpick everything; the note is emptied too. */
export function clearAnswers(form) {
  for (const input of form.querySelectorAll("input:checked")) input.checked = false;
  const note = form.querySelector("[data-rk-note]");
  if (note) note.value = "";
  syncReasons(form);
  syncClearButtons(form);
}

/** "Has it changed?" shows only for a ticked reason; unticking clears its answer. */
export function syncReasons(form) {
  for (const reason of form.querySelectorAll("[data-rk-reason]")) {
    const ticked = reason.querySelector("[data-rk-reason-tick]").checked;
    const changed = reason.querySelector("[data-rk-changed]");
    if (!ticked) setChecked(changed, null);
    changed.hidden = !ticked;
  }
}

/** An area's "Clear" button shows once something in it is picked (radios cannot be unpicked). */
export function syncClearButtons(form) {
  for (const area of form.querySelectorAll("[data-rk-area]")) {
    const button = area.querySelector('[data-rk-action="clear-area"]');
    if (button) button.hidden = !area.querySelector("input[type=radio]:checked");
  }
}

/** Unpick one area. */
export function unpickArea(area) {
  for (const radio of area.querySelectorAll("input[type=radio]")) radio.checked = false;
}

/** Announce a milestone politely; the same sentence twice is changed so it is re-read. */
export function announce(region, text) {
  region.textContent = region.textContent === text ? `${text}\u00a0` : text;
}

/** Move to `el` and put focus there, with its top in view below the sticky header. */
export function bringIntoView(el) {
  el.focus({ preventScroll: true });
  el.scrollIntoView({ block: "start", behavior: "instant" });
}
