// The turn-taking timer on the page: events in, view models out, all decisions in Python
// (rekindle.tools.timer.ops). This file only captures when the reader acted, keeps the latest
// state, writes the view as text, and keeps time between events.
//
// Time: the state holds the turn's deadline; the countdown is derived from Date.now() every
// quarter second, and a single timeout at the deadline asks the engine for the next turn.
// Nothing counts ticks, so hidden tabs, sleep and throttling cannot make it drift.

import { getEngine } from "../kit/engine-client.js";
import { Awake, buzz, Chime } from "./timer-effects.js";
import { SettingsPanel } from "./timer-form.js";
import { bindView, connectStatus, isTyping } from "../kit/widget-kit.js";

const TOGGLE = {
  idle: ["start", "Start"],
  running: ["pause", "Pause"],
  paused: ["resume", "Resume"],
  finished: ["reset", "New session"],
};
const STATUS = {
  loading: "Getting the timer ready on this device… you can press Start already.",
  ready: "Timer ready. It runs on this device; nothing is sent anywhere.",
};
const CUE_MS = 1600;
const timers = []; // mounted timers, newest last: keyboard shortcuts go to one of them

export function mount(root) {
  const timer = new TurnTimer(root);
  timers.push(timer);
  timer.start();
  return timer;
}

