// The session around the timer: its full-screen view, and keeping a session alive in this
// tab (a reload, instant navigation away and back, Back).
//
// The view is the timer's own element made to fill the window (`rk-timer--session`), with the
// rest of the page hidden by `html.rk-session-open` (timer.css). "Leave this site" stays
// above it, and the view keeps clear of wherever that button floats. Where the browser has
// the Fullscreen API the whole page goes full screen too (the page, not the timer: the exit
// must stay on screen); iPhone Safari has none for elements, and the view works without it.
// Opening adds a history entry, so the browser's Back closes the view and keeps the session.
// (Material rewrites history entries' state with scroll offsets, so the view remembers that
// it added one rather than looking for a mark in `history.state`.)
//
// A session under way is kept in sessionStorage (this tab only) with every answer from
// Python, and dropped when it ends. Times in it are on the monotonic clock of the page that
// wrote them; a new page's clock starts from the wall clock, so on restore every time is
// shifted by the change in (monotonic - wall) between the two, which is about zero unless
// the wall clock was changed meanwhile.

import { forgotInThisTab } from "../kit/forget.js";
import { tabStorage } from "../kit/widget-kit.js";
import { now } from "./timer-clock.js";

const OPEN_CLASS = "rk-session-open";
const VIEW_CLASS = "rk-timer--session";
const GAP_PX = 8;

export class SessionView {
  constructor(timer) {
    this.timer = timer;
    this.root = timer.root;
    this.isOpen = false;
    this.pushed = false; // the current history entry is the one opening added
    this.fullscreen = false;
    this.lastEscape = -Infinity;
    this.onResize = () => this.makeRoomForExit();
  }

  /**
   * Open the view. `push`: add the history entry Back will close (false when this tab is
   * already on it: a reload); `fullscreen`: ask for it (only a tap or a key may).
   */
  open({ push = true, fullscreen = true } = {}) {
    if (!this.isOpen) {
      this.isOpen = true;
      document.documentElement.classList.add(OPEN_CLASS);
      this.root.classList.add(VIEW_CLASS);
      this.buttons(true);
      window.addEventListener("resize", this.onResize);
    }
    if (!this.pushed) {
      if (push) history.pushState({ rkSession: this.root.id }, "");
      this.pushed = true;
    }
    if (fullscreen) this.enterFullscreen();
    this.makeRoomForExit();
    this.timer.keep();
    this.root.querySelector('[data-rk-action="toggle"]')?.focus({ preventScroll: true });
  }

  /** Close the view: through history when it added an entry, so Back and this agree. */
  close() {
    if (!this.isOpen) return;
    if (this.pushed) {
      history.back(); // popstate closes it
      return;
    }
    this.closed();
  }

  /** The view is gone (Back, or close): the session goes on in the page. */
  closed() {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.pushed = false;
    document.documentElement.classList.remove(OPEN_CLASS);
    this.root.classList.remove(VIEW_CLASS);
    window.removeEventListener("resize", this.onResize);
    this.buttons(false);
    if (this.fullscreen && document.fullscreenElement) document.exitFullscreen().catch(() => {});
    this.fullscreen = false;
    this.timer.keep();
    this.root.querySelector("[data-rk-open-session]")?.focus({ preventScroll: false });
  }

  buttons(open) {
    for (const el of this.root.querySelectorAll("[data-rk-open-session]")) el.hidden = open;
    for (const el of this.root.querySelectorAll("[data-rk-close-session]")) el.hidden = !open;
  }

  enterFullscreen() {
    const page = document.documentElement;
    if (!document.fullscreenEnabled || document.fullscreenElement || !page.requestFullscreen) {
      return;
    }
    page.requestFullscreen({ navigationUI: "hide" }).then(
      () => (this.fullscreen = true),
      () => (this.fullscreen = false), // no gesture, or refused: the view stands on its own
    );
  }

  /** Back (or any move in this tab's history) leaves the view's entry: the view closes. */
  onPopState() {
    if (this.isOpen && this.pushed) this.closed();
  }

  onKeyDown(event) {
    if (event.key === "Escape") this.lastEscape = event.timeStamp;
  }

  /**
   * The browser left full screen by itself. Browsers keep the Escape that does this from
   * the page, so the quick exit would not count it: count it for them (three presses must
   * still leave), unless the page saw that Escape itself. The view closes too.
   */
  onFullscreenChange(event) {
    if (document.fullscreenElement || !this.fullscreen) return;
    this.fullscreen = false;
    if (!this.isOpen) return;
    if (event.timeStamp - this.lastEscape > 500) {
      document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    }
    this.close();
  }

  /**
   * Keep every control clear of the floating "Leave this site": pad the view on the side
   * where the button floats, by as much as it reaches into the window.
   */
  makeRoomForExit() {
    const style = this.root.style;
    style.removeProperty("--rk-exit-bottom");
    style.removeProperty("--rk-exit-top");
    const exit = document.querySelector("[data-rk-quick-exit]");
    if (!this.isOpen || !exit || getComputedStyle(exit).position !== "fixed") return;
    const box = exit.getBoundingClientRect();
    if (!box.height) return;
    if (box.top > window.innerHeight / 2) {
      style.setProperty("--rk-exit-bottom", `${Math.ceil(window.innerHeight - box.top + GAP_PX)}px`);
    } else {
      style.setProperty("--rk-exit-top", `${Math.ceil(box.bottom + GAP_PX)}px`);
    }
  }
}

/**
 * This tab's copy of a session under way (sessionStorage, under this copy of the site's
 * name: kit/scope.js), for a reload or a way back. "Delete everything" removes it, and this
 * tab then keeps none again (kit/forget.js).
 */
export class SessionKeeper {
  constructor(root) {
    this.key = `turn-timer.session:${location.pathname}#${root.id}`;
  }

  /**
   * Keep `state` (Python's last word), `view` (what is shown) and the presses Python has
   * not answered yet while the session is under way; forget them all when it is not.
   */
  save(state, view, open, { pending = [] } = {}) {
    if (!view.in_session || forgotInThisTab()) {
      this.forget();
      return;
    }
    const offset = now() - Date.now();
    const record = { format: 1, state, view, open, pending, offset };
    tabStorage.write(this.key, JSON.stringify(record)); // off or full: no reload survival
  }

  /** The kept session, its times moved onto this page's clock; null if none or unreadable. */
  load() {
    let kept;
    try {
      kept = JSON.parse(tabStorage.read(this.key).value ?? "null");
    } catch {
      kept = null;
    }
    if (!kept || kept.format !== 1 || typeof kept.state !== "object" || !kept.view) return null;
    const shift = Math.round(now() - Date.now() - Number(kept.offset || 0));
    const pending = Array.isArray(kept.pending) ? kept.pending : [];
    return {
      state: shifted(kept.state, shift),
      view: shifted(kept.view, shift),
      open: Boolean(kept.open),
      pending: pending.map((press) => ({ event: String(press.event), at: press.at + shift })),
    };
  }

  forget() {
    tabStorage.remove(this.key);
  }
}

// The absolute times a state or view holds (rekindle.tools.timer.model.codec and .view).
const MOMENTS = ["deadline_ms", "since_ms", "warning_at_ms"];

function shifted(record, shift) {
  const copy = { ...record };
  for (const key of MOMENTS) if (typeof copy[key] === "number") copy[key] += shift;
  return copy;
}
