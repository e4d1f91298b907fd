// Storage that never throws and keeps each name under this copy of the site (scope.js).
//
// `storage` is localStorage, `tabStorage` is sessionStorage (this tab only). Tools pass
// their own short key; what is stored is `siteName(key)`. Disabled storage, a full quota
// or a privacy mode become `{ok: false}` results the tool can explain, never a broken page.
//
// Reading also guards the engine: a value nested or sized far beyond anything a tool saves
// (shape.js) is moved aside to "<key>.corrupt", never deleted, and still returned, so the
// tool's own call fails with a plain message (engine-client.js refuses to send it) and the
// next visit starts clean. A value under a name an earlier version used (scope.js
// LEGACY_KEYS) is moved under this copy's name the first time it is read.

import { LEGACY_KEYS, siteName } from "./scope.js";
import { problemWith } from "./shape.js";

export const ASIDE_SUFFIX = ".corrupt";

function adoptLegacy(area, key, name) {
  if (!LEGACY_KEYS.includes(key)) return null;
  const old = area.getItem(key);
  if (old === null) return null;
  try {
    area.setItem(name, old);
    area.removeItem(key);
  } catch {
    // full: read it where it is this time
  }
  return old;
}

function setAsideIfBad(area, name, value) {
  if (value === null || name.endsWith(ASIDE_SUFFIX) || !problemWith(value)) return;
  try {
    area.setItem(name + ASIDE_SUFFIX, value);
    area.removeItem(name);
  } catch {
    // no room for a copy: it stays where it is, and is refused again next time
  }
}

function siteStore(areaName, { legacy }) {
  const area = () => window[areaName]; // reading the property throws where storage is blocked
  return {
    read(key) {
      try {
        const name = siteName(key);
        let value = area().getItem(name);
        if (value === null && legacy) value = adoptLegacy(area(), key, name);
        setAsideIfBad(area(), name, value);
        return { ok: true, value };
      } catch {
        return { ok: false, value: null };
      }
    },
    write(key, value) {
      try {
        area().setItem(siteName(key), value);
        return { ok: true };
      } catch {
        return { ok: false };
      }
    },
    remove(key) {
      try {
        area().removeItem(siteName(key));
        return { ok: true };
      } catch {
        return { ok: false };
      }
    },
  };
}

export const storage = siteStore("localStorage", { legacy: true });
export const tabStorage = siteStore("sessionStorage", { legacy: false });
