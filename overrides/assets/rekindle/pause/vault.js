// Where the journal is kept when the reader ticks "Keep this on this device": one IndexedDB
// database under this copy of the site's name (kit/scope.js), so "Delete everything" on the
// privacy page removes it with the rest, and a second copy of the site on the same address
// neither reads nor deletes it.
//
// Nothing is created until the reader keeps something: looking for a journal opens the
// database only if it exists (creating it is aborted), so a visit that keeps nothing leaves
// no database behind. A connection closes itself when another tab deletes or upgrades the
// database, so "Delete everything" is never held up by an open page.
//
// Records (text, as written): JOURNAL, the saved envelope (plain or locked); ASIDE, saved
// data the tool could not read, set aside and never deleted by the tool itself.

import { siteName } from "../kit/scope.js";

export const DB_NAME = siteName("pause");
const STORE = "records";
export const JOURNAL = "journal";
export const ASIDE = "journal.aside";

/** The browser refuses storage (blocked, or a mode that keeps nothing). */
export class StorageBlocked extends Error {}
/** The device has no room left for this site. */
export class StorageFull extends Error {}

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function factory() {
  try {
    return window.indexedDB ?? null; // reading the property can throw where storage is blocked
  } catch {
    return null;
  }
}

/** Open the database; with `create: false`, resolve null when there is none. */
function openDatabase(create) {
  const idb = factory();
  if (!idb) return Promise.reject(new StorageBlocked("no IndexedDB"));
  return new Promise((resolve, reject) => {
    let req;
    try {
      req = idb.open(DB_NAME, 1);
    } catch (error) {
      reject(new StorageBlocked(String(error)));
      return;
    }
    let absent = false;
    req.onupgradeneeded = () => {
      if (!create) {
        absent = true;
        req.transaction.abort(); // looking must not create it
        return;
      }
      req.result.createObjectStore(STORE);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = (event) => {
      event.preventDefault();
      if (absent) resolve(null);
      else reject(new StorageBlocked(String(req.error?.name)));
    };
    req.onblocked = () => reject(new StorageBlocked("blocked by another tab"));
  });
}

export class Vault {
  constructor() {
    this.db = null;
  }

  /** Whether this browser lets the site keep anything (resolves false, never throws). */
  static async available() {
    try {
      const db = await openDatabase(false);
      db?.close();
      return true;
    } catch {
      return false;
    }
  }

  async connect(create) {
    if (this.db) return this.db;
    const db = await openDatabase(create);
    if (db) {
      db.onversionchange = () => this.close(); // "Delete everything" in another tab
      db.onclose = () => (this.db = null);
      this.db = db;
    }
    return db;
  }

  close() {
    this.db?.close();
    this.db = null;
  }

  /** The text kept under `key`, or null (no database yet, or nothing there). */
  async read(key) {
    const db = await this.connect(false);
    if (!db) return null;
    const value = await request(db.transaction(STORE).objectStore(STORE).get(key));
    return value ?? null;
  }

  /** Keep `text` under `key`, creating the database if needed. */
  async write(key, text) {
    const db = await this.connect(true);
    await this.finish(db, (store) => store.put(text, key));
  }

  async remove(key) {
    const db = await this.connect(false);
    if (db) await this.finish(db, (store) => store.delete(key));
  }

  /** Move unreadable saved data aside (never deleted), so the journal can start afresh. */
  async setAside(text) {
    const db = await this.connect(true);
    await this.finish(db, (store) => {
      store.put(text, ASIDE);
      store.delete(JOURNAL);
    });
  }

  finish(db, work) {
    return new Promise((resolve, reject) => {
      let tx;
      try {
        tx = db.transaction(STORE, "readwrite");
        work(tx.objectStore(STORE));
      } catch (error) {
        reject(sorted(error));
        return;
      }
      tx.oncomplete = () => resolve();
      tx.onabort = tx.onerror = () => reject(sorted(tx.error));
    });
  }

  /** Delete the whole database: no trace of the journal is left in this browser. */
  async destroy() {
    this.close();
    const idb = factory();
    if (!idb) return;
    await new Promise((resolve) => {
      const req = idb.deleteDatabase(DB_NAME);
      req.onsuccess = req.onerror = req.onblocked = () => resolve();
    });
  }
}

function sorted(error) {
  if (error?.name === "QuotaExceededError") return new StorageFull(error.message);
  return new StorageBlocked(String(error?.name || error));
}
