// The check-in planner's zone input from the page (checkin-zone.js) against the one the
// Python tests build with zoneinfo (tests/pure/checkin_support.py zone_input), for the same
// zones and moments: the engine must see the same clock changes whichever side built them.
import { execFileSync } from "node:child_process";
import { strict as assert } from "node:assert";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { python } from "./python.js";
import {
  DAY_MS,
  MINUTE_MS,
  dateProbe,
  localDateText,
  namedProbe,
  zoneInput,
} from "../../overrides/assets/rekindle/checkin/checkin-zone.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const AT = Date.UTC(2026, 11, 1, 10, 0); // the Python tests' "now"
const ZONES = [
  "America/New_York",
  "Europe/Berlin",
  "Australia/Sydney",
  "Australia/Lord_Howe", // half-hour clock changes
  "Asia/Kathmandu", // +05:45, no changes
  "America/St_Johns", // -03:30 and -02:30
  "Pacific/Chatham", // +12:45 and +13:45
  "America/Santiago", // southern changes in April and September
  "Europe/London",
  "UTC",
];
const MOMENTS = [AT, Date.UTC(2027, 2, 14, 6, 59, 30, 250), Date.UTC(2031, 9, 26, 0, 30)];

function fromPython(cases) {
  const script = [
    "import json, sys",
    "from tests.pure.checkin_support import zone_input",
    "cases = json.loads(sys.argv[1])",
    "print(json.dumps([zone_input(name, at) for name, at in cases]))",
  ].join("\n");
  const output = execFileSync(python(), ["-c", script, JSON.stringify(cases)], { cwd: ROOT });
  return JSON.parse(output);
}

/** What the engine uses: the offsets and when they change (short names differ by library:
 * ICU says "GMT+1" where zoneinfo says "CET"; both are only labels in the file). */
const offsets = (zone) => ({
  name: zone.name,
  offset_minutes: zone.offset_minutes,
  transitions: zone.transitions.map(({ at, offset_minutes }) => ({ at, offset_minutes })),
  until: zone.until,
});

test("every zone's changes match Python's zoneinfo, to the minute", () => {
  const cases = ZONES.flatMap((name) => MOMENTS.map((at) => [name, at]));
  const expected = fromPython(cases);
  cases.forEach(([name, at], index) => {
    assert.deepEqual(offsets(zoneInput(at, { name })), offsets(expected[index]), `${name} at ${at}`);
  });
});

test("New York's changes carry its short names, and the window is two days back, four years on", () => {
  const zone = zoneInput(AT, { name: "America/New_York" });
  assert.equal(zone.abbr, "EST");
  assert.deepEqual(
    zone.transitions.slice(0, 2).map((t) => [new Date(t.at).toISOString(), t.abbr]),
    [
      ["2027-03-14T07:00:00.000Z", "EDT"],
      ["2027-11-07T06:00:00.000Z", "EST"],
    ],
  );
  assert.equal(zone.until - AT, 4 * 366 * DAY_MS);
  assert.equal(zone.transitions.length, 8);
});

test("a name Intl does not know is sent empty, with the offsets the device gives", () => {
  const summer = { offset: 120, abbr: "" };
  const winter = { offset: 60, abbr: "" };
  const change = Date.UTC(2027, 2, 28, 1, 0);
  const probe = (ms) => (ms >= change ? summer : winter);
  const zone = zoneInput(AT, { name: "Atlantis/Capital", probe });
  assert.equal(zone.name, "");
  assert.equal(zone.offset_minutes, 60);
  assert.deepEqual(zone.transitions, [{ at: change, offset_minutes: 120, abbr: "" }]);
  assert.equal(namedProbe("Atlantis/Capital"), null);
  assert.equal(zoneInput(AT, { name: "" }).name, "");
});

test("a change between whole minutes is placed at the next whole minute", () => {
  const change = Date.UTC(2027, 5, 1, 12, 0, 30);
  const probe = (ms) => ({ offset: ms >= change ? 0 : -60, abbr: "" });
  const zone = zoneInput(AT, { name: "", probe });
  assert.deepEqual(zone.transitions.map((t) => t.at), [change + 30_000]);
  assert.equal(zone.transitions[0].at % MINUTE_MS, 0);
});

test("the Date probe and the form's date agree with the process's own zone", () => {
  const moment = Date.UTC(2026, 11, 1, 10);
  assert.equal(dateProbe(moment).offset, -new Date(moment).getTimezoneOffset() || 0);
  assert.match(localDateText(moment), /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(localDateText(new Date(2027, 1, 3, 23, 59).getTime()), "2027-02-03");
});
