// The turn-taking timer on the page: events in, view models out, all decisions in Python
// (rekindle.tools.timer.ops). This file captures when the reader acted, keeps the latest
// state, writes the view as text, and keeps time between events.
//
// Time: the state holds the turn's deadline on a monotonic clock (timer-clock.js); the
// countdown is derived from it four times a second, and the effects a view asks for (a tick
// at the deadline, the warning, the chimes) come from a pure planner (timer-plan.js) and are
// reconciled after every answer, so nothing that already sounds is ever cut. Nothing counts
// ticks, so hidden tabs, sleep and throttling cannot make it drift.
//
// Before Python is ready, the page predicts what it can (start, pause, resume: the first
// turn's length is on the page) and queues every press with its moment; Python's answers
// replace the prediction. Presses made before this module loaded were caught by the early
// script (timer-early.js) and are replayed here with their moments.

import { hasTopics, topicPrompts } from "../deciding/topics-for-timer.js";
import { getEngine } from "../kit/engine-client.js";
import { watchDownload } from "../kit/engine-progress.js";
import { bindView, connectStatus } from "../kit/widget-kit.js";
import { formatClock, now, predict, reading } from "./timer-clock.js";
import { Awake, buzz, Chime } from "./timer-effects.js";
import { SettingsPanel } from "./timer-form.js";
import { listenForKeys } from "./timer-keys.js";
import { plan, reconcile } from "./timer-plan.js";
import { SessionKeeper, SessionView } from "./timer-session.js";

export { formatClock };

const TOGGLE = {
  idle: "start",
  running: "pause",
  paused: "resume",
  handover: "begin",
  finished: "reset",
};
const STATUS = {
  loading: "Getting the timer ready on this device… you can press Start already.",
  ready: "Timer ready. It runs on this device; nothing is sent anywhere.",
  held:
    "This device asks to save data, so the timer’s engine waits until you load it. The clock " +
    "runs without it; changing turns needs it.",
};
const WAITING = "Time is up. The next turn starts as soon as the timer has finished loading.";
const CUE_MS = 1600;
const UNDO_MS = 30_000;
const CHANGED = "rk-timer--changed";

export function mount(root) {
  const timer = new TurnTimer(root);
  timer.start();
  return timer;
}

class TurnTimer {
  constructor(root) {
    this.root = root;
    this.engine = getEngine();
    this.initial = { state: JSON.parse(root.dataset.rkState), view: JSON.parse(root.dataset.rkView) };
    this.state = this.initial.state; // the last state Python confirmed
    this.confirmed = this.initial.view; // its view
    this.view = this.initial.view; // what is shown: that view, or a prediction
    this.unconfirmed = []; // events sent or queued, not yet answered: [{event, at}]
    this.warningText = "";
    this.chain = Promise.resolve();
    this.pending = 0;
    this.chime = new Chime();
    this.awake = new Awake();
    this.effects = new Map(); // key -> {at, id}: the planner's timeouts
    this.ticker = null;
    this.cueTimer = null;
    this.undo = null; // {state, timer}: what Undo restores after a reset
    this.listeners = [];
    this.stops = [];
    this.find = (selector) => root.querySelector(selector);
    this.session = new SessionView(this);
    this.keeper = new SessionKeeper(root);
    this.settings = new SettingsPanel(root, this);
  }

  start() {
    this.root.dataset.rkMounted = "1";
    this.stops.push(connectStatus(this.root, STATUS), listenForKeys(this));
    const words = { progress: "Getting the timer ready", load: "Load the timer" };
    this.stops.push(watchDownload(this.root, this.engine, words));
    this.listen(this.root, "click", (event) => this.onClick(event));
    this.listen(document, "click", (event) => this.onLaunch(event), true);
    this.listen(document, "visibilitychange", () => this.onVisibility());
    this.listen(document, "fullscreenchange", (event) => this.session.onFullscreenChange(event));
    this.listen(window, "keydown", (event) => this.session.onKeyDown(event));
    this.listen(window, "popstate", () => this.session.onPopState());
    this.listen(window, "beforeunload", (event) => this.onLeave(event));
    this.listen(window, "pageshow", (event) => event.persisted && this.tick());
    const resumed = this.resumeKept();
    this.settings.start({ restore: !resumed });
    this.takeOverEarly();
    this.render(null);
    if (!resumed) this.takeTopics();
  }

