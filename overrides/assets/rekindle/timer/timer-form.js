// The timer's "Names and settings" panel: the form, per-field messages, and the opt-in
// memory on this device. The engine validates (rekindle.tools.timer.model.settings); this file
// shows its verdict. A field with a problem keeps what the reader typed, next to the
// message, while the timer keeps the last valid setting.
//
// What is saved is written only when this tab's reader changes something (a setting, a
// preference, ticking "Remember"), never as a side effect of running the timer, so a second
// tab cannot write its stale names over the ones just saved in the first; each tab hears the
// other's saves and deletions (`storage` events). Saved data that cannot be read is copied
// aside to `<KEY>.corrupt`, never silently overwritten.

import { siteName } from "../kit/scope.js";
import { storage } from "../kit/widget-kit.js";
import { now } from "./timer-clock.js";

const KEY = "rekindle.turn-timer";
const ASIDE_KEY = `${KEY}.corrupt`;
const FIELDS = ["name_a", "name_b", "starts", "preset", "minutes", "rounds", "warning", "handover"];
const NOTES = {
  saved: "Names and settings are saved on this device. “Forget” removes them.",
  forgotten: "Forgotten. Nothing about this timer is stored on this device.",
  elsewhere: "Forgotten in another tab. Nothing about this timer is stored on this device.",
  blocked:
    "This browser is not letting the site store anything, so names and settings will be " +
    "forgotten when you leave. The timer works as usual.",
  applied: "Done: the timer uses these settings now.",
  fix: "Some settings were not used: see the messages by the fields.",
  later: "Settings can be changed once the timer is reset or finished.",
};

export class SettingsPanel {
  constructor(root, timer) {
    this.root = root;
    this.timer = timer;
    this.form = root.querySelector("[data-rk-form]");
    this.remember = root.querySelector("[data-rk-remember]");
    this.note = root.querySelector("[data-rk-storage-note]");
    this.applied = root.querySelector("[data-rk-applied]");
    this.prefs = { mute: false, vibrate: true };
    this.handlers = [];
    this.changedHere = false; // the next answer carries a change this tab's reader made
    this.announceApplied = false;
  }

  /** `restore`: apply saved settings (not when a session kept in this tab came back). */
  start({ restore = true } = {}) {
    this.on(this.form, "change", (event) => this.onChange(event));
    this.on(this.form, "submit", (event) => {
      event.preventDefault();
      this.announceApplied = true;
      this.configure();
    });
    this.on(this.root.querySelector("[data-rk-forget]"), "click", () => this.forget());
    this.on(window, "storage", (event) => this.onStorage(event));
    this.restore({ settings: restore });
  }

  stop() {
    for (const [target, type, handler] of this.handlers) target.removeEventListener(type, handler);
    this.handlers = [];
  }

  on(target, type, handler) {
    target.addEventListener(type, handler);
    this.handlers.push([target, type, handler]);
  }

  onChange(event) {
    const target = event.target;
    if (target.dataset.rkPref) return this.setPref(target.dataset.rkPref, target.checked);
    if (target === this.remember) return target.checked ? this.save() : this.forget();
    if (FIELDS.includes(target.name)) this.configure();
    return undefined;
  }

  setPref(name, on) {
    this.prefs[name] = on;
    this.timer.reschedule(); // a muted chime still to come is called off; unmuted, it is back
    if (this.remember.checked) this.save();
  }

  fields() {
    const data = new FormData(this.form);
    return Object.fromEntries(FIELDS.map((name) => [name, String(data.get(name) ?? "")]));
  }

  configure() {
    const at = now();
    const fields = this.fields();
    this.changedHere = true;
    this.timer.request((state) => ({ op: "configure", args: { state, at, fields } }));
  }

