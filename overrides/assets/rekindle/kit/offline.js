// Registers the service worker (sw.js, generated at build time) so the guide works offline.
//
// Where service workers are unavailable (old browsers, some private modes, file://) this does
// nothing and the site works online as before; a failed registration is silent.
// Once a page's engine reports ready, the worker is asked to cache the rest of the engine,
// so both tools work offline after one tool has been opened online. Pages without tools never
// touch the engine, so a reader who only reads downloads no Pyodide.
//
// After "Delete everything" (in this tab or another, forget.js) this tab registers nothing
// and asks for nothing again, so the offline copy stays deleted while it is open; every
// page imports this module, so every open tab of the site hears the deletion.

import { forgotInThisTab, onForget } from "./forget.js";
import { saveDataOn, SITE_ROOT as ROOT } from "./scope.js";

let registration = null;
let watchingEngine = false;
onForget(() => {
  registration = null;
});

async function register() {
  const framed = document.documentElement.classList.contains("rk-framed"); // main.html
  if (!("serviceWorker" in navigator) || forgotInThisTab() || framed) return;
  try {
    registration = await navigator.serviceWorker.register(new URL("sw.js", ROOT), {
      scope: ROOT.href,
      updateViaCache: "none",
    });
  } catch {
    registration = null; // no offline copy; everything else works as before
  }
}

async function askToCacheEngine() {
  if (forgotInThisTab()) return;
  try {
    const ready = await navigator.serviceWorker.ready;
    ready.active?.postMessage({ type: "cache-engine" });
  } catch {
    // no worker, no offline engine: harmless
  }
}

function watchEngine() {
  if (watchingEngine || !document.querySelector("[data-rekindle-widget]")) return;
  watchingEngine = true;
  import("./engine-client.js")
    .then(({ getEngine }) => getEngine().reaches("ready"))
    .then(askToCacheEngine);
}

let first = true;
function onPage() {
  // Instant navigation makes no full page loads, so ask for a new deploy's worker here.
  if (!first && registration && navigator.onLine) registration.update().catch(() => {});
  first = false;
  if ("serviceWorker" in navigator) watchEngine();
}

/**
 * On a page with a tool, resolves once its engine is ready or has failed; at once elsewhere.
 * The worker's install downloads and stores every page, which on a first visit competed
 * with the engine's boot for the same two cores (measured: ~100 ms later engine ready).
 * With Save-Data on, the offline copy waits on every page until the reader has asked for
 * a tool's engine (engine-progress.js): the reader chose to spend no data unasked.
 */
async function engineSettled() {
  if (!saveDataOn() && !document.querySelector("[data-rekindle-widget]")) return;
  const { getEngine } = await import("./engine-client.js");
  await getEngine().reaches("ready", "error");
}

engineSettled().then(register).then(() => {
  if (window.document$?.subscribe) window.document$.subscribe(onPage);
  else onPage();
});
