// Small pieces every widget shares: the engine status line, the view binder, safe storage
// (scoped to this copy of the site: site-storage.js).
// The binder writes text and properties only (never innerHTML), so whatever a reader types
// is always shown as text.

import { getEngine } from "./engine-client.js";
import { loadLabel } from "./engine-progress.js";
import { startWhenSettled } from "./settled.js";

const STATUS_TEXT = {
  idle: "Getting ready…",
  loading: "Loading the tool on this device… you can already start; nothing you do is lost.",
  ready: "Ready. Everything runs on this device.",
  held: "This device asks to save data, so this tool waits until you load it.",
};

/**
 * Mirror the engine's state on a widget: `data-state` on the root, words in its
 * `[data-rk-status]` line (role="status"), and a Retry button shown only on error.
 * The engine starts once the page has settled (see startWhenSettled); a call made sooner,
 * because the reader acted, starts it at once. Returns a function that disconnects.
 */
export function connectStatus(root, text = STATUS_TEXT) {
  const engine = getEngine();
  const status = root.querySelector("[data-rk-status]");
  const retry = root.querySelector("[data-rk-retry]");
  const onRetry = () => engine.retry();
  retry?.addEventListener("click", onRetry);
  const stop = engine.subscribe((state, message) => {
    const shown = state === "idle" ? "loading" : state; // not started yet reads as loading
    root.dataset.state = shown;
    if (status) {
      status.textContent =
        state === "error"
          ? `${message} ${engine.advice} What you entered is kept.`
          : text[shown] ?? STATUS_TEXT[shown];
    }
    if (retry) retry.hidden = state !== "error";
    if (state === "held") offerLoad(root, status, engine);
  });
  const cancelStart = startWhenSettled(() => engine.start());
  return () => {
    cancelStart();
    stop();
    retry?.removeEventListener("click", onRetry);
  };
}

/**
 * With Save-Data on (engine-progress.js) the engine waits for the reader: a widget whose
 * page gave it no `[data-rk-load]` button gets one, after its status line.
 */
function offerLoad(root, status, engine) {
  if (!status || root.querySelector("[data-rk-load]")) return;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-button rk-load";
  button.dataset.rkLoad = "";
  button.textContent = loadLabel("Load this tool");
  button.addEventListener("click", () => {
    button.hidden = true;
    engine.allow();
  });
  status.after(button);
}

/**
 * Write a flat view model into the elements of root that ask for it:
 *   data-bind="key"            textContent = view[key]
 *   data-bind-value="key"      .value = view[key] (progress, inputs)
 *   data-bind-hidden="key"     hidden = !view[key]
 *   data-bind-disabled="key"   disabled = !view[key]
 */
export function bindView(root, view) {
  for (const el of root.querySelectorAll("[data-bind]")) {
    const value = view[el.dataset.bind];
    if (value !== undefined) el.textContent = value === null ? "" : String(value);
  }
  for (const el of root.querySelectorAll("[data-bind-value]")) {
    const value = view[el.dataset.bindValue];
    if (value !== undefined && value !== null) el.value = value;
  }
  for (const el of root.querySelectorAll("[data-bind-hidden]")) {
    el.hidden = !view[el.dataset.bindHidden];
  }
  for (const el of root.querySelectorAll("[data-bind-disabled]")) {
    el.disabled = !view[el.dataset.bindDisabled];
  }
}

// Storage that never throws, under this copy of the site's names (site-storage.js).
export { storage, tabStorage } from "./site-storage.js";

/** True when a key press belongs to a text field, so widget shortcuts must not fire. */
export function isTyping(event) {
  const el = event.target;
  if (!(el instanceof Element)) return false;
  return Boolean(el.closest("input, textarea, select, [contenteditable=''], [contenteditable='true']"));
}
