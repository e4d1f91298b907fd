// The timer's "Names and settings" panel: the form, per-field messages, and the opt-in
// memory on this device. The engine validates (rekindle.tools.timer.model.settings); this file
// shows its verdict. A field with a problem keeps what the reader typed, next to the
// message, while the timer keeps the last valid setting.

import { storage } from "../kit/widget-kit.js";

const KEY = "rekindle.turn-timer";
const FIELDS = ["name_a", "name_b", "starts", "preset", "minutes", "rounds", "warning"];
const NOTES = {
  saved: "Names and settings are saved on this device. “Forget” removes them.",
  forgotten: "Forgotten. Nothing about this timer is stored on this device.",
  blocked:
    "This browser is not letting the site store anything, so names and settings will be " +
    "forgotten when you leave. The timer works as usual.",
};

export class SettingsPanel {
  constructor(root, timer) {
    this.root = root;
    this.timer = timer;
    this.form = root.querySelector("[data-rk-form]");
    this.remember = root.querySelector("[data-rk-remember]");
    this.note = root.querySelector("[data-rk-storage-note]");
    this.prefs = { mute: false, vibrate: true };
    this.handlers = [];
  }

  start() {
    this.on(this.form, "change", (event) => this.onChange(event));
    this.on(this.form, "submit", (event) => {
      event.preventDefault();
      this.configure();
    });
    this.on(this.root.querySelector("[data-rk-forget]"), "click", () => this.forget());
    this.restore();
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
  }

  setPref(name, on) {
    this.prefs[name] = on;
    this.timer.chime.muted = this.prefs.mute;
    if (name === "mute" && on) this.timer.chime.cancel();
    if (name === "mute" && !on) this.timer.schedule();
    if (this.remember.checked) this.save();
  }

  fields() {
    const data = new FormData(this.form);
    return Object.fromEntries(FIELDS.map((name) => [name, String(data.get(name) ?? "")]));
  }

  configure() {
    const at = Date.now();
    const fields = this.fields();
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
    if (this.remember.checked && !Object.keys(errors).length) this.save();
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

  restore() {
    const read = storage.read(KEY);
    if (!read.ok) return this.say(NOTES.blocked);
    if (read.value === null) return;
    let saved;
    try {
      saved = JSON.parse(read.value);
    } catch {
      saved = null;
    }
    this.remember.checked = true;
    this.applyPrefs(saved?.prefs);
    const at = Date.now();
    this.timer.request((state) => ({ op: "restore", args: { state, at, saved } }));
  }

  applyPrefs(prefs) {
    if (!prefs || typeof prefs !== "object") return;
    for (const name of Object.keys(this.prefs)) {
      if (typeof prefs[name] !== "boolean") continue;
      this.prefs[name] = prefs[name];
      this.root.querySelector(`[data-rk-pref="${name}"]`).checked = prefs[name];
    }
    this.timer.chime.muted = this.prefs.mute;
  }

  async save() {
    const value = await this.timer.engine.call("turn-timer", "save", { state: this.timer.state });
    if (!this.remember.checked) return; // forgotten while we waited
    const saved = { ...value.saved, prefs: this.prefs };
    if (storage.write(KEY, JSON.stringify(saved)).ok) return this.say(NOTES.saved);
    this.remember.checked = false;
    this.say(NOTES.blocked);
  }

  forget() {
    const removed = storage.remove(KEY);
    this.remember.checked = false;
    this.say(removed.ok ? NOTES.forgotten : NOTES.blocked);
  }

  /** Problems from the engine that belong to no field: unreadable saved data, mostly. */
  showProblem(error) {
    if (error?.reason === "corrupt") this.remember.checked = false;
    this.say(error?.message || "Something went wrong; your settings are kept.");
  }

  say(text) {
    this.note.textContent = text;
  }
}
