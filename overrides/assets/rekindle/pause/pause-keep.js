// "Keep this on this device": nothing is stored until the reader ticks it. Then every change
// is written to this browser's IndexedDB (vault.js), locked first when the reader set a
// passphrase (pause-lock.js), and the browser is asked to keep it (persist()).
//
// The engine shapes what is stored (op `save`) and reads it back (op `restore`); this file
// only moves text. Saved data the engine cannot read is set aside, never deleted; data from
// a newer version of the page is left where it is and nothing is written over it. A full or
// blocked storage never loses what is on the page: the reader is told, and can export.
//
// On a shared `*.github.io` address the reader is warned before anything is kept unlocked:
// the account's other sites can read what this site keeps.

import { DB_NAME, JOURNAL, StorageFull, Vault } from "./vault.js";
import { button, make } from "./pause-view.js";

const NOTES = {
  off: "Not kept: what you write stays on this page only, until you leave it.",
  kept: "Kept on this device, in this browser only.",
  persisted: " This browser has agreed not to clear it on its own; clearing the browser's data still would.",
  mayClear: " This browser may still clear it on its own, for example when space runs low.",
  removed:
    "The copy on this device was deleted. What you see stays on this page until you leave; tick the box again to keep it.",
  blocked:
    "This browser is not letting this site keep anything, so your journal lasts only while this page is open. Download a backup to keep it.",
  full:
    "This device has no room left for this site, so your latest change was not kept here. It is still on this page: download a backup now.",
  failed:
    "Your latest change could not be kept on this device. It is still on this page: download a backup now.",
  waiting: "Nothing has been kept yet: choose below.",
};

/** Whether this copy of the site shares its address with the account's other sites. */
export function sharedAddress(host = location.hostname) {
  return /\.github\.io$/i.test(host);
}

export class Keeper {
  constructor(tool) {
    this.tool = tool;
    this.box = tool.find("[data-rk-keep]");
    this.note = tool.find("[data-rk-keep-note]");
    this.warning = tool.find("[data-rk-shared-warning]");
    this.vault = new Vault();
    this.kept = false; // the reader ticked the box (and confirmed, on a shared address)
    this.frozen = false; // saved data from a newer version: never written over
    this.writes = 0;
    this.persisted = null;
    this.pending = null;
    this.running = null;
    this.generation = 0; // moves on when the kept copy is deleted: older writes are dropped
  }

  unmount() {
    this.vault.close();
  }

  /** On mount: find a kept journal (without creating anything) and bring it back. */
  async restore() {
    if (!(await Vault.available())) return this.blocked();
    let text;
    try {
      text = await this.vault.read(JOURNAL);
    } catch {
      return this.blocked();
    }
    if (text === null) return this.say(NOTES.off);
    this.box.checked = true;
    this.kept = true;
    this.say(NOTES.kept);
    await this.tool.lock.restore(text);
  }

  /** The engine could not read what was kept: move it aside, say so, start afresh. */
  async setAside(text, message) {
    try {
      await this.vault.setAside(text);
    } catch {
      // could not move it: it stays where it is, and nothing is written over it
      this.frozen = true;
    }
    this.say(message);
  }

  /** Kept by a newer version: left exactly as it is. */
  freeze(message) {
    this.frozen = true;
    this.box.checked = false;
    this.box.disabled = true;
    this.kept = false;
    this.say(message);
  }

  async onToggle() {
    if (!this.box.checked) return this.tool.state ? this.askBeforeDeleting() : this.deleteKept();
    if (sharedAddress() && !this.tool.lock.active) return this.warnShared();
    await this.startKeeping();
  }

  async deleteKept() {
    this.box.checked = false;
    this.kept = false;
    this.generation += 1;
    this.warning.hidden = true;
    await this.vault.destroy();
    this.say(NOTES.removed);
  }

  /** Unticking deletes the only kept copy of what the reader wrote: one tap must not. */
  askBeforeDeleting() {
    this.box.checked = true; // nothing changes until the reader says so
    const question = "rk-pause-delete-question"; // read out with the focused button
    this.warning.replaceChildren(
      make(
        "p",
        { attrs: { id: question } },
        make("strong", {}, "Delete the copy kept on this device? "),
        "What you see stays on this page until you leave it. After that it is gone, unless " +
          "you have downloaded a backup.",
      ),
      make(
        "p",
        {},
        button("Keep it on this device", "keep-stay", { "aria-describedby": question }),
        button("Delete the kept copy", "keep-delete", { "aria-describedby": question }),
      ),
    );
    this.warning.hidden = false;
    this.warning.querySelector("button").focus();
  }

