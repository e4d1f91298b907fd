// The check-in planner on the page: the form's text goes to the engine
// (rekindle.tools.checkin.ops) with the reader's time zone and the time they acted; what
// comes back is written as text (never as HTML). All rules about dates, clocks and the
// calendar file are in Python; this file debounces typing, shows each problem next to its
// field, and hands the file or the text to the reader.

import { getEngine } from "../kit/engine-client.js";
import { bindView, connectStatus } from "../kit/widget-kit.js";
import { Keeper } from "./checkin-keep.js";
import { browserNote, copyToClipboard, downloadFile } from "./checkin-share.js";
import { DAY_MS, localDateText, zoneInput } from "./checkin-zone.js";

const WIDGET = "checkin-planner";
const FIELDS = [
  "frequency",
  "day",
  "second_day",
  "time",
  "duration",
  "start",
  "count",
  "reminder",
  "title",
  "description",
  "lookback",
];
const DEBOUNCE_MS = 400;
const REVOKE_MS = 60_000; // time enough for any browser to start the download
const STATUS = {
  loading: "Getting the planner ready on this device… you can fill in the form already.",
  ready: "Planner ready. It runs on this device; nothing is sent anywhere.",
};
const NOTES = {
  fix: (count) =>
    count === 1
      ? "One answer needs a look (see the message under it). The dates show again once it is fixed."
      : `${count} answers need a look (see the messages under them). The dates show again once they are fixed.`,
  downloaded: (name) =>
    `Your calendar file (${name}) is ready. Open it to add the check-ins to your calendar, ` +
    "if your browser did not offer that already.",
  copied: "The dates are copied. They are also in the box below.",
  notCopied:
    "This browser did not let the page copy. The dates are in the box below: select them " +
    "and copy them.",
  failed: "That did not work this time; your answers are kept. Please try again.",
};

export function mount(root) {
  const planner = new Planner(root);
  planner.start();
  return planner;
}

class Planner {
  constructor(root) {
    this.root = root;
    this.engine = getEngine();
    this.form = root.querySelector("[data-rk-form]");
    this.keeper = new Keeper(root, this.engine);
    this.listeners = [];
    this.timer = null;
    this.urls = new Set();
    this.serial = 0;
    this.latest = null; // {key, value}: the last preview shown, for "Copy"
    this.zoneCache = null;
    this.gone = false;
  }

  start() {
    this.stopStatus = connectStatus(this.root, STATUS);
    const start = this.form.elements.start;
    if (!start.value) start.value = localDateText(Date.now());
    this.listen(this.form, "input", (event) => this.onInput(event));
    this.listen(this.form, "change", (event) => this.onChange(event));
    this.listen(this.form, "submit", (event) => event.preventDefault());
    this.listen(this.root, "click", (event) => this.onClick(event));
    const note = browserNote(navigator.userAgent);
    const noteEl = this.root.querySelector("[data-rk-browser-note]");
    noteEl.textContent = note ?? "";
    noteEl.hidden = !note;
    this.showFrequency();
    this.restore();
  }

  unmount() {
    this.gone = true;
    this.keeper.gone = true;
    clearTimeout(this.timer);
    for (const [target, type, handler] of this.listeners) target.removeEventListener(type, handler);
    this.listeners = [];
    for (const url of this.urls) URL.revokeObjectURL(url);
    this.urls.clear();
    this.stopStatus?.();
  }

  listen(target, type, handler) {
    target.addEventListener(type, handler);
    this.listeners.push([target, type, handler]);
  }

  async restore() {
    const saved = await this.keeper.restore();
    if (this.gone) return;
    if (saved) this.fill(saved);
    this.preview({ save: false }); // what was just read back needs no saving

  }

  /** Refill the form from a saved plan; a start date that has passed becomes today. */
  fill(saved) {
    const today = localDateText(Date.now());
    for (const [name, text] of Object.entries(saved)) {
      const control = this.form.elements[name];
      if (!control) continue;
      if (control instanceof RadioNodeList) {
        for (const radio of control) radio.checked = radio.value === text;
      } else if (control.type === "checkbox") {
        control.checked = ["on", "true", "yes", "1"].includes(text.toLowerCase());
      } else {
        control.value = text;
      }
    }
    const start = this.form.elements.start;
    if (/^\d{4}-\d{2}-\d{2}$/.test(start.value) && start.value < today) {
      start.value = today;
      this.keeper.say("Your saved plan is back. Its start date had passed, so it now starts today.");
    } else {
      this.keeper.say("Your saved plan is back. “Forget the saved plan” removes it.");
    }
    this.showFrequency();
  }

  fields() {
    const data = new FormData(this.form);
    const fields = Object.fromEntries(FIELDS.map((name) => [name, String(data.get(name) ?? "")]));
    fields.lookback = this.form.elements.lookback.checked ? "on" : "";
    return fields;
  }

  /** The zone input for now; made again when the page has been open for a day. */
  zone(at) {
    if (!this.zoneCache || Math.abs(at - this.zoneCache.at) > DAY_MS) {
      this.zoneCache = { at, zone: zoneInput(at) };
    }
    return this.zoneCache.zone;
  }

  args() {
    const at = Date.now();
    return { fields: this.fields(), zone: this.zone(at), at };
  }

