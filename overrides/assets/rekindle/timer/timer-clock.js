// The timer's time on the page, as pure functions (Node's test runner checks them against
// Python): the clock it reads, the countdown text, and what the page may show before Python
// answers.
//
// Time is a monotonic clock in whole ms: performance.now() from a fixed anchor, the wall
// clock's reading when the page first looked (shared with the early script, timer-early.js,
// so both agree). It reads like Date.now() at first, but a wall clock set back or forward
// afterwards neither freezes nor stretches a turn. The pure model
// (rekindle.tools.timer.model) gets the same numbers in every event's `at`.
const ANCHOR = globalThis.__rkTimerEarly?.anchor ?? Date.now() - performance.now();

/** Now, in whole milliseconds on the page's monotonic clock. */
export function now() {
  return Math.round(ANCHOR + performance.now());
}

/** Countdown text, the same rule as rekindle.tools.timer.model.text.format_clock. */
export function formatClock(ms) {
  const seconds = Math.ceil(Math.max(0, ms) / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/** Time left in the view's turn at `at`, between 0 and one turn length. */
export function remaining(view, at) {
  const left = view.phase === "running" ? view.deadline_ms - at : view.remaining_ms;
  return Math.min(view.turn_ms, Math.max(0, left));
}

/**
 * What the clock face shows at `at`: the countdown text, the share of the turn used, and
 * whether a running turn has reached its end (the next step is Python's to decide).
 */
export function reading(view, at) {
  const left = remaining(view, at);
  const used = view.phase === "finished" ? 1 : 1 - left / view.turn_ms;
  return { text: formatClock(left), used, over: view.phase === "running" && left === 0 };
}

const PREDICTED = {
  idle: { start: "running" },
  running: { pause: "paused" },
  paused: { resume: "running" },
  handover: { begin: "running" },
};

/**
 * The view the page may show at once after `event` at `at`, before Python confirms it, or
 * null when only Python can tell (a change of turn, a reset, a finish). Only the clock is
 * predicted: starting, pausing and resuming a turn whose length the page already knows.
 * Python's answer replaces it; its rules (rekindle.tools.timer.model.machine) agree.
 */
export function predict(view, event, at) {
  const phase = PREDICTED[view.phase]?.[event];
  if (!phase) return null;
  const running = phase === "running";
  const common = {
    ...view,
    provisional: true,
    phase,
    in_session: true,
    handover_text: "",
    // what each phase allows (rekindle.tools.timer.model.machine.TRANSITIONS)
    can_start: false,
    can_pause: running,
    can_resume: !running,
    can_next: true,
    can_begin: false,
    can_skip: view.prompt !== "",
    can_reset: true,
    can_finish: true,
    can_configure: false,
  };
  if (phase === "paused") {
    const left = Math.max(1, remaining(view, at));
    return { ...common, remaining_ms: left, deadline_ms: null, warning_at_ms: null,
      toggle_label: "Resume", status_text: "Paused" };
  }
  const left = view.phase === "paused" ? view.remaining_ms : view.turn_ms;
  const deadline = at + left;
  const warning = view.warning_ms ? deadline - view.warning_ms : null;
  return { ...common, deadline_ms: deadline, remaining_ms: left, toggle_label: "Pause",
    warning_at_ms: warning !== null && warning > at ? warning : null,
    status_text: view.running_text };
}
