// Mounts every widget on the page, on the first load and after each instant navigation.
//
// Material for MkDocs emits `document$` on every page change; inline scripts in the content
// do not re-run, so this module (loaded once, as a module script) does the mounting. A page
// without `[data-rekindle-widget]` (or one of PARTS) imports nothing more and never starts
// the engine.
// Widgets whose elements left the page are unmounted, so timers, listeners and wake locks
// never outlive their page.

// Each widget's module and stylesheet come from its root, which the build wrote from the
// tool registry (rekindle.tools: `data-rk-module`, `data-rk-style`, relative to
// assets/rekindle/), so this file keeps no list of tools. Text pages load neither:
// overrides/main.html links a widget's stylesheet in <head> only on pages that have that
// widget, and Material's instant navigation carries <head> changes over (it adds and removes
// head elements by comparing the pages' heads). loadStyle waits for that stylesheet, or
// links it if a builder left it out, so a widget is never shown unstyled.
const ASSETS = new URL("../", import.meta.url); // assets/rekindle/

/** The URL of a tool's file named by its root, or null if it would leave assets/rekindle/. */
function toolAsset(path) {
  if (!path) return null;
  const url = new URL(path, ASSETS);
  return url.origin === ASSETS.origin && url.pathname.startsWith(ASSETS.pathname) ? url : null;
}

// Page parts with a module of their own that only one page has (no unmount needed): the
// module is imported when the part is on the page, and mounts itself on `document$`.
const PARTS = {
  "#delete-everything": "./privacy.js", // the privacy page's "Delete everything" button
};

const mounted = new Map(); // root element -> widget (has unmount())

/**
 * Resolves when the stylesheet at `path` has loaded, or failed, or after STYLE_WAIT_MS (a
 * link that failed earlier never loads): an unstyled widget still works.
 */
const STYLE_WAIT_MS = 3000;

function loadStyle(url) {
  const href = url.href;
  let link = [...document.querySelectorAll('link[rel="stylesheet"]')].find((l) => l.href === href);
  if (link?.sheet) return Promise.resolve();
  if (!link) {
    link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    document.head.append(link);
  }
  return new Promise((resolve) => {
    link.addEventListener("load", resolve, { once: true });
    link.addEventListener("error", resolve, { once: true });
    setTimeout(resolve, STYLE_WAIT_MS);
  });
}

async function mountOne(root) {
  if (mounted.has(root) || !root.dataset.rekindleWidget) return;
  const script = toolAsset(root.dataset.rkModule);
  const style = toolAsset(root.dataset.rkStyle);
  mounted.set(root, null); // reserve: document$ may fire again while the import is pending
  try {
    if (!script) throw new Error(`no module for ${root.dataset.rekindleWidget}`);
    const loads = [import(script.href), style ? loadStyle(style) : null];
    const [module] = await Promise.all(loads);
    if (!root.isConnected) {
      mounted.delete(root); // the reader moved on while it loaded
      return;
    }
    mounted.set(root, module.mount(root));
  } catch (error) {
    mounted.delete(root);
    failed(root, error);
  }
}

/** Tell the reader in words; keep the reason where a developer finds it (data-rk-error). */
function failed(root, error) {
  root.dataset.state = "error";
  root.dataset.rkError = String(error?.stack || error).slice(0, 2000);
  console.info("Rekindle: a tool could not load:", error);
  const status = root.querySelector("[data-rk-status]");
  if (status) status.textContent = "This tool could not load. Reload the page to try again.";
}

/**
 * Every tool runs on the engine, so its download starts as the page settles, alongside the
 * tools' own scripts, not once they have all loaded and mounted: on a slow phone connection
 * that chain of imports held the engine back about 0.6 s (scripts/bench_slow.py). Save-Data
 * still holds it until the reader asks (engine-client.js).
 */
let warming = null;

function warmEngine() {
  warming ??= Promise.all([import("./engine-client.js"), import("./settled.js")])
    .then(([{ getEngine }, { startWhenSettled }]) => startWhenSettled(() => getEngine().start()))
    .catch(() => {}); // the widget's own mount reports a script that cannot load
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
  // Inside another site's frame (overrides/main.html): no tool starts, nothing is read.
  if (document.documentElement.classList.contains("rk-framed")) return;
  const roots = document.querySelectorAll("[data-rekindle-widget]");
  if (roots.length) warmEngine();
  for (const root of roots) mountOne(root);
  for (const [selector, path] of Object.entries(PARTS)) {
    if (document.querySelector(selector)) import(path).catch(() => {}); // its no-JS text stays
  }
}

/** For tests and diagnostics: how many widgets are mounted right now. */
export function mountedCount() {
  return [...mounted.values()].filter(Boolean).length;
}

if (window.document$?.subscribe) window.document$.subscribe(mountAll);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
else mountAll();
