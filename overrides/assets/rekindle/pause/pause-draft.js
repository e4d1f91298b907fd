// "Before you reach out": the message the reader wants to send, never sent anywhere; a wait
// with a visible countdown (a deadline from the engine, so a hidden tab or a sleeping phone
// cannot stretch it); then a choice the engine offers: keep it unsent, move it into the
// journal, or log that contact was made. For a pause about safety the engine makes this a
// letter that is never sent, with no wait and no contact choice.
//
// Hooks: `[data-rk-countdown]` (its `data-rk-remaining-ms`), `[data-rk-draft-choices]` with
// `data-rk-action="draft-choice"` buttons (`data-rk-choice` = keep | entry | contact).

import { newId } from "./pause-common.js";
import { button, clearMessages } from "./pause-view.js";

function clockText(ms) {
  const seconds = Math.ceil(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

export class DraftStep {
  constructor(tool) {
    this.tool = tool;
    this.form = tool.find("[data-rk-draft]");
    this.area = this.form.querySelector("[data-rk-draft-text]");
    this.countdown = this.form.querySelector("[data-rk-countdown]");
    this.choices = this.form.querySelector("[data-rk-draft-choices]");
    this.step = null;
    this.endsAt = null;
  }

  unmount() {
    clearInterval(this.ticker);
  }

  /** The engine's words for this step (they change when the pause is about safety). */
  update(step) {
    const changed = JSON.stringify(step) !== JSON.stringify(this.step);
    this.step = step;
    if (!changed) return;
    this.tool.find("[data-rk-draft-title]").textContent = step.title;
    this.form.querySelector("[data-rk-draft-intro]").textContent = step.intro;
    const start = this.form.querySelector("[data-rk-action=draft-wait]");
    start.textContent = step.wait_minutes ? `Start the ${step.wait_minutes}-minute wait` : "I have finished writing";
    if (!this.choices.hidden) this.showChoices();
  }

  async startWait() {
    clearMessages(this.form);
    this.tool.formNote(this.form, "");
    if (!this.step?.wait_minutes) return this.showChoices({ focus: true });
    const started = Date.now();
    try {
      const wait = await this.tool.call("draft_wait", { started, at: started });
      this.endsAt = wait.ends_at;
    } catch (error) {
      return this.tool.formNote(this.form, error.message);
    }
    this.choices.hidden = true;
    this.countdown.hidden = false;
    clearInterval(this.ticker);
    this.ticker = setInterval(() => this.tick(), 1000);
    this.tick();
    this.tool.say(`The wait has started: ${this.step.wait_minutes} minutes.`);
  }

  tick() {
    const remaining = Math.max(0, this.endsAt - Date.now());
    this.countdown.dataset.rkRemainingMs = String(remaining);
    this.countdown.textContent = `${clockText(remaining)} left. Your message stays here; nothing is sent.`;
    if (remaining > 0) return;
    clearInterval(this.ticker);
    this.countdown.textContent = "The wait is over. What would you like to do with the message?";
    this.showChoices();
    this.tool.say("The wait is over. Choose what to do with your message.");
  }

  showChoices({ focus = false } = {}) {
    const buttons = this.step.choices.map((choice) =>
      button(choice.label, "draft-choice", { "data-rk-choice": choice.id }),
    );
    this.choices.replaceChildren(...buttons);
    this.choices.hidden = false;
    if (focus) buttons[0]?.focus();
  }

  /** A choice button; true when the action was this step's. */
  onAction(target) {
    if (target.dataset.rkAction !== "draft-choice") return false;
    this.choose(target.dataset.rkChoice);
    return true;
  }

  async choose(choice) {
    clearMessages(this.form);
    if (choice === "keep") {
      this.finish("Left unsent. Nothing was sent or kept: it stays in the box until you leave this page.", false);
      return;
    }
    const args = { id: newId(), text: this.area.value, as: choice, at: Date.now() };
    try {
      const answer = await this.tool.change("keep_draft", args);
      this.finish(answer.message, true);
    } catch (error) {
      this.tool.problem(error, this.form, { text: "draft", note: "draft" });
    }
  }

  finish(message, clearText) {
    if (clearText) this.area.value = "";
    this.choices.hidden = true;
    this.countdown.hidden = true;
    this.tool.formNote(this.form, message);
  }

  clear() {
    clearInterval(this.ticker);
    this.area.value = "";
    this.choices.hidden = true;
    this.countdown.hidden = true;
  }
}
