// The journal part of the page: today's prompt (the engine's, by date, track and "another
// prompt" count), writing an entry, a gentle note after about fifteen minutes of writing,
// and editing or deleting past entries (asked in place, never with a dialog box).

import { Dropped, newId } from "./pause-common.js";
import { clearMessages, confirmDelete, editForm } from "./pause-view.js";

export class Journal {
  constructor(tool) {
    this.tool = tool;
    this.track = "mix";
    this.skip = 0;
    this.prompt = null;
    this.sessionTimer = null;
  }

  unmount() {
    clearTimeout(this.sessionTimer);
  }

  /** What the engine needs to choose today's prompt. */
  promptChoice() {
    return { track: this.track, skip: this.skip };
  }

  showPrompt(prompt) {
    this.prompt = prompt;
    this.tool.find("[data-rk-prompt-text]").textContent = prompt.text;
    this.tool.find("[data-rk-track]").value = prompt.track;
  }

  startSession() {
    if (this.sessionTimer) return;
    const note = this.tool.find("[data-rk-session-note]");
    this.sessionTimer = setTimeout(() => (note.hidden = false), this.tool.limits.session_minutes * 60_000);
  }

  async changeTrack(track) {
    this.track = track;
    this.skip = 0;
    await this.newPrompt();
  }

  async anotherPrompt() {
    this.skip = this.prompt ? this.prompt.next_skip : 0;
    await this.newPrompt();
  }

  async newPrompt() {
    const args = { state: this.tool.state, today: this.tool.today(), ...this.promptChoice() };
    try {
      this.showPrompt(await this.tool.call("prompt_for", args));
      this.tool.say(`Today's prompt: ${this.prompt.text}`);
    } catch (error) {
      this.tool.say(error.message);
    }
  }

  async addEntry(form) {
    clearMessages(form);
    const area = this.tool.find("[data-rk-entry]");
    const tags = [...form.querySelectorAll("[data-rk-tag]:checked")].map((box) => box.value);
    const usePrompt = this.tool.find("[data-rk-use-prompt]").checked && this.prompt;
    const args = { id: newId(), prompt: usePrompt ? this.prompt.id : null, text: area.value, tags, at: Date.now() };
    try {
      const answer = await this.tool.change("add_entry", args);
      area.value = "";
      for (const box of form.querySelectorAll("[data-rk-tag]")) box.checked = false;
      this.tool.formNote(form, `Added to your journal, dated ${answer.entry.date_text}.`);
    } catch (error) {
      this.tool.problem(error, form);
    }
  }

  entryOf(item) {
    return this.tool.view.journal.find((entry) => entry.id === item.dataset.rkEntryId);
  }

  editEntry(item) {
    const entry = this.entryOf(item);
    const body = item.querySelector("[data-rk-entry-body]");
    body.replaceWith(editForm(entry));
    item.querySelector("textarea").focus();
  }

  async saveEdit(item) {
    const entry = this.entryOf(item);
    const text = item.querySelector("textarea").value;
    const tags = entry.tags.map((tag) => tag.id);
    try {
      await this.tool.change("edit_entry", { id: entry.id, text, tags, at: Date.now() });
      const saved = this.tool.root.querySelector(`[data-rk-entry-id="${CSS.escape(entry.id)}"] summary`);
      saved?.focus();
      this.tool.say("Your change was saved.");
    } catch (error) {
      if (error instanceof Dropped) return;
      const slot = item.querySelector("[data-rk-edit-message]");
      slot.textContent = error.message;
      item.querySelector("textarea").setAttribute("aria-invalid", "true");
      item.querySelector("textarea").focus();
    }
  }

  askDelete(item, what) {
    item.querySelector("[data-rk-confirm]")?.remove();
    const confirm = confirmDelete(what);
    item.append(confirm);
    confirm.querySelector("button").focus();
  }

  cancelDelete(item) {
    item.querySelector("[data-rk-confirm]")?.remove();
    item.querySelector('[data-rk-action^="delete"]')?.focus();
  }

  async deleteItem(item) {
    const isEntry = "rkEntryId" in item.dataset;
    const id = isEntry ? item.dataset.rkEntryId : item.dataset.rkContactId;
    try {
      await this.tool.change(isEntry ? "delete_entry" : "delete_contact", { id, at: Date.now() });
      this.tool.say(isEntry ? "The entry was deleted." : "The contact was deleted.");
      this.tool.find(isEntry ? "[data-rk-entries]" : "[data-rk-contacts]").closest("section").querySelector("h3, h4").focus?.();
    } catch (error) {
      this.tool.say(error.message);
    }
  }
}
