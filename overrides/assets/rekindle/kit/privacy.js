// "Delete everything this site stored": the privacy page's button (in its HTML, see
// rekindle.site.privacy_page), wired on the first load and after each instant navigation
// (document$).
//
// GitHub Pages serves every project site of a user from one origin (user.github.io), so
// the origin's storage is shared with other sites, and maybe with a second copy of this
// one. We delete exactly this copy's data (scope.js): names that start with this copy's
// prefix ("rekindle /<site path>/ "), Material's keys for this site's path, the few exact
// names earlier versions used before names were scoped, and the service worker registered
// for exactly this site's root. Then every open tab of this copy hears it (forget.js) and
// keeps nothing more, and we look again: the status line says what is gone and, if
// anything is still there, says that too.

import { FORGOT, announceForget } from "./forget.js";
import { LEGACY_CACHES, LEGACY_KEYS, SITE_ROOT, SNAPSHOT_CACHE, isSiteName } from "./scope.js";

const MATERIAL_PREFIX = `${SITE_ROOT.pathname}.`; // Material's __md_set keys: "<site path>.__palette"
const LEGACY_SNAPSHOT = LEGACY_CACHES[0];

const ownKey = (key) =>
  key !== FORGOT &&
  (isSiteName(key) || key.startsWith(MATERIAL_PREFIX) || LEGACY_KEYS.includes(key));
const ownCache = (name) => isSiteName(name) || LEGACY_CACHES.includes(name);
const isSnapshot = (name) => name === SNAPSHOT_CACHE || name === LEGACY_SNAPSHOT;

/** window.localStorage or window.sessionStorage; null where the browser blocks site storage
 * (reading the property itself throws then). */
function storageArea(name) {
  try {
    return window[name];
  } catch {
    return null;
  }
}

function storedKeys(area) {
  try {
    return Object.keys(area ?? {}).filter(ownKey);
  } catch {
    return []; // storage disabled: nothing stored there
  }
}

async function cacheNames() {
  if (!("caches" in window)) return [];
  return (await caches.keys()).filter(ownCache);
}

async function databaseNames() {
  if (!window.indexedDB?.databases) return [];
  return (await indexedDB.databases()).map((db) => db.name || "").filter(isSiteName);
}

async function ownWorkers() {
  if (!("serviceWorker" in navigator)) return [];
  const all = await navigator.serviceWorker.getRegistrations();
  return all.filter((registration) => registration.scope === SITE_ROOT.href);
}

/** Everything of this copy's that is stored right now (never throws). */
async function inventory() {
  const [cached, databases, workers] = await Promise.all([
    cacheNames().catch(() => []),
    databaseNames().catch(() => []),
    ownWorkers().catch(() => []),
  ]);
  const items = [
    ...storedKeys(storageArea("localStorage")).map((key) => `local ${key}`),
    ...storedKeys(storageArea("sessionStorage")).map((key) => `session ${key}`),
  ];
  return { items, cached, databases, workers };
}

function deleteDatabase(name) {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

async function deleteAll(found) {
  for (const name of ["localStorage", "sessionStorage"]) {
    const area = storageArea(name);
    for (const key of storedKeys(area)) area.removeItem(key);
  }
  await Promise.all([
    ...found.cached.map((name) => caches.delete(name).catch(() => false)),
    ...found.databases.map(deleteDatabase),
    ...found.workers.map((registration) => registration.unregister().catch(() => false)),
  ]);
}

const count = (found) =>
  found.items.length + found.cached.length + found.databases.length + found.workers.length;

function plural(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}

/** The sentence for what went: only what was there before and is gone now. */
function report(before, left) {
  const gone = (key) => before[key].filter((item) => !left[key].includes(item));
  const caches = gone("cached");
  const copies = caches.filter((name) => !isSnapshot(name)).length;
  const snapshot = caches.some(isSnapshot) ? "the tools' start-up snapshot, " : "";
  const workers = before.workers.length - left.workers.length;
  const done =
    `Deleted ${plural(gone("items").length, "saved item", "saved items")}, ` +
    `${plural(copies, "offline copy", "offline copies")}, ${snapshot}` +
    `${plural(gone("databases").length, "database", "databases")} and ` +
    `${plural(workers, "offline helper", "offline helpers")}. `;
  if (count(left)) {
    return (
      done +
      `${plural(count(left), "thing", "things")} could not be deleted. To be sure, clear this ` +
      "site's data in your browser's settings."
    );
  }
  return (
    done +
    "Tabs of this site that are open now were told too, and keep nothing more while they " +
    "stay open. A later visit saves an offline copy again."
  );
}

/** Delete it all; resolves with the sentence the status line shows. */
export async function deleteEverything() {
  const local = storageArea("localStorage");
  const before = await inventory();
  await deleteAll(before);
  await announceForget(); // other tabs stop writing; a snapshot being made here is stopped
  let left = await inventory();
  if (count(left)) {
    await deleteAll(left); // something was written while we deleted: once more
    left = await inventory();
  }
  if (!local) {
    return "This browser is not letting this site use storage right now, so the site can " +
      "neither keep anything nor reach what it may have kept before. To be sure, clear this " +
      "site's data in your browser's settings.";
  }
  return report(before, left);
}

/** The button and its status line are in the page's HTML (rekindle.site.privacy_page): give
 * the button its action and enable it. */
function wire(root) {
  const button = root.querySelector("button.rk-delete-everything");
  const status = root.querySelector("[data-rk-delete-status]");
  if (!button || !status) return;
  button.addEventListener("click", async () => {
    button.disabled = true;
    status.textContent = "Deleting…";
    status.textContent = await deleteEverything().catch(() => "Something could not be deleted.");
    button.disabled = false;
  });
  button.disabled = false;
  root.dataset.state = "ready";
}

function mount() {
  const root = document.getElementById("delete-everything");
  if (root && root.dataset.state !== "ready") wire(root);
}

if (window.document$?.subscribe) window.document$.subscribe(mount);
else mount();
