// When the page has settled enough for the engine to start: loaded and painted.
// Its own module so widgets.js can import it beside engine-client.js, one round trip sooner
// than through widget-kit.js on a slow first visit.

/**
 * Run `start` once the page has loaded and painted, as a task of its own: the reader sees
 * the page and can scroll, and Material sets itself up, before the engine's worker starts.
 * "user-visible" priority, not "background": a background task waited ~55 ms behind the
 * page's other work after load, and first visits reached engine ready 0.06x of a bare boot
 * later (measured side by side, 12 cold runs each). Neither timers nor
 * requestIdleCallback decide this: test clocks freeze those, and a frozen clock must not
 * keep the engine from starting. A page that never paints (a tab opened in the background)
 * starts after FALLBACK_MS. Returns a function that cancels, so a reader who leaves the
 * page first never starts the engine for a page without widgets.
 */
const FALLBACK_MS = 3000;

export function startWhenSettled(start) {
  let cancelled = false;
  let scheduled = false;
  let loaded = document.readyState === "complete";
  let painted = performance.getEntriesByName("first-contentful-paint").length > 0;
  let observer = null;
  let fallback = null;
  const run = () => {
    if (!cancelled) start();
  };
  const later = () => {
    if (window.scheduler?.postTask) {
      window.scheduler.postTask(run, { priority: "user-visible" }).catch(() => {});
    } else {
      const channel = new MessageChannel();
      channel.port1.onmessage = run;
      channel.port2.postMessage(null);
    }
  };
  const check = () => {
    if (cancelled || scheduled || !loaded || !painted) return;
    scheduled = true;
    observer?.disconnect();
    clearTimeout(fallback);
    later();
  };
  const onLoad = () => {
    loaded = true;
    fallback = setTimeout(() => {
      painted = true;
      check();
    }, FALLBACK_MS);
    check();
  };
  if (!painted && typeof PerformanceObserver === "function") {
    try {
      observer = new PerformanceObserver(() => {
        painted = true;
        check();
      });
      observer.observe({ type: "paint", buffered: true });
    } catch {
      painted = true; // no paint timing here: load alone decides
    }
  } else {
    painted = true;
  }
  if (loaded) onLoad();
  else window.addEventListener("load", onLoad, { once: true });
  return () => {
    cancelled = true;
    observer?.disconnect();
    clearTimeout(fallback);
    window.removeEventListener("load", onLoad);
  };
}
