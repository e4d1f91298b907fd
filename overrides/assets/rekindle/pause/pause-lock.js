// The optional passphrase lock on the page: set it (after saying it cannot be recovered),
// show the recovery code once, unlock, lock (on "Lock now", after a set time out of sight,
// on "Leave this site" and when the page is left), change the passphrase, remove the lock.
// The cryptography is cipher.js; the key lives only in this object, in memory.
//
// The panel's words and forms are pause-lock-forms.js.
//
// Hooks: `[data-rk-lock-state]` (off | open | closed) on the lock area; `[data-rk-recovery-code]`;
// `[data-rk-auto-lock]` (minutes); forms `[data-rk-lock-form="set|change"]`.

import { Damaged, NewerLock, WrongSecret, changePassphrase, createLock, headerOf, openLock, seal, unseal } from "./cipher.js";
import { JOURNAL } from "./vault.js";
import {
  AUTO_LOCK_CHOICES,
  DEFAULT_AUTO_LOCK,
  MIN_PASSPHRASE,
  WORDS,
  changeForm,
  codePanel,
  openPanel,
  removeConfirm,
  setForm,
} from "./pause-lock-forms.js";
import { button, clearMessages, fieldMessage, make } from "./pause-view.js";

export class LockPanel {
  constructor(tool) {
    this.tool = tool;
    this.area = tool.find("[data-rk-lock-area]");
    this.unlockForm = tool.find("[data-rk-unlock]");
    this.key = null; // the data key, non-extractable, only while the journal is open
    this.header = null; // the lock's header, while the lock is set and the journal open
    this.stored = null; // the kept locked envelope, when it was read before unlocking
    this.closed = false; // locked: the journal is not on the page, and nothing is written
    this.hiddenAt = null;
    this.onVisibility = () => this.visibilityChanged();
    this.onLeave = () => this.lockNow({ focus: false });
    document.addEventListener("visibilitychange", this.onVisibility);
    window.addEventListener("pagehide", this.onLeave);
    window.addEventListener("rekindle:leave", this.onLeave); // kit/quick-exit.js
    this.render();
  }

  unmount() {
    clearTimeout(this.timer);
    document.removeEventListener("visibilitychange", this.onVisibility);
    window.removeEventListener("pagehide", this.onLeave);
    window.removeEventListener("rekindle:leave", this.onLeave);
    this.key = null;
  }

  /** A lock is set (open or closed). */
  get active() {
    return this.header !== null || this.closed;
  }

  /** Writes may happen: no lock, or a lock whose journal is open. */
  canSave() {
    return !this.closed;
  }

  /** A function that turns the saved envelope's text into what is stored (locked or not),
   * bound to the key and header as they are now. */
  sealer() {
    const { key, header } = this;
    if (!header) return async (text) => text;
    return async (text, saved) =>
      JSON.stringify({ format: saved.format, version: saved.version, locked: await seal(key, header, text) });
  }

  // --- opening what was kept --------------------------------------------------------------

  /** Saved text from the device: hand it to the engine, or ask for the passphrase. */
  async restore(text) {
    const tool = this.tool;
    try {
      const answer = await tool.call("restore", { saved: text, today: tool.today() });
      tool.setState(answer.state, answer.view, { keep: false });
      tool.fillPlan(answer.state.plan);
    } catch (error) {
      if (error.reason === "locked") return this.close(JSON.parse(text).locked, { focus: false });
      if (error.reason === "future-version") return tool.keeper.freeze(error.message);
      if (error.kind === "invalid") return tool.keeper.setAside(text, error.message);
      tool.keeper.freeze(`${error.message} Your kept journal was not changed: reload the page to try again.`);
    }
  }

  /** Show the unlock form; nothing of the journal is on the page. */
  close(stored, { focus = true } = {}) {
    this.closed = true;
    this.stored = stored;
    this.key = null;
    this.header = null;
    this.tool.root.toggleAttribute("data-rk-locked", true);
    this.tool.keeper.lockedAway(true);
    this.unlockForm.hidden = false;
    this.render();
    if (focus) this.unlockForm.querySelector("h3").focus();
  }

