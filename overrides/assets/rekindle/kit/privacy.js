// "Delete everything this site stored": the privacy page's button (in its HTML, see
// rekindle.site.privacy_page), wired on the first load and after each instant navigation
// (document$).
//
// GitHub Pages serves every project site of a user from one origin (user.github.io), so
// the origin's storage is shared with other sites. We delete only what is this site's:
// storage keys starting with "rekindle" or with Material's prefix for this site's path,
// caches and IndexedDB databases whose names start with "rekindle", and service worker
// registrations whose scope lies inside this site.

const ROOT = new URL("../../../", import.meta.url);
const NAME_PREFIX = "rekindle";
const MATERIAL_PREFIX = `${ROOT.pathname}.`; // Material's __md_set keys: "<site path>.__palette"

function ours(key) {
  return key.startsWith(NAME_PREFIX) || key.startsWith(MATERIAL_PREFIX);
}

/** window.localStorage or window.sessionStorage; null where the browser blocks site storage
 * (reading the property itself throws then). */
function storageArea(name) {
  try {
    return window[name];
  } catch {
    return null;
  }
}

function clearStorage(storage) {
  let count = 0;
  try {
    for (const key of Object.keys(storage ?? {})) {
      if (ours(key)) {
        storage.removeItem(key);
        count += 1;
      }
    }
  } catch {
    // storage disabled: nothing stored there
  }
  return count;
}

async function clearCaches() {
  if (!("caches" in window)) return 0;
  const names = (await caches.keys()).filter((name) => name.startsWith(NAME_PREFIX));
  await Promise.all(names.map((name) => caches.delete(name)));
  return names.length;
}

function deleteDatabase(name) {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

async function clearDatabases() {
  if (!window.indexedDB?.databases) return 0;
  const names = (await indexedDB.databases()).map((db) => db.name || "");
  const mine = names.filter((name) => name.startsWith(NAME_PREFIX));
  await Promise.all(mine.map(deleteDatabase));
  return mine.length;
}

async function unregisterWorkers() {
  if (!("serviceWorker" in navigator)) return 0;
  const all = await navigator.serviceWorker.getRegistrations();
  const mine = all.filter((registration) => registration.scope.startsWith(ROOT.href));
  const done = await Promise.all(mine.map((registration) => registration.unregister()));
  return done.filter(Boolean).length;
}

function plural(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}

/** Delete it all; resolves with the sentence the status line shows. */
export async function deleteEverything() {
  const local = storageArea("localStorage");
  const items = clearStorage(local) + clearStorage(storageArea("sessionStorage"));
  const [workers, cached, databases] = await Promise.all([
    unregisterWorkers().catch(() => 0),
    clearCaches().catch(() => 0),
    clearDatabases().catch(() => 0),
  ]);
  if (!local) {
    return "This browser is not letting this site use storage right now, so the site can " +
      "neither keep anything nor reach what it may have kept before. To be sure, clear this " +
      "site's data in your browser's settings.";
  }
  return (
    `Deleted ${plural(items, "saved item", "saved items")}, ` +
    `${plural(cached, "offline copy", "offline copies")}, ` +
    `${plural(databases, "database", "databases")} and ` +
    `${plural(workers, "offline helper", "offline helpers")}. ` +
    "Opening another page of this site saves an offline copy again; close this tab to keep it gone."
  );
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