  /**
   * Arrived from the worksheet's "Take these to the conversation" (`#topics=` ids): its
   * topics become this session's prompts, through the worksheet's own op (tools never
   * import each other's Python). A session already under way keeps its own prompts.
   */
  async takeTopics() {
    if (!hasTopics()) return;
    const prompts = await topicPrompts();
    if (!prompts.length || this.gone || this.state.phase !== "idle") return;
    this.request((state) => ({ op: "configure", args: { state, at: now(), fields: { prompts } } }));
    const note = document.createElement("p");
    note.className = "rk-note rk-timer__topics";
    note.dataset.rkTopicsNote = "";
    const count = prompts.length === 1 ? "1 topic" : `${prompts.length} topics`;
    note.textContent = `Prompts from your worksheet: ${count} to talk about, one each round.`;
    this.find(".rk-timer__prompt")?.before(note);
  }

  unmount() {
    this.gone = true;
    for (const { id } of this.effects.values()) clearTimeout(id);
    this.effects.clear();
    clearInterval(this.ticker);
    clearTimeout(this.cueTimer);
    clearTimeout(this.undo?.timer);
    this.chime.close();
    this.awake.release();
    for (const [target, type, handler, capture] of this.listeners) {
      target.removeEventListener(type, handler, capture);
    }
    this.listeners = [];
    for (const stop of this.stops) stop?.();
    this.settings.stop();
    this.session.closed();
  }

  listen(target, type, handler, capture = false) {
    target.addEventListener(type, handler, capture);
    this.listeners.push([target, type, handler, capture]);
  }

  // --- talking to Python ---------------------------------------------------------------

  /**
   * Send one request after the previous one has answered, so each sees the state the one
   * before left. `build(state)` runs at sending time; the moment of the reader's action was
   * captured before, so queued presses keep their moment.
   */
  request(build, { restoring = false } = {}) {
    this.busy(+1);
    this.chain = this.chain.then(async () => {
      if (this.gone) return null;
      const { op, args } = build(this.state);
      try {
        const value = await this.engine.call("turn-timer", op, args);
        this.busy(-1);
        if (!this.gone) this.apply(value, args.event);
        return value;
      } catch (error) {
        this.busy(-1);
        if (!this.gone) this.refused(error, restoring);
        return null;
      }
    });
    return this.chain;
  }

  /** Count requests not yet answered; `data-rk-busy` says there are some (tests wait on it). */
  busy(change) {
    this.pending += change;
    if (this.pending > 0) this.root.dataset.rkBusy = "";
    else delete this.root.dataset.rkBusy;
  }

  /** A reader's press (click, key): ignored when the view says it does nothing now. */
  press(action) {
    if (action !== "toggle" && this.view[`can_${action}`] === false) return;
    this.act(action, now());
  }

  act(action, at) {
    this.chime.unlock(); // every press is a gesture: the chance to allow sound
    const event = action === "toggle" ? TOGGLE[this.view.phase] : action;
    if (event === "reset" && this.view.in_session) this.offerUndo();
    else this.dropUndo();
    const guess = predict(this.view, event, at);
    // Pending before shown: showing keeps the session for a reload, and a reload in the
    // instant before Python answers must replay this press, not lose it.
    this.unconfirmed.push({ event, at });
    if (guess) this.show(guess);
    this.request((state) => {
      if (event === "reset" && this.undo) this.undo.state = state;
      return { op: "event", args: { state, at, event } };
    });
  }

  tick() {
    this.request((state) => ({ op: "event", args: { state, at: now(), event: "tick" } }));
  }

  apply(value, event) {
    const before = this.confirmed;
    if (event && event !== "tick") this.unconfirmed.shift();
    this.state = value.state;
    this.confirmed = value.view;
    this.warningText = value.warning_text;
    this.settings.sync(value);
    if (value.announcement) this.say(value.announcement);
    if (turnEnded(before, value.view)) this.cue(before);
    // A prediction made after this request stays on screen until its own answer comes.
    if (!(this.pending > 0 && this.view.provisional)) this.show(value.view);
    else this.keep();
  }

