// "Delete everything" heard in every open tab of this copy of the site, so it stays done.
//
// The privacy page deletes what is stored, then calls announceForget(). Every tab of this
// copy (the one that deleted included) then:
//   - unticks every "remember" box a tool shows (`data-rk-keep`, and the timer's
//     `data-rk-remember` and the assessment's `data-rk-save`) and fires its `change`
//     event, so each tool does what it does when a reader unticks it: stop saving, remove
//     its copy, say so. A save that was waiting on the engine finds the box unticked and
//     writes nothing;
//   - deletes this copy's names from its storage again (a write that raced the delete),
//     and from its own sessionStorage, which no other tab can reach;
//   - remembers, for this tab only, that the reader deleted everything: this tab then
//     makes no engine snapshot and no offline copy again (offline.js, engine-client.js);
//   - runs the listeners tools and the kit gave to onForget() (close a database, stop a
//     snapshot being made, drop what is held for saving).
// Other tabs hear it through a BroadcastChannel named for this copy, or, where there is
// none, through a `storage` event on a marker key.

import { isSiteName, siteName } from "./scope.js";

const CHANNEL_NAME = siteName("forget");
const MARKER = siteName("forget-marker");
/** sessionStorage: the reader deleted everything while this tab was open (holds "1"). */
export const FORGOT = siteName("forgot-in-this-tab");
const KEEP_BOXES = "[data-rk-keep], [data-rk-remember], [data-rk-save]";

const listeners = new Set();
let channel = null;

/** Call `listener()` whenever everything was deleted, here or in another tab. Returns the
 * function that stops listening. */
export function onForget(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether the reader deleted everything during this tab's life (this tab keeps nothing). */
export function forgotInThisTab() {
  try {
    return window.sessionStorage.getItem(FORGOT) !== null;
  } catch {
    return false;
  }
}

/** Tell every tab of this copy, this one included, that everything was deleted. Resolves
 * once this tab's own listeners have finished (a snapshot being made has stopped). */
export async function announceForget() {
  try {
    channel?.postMessage({ type: "forget" });
    if (!channel) {
      window.localStorage.setItem(MARKER, String(Date.now()));
      window.localStorage.removeItem(MARKER);
    }
  } catch {
    // storage blocked: no other tab can have stored anything either
  }
  await forgetHere();
}

/** This copy's names in one storage area; never throws. */
function siteKeys(area) {
  try {
    return Object.keys(area ?? {}).filter(isSiteName);
  } catch {
    return [];
  }
}

function storageArea(name) {
  try {
    return window[name];
  } catch {
    return null; // blocked: reading the property throws
  }
}

async function forgetHere() {
  for (const box of document.querySelectorAll(KEEP_BOXES)) {
    if (!(box instanceof HTMLInputElement) || !box.checked) continue;
    box.checked = false;
    box.dispatchEvent(new Event("change", { bubbles: true }));
  }
  for (const name of ["localStorage", "sessionStorage"]) {
    const area = storageArea(name);
    for (const key of siteKeys(area)) area.removeItem(key);
  }
  try {
    window.sessionStorage.setItem(FORGOT, "1"); // holds nothing the reader wrote
  } catch {
    // blocked: nothing can be kept in this tab anyway
  }
  const results = [...listeners].map((listener) => {
    try {
      return listener();
    } catch {
      return null;
    }
  });
  await Promise.allSettled(results);
}

function listen() {
  if (typeof BroadcastChannel === "function") {
    channel = new BroadcastChannel(CHANNEL_NAME);
    channel.onmessage = (event) => event.data?.type === "forget" && forgetHere();
  } else {
    window.addEventListener("storage", (event) => {
      if (event.key === MARKER && event.newValue !== null) forgetHere();
    });
  }
}

listen();
