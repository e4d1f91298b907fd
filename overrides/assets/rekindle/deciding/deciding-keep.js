// Keeping the worksheet on this device, only when the reader ticks "Keep my worksheet on
// this device" (answers, partial ones too, and the private note).
//
// The engine shapes and checks what is stored (ops `save` and `restore`); this file only
// moves text in and out of the kit's storage (named for this copy of the site, so "Delete
// everything" on the privacy page removes it, and unticks the box in every open tab).
// Unreadable saved data is copied aside to `<KEY>.corrupt`, never silently deleted. Storage
// that is off or full never stops the worksheet: the reader is told nothing can be kept.

import { make } from "./deciding-dom.js";
import { storage } from "../kit/widget-kit.js";

export const KEY = "deciding.worksheet";
export const ASIDE_KEY = `${KEY}.corrupt`;
const WIDGET = "deciding-worksheet";
const NOTE_PAUSE_MS = 500; // typing in the note saves once it pauses, not on every key

const NOTES = {
  kept: "Kept on this device: your answers and note stay in this browser as you go.",
  unkept: "Not kept. Anything kept before has been removed from this device.",
  blocked:
    "Nothing can be kept: this browser is not letting the site store anything. The worksheet " +
    "works as usual, but your answers will be gone when you leave the page.",
  deleted: "Your worksheet was deleted from this page and from this device.",
  deleteBlocked: "Your worksheet was cleared from this page. This browser did not let us check its storage.",
  back: "Your kept worksheet is back.",
};

export class Keeper {
  constructor(tool) {
    this.tool = tool;
    this.box = tool.root.querySelector("[data-rk-keep]");
    this.state = tool.root.querySelector("[data-rk-keep-state]");
    this.note = make("p", {
      className: "rk-deciding__keep-note",
      attrs: { "data-rk-keep-note": "", "aria-live": "polite" },
    });
    this.box.closest(".rk-deciding__keep")?.append(this.note);
    this.saving = Promise.resolve();
    this.noteTimer = null;
  }

  /** On mount: bring a kept worksheet back, or say that nothing can be kept here. */
  restore() {
    const read = storage.read(KEY);
    if (!read.ok) return this.blocked();
    if (read.value === null) return null;
    this.setBox(true);
    const epoch = this.tool.epoch;
    const restored = this.tool.engine
      .call(WIDGET, "restore", { saved: read.value })
      .then((value) => {
        if (epoch !== this.tool.epoch) return;
        this.tool.resume(value);
        this.say(NOTES.back);
      })
      .catch((error) => epoch === this.tool.epoch && this.setAside(read.value, error));
    // Saves wait for the restore: an answer tapped while the engine loads must not be kept
    // in place of the worksheet that is coming back (it is merged in, then saved).
    this.saving = restored;
    return restored;
  }

  /** Kept data the engine cannot use: copy it aside, say so, start fresh. */
  setAside(raw, error) {
    this.setBox(false);
    const kept = storage.write(ASIDE_KEY, raw).ok;
    // A newer version's data stays where it is too, so a reloaded, newer page can use it.
    if (kept && error?.reason !== "future-version") storage.remove(KEY);
    this.say(error?.message || "Your kept worksheet could not be read. You can start fresh.");
  }

  /** The box was ticked or unticked (by the reader, or by "Delete everything"). */
  onToggle() {
    this.setBox(this.box.checked);
    if (this.box.checked) return this.save();
    clearTimeout(this.noteTimer);
    storage.remove(KEY);
    this.say(NOTES.unkept);
    return null;
  }

  /** The note changed: save once typing pauses. */
  noteChanged() {
    if (!this.box.checked) return;
    clearTimeout(this.noteTimer);
    this.noteTimer = setTimeout(() => this.save(), NOTE_PAUSE_MS);
  }

  /** Save now what typing left waiting (the page is being hidden, or left for another).
   * The worksheet is read at once: after unmount the page may no longer hold it. */
  flush() {
    if (this.noteTimer === null) return;
    clearTimeout(this.noteTimer);
    this.noteTimer = null;
    this.save(this.tool.draft());
  }

  /** Save the worksheet as it is when this save runs, or `draft` when given (saves run one
   * after another, after any restore). */
  save(draft = null) {
    if (!this.box.checked) return this.saving;
    this.noteTimer = null;
    const epoch = this.tool.epoch;
    const leaving = draft !== null; // a flush on the way out: unmount may bump the epoch
    const current = () => this.box.checked && (leaving || epoch === this.tool.epoch);
    this.saving = this.saving.then(async () => {
      if (!current()) return;
      let value;
      try {
        value = await this.tool.engine.call(WIDGET, "save", draft ?? this.tool.draft());
      } catch (error) {
        this.say(error?.message || NOTES.blocked);
        return;
      }
      // Deleted or unticked while the engine worked: write nothing.
      if (!current()) return;
      if (storage.write(KEY, JSON.stringify(value.saved)).ok) this.say(NOTES.kept, true);
      else this.blocked();
    });
    return this.saving;
  }

  /** "Delete my worksheet": the kept copy and the set-aside copy go at once. */
  deleteAll() {
    clearTimeout(this.noteTimer);
    this.noteTimer = null;
    const removed = storage.remove(KEY).ok && storage.remove(ASIDE_KEY).ok;
    this.setBox(false);
    this.say(removed ? NOTES.deleted : NOTES.deleteBlocked);
  }

  blocked() {
    this.setBox(false);
    this.box.disabled = true;
    this.say(NOTES.blocked);
  }

  setBox(on) {
    this.box.checked = on;
    if (this.state) this.state.textContent = on ? "kept on this device" : "nothing is kept";
  }

  /** Show a note; `quiet` notes (every save) update only when they differ, so no chatter. */
  say(text, quiet = false) {
    if (quiet && this.note.textContent === text) return;
    this.note.textContent = text;
  }

  stop() {
    clearTimeout(this.noteTimer);
  }
}
