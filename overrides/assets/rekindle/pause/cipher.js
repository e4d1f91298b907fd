// The journal's optional lock, with the browser's own WebCrypto. Nothing here decides what
// the journal holds: it turns text into a locked envelope and back.
//
// A random data key (AES-256-GCM) encrypts the journal. It is stored only wrapped, twice:
// once under a key derived from the passphrase, once under a key derived from the recovery
// code (PBKDF2-SHA-256, ITERATIONS rounds, a random 16-byte salt each; the derived keys are
// non-extractable and can only wrap and unwrap). While the journal is open the data key
// lives in memory only, as a non-extractable key. Every write uses a fresh 12-byte IV.
// Changing the passphrase unwraps the data key once more (extractable for that moment only)
// and wraps it under the new passphrase: the recovery code keeps working.
//
// The locked envelope (LOCK_VERSION 1):
//   {"v": 1, "cipher": "AES-256-GCM", "kdf": "PBKDF2-SHA-256", "auto_lock": minutes,
//    "keys": {"passphrase": slot, "recovery": slot}, "iv": b64, "data": b64}
//   slot = {"salt": b64, "iterations": n, "iv": b64, "key": b64 (the wrapped data key)}
// A wrong secret fails to unwrap (GCM checks it) and changes nothing; data altered by even
// one byte fails to decrypt (Damaged), and nothing is changed either.

export const ITERATIONS = 600_000;
export const LOCK_VERSION = 1;
const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford's base 32
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The secret does not open this lock (wrong passphrase or recovery code). */
export class WrongSecret extends Error {}
/** The locked data was altered or damaged: it cannot be opened with any secret. */
export class Damaged extends Error {}
/** Locked by a newer version of this page. */
export class NewerLock extends Error {}

const b64 = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)));

function unb64(text) {
  if (typeof text !== "string") throw new Damaged("missing field");
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    throw new Damaged("not base 64");
  }
}

const random = (n) => crypto.getRandomValues(new Uint8Array(n));

/** b64 of a large buffer, in slices (spreading millions of bytes would overflow the stack). */
function b64Large(buffer) {
  const bytes = new Uint8Array(buffer);
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(text);
}

async function keyFrom(secret, salt, iterations) {
  const base = await crypto.subtle.importKey("raw", encoder.encode(secret), "PBKDF2", false, [
    "deriveKey",
  ]);
  return crypto.subtle.deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations },
    base,
    { name: "AES-GCM", length: 256 },
    false,
    ["wrapKey", "unwrapKey"],
  );
}

async function wrapSlot(dataKey, secret) {
  const salt = random(16);
  const iv = random(12);
  const wrapping = await keyFrom(secret, salt, ITERATIONS);
  const wrapped = await crypto.subtle.wrapKey("raw", dataKey, wrapping, { name: "AES-GCM", iv });
  return { salt: b64(salt), iterations: ITERATIONS, iv: b64(iv), key: b64(wrapped) };
}

async function unwrapSlot(slot, secret, extractable) {
  if (!slot || typeof slot !== "object") throw new Damaged("no key slot");
  const iterations = slot.iterations;
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > 10_000_000) {
    throw new Damaged("iterations");
  }
  const wrapping = await keyFrom(secret, unb64(slot.salt), iterations);
  try {
    return await crypto.subtle.unwrapKey(
      "raw",
      unb64(slot.key),
      wrapping,
      { name: "AES-GCM", iv: unb64(slot.iv) },
      { name: "AES-GCM", length: 256 },
      extractable,
      ["encrypt", "decrypt"],
    );
  } catch {
    throw new WrongSecret("does not open");
  }
}

/** A recovery code: 160 random bits as 32 characters in groups of four. */
export function makeRecoveryCode() {
  const chars = [...random(32)].map((n) => CODE_ALPHABET[n % 32]); // 256 % 32 == 0: unbiased
  return chars.join("").match(/.{4}/g).join("-");
}

/** A typed recovery code as stored: upper case, no spaces or dashes, look-alikes mended. */
export function normalCode(text) {
  return String(text)
    .toUpperCase()
    .replace(/[\s-]+/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
}

const looksLikeCode = (text) => /^[0-9A-HJKMNP-TV-Z]{32}$/.test(normalCode(text));

/** Passphrases are compared as typed, in one Unicode form, so any keyboard gives the same. */
const normalPassphrase = (text) => String(text).normalize("NFC");

/** A new lock: the data key (in memory), its header and the recovery code to write down. */
export async function createLock(passphrase, autoLock) {
  const extractable = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, true, [
    "encrypt",
    "decrypt",
  ]);
  const code = makeRecoveryCode();
  const keys = {
    passphrase: await wrapSlot(extractable, normalPassphrase(passphrase)),
    recovery: await wrapSlot(extractable, normalCode(code)),
  };
  const raw = new Uint8Array(await crypto.subtle.exportKey("raw", extractable));
  const key = await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
  raw.fill(0);
  const header = { v: LOCK_VERSION, cipher: "AES-256-GCM", kdf: "PBKDF2-SHA-256", auto_lock: autoLock, keys };
  return { key, header, code };
}

function checkHeader(locked) {
  if (!locked || typeof locked !== "object" || !locked.keys) throw new Damaged("no header");
  if (Number.isInteger(locked.v) && locked.v > LOCK_VERSION) throw new NewerLock("newer");
  if (locked.v !== LOCK_VERSION) throw new Damaged("version");
}

/** Open a lock with a passphrase or a recovery code; `extractable` only to re-wrap. */
export async function openLock(locked, secret, { extractable = false } = {}) {
  checkHeader(locked);
  const tries = [
    ["passphrase", normalPassphrase(secret)],
    ["recovery", normalCode(secret)],
  ];
  if (looksLikeCode(secret)) tries.reverse();
  else tries.pop(); // not shaped like a code: one slow derivation, not two
  for (const [slot, text] of tries) {
    try {
      return { key: await unwrapSlot(locked.keys[slot], text, extractable), via: slot };
    } catch (error) {
      if (!(error instanceof WrongSecret)) throw error;
    }
  }
  throw new WrongSecret("neither opens it");
}

/** The header with the passphrase slot made afresh for `passphrase` (the data key stays). */
export async function changePassphrase(locked, secret, passphrase) {
  const { key } = await openLock(locked, secret, { extractable: true });
  const slot = await wrapSlot(key, normalPassphrase(passphrase));
  return { ...headerOf(locked), keys: { ...locked.keys, passphrase: slot } };
}

/** The lock's header without its data (what every sealed copy repeats). */
export function headerOf(locked) {
  const { v, cipher, kdf, auto_lock: autoLock, keys } = locked;
  return { v, cipher, kdf, auto_lock: autoLock, keys };
}

/** Encrypt `text` under `key`: a fresh IV every time. */
export async function seal(key, header, text) {
  const iv = random(12);
  const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, encoder.encode(text));
  return { ...headerOf(header), iv: b64(iv), data: b64Large(data) };
}

/** Decrypt a sealed envelope's text; Damaged when a single byte of it was changed. */
export async function unseal(key, locked) {
  checkHeader(locked);
  try {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: unb64(locked.iv) },
      key,
      unb64(locked.data),
    );
    return decoder.decode(plain);
  } catch {
    throw new Damaged("does not decrypt");
  }
}