  /** Python said no: a reader's problem (shown by the form) or a kept session it cannot read. */
  refused(error, restoring) {
    this.unconfirmed = [];
    if (restoring) {
      this.keeper.forget();
      this.state = this.initial.state;
      this.confirmed = this.initial.view;
      this.say("The session kept in this tab could not be read, so the timer starts afresh.");
    }
    this.show(this.confirmed);
    this.settings.showProblem(error);
  }

  // --- what is shown -------------------------------------------------------------------

  show(view) {
    const before = this.view;
    this.view = view;
    this.render(before);
  }

  render(before) {
    const view = this.view;
    bindView(this.root, view);
    this.root.dataset.phase = view.phase;
    this.root.dataset.speaker = String(view.speaker_index);
    // The running turn's deadline, for tests and developers (the turn-end chime's moment).
    if (view.phase === "running") this.root.dataset.chimeAt = String(view.deadline_ms);
    else delete this.root.dataset.chimeAt;
    if (before?.turn !== view.turn || view.phase !== "running") this.warned = false;
    this.find("[data-rk-warning]").textContent = this.warningText;
    this.reschedule();
    this.paint();
    this.keep();
  }

  paint() {
    const view = this.view;
    const at = now();
    const shown = reading(view, at);
    const clock = this.find("[data-rk-clock]");
    if (clock.textContent !== shown.text) clock.textContent = shown.text;
    const progress = this.find("[data-rk-progress]");
    progress.value = shown.used;
    progress.textContent = `${Math.round(shown.used * 100)}%`;
    const left = view.phase === "running" ? view.deadline_ms - at : 0;
    const warning = this.find("[data-rk-warning]");
    warning.hidden = !(view.warning_ms && left > 0 && left <= view.warning_ms && this.warned);
    const wait = this.find("[data-rk-wait]");
    const waiting = shown.over && this.engine.state !== "ready";
    if (wait.hidden === waiting) wait.textContent = waiting ? WAITING : "";
    wait.hidden = !waiting;
  }

  /** Make the scheduled timeouts and chimes match what the view asks for (timer-plan.js). */
  reschedule() {
    const at = now();
    const wanted = plan(this.view, at, { muted: this.settings.prefs.mute });
    const sounds = wanted.filter((effect) => effect.kind === "chime" || effect.kind === "soft");
    const heard = reconcile(this.chime.scheduled(), sounds, at);
    for (const effect of heard.cancel) this.chime.cancel(effect.key);
    for (const effect of heard.add) {
      this.chime.play(effect.key, effect.at, at, { soft: effect.kind === "soft" });
    }
    this.chime.prune(at);
    const timed = wanted.filter((effect) => effect.kind === "tick" || effect.kind === "warn");
    const current = [...this.effects].map(([key, { at: when }]) => ({ key, at: when }));
    const change = reconcile(current, timed, at);
    for (const effect of change.cancel) {
      clearTimeout(this.effects.get(effect.key).id);
      this.effects.delete(effect.key);
    }
    for (const effect of change.add) this.later(effect, at);
    this.keepAwake();
  }

  later(effect, at) {
    const id = setTimeout(() => {
      this.effects.delete(effect.key);
      if (effect.kind === "tick") this.tick();
      else this.warn();
    }, Math.max(0, effect.at - at));
    this.effects.set(effect.key, { at: effect.at, id });
  }

  keepAwake() {
    const phase = this.view.phase;
    if (phase === "running") this.ticker ??= setInterval(() => this.paint(), 250);
    else {
      clearInterval(this.ticker);
      this.ticker = null;
    }
    if (phase === "running" || phase === "handover") this.awake.hold();
    else this.awake.release();
  }

  warn() {
    this.warned = true;
    this.paint();
    this.say(this.warningText);
  }

  /** The end of a turn, felt three ways: sound, touch, sight (never colour alone). */
  cue(before) {
    const at = now();
    const rang = before.deadline_ms !== null && before.deadline_ms <= at + 50;
    const scheduled = this.chime.scheduled().some((n) => n.key === `chime@${before.deadline_ms}`);
    this.changes = (this.changes ?? 0) + 1;
    const key = `change@${at}#${this.changes}`; // two changes may share a millisecond
    if (!(rang && scheduled) && !this.settings.prefs.mute) this.chime.play(key, at, at);
    buzz(this.settings.prefs.vibrate);
    this.root.classList.remove(CHANGED);
    void this.root.offsetWidth; // restart the pulse when turns change in quick succession
    this.root.classList.add(CHANGED);
    clearTimeout(this.cueTimer);
    this.cueTimer = setTimeout(() => this.root.classList.remove(CHANGED), CUE_MS);
  }