  async unlock(form) {
    clearMessages(form);
    const secret = form.elements.passphrase.value;
    if (!secret) return this.fieldProblem("passphrase", WORDS.empty);
    const submit = form.querySelector("button[type=submit]");
    submit.disabled = true;
    try {
      await this.open(secret);
      form.reset();
    } catch (error) {
      this.unlockProblem(error);
    } finally {
      submit.disabled = false;
    }
  }

  async open(secret) {
    const tool = this.tool;
    const stored = this.stored ?? JSON.parse(await tool.keeper.vault.read(JOURNAL)).locked;
    const { key, via } = await openLock(stored, secret);
    const plain = await unseal(key, stored);
    const answer = await tool.call("restore", { saved: plain, today: tool.today() });
    this.key = key;
    this.header = headerOf(stored);
    this.stored = null;
    this.closed = false;
    tool.root.removeAttribute("data-rk-locked");
    tool.keeper.lockedAway(false);
    tool.keeper.say("Kept on this device, locked with your passphrase.");
    this.unlockForm.hidden = true;
    tool.setState(answer.state, answer.view, { keep: false });
    tool.fillPlan(answer.state.plan);
    this.render(via === "recovery" ? { recoveredWith: secret } : {});
    tool.say("Your journal is open.");
    (this.area.querySelector("[data-rk-lock-form] input") ?? tool.find("[data-rk-area=counter] h3")).focus();
  }

  unlockProblem(error) {
    if (error instanceof WrongSecret) return this.fieldProblem("passphrase", WORDS.wrong);
    if (error instanceof NewerLock) return this.fieldProblem("passphrase", WORDS.newer);
    const message = error instanceof Damaged || error instanceof SyntaxError ? WORDS.damaged : error.message;
    this.fieldProblem("passphrase", message);
    if (!this.unlockForm.querySelector("[data-rk-action=set-aside]")) {
      this.unlockForm.append(make("p", {}, button("Set it aside and start afresh", "set-aside")));
    }
  }

  fieldProblem(name, text) {
    fieldMessage(this.tool.root, name, text)?.focus();
  }

  async setAsideLocked() {
    const tool = this.tool;
    const text = await tool.keeper.vault.read(JOURNAL);
    this.stored = null;
    this.closed = false;
    tool.root.removeAttribute("data-rk-locked");
    tool.keeper.lockedAway(false);
    this.unlockForm.hidden = true;
    this.unlockForm.querySelector("[data-rk-action=set-aside]")?.parentElement.remove();
    await tool.keeper.setAside(text, "The locked copy was set aside, not deleted. You are starting afresh.");
    this.render();
    tool.find("[data-rk-area=plan] h3").focus();
  }

  // --- locking ------------------------------------------------------------------------

  /** Drop the key and the journal from the page; the kept, locked copy stays. */
  async lockNow({ focus = true } = {}) {
    if (!this.key || !this.tool.keeper.kept || this.closed) return;
    this.tool.drop();
    this.close(null, { focus }); // the locked copy is read back from the device to unlock
    this.tool.say("Your journal is locked.");
    await this.tool.keeper.running; // a write already under way still lands, sealed
  }

  visibilityChanged() {
    clearTimeout(this.timer);
    if (!this.key || !this.tool.keeper.kept) return;
    const minutes = this.header?.auto_lock ?? DEFAULT_AUTO_LOCK;
    if (document.visibilityState === "hidden") {
      this.hiddenAt = Date.now();
      this.timer = setTimeout(() => this.lockNow({ focus: false }), minutes * 60_000);
    } else if (this.hiddenAt !== null && Date.now() - this.hiddenAt >= minutes * 60_000) {
      this.lockNow({ focus: false });
    }
    if (document.visibilityState === "visible") this.hiddenAt = null;
  }

  setAutoLock(value) {
    const minutes = Number(value);
    if (!this.header || !AUTO_LOCK_CHOICES.includes(minutes)) return;
    this.header = { ...this.header, auto_lock: minutes };
    this.tool.keeper.save();
  }

  /** "Delete everything": the lock and its key go with the journal. */
  forget() {
    this.key = null;
    this.header = null;
    this.stored = null;
    this.closed = false;
    this.tool.root.removeAttribute("data-rk-locked");
    this.tool.keeper.lockedAway(false);
    this.unlockForm.hidden = true;
    this.render();
  }

