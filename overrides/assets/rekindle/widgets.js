// Mounts every widget on the page, on the first load and after each instant navigation.
//
// Material for MkDocs emits `document$` on every page change; inline scripts in the content
// do not re-run, so this module (loaded once, as a module script) does the mounting. A page
// without `[data-rekindle-widget]` imports nothing more and never starts the engine.
// Widgets whose elements left the page are unmounted, so timers, listeners and wake locks
// never outlive their page.

const WIDGET_MODULES = {
  "turn-timer": "./timer.js",
  "barrier-assessment": "./assessment.js",
};

const mounted = new Map(); // root element -> widget (has unmount())

async function mountOne(root) {
  const name = root.dataset.rekindleWidget;
  const path = WIDGET_MODULES[name];
  if (!path || mounted.has(root)) return;
  mounted.set(root, null); // reserve: document$ may fire again while the import is pending
  try {
    const module = await import(path);
    mounted.set(root, module.mount(root));
  } catch (error) {
    mounted.delete(root);
    root.dataset.state = "error";
    const status = root.querySelector("[data-rk-status]");
    if (status) status.textContent = "This tool could not load. Reload the page to try again.";
  }
}

function unmountGone() {
  for (const [root, widget] of mounted) {
    if (!root.isConnected) {
      mounted.delete(root);
      widget?.unmount();
    }
  }
}

function mountAll() {
  unmountGone();
  for (const root of document.querySelectorAll("[data-rekindle-widget]")) mountOne(root);
}

/** For tests and diagnostics: how many widgets are mounted right now. */
export function mountedCount() {
  return [...mounted.values()].filter(Boolean).length;
}

if (window.document$?.subscribe) window.document$.subscribe(mountAll);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
else mountAll();
