// The no-contact pause and journal on the page. Every decision (the plan and its day count,
// what may be kept, prompts, the read-back, backups and merges) is the engine's
// (rekindle.tools.pause.ops); this file sends the reader's input with today's local date,
// writes the answers out as text, and hands the state to the keeper (pause-keep.js), the
// lock (pause-lock.js) and the files panel (pause-files.js), which store, encrypt and
// download it. The journal's own part (prompts, entries) is pause-journal.js; the wait
// before reaching out is pause-draft.js.
//
// The page holds the state (the engine is stateless). `epoch` moves on whenever the journal
// is dropped from the page (locked, or deleted everywhere): an answer that arrives after
// that is thrown away, so nothing dropped comes back.
//
// Hooks added here (besides those the fence documents in fence.py):
// - root `data-rk-locked`: the journal is locked (only the unlock form shows).
// - root `data-rk-safety-pause`: the pause is about safety.
// - root `data-rk-saved="<n>"`: counts writes to this device (tests wait on it).
// - root `data-rk-today`: the local date the view was made for.
// - `[data-rk-announce]`: a polite live region for what happened.

import { getEngine } from "../kit/engine-client.js";
import { onForget } from "../kit/forget.js";
import { connectStatus } from "../kit/widget-kit.js";
import { DraftStep } from "./pause-draft.js";
import { FilesPanel } from "./pause-files.js";
import { Dropped, localDate, newId } from "./pause-common.js";
import { Journal } from "./pause-journal.js";
import { Keeper } from "./pause-keep.js";
import { LockPanel } from "./pause-lock.js";
import {
  clearMessages,
  fieldMessage,
  make,
  renderContacts,
  renderCounter,
  renderEntries,
  renderReadback,
} from "./pause-view.js";

export const WIDGET = "no-contact-pause";
const STATUS = {
  loading: "Loading the tool on this device… you can start writing already.",
  ready: "Ready. Everything stays on this device.",
};

export function mount(root) {
  const tool = new PauseTool(root);
  tool.start();
  return tool;
}

class PauseTool {
  constructor(root) {
    this.root = root;
    this.engine = getEngine();
    this.limits = JSON.parse(root.dataset.rkLimits || "{}");
    this.state = null; // the engine's state; null is an empty journal
    this.view = null;
    this.epoch = 0;
    this.listeners = [];
    this.find = (selector) => root.querySelector(selector);
    this.announcer = make("p", { className: "rk-visually-hidden", attrs: { "aria-live": "polite", "data-rk-announce": "" } });
  }

  start() {
    this.root.append(this.announcer);
    this.stopStatus = connectStatus(this.root, STATUS);
    this.keeper = new Keeper(this);
    this.lock = new LockPanel(this);
    this.files = new FilesPanel(this);
    this.draft = new DraftStep(this);
    this.listen(this.root, "click", (event) => this.onClick(event));
    this.listen(this.root, "submit", (event) => this.onSubmit(event));
    this.listen(this.root, "change", (event) => this.onChange(event));
    this.journal = new Journal(this);
    this.listen(this.find("[data-rk-entry]"), "input", () => this.journal.startSession());
    this.listen(document, "visibilitychange", () => this.checkDay());
    this.dayTimer = setInterval(() => this.checkDay(), 60_000);
    this.stopForget = onForget(() => this.forgetAll());
    this.showWho();
    this.refresh();
    this.keeper.restore();
  }

  unmount() {
    this.epoch += 1;
    for (const [target, type, handler] of this.listeners) target.removeEventListener(type, handler);
    this.listeners = [];
    clearInterval(this.dayTimer);
    this.journal.unmount();
    this.stopStatus?.();
    this.stopForget?.();
    this.lock.unmount();
    this.draft.unmount();
    this.keeper.unmount();
  }

  listen(target, type, handler) {
    target.addEventListener(type, handler);
    this.listeners.push([target, type, handler]);
  }

