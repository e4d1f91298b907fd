// The timer's keys, kept in their place. One listener for every timer on the page, on the
// window in the capture phase (instant navigation keeps the window, so it is added once):
//
// - Space, N and R act only for a timer that holds focus or whose full-screen view is open;
//   anywhere else Space scrolls as always and N and R do nothing.
// - A held key (event.repeat) does nothing, and its repeats are swallowed inside the timer,
//   so holding N or Enter on "Next turn" never runs through turns.
// - While a session is under way (running, paused or in a hand-over), Material's page keys
//   (".", ",", "p", "n": next and previous page) are kept from leaving the page.
// - Escape closes the full-screen view. It is never stopped: three presses still leave the
//   site (kit/quick-exit.js counts them on the document).

import { isTyping } from "../kit/widget-kit.js";

const timers = new Set();
const ACTIONS = { " ": "toggle", n: "next", r: "reset" };
const PAGE_KEYS = new Set([".", ",", "p", "n"]);
let installed = false;

/** Send the keys of `timer` to it (see above); returns the function that stops. */
export function listenForKeys(timer) {
  timers.add(timer);
  if (!installed) {
    installed = true;
    window.addEventListener("keydown", onKey, true);
  }
  return () => timers.delete(timer);
}

/** The timer whose view is open, else the one holding focus, else none. */
function owner(target) {
  const all = [...timers];
  return (
    all.find((timer) => timer.session.isOpen) ??
    all.find((timer) => target instanceof Node && timer.root.contains(target)) ??
    null
  );
}

function onKey(event) {
  if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event)) return;
  const timer = owner(event.target);
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (key === "Escape") {
    if (!event.repeat && timer?.session.isOpen) timer.session.close();
    return;
  }
  const ours = Boolean(timer && ACTIONS[key]);
  const live = [...timers].some((each) => each.view?.in_session);
  // Material never hears a key the timer owns (it takes N as "next page"), nor, during a
  // session, any of its page keys: held down or not.
  if (ours || (live && PAGE_KEYS.has(key))) event.stopPropagation();
  if (timer && event.repeat) {
    if (key !== "Tab") event.preventDefault(); // a held key does nothing more
    return;
  }
  if (ours) ownKey(timer, key, event);
}

/** Space, N or R for `timer` (Space on a focused control presses that control). */
function ownKey(timer, key, event) {
  const onControl = event.target instanceof Element && event.target.closest("button, a, summary");
  if (key === " " && onControl) return;
  event.preventDefault();
  timer.press(ACTIONS[key]);
}
