// The timer's page logic that is not DOM glue: what the page predicts before Python answers
// (checked against Python's own answer for the same events), what the clock face reads, and
// the effects planner that decides which chimes and timeouts exist, so that rescheduling can
// only ever call off what is still to come.
import { execFileSync } from "node:child_process";
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { python } from "./python.js";
import { predict, reading } from "../../overrides/assets/rekindle/timer/timer-clock.js";
import { LATE_MS, plan, reconcile } from "../../overrides/assets/rekindle/timer/timer-plan.js";
import {
  ENGINE,
  loadLabel,
  onTheWire,
  progressText,
} from "../../overrides/assets/rekindle/kit/engine-progress.js";

const T0 = 1_800_000_000_000;

/** Python's views along a list of [event, at] steps, from a fresh check-in for Sam and Alex. */
function pythonViews(steps, settings = {}) {
  const script = `
import dataclasses, json, sys
from rekindle.tools.timer.model import machine
from rekindle.tools.timer.model.settings import TimerSettings
from rekindle.tools.timer.model.view import view
steps, changes = json.loads(sys.argv[1]), json.loads(sys.argv[2])
settings = dataclasses.replace(TimerSettings(names=("Sam", "Alex")), **changes)
state = machine.TimerState.initial(settings)
events = {"start": machine.Start, "pause": machine.Pause, "resume": machine.Resume,
          "begin": machine.Begin, "next": machine.NextTurn, "tick": machine.Tick}
views = [view(state, steps[0][1] if steps else 0)]
for event, at in steps:
    state = machine.apply(state, events[event](at))
    views.append(view(state, at))
print(json.dumps(views))`;
  const args = [JSON.stringify(steps), JSON.stringify(settings)];
  return JSON.parse(execFileSync(python(), ["-c", script, ...args]));
}

const PREDICTED_KEYS = [
  "can_start",
  "can_pause",
  "can_resume",
  "can_next",
  "can_begin",
  "can_skip",
  "can_reset",
  "can_finish",
  "can_configure",
  "phase",
  "in_session",
  "deadline_ms",
  "remaining_ms",
  "warning_at_ms",
  "toggle_label",
  "status_text",
  "handover_text",
];

function pick(view) {
  return Object.fromEntries(PREDICTED_KEYS.map((key) => [key, view[key]]));
}

test("what the page predicts for start, pause, resume and a hand-over's tap is what Python says", () => {
  const steps = [
    ["start", T0],
    ["pause", T0 + 61_234],
    ["resume", T0 + 600_000],
    ["next", T0 + 650_000],
    ["begin", T0 + 700_000],
    ["pause", T0 + 700_001],
  ];
  const views = pythonViews(steps);
  steps.forEach(([event, at], index) => {
    const guess = predict(views[index], event, at);
    if (event === "next") {
      assert.equal(guess, null, "a change of turn is Python's to decide");
      return;
    }
    assert.deepEqual(pick(guess), pick(views[index + 1]), `${event} at step ${index}`);
    assert.equal(guess.provisional, true);
  });
});

test("with the warning off or a prediction made late, the prediction still agrees", () => {
  const steps = [["start", T0], ["pause", T0 + 179_999]];
  const views = pythonViews(steps, { warning_seconds: 0 });
  assert.deepEqual(pick(predict(views[0], "start", T0)), pick(views[1]));
  assert.deepEqual(pick(predict(views[1], "pause", T0 + 179_999)), pick(views[2]));
});

test("nothing is predicted that only Python can tell", () => {
  const [idle, running] = pythonViews([["start", T0]]);
  for (const event of ["next", "reset", "finish", "skip", "tick", "resume", "begin"]) {
    assert.equal(predict(running, event, T0 + 1), null, event);
  }
  assert.equal(predict(idle, "pause", T0), null);
});

test("the face reads the countdown, and says when a running turn has reached its end", () => {
  const [, running] = pythonViews([["start", T0]]);
  assert.deepEqual(reading(running, T0 + 1), { text: "3:00", used: 1 - 179_999 / 180_000, over: false });
  assert.equal(reading(running, T0 + 179_000).text, "0:01");
  assert.deepEqual(reading(running, T0 + 200_000), { text: "0:00", used: 1, over: true });
  const paused = predict(running, "pause", T0 + 60_000);
  assert.deepEqual(reading(paused, T0 + 9_999_999), { text: "2:00", used: 1 - 120_000 / 180_000, over: false });
});