  say(text) {
    const region = this.find("[data-rk-announce]");
    // The same sentence twice in a row would not be re-read; a trailing space changes it.
    region.textContent = region.textContent === text ? `${text}\u00a0` : text;
  }

  // --- reset and undo ------------------------------------------------------------------

  offerUndo() {
    this.dropUndo();
    const box = this.find("[data-rk-undo-box]");
    this.find("[data-rk-undo-text]").textContent = "The session was reset.";
    box.hidden = false;
    this.undo = { state: null, timer: setTimeout(() => this.dropUndo(), UNDO_MS) };
  }

  dropUndo() {
    if (!this.undo) return;
    clearTimeout(this.undo.timer);
    this.undo = null;
    this.find("[data-rk-undo-box]").hidden = true;
  }

  /** Put back exactly the state before the reset; a running clock kept running meanwhile. */
  restoreFromUndo() {
    const undo = this.undo;
    this.dropUndo();
    if (!undo) return;
    this.request(() => ({ op: "event", args: { state: undo.state, at: now(), event: "tick" } }));
  }

  // --- a session kept in this tab ------------------------------------------------------

  keep() {
    const live = this.view.in_session || this.confirmed.in_session;
    this.keeper.save(this.state, live ? this.view : this.confirmed, this.session.isOpen, {
      pending: this.unconfirmed,
    });
  }

  /** A session this tab was in (a reload, a way back): show it, replay, let Python check. */
  resumeKept() {
    const kept = this.keeper.load();
    if (!kept) return false;
    this.state = kept.state;
    this.confirmed = kept.view;
    this.view = kept.view;
    this.request((state) => ({ op: "event", args: { state, at: now(), event: "tick" } }), {
      restoring: true,
    });
    for (const { event, at } of kept.pending) this.act(event, at);
    if (kept.open) this.session.open({ push: false, fullscreen: false }); // a reload: on its entry
    return true;
  }

  /** Presses the early script caught before this module loaded, replayed with their moment. */
  takeOverEarly() {
    const early = window.__rkTimerEarly;
    if (!early) return;
    early.stop?.(this.root.id);
    const mine = early.presses.filter((press) => press.id === this.root.id);
    early.presses = early.presses.filter((press) => press.id !== this.root.id);
    for (const press of mine) {
      if (press.action === "open") this.session.open({ fullscreen: false });
      else this.act(press.action, press.at);
    }
  }

  // --- the page around ----------------------------------------------------------------

  onClick(event) {
    const target = event.target instanceof Element ? event.target : null;
    const button = target?.closest("[data-rk-action]");
    if (button && this.root.contains(button)) return this.press(button.dataset.rkAction);
    if (target?.closest("[data-rk-open-session]")) return this.session.open();
    if (target?.closest("[data-rk-close-session]")) return this.session.close();
    if (target?.closest("[data-rk-undo]")) return this.restoreFromUndo();
    return undefined;
  }

  /**
   * "Start a session" under the page's title opens this timer's view. Heard first (capture)
   * and kept from Material, whose instant navigation would otherwise follow the link.
   */
  onLaunch(event) {
    const link = event.target instanceof Element && event.target.closest("[data-rk-open-session]");
    if (!link || this.root.contains(link) || link.dataset.rkOpenSession !== this.root.id) return;
    event.preventDefault();
    event.stopPropagation();
    this.session.open();
  }

  /** Leaving mid-session asks first, where the browser allows; never on the quick exit. */
  onLeave(event) {
    const leavingQuickly = document.body.style.display === "none"; // kit/quick-exit.js
    if (!this.view.in_session || leavingQuickly) return;
    event.preventDefault();
    event.returnValue = "";
  }

  onVisibility() {
    if (document.visibilityState !== "visible") return;
    this.awake.refresh();
    if (this.view.phase === "running") this.tick();
  }
}

/** Whether a turn ended between two views (at its deadline, by Next turn, or at the end). */
function turnEnded(before, after) {
  if (!before || !(before.phase === "running" || before.phase === "paused")) return false;
  if (after.phase === "handover" || after.phase === "finished") return true;
  return after.phase === "running" && after.turn !== before.turn;
}
