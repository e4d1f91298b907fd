// The timer's countdown text in the page (timer-clock.js) against the engine's rule in Python
// (rekindle.tools.timer.model.text.format_clock), for the same inputs: the page shows the
// clock before the engine is ready, so the two must never disagree by a second.
import { execFileSync } from "node:child_process";
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { python } from "./python.js";
import { formatClock } from "../../overrides/assets/rekindle/timer/timer-clock.js";

const INPUTS = [-5000, -1, 0, 1, 999, 1000, 1001, 59_000, 59_999, 60_000, 60_001, 179_001,
  180_000, 599_999, 3_599_001, 3_600_000];

test("the page's clock text matches Python's for every boundary", () => {
  const script = "import json,sys\nfrom rekindle.tools.timer.model.text import format_clock\n"
    + "print(json.dumps([format_clock(ms) for ms in json.loads(sys.argv[1])]))";
  const fromPython = JSON.parse(execFileSync(python(), ["-c", script, JSON.stringify(INPUTS)]));
  assert.deepEqual(INPUTS.map(formatClock), fromPython);
});

test("a three-minute turn reads 3:00 at once and 0:00 only at the end", () => {
  assert.equal(formatClock(180_000), "3:00");
  assert.equal(formatClock(179_999), "3:00");
  assert.equal(formatClock(1), "0:01");
  assert.equal(formatClock(0), "0:00");
});
