// Small things the pause's modules share: today's local date, new ids, and the mark of an
// answer that came back after the journal had left the page.

/** Today's date on this device's calendar, as "YYYY-MM-DD" (the engine counts in these). */
export function localDate(now = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${String(now.getFullYear()).padStart(4, "0")}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A random id for a new entry or contact (the engine accepts letters, digits and -). */
export function newId() {
  return crypto.randomUUID();
}

/** An answer that arrived after the journal was dropped from the page. */
export class Dropped extends Error {}