  /** Mirror an engine result: values, per-field messages, and whether editing is allowed. */
  sync(value) {
    const errors = value.errors || {};
    for (const name of FIELDS) this.fill(name, value.form[name], errors[name]);
    for (const [index, name] of [value.form.name_a, value.form.name_b].entries()) {
      this.root.querySelector(`[data-rk-starts-label="${index}"]`).textContent = name;
    }
    const editable = value.view.can_configure;
    for (const part of this.root.querySelectorAll("[data-rk-editable]")) part.disabled = !editable;
    this.root.querySelector("[data-rk-form-note]").hidden = editable;
    const ok = !Object.keys(errors).length;
    if (this.changedHere && ok && this.remember.checked) this.save();
    if (this.announceApplied) this.applied.textContent = ok ? NOTES.applied : NOTES.fix;
    this.changedHere = false;
    this.announceApplied = false;
  }

  fill(name, text, problem) {
    const controls = this.form.elements[name];
    const message = this.root.querySelector(`[data-rk-error-for="${name}"]`);
    if (message) {
      message.textContent = problem || "";
      message.hidden = !problem;
    }
    if (controls instanceof RadioNodeList) {
      for (const radio of controls) radio.checked = radio.value === text;
      return;
    }
    if (!controls) return;
    controls.setAttribute("aria-invalid", problem ? "true" : "false");
    if (problem) controls.setAttribute("aria-describedby", message.id);
    else controls.removeAttribute("aria-describedby");
    const typing = controls === document.activeElement && controls.tagName === "INPUT";
    if (!problem && !typing && controls.value !== text) controls.value = text;
  }

  /** On mount: preferences always; the saved names and settings only if `settings`. */
  restore({ settings }) {
    const read = storage.read(KEY);
    if (!read.ok) return this.say(NOTES.blocked);
    if (read.value === null) return undefined;
    this.remember.checked = true;
    this.adopt(read.value, settings);
    return undefined;
  }

  /** Use saved text (ours, or another tab's): preferences, then settings if allowed. */
  adopt(raw, settings = true) {
    let saved;
    try {
      saved = JSON.parse(raw);
    } catch {
      saved = null;
    }
    this.applyPrefs(saved?.prefs);
    if (!settings || !this.timer.view.can_configure) return;
    const at = now();
    this.timer.request((state) => ({ op: "restore", args: { state, at, saved } }));
  }

  applyPrefs(prefs) {
    if (!prefs || typeof prefs !== "object") return;
    for (const name of Object.keys(this.prefs)) {
      if (typeof prefs[name] !== "boolean") continue;
      this.prefs[name] = prefs[name];
      this.root.querySelector(`[data-rk-pref="${name}"]`).checked = prefs[name];
    }
    this.timer.reschedule();
  }

  /** Another tab saved or forgot: follow it, writing nothing back. */
  onStorage(event) {
    if (event.key !== siteName(KEY) && event.key !== null) return; // null: all cleared
    const read = storage.read(KEY);
    if (!read.ok) return;
    if (read.value === null) {
      if (this.remember.checked) this.say(NOTES.elsewhere);
      this.remember.checked = false;
      return;
    }
    this.remember.checked = true;
    this.adopt(read.value);
  }

  async save() {
    const state = this.timer.state;
    let value;
    try {
      value = await this.timer.engine.call("turn-timer", "save", { state });
    } catch (error) {
      return this.showProblem(error);
    }
    if (!this.remember.checked) return undefined; // forgotten while we waited
    const saved = { ...value.saved, prefs: this.prefs };
    if (storage.write(KEY, JSON.stringify(saved)).ok) return this.say(NOTES.saved);
    this.remember.checked = false;
    return this.say(NOTES.blocked);
  }

  forget() {
    const removed = storage.remove(KEY);
    storage.remove(ASIDE_KEY);
    this.remember.checked = false;
    this.say(removed.ok ? NOTES.forgotten : NOTES.blocked);
  }

  /** Problems from the engine that belong to no field: unreadable saved data, mostly. */
  showProblem(error) {
    if (error?.reason === "corrupt") this.setAside();
    if (error?.message === NOTES.later) return;
    this.say(error?.message || "Something went wrong; your settings are kept.");
  }

  /** Saved settings the engine cannot read: kept aside as they were, then removed. */
  setAside() {
    this.remember.checked = false;
    const read = storage.read(KEY);
    if (!read.ok || read.value === null) return;
    if (storage.write(ASIDE_KEY, read.value).ok) storage.remove(KEY);
  }

  say(text) {
    this.note.textContent = text;
  }
}