  today() {
    return localDate();
  }

  call(op, args = {}) {
    return this.engine.call(WIDGET, op, args);
  }

  /** Run an op that changes the journal; show and keep what it returns. */
  async change(op, args) {
    const epoch = this.epoch;
    const answer = await this.call(op, { state: this.state, today: this.today(), ...args });
    if (epoch !== this.epoch) throw new Dropped();
    this.setState(answer.state, answer.view);
    return answer;
  }

  setState(state, view, { keep = true } = {}) {
    this.state = state;
    if (view) this.show(view);
    if (keep) this.keeper.save();
  }

  async refresh() {
    const epoch = this.epoch;
    const args = { state: this.state, today: this.today(), ...this.journal.promptChoice() };
    try {
      const { view } = await this.call("view", args);
      if (epoch === this.epoch) this.show(view);
    } catch (error) {
      this.say(error.message);
    }
  }

  show(view) {
    this.view = view;
    this.root.dataset.rkToday = this.today();
    renderCounter(this.root, view.counter);
    renderEntries(this.root, view.journal);
    renderContacts(this.root, view.contacts);
    this.journal.showPrompt(view.prompt);
    this.draft.update(view.counter.draft);
  }

  /** The journal leaves the page (locked, or deleted everywhere): nothing of it stays shown. */
  drop() {
    this.epoch += 1;
    this.state = null;
    for (const field of this.root.querySelectorAll("textarea, input[type=password]")) field.value = "";
    this.find("[data-rk-readback-body]").replaceChildren();
    clearMessages(this.root);
    this.draft.clear();
    renderEntries(this.root, []);
    renderContacts(this.root, []);
  }

  /** "Delete everything" here or in another tab: what this page holds goes too. */
  async forgetAll() {
    this.drop();
    this.lock.forget();
    await this.keeper.forget();
    this.fillPlan(null);
    await this.refresh();
    this.say("Everything this site kept was deleted, and this page let go of your journal too.");
  }

  checkDay() {
    if (document.visibilityState === "visible" && this.view && this.root.dataset.rkToday !== this.today()) {
      this.refresh();
    }
  }

  say(text) {
    this.announcer.textContent = text;
  }

  formNote(form, text) {
    const note = form.querySelector("[data-rk-form-note]");
    if (note) note.textContent = text;
  }

  /** Show a problem where the reader will look: next to its field, or under the form. */
  problem(error, form, fields = {}) {
    if (error instanceof Dropped) return;
    const field = fields[error.field] ?? error.field;
    const target = error.kind === "invalid" && field ? fieldMessage(this.root, field, error.message) : null;
    if (target) {
      target.focus?.();
      this.formNote(form, "");
    } else {
      this.formNote(form, error.message || "Something went wrong. What you entered is kept.");
    }
  }

  onClick(event) {
    const target = event.target.closest("[data-rk-action]");
    if (!target || !this.root.contains(target)) return;
    const item = target.closest("[data-rk-entry-id], [data-rk-contact-id]");
    const actions = {
      "another-prompt": () => this.journal.anotherPrompt(),
      readback: () => this.readback(),
      "edit-entry": () => this.journal.editEntry(item),
      "save-edit": () => this.journal.saveEdit(item),
      "cancel-edit": () => this.show(this.view),
      "delete-entry": () => this.journal.askDelete(item, "this entry"),
      "delete-contact": () => this.journal.askDelete(item, "this contact"),
      "confirm-delete": () => this.journal.deleteItem(item),
      "cancel-delete": () => this.journal.cancelDelete(item),
    };
    if (actions[target.dataset.rkAction]) actions[target.dataset.rkAction]();
    else this.files.onAction(target.dataset.rkAction) || this.lock.onAction(target.dataset.rkAction, target) || this.draft.onAction(target);
  }

