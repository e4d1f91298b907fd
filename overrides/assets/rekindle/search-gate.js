// Tells Material's search worker when it may build the site-search index (see
// overrides/assets/javascripts/workers/rekindle-search.js for why it waits).
//
// It may start at once on a page without a tool; on a page with one, once the engine is
// ready or has failed; and on any page, the moment the reader reaches for search (focus
// inside Material's search form, by click, tap or keyboard shortcut), so nobody ever waits
// on an index that was held back.

import { engineSettled } from "./widgets.js";

const CHANNEL = "rekindle-search"; // rekindle-search.js uses the same name

if (typeof BroadcastChannel === "function") {
  const channel = new BroadcastChannel(CHANNEL);
  let allowed = false;
  const allow = () => {
    if (allowed) return;
    allowed = true;
    channel.postMessage("start");
  };
  // The worker asks when it starts listening, in case "start" was said before that.
  channel.onmessage = ({ data }) => {
    if (data === "waiting" && allowed) channel.postMessage("start");
  };
  document.addEventListener("focusin", (event) => {
    if (event.target.closest?.('form[name="search"]')) allow();
  });
  engineSettled().then(allow);
}