test("a running turn asks for a tick and the chime at its deadline, and the warning before", () => {
  const [, running] = pythonViews([["start", T0]]);
  const deadline = T0 + 180_000;
  assert.deepEqual(plan(running, T0), [
    { key: `tick@${deadline}`, kind: "tick", at: deadline },
    { key: `chime@${deadline}`, kind: "chime", at: deadline },
    { key: `warn@${deadline - 30_000}`, kind: "warn", at: deadline - 30_000 },
    { key: `soft@${deadline - 30_000}`, kind: "soft", at: deadline - 30_000 },
  ]);
  assert.deepEqual(
    plan(running, deadline - 10_000, { muted: true }).map((effect) => effect.kind),
    ["tick"],
  );
  const [idle, , handover] = pythonViews([["start", T0], ["next", T0 + 5]]);
  assert.deepEqual(plan(idle, T0), []);
  assert.deepEqual(plan(handover, T0), []);
});

test("a prediction and Python's answer ask for the very same effects", () => {
  const [idle, running] = pythonViews([["start", T0]]);
  assert.deepEqual(plan(predict(idle, "start", T0), T0), plan(running, T0));
});

/** Play a session through the planner as timer.js does, recording what the chime does. */
function session(steps) {
  const scheduled = new Map(); // key -> at
  const cut = [];
  const played = [];
  for (const [view, at] of steps) {
    const sounds = plan(view, at).filter((effect) => effect.kind !== "tick" && effect.kind !== "warn");
    const change = reconcile([...scheduled].map(([key, when]) => ({ key, at: when })), sounds, at);
    for (const effect of change.cancel) {
      cut.push({ ...effect, when: at });
      scheduled.delete(effect.key);
    }
    for (const effect of change.add) {
      scheduled.set(effect.key, effect.at);
      played.push(effect.key);
    }
  }
  return { scheduled, cut, played };
}

test("the turn-end chime is never called off once its moment has come, at any change of turn", () => {
  const steps = [
    ["start", T0],
    ["tick", T0 + 180_000 + 900], // the deadline's tick arrives late (a hidden tab)
    ["begin", T0 + 200_000],
    ["tick", T0 + 380_000], // and again, on time
    ["begin", T0 + 381_000],
  ];
  const views = pythonViews(steps);
  const { cut, played } = session(views.slice(1).map((view, index) => [view, steps[index][1]]));
  assert.deepEqual(cut, []);
  assert.ok(played.includes(`chime@${T0 + 180_000}`) && played.includes(`chime@${T0 + 380_000}`));
});

test("a pause or a reset calls off only the chimes still to come", () => {
  const [, running, paused] = pythonViews([["start", T0], ["pause", T0 + 60_000]]);
  const { cut, scheduled } = session([
    [running, T0],
    [paused, T0 + 60_000],
  ]);
  assert.deepEqual(
    cut.map((effect) => effect.key).sort(),
    [`chime@${T0 + 180_000}`, `soft@${T0 + 150_000}`],
  );
  assert.ok(cut.every((effect) => effect.at > effect.when));
  assert.equal(scheduled.size, 0);
});

test("a sound never scheduled is still played a moment late, but not long after", () => {
  const wanted = [{ key: "chime@100", kind: "chime", at: 100 }];
  assert.deepEqual(reconcile([], wanted, 100 + LATE_MS).add, wanted);
  assert.deepEqual(reconcile([], wanted, 101 + LATE_MS).add, []);
  assert.deepEqual(reconcile([{ key: "chime@100", at: 100 }], [], 99).cancel, [
    { key: "chime@100", at: 100 },
  ]);
  assert.deepEqual(reconcile([{ key: "chime@100", at: 100 }], [], 100).cancel, []);
});

test("the download's progress is told in megabytes on the wire, never past the whole", () => {
  assert.equal(onTheWire(0), 0);
  assert.equal(onTheWire(ENGINE.raw), ENGINE.wire);
  assert.equal(onTheWire(ENGINE.raw * 3), ENGINE.wire);
  assert.equal(progressText("Getting the timer ready", ENGINE.raw / 2), "Getting the timer ready: 2.8 of 5.5 MB");
  assert.equal(loadLabel("Load the timer"), "Load the timer, 5.5 MB");
});