  async startKeeping() {
    this.warning.hidden = true;
    this.kept = true;
    await this.askToPersist();
    this.save();
  }

  /** Before the first unlocked write on a shared address: say who else could read it. */
  warnShared() {
    this.say(NOTES.waiting);
    this.warning.replaceChildren(
      make("p", {}, make("strong", {}, "Other sites could read an unlocked journal. ")),
      make(
        "p",
        {},
        `This copy of the site is published at ${location.hostname}, an address GitHub shares ` +
          "between all the sites of one account. Any of those sites can read what this site " +
          "keeps in your browser. A passphrase lock keeps your writing unreadable to them.",
      ),
      make(
        "p",
        {},
        button("Set a passphrase lock first", "lock-open"),
        button("Keep it unlocked anyway", "keep-unlocked"),
        button("Do not keep it", "keep-cancel"),
      ),
    );
    this.warning.hidden = false;
    this.warning.querySelector("button").focus();
  }

  /** The warning's buttons; true when the action was one of them. */
  onAction(action) {
    if (action === "keep-unlocked") this.startKeeping();
    else if (action === "keep-cancel") {
      this.box.checked = false;
      this.warning.hidden = true;
      this.say(NOTES.off);
      this.box.focus();
    } else if (action === "keep-stay") {
      this.warning.hidden = true;
      this.box.focus();
    } else if (action === "keep-delete") {
      this.deleteKept().then(() => this.box.focus());
    } else return false;
    return true;
  }

  /** While the journal is locked, the box cannot be unticked: that would delete the only
   * copy, unseen. (Delete everything, on the privacy page, still can.) */
  lockedAway(locked) {
    if (this.frozen || this.box.dataset.rkBlocked !== undefined) return;
    this.box.disabled = locked;
    if (locked) this.say("Kept on this device, locked. Unlock it to change how it is kept.");
  }

  /** A lock was set: a keeping that waited on the warning can start now. */
  onLocked() {
    if (this.box.checked && !this.kept) this.startKeeping();
    else this.save();
  }

  async askToPersist() {
    try {
      this.persisted = (await navigator.storage?.persist?.()) ?? false;
    } catch {
      this.persisted = false;
    }
  }

  /**
   * Keep the journal as it is now. The state and the lock's key are taken at once, so a
   * lock or a quick exit that drops them from the page a moment later cannot change what
   * this write stores; writes run one at a time, and only the latest waiting one runs.
   */
  save() {
    if (!this.kept || this.frozen || !this.tool.lock.canSave()) return this.running;
    const sealer = this.tool.lock.sealer();
    this.pending = { state: this.tool.state, sealer, generation: this.generation };
    this.running ??= this.drain();
    return this.running;
  }

  async drain() {
    try {
      while (this.pending) {
        const snapshot = this.pending;
        this.pending = null;
        await this.writeOnce(snapshot);
      }
    } finally {
      this.running = null;
    }
  }

  async writeOnce({ state, sealer, generation }) {
    let text;
    try {
      const { saved } = await this.tool.call("save", { state });
      text = await sealer(JSON.stringify(saved), saved);
    } catch (error) {
      return this.say(error?.message || NOTES.failed);
    }
    if (generation !== this.generation || !this.kept) return; // deleted or unticked meanwhile
    try {
      await this.vault.write(JOURNAL, text);
    } catch (error) {
      return this.say(error instanceof StorageFull ? NOTES.full : NOTES.failed);
    }
    this.writes += 1;
    this.tool.root.dataset.rkSaved = String(this.writes);
    const persisted = { true: NOTES.persisted, false: NOTES.mayClear }[this.persisted] ?? "";
    this.say(NOTES.kept + persisted);
  }

  blocked() {
    this.box.checked = false;
    this.box.disabled = true;
    this.box.dataset.rkBlocked = "";
    this.kept = false;
    this.say(NOTES.blocked);
  }

  /** "Delete everything": the box is unticked (kit/forget.js); close and delete ours too. */
  async forget() {
    this.kept = false;
    this.generation += 1;
    this.pending = null;
    this.box.checked = false;
    this.warning.hidden = true;
    await this.vault.destroy();
    this.say(NOTES.off);
  }

  say(text) {
    if (this.note.textContent !== text) this.note.textContent = text;
  }
}

export { DB_NAME };
