// The reader's time zone as the check-in planner's engine reads it
// (rekindle.tools.checkin.model.zone): the zone's name from Intl, the offset two days before
// now, and every change of offset from then to four years ahead, each found to the minute.
//
// The browser has the time-zone rules; this file only asks "what is the offset at this
// moment?" (Intl for a named zone, else the Date object's own offset) and steps through the
// window a day at a time, narrowing each change down by halving. No data is downloaded:
// this module loads only with the planner.
//
// A browser that names no zone, or one Intl does not know, sends an empty name with the
// offsets Date gives, and the engine says on the page that it used a fixed offset.

export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;
const BEFORE_DAYS = 2;
const WINDOW_DAYS = 4 * 366; // the engine needs at least four years ahead
const STEP_MS = DAY_MS; // offsets never change twice within a day (tzdata's shortest gap is weeks)

/** The zone the browser runs in ("Europe/Berlin"), or "" when it cannot say. */
export function browserZoneName() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch {
    return "";
  }
}

/**
 * A probe for a named zone, `ms -> {offset, abbr}` (minutes east of UTC, short name like
 * "EST" or "GMT+1"), or null when Intl does not know the name.
 */
export function namedProbe(name) {
  let format;
  try {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: name,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      timeZoneName: "short",
    });
  } catch {
    return null;
  }
  return (ms) => {
    const parts = {};
    for (const { type, value } of format.formatToParts(ms)) parts[type] = value;
    const wall = Date.UTC(
      Number(parts.year),
      Number(parts.month) - 1,
      Number(parts.day),
      Number(parts.hour) % 24,
      Number(parts.minute),
      Number(parts.second),
    );
    const second = Math.floor(ms / 1000) * 1000;
    const offset = Math.round((wall - second) / MINUTE_MS) || 0; // never -0
    return { offset, abbr: parts.timeZoneName || "" };
  };
}

/** The Date object's own offset: the device's zone, whatever Intl says of its name. */
export function dateProbe(ms) {
  const offset = -new Date(ms).getTimezoneOffset();
  return { offset: offset === 0 ? 0 : offset, abbr: "" }; // never -0
}

/** The first whole minute in (low, high] whose offset differs from low's. */
function firstChange(probe, low, high) {
  const before = probe(low).offset;
  let lowMinute = Math.floor(low / MINUTE_MS);
  let highMinute = Math.floor(high / MINUTE_MS);
  while (highMinute - lowMinute > 1) {
    const middle = Math.floor((lowMinute + highMinute) / 2);
    if (probe(middle * MINUTE_MS).offset === before) lowMinute = middle;
    else highMinute = middle;
  }
  return highMinute * MINUTE_MS;
}

/**
 * The engine's zone input for `now` (epoch ms): {name, offset_minutes, abbr, transitions:
 * [{at, offset_minutes, abbr}], until}. `name` and `probe` are for tests; a page passes
 * neither.
 */
export function zoneInput(now, { name = browserZoneName(), probe = null } = {}) {
  const named = name ? namedProbe(name) : null;
  const read = probe ?? named ?? dateProbe;
  const start = now - BEFORE_DAYS * DAY_MS;
  const until = now + WINDOW_DAYS * DAY_MS;
  const first = read(start);
  const transitions = [];
  let moment = start;
  let offset = first.offset;
  while (moment < until) {
    const end = Math.min(moment + STEP_MS, until);
    const next = read(end);
    if (next.offset !== offset) {
      const at = firstChange(read, moment, end);
      const changed = read(at);
      transitions.push({ at, offset_minutes: changed.offset, abbr: changed.abbr });
    }
    moment = end;
    offset = next.offset;
  }
  return {
    name: named ? name : "",
    offset_minutes: first.offset,
    abbr: first.abbr,
    transitions,
    until,
  };
}

/** The device's local date at `ms` as the form writes it: "2026-12-08". */
export function localDateText(ms) {
  const day = new Date(ms);
  const two = (n) => String(n).padStart(2, "0");
  return `${day.getFullYear()}-${two(day.getMonth() + 1)}-${two(day.getDate())}`;
}