  // --- the panel ----------------------------------------------------------------------

  onAction(action) {
    const actions = {
      "lock-open": () => this.render({ form: "set" }),
      "lock-now": () => this.lockNow(),
      "lock-change": () => this.render({ form: "change" }),
      "lock-remove": () => this.render({ form: "remove" }),
      "lock-remove-yes": () => this.removeLock(),
      "lock-cancel": () => this.render(),
      "code-done": () => this.render(),
      "code-print": () => this.printCode(),
      "set-aside": () => this.setAsideLocked(),
    };
    if (!actions[action]) return this.tool.keeper.onAction(action);
    actions[action]();
    return true;
  }

  onSubmit(form) {
    const kind = form.dataset.rkLockForm;
    if (kind === "set") this.setLock(form);
    else if (kind === "change") this.change(form);
    else return false;
    return true;
  }

  render(options = {}) {
    const state = this.closed ? "closed" : this.header ? "open" : "off";
    this.area.dataset.rkLockState = state;
    const heading = make("h4", {}, "Passphrase lock");
    if (options.code) return this.area.replaceChildren(heading, ...codePanel(options.code));
    if (options.form === "set") return this.showForm(heading, setForm());
    if (options.form === "change" || options.recoveredWith) {
      this.recoveredWith = options.recoveredWith ?? null;
      return this.showForm(heading, changeForm(this.recoveredWith));
    }
    if (options.form === "remove") return this.showForm(heading, removeConfirm());
    if (state === "open") {
      const autoLock = this.header.auto_lock ?? DEFAULT_AUTO_LOCK;
      return this.area.replaceChildren(heading, ...openPanel(autoLock, this.tool.keeper.kept));
    }
    this.area.replaceChildren(heading, make("p", {}, WORDS.what), make("p", {}, button("Set a passphrase", "lock-open")));
  }

  showForm(heading, form) {
    this.area.replaceChildren(heading, form);
    form.querySelector("input, button").focus();
  }

  /** The passphrase fields: at least MIN_PASSPHRASE characters, typed the same twice. */
  checkNew(form) {
    const passphrase = form.elements["new-passphrase"].value;
    if ([...passphrase].length < MIN_PASSPHRASE) return this.fieldProblem("new-passphrase", WORDS.short);
    if (passphrase !== form.elements["new-repeat"].value) return this.fieldProblem("new-repeat", WORDS.differ);
    return passphrase;
  }

  async setLock(form) {
    clearMessages(form);
    const passphrase = this.checkNew(form);
    if (!passphrase) return;
    if (!form.elements.understand.checked) return this.fieldProblem("understand", WORDS.tick);
    form.querySelector("button[type=submit]").disabled = true;
    const { key, header, code } = await createLock(passphrase, DEFAULT_AUTO_LOCK);
    this.key = key;
    this.header = header;
    this.render({ code });
    this.area.querySelector("[data-rk-recovery-code]").tabIndex = -1;
    this.area.querySelector("[data-rk-recovery-code]").focus();
    this.tool.keeper.onLocked();
  }

  async change(form) {
    clearMessages(form);
    const current = this.recoveredWith ?? form.elements["current-passphrase"].value;
    if (!current) return this.fieldProblem("current-passphrase", WORDS.empty);
    const passphrase = this.checkNew(form);
    if (!passphrase) return;
    form.querySelector("button[type=submit]").disabled = true;
    try {
      this.header = await changePassphrase(this.header, current, passphrase);
    } catch (error) {
      form.querySelector("button[type=submit]").disabled = false;
      return this.fieldProblem("current-passphrase", error instanceof WrongSecret ? WORDS.wrong : error.message);
    }
    this.recoveredWith = null;
    await this.tool.keeper.save();
    this.render();
    this.tool.say("The passphrase was changed.");
    this.area.querySelector("button")?.focus();
  }

  async removeLock() {
    this.key = null;
    this.header = null;
    await this.tool.keeper.save();
    this.render();
    this.tool.say("The lock was removed.");
    this.area.querySelector("button")?.focus();
  }

  printCode() {
    const html = document.documentElement;
    html.classList.add("rk-print-code");
    window.addEventListener("afterprint", () => html.classList.remove("rk-print-code"), { once: true });
    window.print();
  }
}
