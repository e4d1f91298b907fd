// Which effects a view asks for, and when: a pure planner, apart from the timeouts and the
// audio graph that carry them out (timer.js, timer-effects.js), so that rescheduling after
// any answer from Python can only ever cancel what is still to come.
//
// Effects are keyed by kind and moment, e.g. "chime@1800000181000": the same deadline gives
// the same key whether the page predicted it or Python confirmed it, so a confirmation
// changes nothing that is already scheduled.

/** How late a sound may still start when it was never scheduled (a reload near the end). */
export const LATE_MS = 2000;

/**
 * The effects `view` asks for, seen at `at`: a tick (ask Python) and the turn-end chime at
 * the deadline, and the soft warning (words and a quieter chime) before it. Only a running
 * turn has any; `muted` leaves out the sounds.
 */
export function plan(view, at, { muted = false } = {}) {
  if (view.phase !== "running" || typeof view.deadline_ms !== "number") return [];
  const deadline = view.deadline_ms;
  const due = [{ key: `tick@${deadline}`, kind: "tick", at: deadline }];
  if (!muted) due.push({ key: `chime@${deadline}`, kind: "chime", at: deadline });
  const warning = view.warning_at_ms;
  if (warning !== null && warning !== undefined && warning > at) {
    due.push({ key: `warn@${warning}`, kind: "warn", at: warning });
    if (!muted) due.push({ key: `soft@${warning}`, kind: "soft", at: warning });
  }
  return due;
}

/**
 * What to change so that what is scheduled matches what is wanted, at `at`: cancel only
 * what is scheduled, no longer wanted, and still to come (a pause, a reset); add what is
 * wanted and not yet scheduled, unless its moment passed more than LATE_MS ago. A sound
 * that started (its moment is past) is never cut, whatever happens next.
 */
export function reconcile(scheduled, wanted, at) {
  const wantedKeys = new Set(wanted.map((effect) => effect.key));
  const scheduledKeys = new Set(scheduled.map((effect) => effect.key));
  return {
    cancel: scheduled.filter((effect) => !wantedKeys.has(effect.key) && effect.at > at),
    add: wanted.filter((effect) => !scheduledKeys.has(effect.key) && effect.at >= at - LATE_MS),
  };
}