/** Countdown text, the same rule as rekindle.tools.timer.model.machine.format_clock: whole seconds, up. */
export function formatClock(ms) {
  const seconds = Math.ceil(Math.max(0, ms) / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

class TurnTimer {
  constructor(root) {
    this.root = root;
    this.engine = getEngine();
    this.state = JSON.parse(root.dataset.rkState);
    this.view = null;
    this.warningText = "";
    this.chain = Promise.resolve();
    this.chime = new Chime();
    this.awake = new Awake();
    this.timeouts = new Set();
    this.ticker = null;
    this.listeners = [];
    this.find = (selector) => root.querySelector(selector);
    this.settings = new SettingsPanel(root, this);
  }

  start() {
    this.stopStatus = connectStatus(this.root, STATUS);
    this.listen(this.root, "click", (event) => this.onClick(event));
    this.listen(document, "keydown", (event) => this.onKey(event));
    this.listen(document, "visibilitychange", () => this.onVisibility());
    this.settings.start();
  }

  unmount() {
    this.gone = true;
    this.clearTimers();
    this.chime.close();
    this.awake.release();
    for (const [target, type, handler] of this.listeners) target.removeEventListener(type, handler);
    this.listeners = [];
    this.settings.stop();
    this.stopStatus?.();
    timers.splice(timers.indexOf(this), 1);
  }

  listen(target, type, handler) {
    target.addEventListener(type, handler);
    this.listeners.push([target, type, handler]);
  }

  /**
   * Send one request to the engine after the previous one has answered, so each sees the
   * state the one before left. `build(state)` runs at sending time; the time of the
   * reader's action was captured before, so queued presses keep their moment.
   */
  request(build) {
    this.chain = this.chain.then(async () => {
      if (this.gone) return null;
      const { op, args } = build(this.state);
      try {
        const value = await this.engine.call("turn-timer", op, args);
        if (!this.gone) this.apply(value, args.event);
        return value;
      } catch (error) {
        if (!this.gone) this.settings.showProblem(error);
        return null;
      }
    });
    return this.chain;
  }

  act(action) {
    const at = Date.now();
    if (action === "toggle") this.chime.unlock();
    this.request((state) => {
      const event = action === "toggle" ? TOGGLE[state.phase][0] : action;
      return { op: "event", args: { state, at, event } };
    });
  }

  tick() {
    this.request((state) => ({ op: "event", args: { state, at: Date.now(), event: "tick" } }));
  }

  apply(value, event) {
    const before = this.view;
    this.state = value.state;
    this.view = value.view;
    this.warningText = value.warning_text;
    bindView(this.root, this.view);
    this.find('[data-rk-action="toggle"]').textContent = TOGGLE[this.view.phase][1];
    this.root.dataset.phase = this.view.phase;
    this.find("[data-rk-warning]").hidden = true;
    this.settings.sync(value);
    if (value.announcement) this.say(value.announcement);
    if (before && this.turnChanged(before)) this.cue(event === "tick");
    this.schedule();
  }

  turnChanged(before) {
    if (before.phase !== "running") return false;
    return this.view.turn !== before.turn || this.view.phase === "finished";
  }

  /** The change of turn, felt three ways: sound, touch, sight (never colour alone). */
  cue(atDeadline) {
    if (!atDeadline) this.chime.schedule(0); // a deadline's chime was already scheduled
    buzz(this.settings.prefs.vibrate);
    this.root.classList.add("rk-timer--changed");
    this.later(() => this.root.classList.remove("rk-timer--changed"), CUE_MS);
  }

  schedule() {
    this.clearTimers();
    this.chime.cancel();
    this.paint();
    const view = this.view;
    if (view.phase !== "running") {
      this.awake.release();
      delete this.root.dataset.chimeAt;
      return;
    }
    const now = Date.now();
    this.later(() => this.tick(), view.deadline_ms - now);
    this.chime.schedule(view.deadline_ms - now);
    this.root.dataset.chimeAt = String(view.deadline_ms);
    if (view.warning_at_ms !== null && view.warning_at_ms > now) {
      this.later(() => this.warn(), view.warning_at_ms - now);
      this.chime.schedule(view.warning_at_ms - now, { soft: true });
    }
    this.ticker = setInterval(() => this.paint(), 250);
    this.awake.hold();
  }

  paint() {
    const view = this.view;
    if (!view) return;
    const left = view.phase === "running" ? view.deadline_ms - Date.now() : view.remaining_ms;
    const clamped = Math.min(view.turn_ms, Math.max(0, left));
    const text = formatClock(clamped);
    const clock = this.find("[data-rk-clock]");
    if (clock.textContent !== text) clock.textContent = text;
    const progress = this.find("[data-rk-progress]");
    const used = view.phase === "finished" ? 1 : 1 - clamped / view.turn_ms;
    progress.value = used;
    progress.textContent = `${Math.round(used * 100)}%`;
  }

  warn() {
    const warning = this.find("[data-rk-warning]");
    warning.textContent = this.warningText;
    warning.hidden = false;
    this.say(this.warningText);
  }

  say(text) {
    const region = this.find("[data-rk-announce]");
    // The same sentence twice in a row would not be re-read; a trailing space changes it.
    region.textContent = region.textContent === text ? `${text}\u00a0` : text;
  }

  later(callback, delay) {
    const id = setTimeout(() => {
      this.timeouts.delete(id);
      callback();
    }, Math.max(0, delay));
    this.timeouts.add(id);
  }

  clearTimers() {
    for (const id of this.timeouts) clearTimeout(id);
    this.timeouts.clear();
    clearInterval(this.ticker);
    this.ticker = null;
  }

  onClick(event) {
    const button = event.target.closest("[data-rk-action]");
    if (button && this.root.contains(button)) this.act(button.dataset.rkAction);
  }

  onKey(event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    if (isTyping(event) || activeTimer() !== this) return;
    const key = event.key.toLowerCase();
    if (key === " " && event.target.closest?.("button, a, summary")) return; // Space presses those
    const action = { " ": "toggle", n: "next", r: "reset" }[key];
    if (!action) return;
    // The timer owns these keys on its page; Material would otherwise take N as "next page".
    event.preventDefault();
    event.stopPropagation();
    if (action === "toggle" || this.view?.[`can_${action}`] !== false) this.act(action);
  }

  onVisibility() {
    if (document.visibilityState !== "visible") return;
    this.awake.refresh();
    if (this.view?.phase === "running") this.tick();
  }
}

/** The timer holding focus, else the first on the page. */
function activeTimer() {
  return timers.find((timer) => timer.root.contains(document.activeElement)) ?? timers[0];
}
