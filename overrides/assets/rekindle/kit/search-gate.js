// Tells Material's search worker when it may load and build the site-search index (see
// overrides/assets/javascripts/workers/rekindle-search.js, which waits for this).
//
// The rule, on every page: only when the reader reaches for search. Most readers never
// search, and Material's worker is 12 KB on the wire plus a lunr index build on the main
// cores; a reader who does not search pays for neither (and a tool page's engine boots
// without that build competing for the cores). Search still answers at once: we say
// "start" at the earliest sign of intent (a press on the search button, before its click;
// one of the keys Material opens search with; the search toggle turning on; focus inside
// the search form), so the index is usually built by the time the first word is typed, and
// Material keeps a query typed before that and answers it when the index is ready.
// Highlighting search terms on a page opened from a result (`?h=`) does not need the
// worker: Material does it on the page from the index it fetches itself.

const CHANNEL = "rekindle-search"; // rekindle-search.js uses the same name
const TOGGLE = "__search"; // Material's search toggle (a checkbox) and its labels' `for`
const SHORTCUTS = new Set(["/", "s", "f"]); // Material's keys for search, outside a field

/** Whether a key press there is typing, which Material does not treat as a shortcut. */
function typing(target) {
  return target instanceof HTMLElement
    && (target.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(target.tagName));
}

if (typeof BroadcastChannel === "function") {
  const channel = new BroadcastChannel(CHANNEL);
  const intent = new AbortController(); // the listeners below, until one fires
  let allowed = false;
  const allow = () => {
    if (allowed) return;
    allowed = true;
    intent.abort();
    channel.postMessage("start");
  };
  // The worker asks when it starts listening, in case "start" was said before that.
  channel.onmessage = ({ data }) => {
    if (data === "waiting" && allowed) channel.postMessage("start");
  };

  const options = { capture: true, passive: true, signal: intent.signal };
  const onButton = (event) => {
    if (event.target.closest?.(`label[for="${TOGGLE}"]`)) allow();
  };
  for (const type of ["pointerdown", "touchstart", "click"]) {
    document.addEventListener(type, onButton, options);
  }
  document.addEventListener("keydown", (event) => {
    if (event.metaKey || event.ctrlKey || !SHORTCUTS.has(event.key)) return;
    if (!typing(event.target)) allow();
  }, options);
  document.addEventListener("change", (event) => {
    if (event.target.id === TOGGLE && event.target.checked) allow();
  }, options);
  document.addEventListener("focusin", (event) => {
    if (event.target.closest?.('form[name="search"]')) allow();
  }, options);
}
