// This copy of the site's own names, for everything it keeps in the browser.
//
// On GitHub Pages every project of an account shares one address (user.github.io), so
// local storage, Cache Storage and IndexedDB are shared with the account's other sites, and
// with a second copy of this one (a fork's staging copy, say). Every name we keep there
// therefore carries this copy's path: "rekindle /<site path>/ <name>", for example
// "rekindle /rekindle/ turn-timer". The space after the path ends it, so "/rekindle/" never
// matches "/rekindle-beta/" or "/rekindle/beta/", and "Delete everything" removes exactly
// the names that start with this copy's prefix. The service worker (sw.js) builds the same
// prefix from its scope, which is this same root.
//
// This does not make the data private from the other sites on the address: they can read
// it (the privacy page says so). It keeps copies from sharing or deleting each other's data.

/** The site's root URL: this file lives at <root>/assets/rekindle/kit/scope.js. */
export const SITE_ROOT = new URL("../../../", import.meta.url);
export const SITE_PATH = SITE_ROOT.pathname;
export const PREFIX = `rekindle ${SITE_PATH} `;

/**
 * The stored name for `name`. Tools written before names were scoped pass their old key
 * ("rekindle.turn-timer"); its leading "rekindle." is dropped ("rekindle /rekindle/
 * turn-timer"), so old and new tools read alike. New tools pass a plain name ("pause.journal").
 */
export function siteName(name) {
  return PREFIX + String(name).replace(/^rekindle\./, "");
}

/** Whether a stored name (storage key, cache or database name) belongs to this copy. */
export function isSiteName(name) {
  return typeof name === "string" && name.startsWith(PREFIX);
}

// Names earlier versions used before they were scoped (any copy on the address could have
// written them). Read once and moved under this copy's name (site-storage.js), and deleted
// by "Delete everything"; never written again.
export const LEGACY_KEYS = [
  "rekindle.turn-timer",
  "rekindle.barrier-assessment",
  "rekindle.barrier-assessment.corrupt",
  "rekindle-scheme",
];
export const LEGACY_CACHES = ["rekindle-engine-snapshot"];

/** Cache Storage name of the engine's memory snapshot (engine-worker.js writes it). */
export const SNAPSHOT_CACHE = siteName("engine-snapshot");

/** Whether the browser says the reader wants to save data (never throws). Here, not in
 * engine-progress.js, because offline.js asks it on every page. */
export function saveDataOn() {
  try {
    return navigator.connection?.saveData === true;
  } catch {
    return false;
  }
}
