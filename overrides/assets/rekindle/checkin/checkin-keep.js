// "Remember this plan on this device": off unless the reader ticks it, and "Forget" or
// "Delete everything" (kit/privacy.js, kit/forget.js, which unticks `data-rk-keep`) removes
// it. The engine shapes what is stored (ops `save`, `restore`); this file moves text in and
// out of storage. A plan that cannot be read is copied aside, never silently deleted.

import { storage } from "../kit/widget-kit.js";

export const KEY = "checkin.plan";
export const ASIDE_KEY = `${KEY}.corrupt`;
const WIDGET = "checkin-planner";

const NOTES = {
  saved: "This plan is saved on this device. “Forget the saved plan” removes it.",
  unsaved: "Not saved. Nothing about this plan is kept on this device.",
  forgotten: "Forgotten. Nothing about this plan is kept on this device.",
  blocked:
    "This browser is not letting the site store anything, so the plan will be gone when " +
    "you leave. The planner works as usual.",
};

export class Keeper {
  constructor(root, engine) {
    this.engine = engine;
    this.box = root.querySelector("[data-rk-keep]");
    this.note = root.querySelector("[data-rk-storage-note]");
    this.saving = Promise.resolve();
    this.gone = false;
  }

  /** On mount: the saved form's fields ({name: text}), or null when nothing usable is kept. */
  async restore() {
    const read = storage.read(KEY);
    if (!read.ok) {
      this.blocked();
      return null;
    }
    if (read.value === null) return null;
    this.box.checked = true;
    try {
      const value = await this.engine.call(WIDGET, "restore", { saved: read.value });
      return value.fields;
    } catch (error) {
      if (!this.gone) this.setAside(read.value, error);
      return null;
    }
  }

  setAside(raw, error) {
    this.box.checked = false;
    const kept = storage.write(ASIDE_KEY, raw).ok;
    // A newer version's plan stays where it is, so a reload of the newer page can use it.
    if (kept && error?.reason !== "future-version") storage.remove(KEY);
    this.say(error?.message || "Your saved plan could not be read. You can make a new one.");
  }

  /** The box was ticked or unticked (by the reader, or by "Delete everything"). */
  onToggle(fields) {
    if (this.box.checked) return this.save(fields, false);
    storage.remove(KEY);
    this.say(NOTES.unsaved);
    return this.saving;
  }

  /** Keep the form as typed, problems and all; saves run one after another. */
  save(fields, quiet = true) {
    if (!this.box.checked) return this.saving;
    this.saving = this.saving.then(async () => {
      if (!this.box.checked || this.gone) return;
      let value;
      try {
        value = await this.engine.call(WIDGET, "save", { fields });
      } catch (error) {
        this.say(error?.message || NOTES.blocked);
        return;
      }
      if (!this.box.checked || this.gone) return; // unticked or deleted meanwhile
      if (storage.write(KEY, JSON.stringify(value.saved)).ok) this.say(NOTES.saved, quiet);
      else this.blocked();
    });
    return this.saving;
  }

  forget() {
    const removed = storage.remove(KEY).ok && storage.remove(ASIDE_KEY).ok;
    this.box.checked = false;
    this.say(removed ? NOTES.forgotten : NOTES.blocked);
  }

  blocked() {
    this.box.checked = false;
    this.box.disabled = true;
    this.say(NOTES.blocked);
  }

  say(text, quiet = false) {
    if (quiet && this.note.textContent === text) return;
    this.note.textContent = text;
  }
}
