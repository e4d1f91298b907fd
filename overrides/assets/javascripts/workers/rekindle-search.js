// Material's site-search worker, started only when search-gate.js says "start".
//
// Material starts its search worker on every page load and builds the search index at once.
// Most readers never search, yet each paid for it: Material's worker (12 KB on the wire) and
// a lunr index build on the cores, which on a page with a tool also competed with the
// engine's boot (measured: engine ready 0.07-0.08x of a bare boot later). overrides/main.html
// points Material at this file, with Material's own worker as `?worker=`; this file keeps
// Material's messages until search-gate.js (on the page) says "start", when the reader
// reaches for search, then loads Material's worker and hands the kept messages over in
// order. It lives beside Material's worker so the relative paths that worker uses (its
// language files) resolve as they always did.

const CHANNEL = "rekindle-search"; // search-gate.js uses the same name
const material = new URL(new URL(location.href).searchParams.get("worker") ?? "", location.href);
const kept = [];
let started = false;

function keep(event) {
  kept.push(event.data);
  event.stopImmediatePropagation();
}

function start() {
  if (started) return;
  started = true;
  self.removeEventListener("message", keep);
  // Only Material's worker from this site, never a script named by someone else's link.
  if (material.origin !== location.origin) return;
  importScripts(material.href);
  for (const data of kept.splice(0)) self.dispatchEvent(new MessageEvent("message", { data }));
}

self.addEventListener("message", keep);
if (typeof BroadcastChannel === "function") {
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = ({ data }) => {
    if (data !== "start") return;
    channel.close();
    start();
  };
  channel.postMessage("waiting"); // the page may have said "start" before we listened
} else {
  start(); // nobody could tell us: behave as Material always did
}