  onInput(event) {
    this.speak();
    if (event.target.name === "frequency") this.showFrequency();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.preview(), DEBOUNCE_MS);
  }

  onChange(event) {
    const target = event.target;
    if (event.isTrusted) this.speak();
    if (target.matches("[data-rk-keep]")) {
      this.keeper.onToggle(this.fields());
      return;
    }
    if (!FIELDS.includes(target.name)) return;
    if (target.name === "frequency") this.showFrequency();
    clearTimeout(this.timer);
    this.preview();
  }

  onClick(event) {
    const button = event.target.closest("[data-rk-action], [data-rk-forget]");
    if (!button || !this.root.contains(button)) return;
    if (button.matches("[data-rk-forget]")) this.keeper.forget();
    else if (button.dataset.rkAction === "download") this.download();
    else if (button.dataset.rkAction === "copy") this.copy();
  }

  /** From the reader's first change on, a new summary is read out when it is shown (not on
   * load, which would interrupt reading the page). */
  speak() {
    this.root.querySelector('[data-bind="summary"]').setAttribute("aria-live", "polite");
  }

  showFrequency() {
    const chosen = this.form.querySelector('input[name="frequency"]:checked');
    if (chosen) this.root.dataset.frequency = chosen.value;
  }

  /** Ask for the dates; only the newest answer is shown. Saves the form when chosen. */
  async preview({ save = true } = {}) {
    const serial = ++this.serial;
    const args = this.args();
    if (save) this.keeper.save(args.fields);
    let value;
    try {
      value = await this.engine.call(WIDGET, "preview", args);
    } catch (error) {
      if (!this.gone && serial === this.serial) this.problem(error);
      return null;
    }
    if (this.gone || serial !== this.serial) return null;
    this.latest = { key: JSON.stringify(args.fields), value };
    this.show(value);
    return value;
  }

  show(value) {
    const errors = value.errors || {};
    this.showErrors(errors);
    const count = Object.keys(errors).length;
    this.root.dataset.plan = count ? "needs-a-look" : "ready";
    const dates = this.root.querySelector("[data-rk-next]");
    const label = this.root.querySelector("[data-rk-next-label]");
    const notes = this.root.querySelector("[data-rk-clock-notes]");
    if (count) {
      bindView(this.root, { summary: NOTES.fix(count), more_text: "", reminder: "", lookback: "", zone_note: "" });
      dates.replaceChildren();
      notes.replaceChildren();
      dates.hidden = label.hidden = notes.hidden = true;
      return;
    }
    const more = value.more ? `…and ${value.more} more after these.` : "";
    bindView(this.root, { ...value, more_text: more });
    dates.replaceChildren(...value.next.map((text) => item(text)));
    notes.replaceChildren(...value.clock_notes.map((text) => item(text)));
    dates.hidden = label.hidden = false;
    notes.hidden = !value.clock_notes.length;
    this.root.dataset.zoneFixed = String(value.zone_fixed);
  }

  /** Each message under its field; every other field keeps what the reader typed. */
  showErrors(errors) {
    for (const name of FIELDS) {
      const message = this.root.querySelector(`[data-rk-error-for="${name}"]`);
      const problem = errors[name] || "";
      if (message) {
        message.textContent = problem;
        message.hidden = !problem;
      }
      const control = this.form.elements[name];
      if (control && !(control instanceof RadioNodeList)) {
        if (problem) control.setAttribute("aria-invalid", "true");
        else control.removeAttribute("aria-invalid");
      }
    }
  }

  focusFirstProblem() {
    const first = FIELDS.find((name) => !this.root.querySelector(`[data-rk-error-for="${name}"]`)?.hidden);
    const control = first && this.form.elements[first];
    (control instanceof RadioNodeList ? control[0] : control)?.focus();
  }

  async download() {
    clearTimeout(this.timer);
    this.say("Making your calendar file…");
    let value;
    try {
      value = await this.engine.call(WIDGET, "calendar", this.args());
    } catch (error) {
      if (!this.gone) this.problem(error);
      return;
    }
    if (this.gone) return;
    if (Object.keys(value.errors).length) {
      this.showErrors(value.errors);
      this.preview();
      this.say(NOTES.fix(Object.keys(value.errors).length));
      this.focusFirstProblem();
      return;
    }
    const url = downloadFile(value.text, value.filename, value.media_type);
    this.urls.add(url);
    setTimeout(() => {
      URL.revokeObjectURL(url);
      this.urls.delete(url);
    }, REVOKE_MS);
    this.say(NOTES.downloaded(value.filename));
  }

  async copy() {
    const key = JSON.stringify(this.fields());
    clearTimeout(this.timer);
    // The text shown already is copied at once (some browsers allow copying only straight
    // after a press); otherwise the dates are worked out first.
    const value = this.latest?.key === key ? this.latest.value : await this.preview();
    if (this.gone || !value) return;
    if (Object.keys(value.errors).length) {
      this.say(NOTES.fix(Object.keys(value.errors).length));
      this.focusFirstProblem();
      return;
    }
    const box = this.root.querySelector("[data-rk-copy-box]");
    const area = this.root.querySelector("[data-rk-copy-text]");
    area.value = value.text;
    box.hidden = false;
    const copied = await copyToClipboard(value.text);
    if (this.gone) return;
    this.say(copied ? NOTES.copied : NOTES.notCopied);
    if (!copied) {
      area.focus();
      area.select();
    }
  }

  problem(error) {
    this.say(error?.message ? `${error.message} Your answers are kept.` : NOTES.failed);
  }

  say(text) {
    const note = this.root.querySelector("[data-rk-action-note]");
    // The same sentence twice in a row would not be read again; a trailing space changes it.
    note.textContent = note.textContent === text ? `${text}\u00a0` : text;
  }
}

function item(text) {
  const li = document.createElement("li");
  li.textContent = text;
  return li;
}