  onSubmit(event) {
    const form = event.target;
    event.preventDefault();
    if (form.matches("[data-rk-plan]")) this.savePlan(form);
    else if (form.matches("[data-rk-journal]")) this.journal.addEntry(form);
    else if (form.matches("[data-rk-contact]")) this.logContact(form);
    else if (form.matches("[data-rk-draft]")) this.draft.startWait();
    else if (form.matches("[data-rk-unlock]")) this.lock.unlock(form);
    else this.lock.onSubmit(form) || this.files.onSubmit(form);
  }

  onChange(event) {
    const target = event.target;
    if (target.matches("[data-rk-keep]")) this.keeper.onToggle();
    else if (target.matches("[data-rk-track]")) this.journal.changeTrack(target.value);
    else if (target.matches("input[name=who]")) this.showWho();
    else if (target.matches("[data-rk-import]")) this.files.importFile(target);
    else if (target.matches("[data-rk-auto-lock]")) this.lock.setAutoLock(target.value);
  }

  // --- the plan ------------------------------------------------------------------------

  planArgs(form) {
    const data = new FormData(form);
    return {
      start: data.get("start") ?? "",
      length: data.get("length") ?? "",
      open_ended: data.get("open_ended") !== null,
      safety: data.get("safety") !== null,
      situation: data.get("situation") || null,
    };
  }

  async savePlan(form) {
    clearMessages(form);
    try {
      const answer = await this.change("set_plan", this.planArgs(form));
      for (const note of answer.notes) fieldMessage(this.root, note.field, note.text, { error: false });
      this.fillPlan(answer.state.plan);
      this.formNote(form, `Plan saved. ${answer.view.counter.headline}.`);
    } catch (error) {
      this.problem(error, form);
    }
  }

  /** The plan form shows the plan as kept (empty when there is none). */
  fillPlan(plan) {
    const form = this.find("[data-rk-plan]");
    const control = (name) => form.elements.namedItem(name); // form.elements.length is a count
    control("start").value = plan?.start ?? "";
    control("length").value = plan?.length ?? "";
    control("open_ended").checked = Boolean(plan && plan.length === null);
    control("safety").checked = Boolean(plan?.safety);
    for (const radio of form.querySelectorAll("input[name=situation]")) {
      radio.checked = radio.value === (plan?.situation ?? "") && Boolean(plan);
    }
    form.querySelector("button[type=submit]").textContent = plan ? "Change my plan" : "Save my plan";
  }

  // --- contacts and the read-back ------------------------------------------------------

  showWho() {
    const form = this.find("[data-rk-contact]");
    const necessary = form.querySelector("input[name=who][value=necessary]").checked;
    form.querySelector("[data-rk-about]").hidden = !necessary;
  }

  async logContact(form) {
    clearMessages(form);
    const data = new FormData(form);
    const who = data.get("who");
    const args = {
      id: newId(),
      on: data.get("on") ?? "",
      who,
      about: who === "necessary" ? data.get("about") : null,
      note: data.get("note") ?? "",
      at: Date.now(),
    };
    try {
      const answer = await this.change("log_contact", args);
      form.reset();
      this.showWho();
      this.formNote(form, answer.message);
    } catch (error) {
      this.problem(error, form);
    }
  }

  hrefFor(doc) {
    const template = this.find("template[data-rk-hrefs]");
    const link = template?.content.querySelector(`a[data-rk-link="${CSS.escape(doc)}"]`);
    return link ? link.getAttribute("href") : doc;
  }

  async readback() {
    const body = this.find("[data-rk-readback-body]");
    const epoch = this.epoch;
    try {
      const view = await this.call("readback", { state: this.state, today: this.today() });
      if (epoch !== this.epoch) return;
      renderReadback(body, view, (doc) => this.hrefFor(doc));
      body.querySelector("[data-rk-readback-heading]").focus();
    } catch (error) {
      body.replaceChildren(make("p", {}, error.message));
    }
  }
}
