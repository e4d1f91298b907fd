// Keeping answers on this device, only when the reader ticks "Save my answers".
//
// The engine shapes and checks what is stored (ops `save` and `restore`); this file only
// moves text in and out of localStorage. Unreadable saved data is copied aside to
// `<KEY>.corrupt`, never silently deleted. Storage that is off or full never stops the
// questionnaire: the reader is told that saving is off.
//
// Nothing saved is ever lost to a race: saves wait for the restore to finish, and each save
// reads the form as it is then, which holds the restored answers plus anything the reader
// ticked meanwhile (a restored answer never replaces one the reader gave: fillAnswers).
// Answers ticked before the scripts loaded are in the form too; if they differ from what was
// restored, one save right after the restore keeps them.

import { make } from "./assessment-dom.js";
import { storage } from "../kit/widget-kit.js";

export const KEY = "rekindle.barrier-assessment";
export const ASIDE_KEY = `${KEY}.corrupt`;
const WIDGET = "barrier-assessment";

const NOTES = {
  saved: "Saving is on: your answers are kept in this browser as you go.",
  unsaved: "Saving is off. Anything saved before has been removed from this device.",
  blocked:
    "Saving is off: this browser is not letting the site store anything. The questionnaire " +
    "works as usual, but your answers will be gone when you leave the page.",
  deleted: "Your answers were deleted from this page and from this device.",
  deleteBlocked:
    "Your answers were cleared from this page. This browser did not let us check its storage.",
};

export class Keeper {
  constructor(tool) {
    this.tool = tool;
    this.box = tool.root.querySelector("[data-rk-save]");
    this.note = make("p", {
      className: "rk-assessment__keep-note",
      attrs: { "data-rk-keep-note": "", "aria-live": "polite" },
    });
    this.state = tool.root.querySelector("[data-rk-privacy-state]");
    (tool.root.querySelector("[data-rk-privacy]") || this.box).after(this.note);
    this.saving = Promise.resolve();
  }

  /** On mount: resume saved answers if there are any, or say that saving cannot work. */
  restore() {
    const read = storage.read(KEY);
    if (!read.ok) return this.blocked();
    if (read.value === null) return this.showState();
    this.box.checked = true;
    this.showState();
    const epoch = this.tool.epoch;
    const restoring = this.tool.engine
      .call(WIDGET, "restore", { saved: read.value })
      .then((value) => {
        if (epoch !== this.tool.epoch) return;
        this.tool.resume(value);
        if (!sameAnswers(this.tool.answers(), value.answers)) this.save();
      })
      .catch((error) => epoch === this.tool.epoch && this.setAside(read.value, error));
    this.saving = restoring.catch(() => {}); // a save asked for meanwhile runs after this
    return restoring;
  }

  /** Saved data the engine cannot use: copy it aside, tell the reader, start fresh. */
  setAside(raw, error) {
    this.box.checked = false;
    this.showState();
    const kept = storage.write(ASIDE_KEY, raw).ok;
    // A newer version's data stays where it is too, so reloading a newer page can use it.
    if (kept && error?.reason !== "future-version") storage.remove(KEY);
    this.say(error?.message || "Your saved answers could not be read. You can start fresh.");
  }

  onToggle() {
    this.showState();
    if (this.box.checked) return this.save();
    storage.remove(KEY);
    this.say(NOTES.unsaved);
    return null;
  }

  /** Save the answers as they are when this save runs (saves run one after another). */
  save() {
    if (!this.box.checked) return this.saving;
    const epoch = this.tool.epoch;
    this.saving = this.saving.then(async () => {
      if (!this.box.checked || epoch !== this.tool.epoch) return;
      const args = { answers: this.tool.answers(), group_index: this.tool.groupIndex };
      let value;
      try {
        value = await this.tool.engine.call(WIDGET, "save", args);
      } catch (error) {
        return this.say(error?.message || NOTES.blocked);
      }
      // Deleted or unticked while the engine worked: write nothing.
      if (!this.box.checked || epoch !== this.tool.epoch) return;
      if (storage.write(KEY, JSON.stringify(value.saved)).ok) return this.say(NOTES.saved, true);
      this.blocked();
    });
    return this.saving;
  }

  /** "Delete my answers": the saved copy and the kept-aside copy go at once. */
  deleteAll() {
    const removed = storage.remove(KEY).ok && storage.remove(ASIDE_KEY).ok;
    this.box.checked = false;
    this.showState();
    this.say(removed ? NOTES.deleted : NOTES.deleteBlocked);
  }

  blocked() {
    this.box.checked = false;
    this.box.disabled = true;
    this.showState("saving is blocked by this browser");
    this.say(NOTES.blocked);
  }

  /** The privacy control's one-line summary: whether saving is on. */
  showState(text = this.box.checked ? "saving is on" : "saving is off") {
    if (this.state) this.state.textContent = text;
  }

  /** Show a note; `quiet` notes (every save) update only when they differ, so no chatter. */
  say(text, quiet = false) {
    if (quiet && this.note.textContent === text) return;
    this.note.textContent = text;
  }
}

/** Whether the form holds exactly the answers that were restored (skips included). */
function sameAnswers(now, restored) {
  const ids = new Set([...Object.keys(now), ...Object.keys(restored)]);
  return [...ids].every((id) => now[id] === restored[id]);
}
