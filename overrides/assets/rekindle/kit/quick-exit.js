// Quick exit: the "Leave this site" link, and Escape pressed three times within 1.5 s.
//
// Both blank the page first (so nothing lingers on screen while the neutral site loads),
// then call location.replace: the site's page is replaced in the tab's history, so Back
// does not return to it. (Pages reached earlier in the same visit stay in the history: no
// page can erase its tab's history. The privacy page says so.)
//
// Inside another site's frame (which overrides/main.html otherwise refuses), leaving only
// the frame would leave the reader on the framing site: the whole tab leaves instead. A
// browser lets a frame move its tab only on a click or tap (Escape does not count), so
// Escape there leaves the frame, and the framing page's own content is all that stays.
//
// Escape counts even while typing in a field: a single Escape often closes things, but
// three within 1.5 s is deliberate. Auto-repeat from a held key does not count.

const PRESSES = 3;
const WINDOW_MS = 1500;
let presses = [];

function neutralURL() {
  const link = document.querySelector("[data-rk-quick-exit]");
  return link ? link.href : "https://www.bbc.com/weather";
}

/** Blank the page, then replace it in history with the neutral site. Tools hear
 * "rekindle:leave" on window first (the pause journal locks itself). */
export function leave(url = neutralURL()) {
  try {
    window.dispatchEvent(new Event("rekindle:leave"));
    document.title = "";
    // Hidden, not removed: Material's observers expect their elements while we unload.
    document.body.style.display = "none";
  } finally {
    leaveTab(url);
  }
}

function leaveTab(url) {
  if (window.top !== window.self) {
    try {
      window.top.location.replace(url);
      return;
    } catch {
      // refused (no click, or a sandboxed frame): at least this frame leaves
    }
  }
  location.replace(url);
}

function onClick(event) {
  const link = event.target instanceof Element && event.target.closest("[data-rk-quick-exit]");
  if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  event.preventDefault();
  leave(link.href);
}

function onKey(event) {
  if (event.key !== "Escape" || event.repeat) return;
  const now = event.timeStamp;
  presses = [...presses.filter((t) => now - t < WINDOW_MS), now];
  if (presses.length >= PRESSES) {
    presses = [];
    leave();
  }
}

// The listeners live on the document, which instant navigation keeps: install them once.
if (!window.__rkQuickExit) {
  window.__rkQuickExit = true;
  document.addEventListener("click", onClick, true);
  document.addEventListener("keydown", onKey, true);
}

// Material's search panel is a dialog without a name (Lighthouse and axe's
// aria-dialog-name). The header is never swapped by instant navigation, so once is enough.
document.querySelector('.md-search[role="dialog"]:not([aria-label])')
  ?.setAttribute("aria-label", "Search this site");
