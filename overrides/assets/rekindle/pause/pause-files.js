// The reader's own copies: a readable Markdown file, a full backup (locked when the journal
// is), and importing a backup, which the engine merges (matched by id, the newer edit wins,
// nothing doubled). The engine names the files (neutral names) and decides what a backup
// holds; this file downloads, reads, and unlocks a locked backup with its own passphrase.

import { Damaged, NewerLock, WrongSecret, openLock, unseal } from "./cipher.js";
import { download, readText, tooLargeMessage, tooLargeToRead } from "./files.js";
import { button, clearMessages, fieldMessage, make } from "./pause-view.js";

const WORDS = {
  wrong: "That passphrase or recovery code does not open this backup. Nothing was imported.",
  damaged:
    "This backup's locked data has been changed or damaged, so it cannot be opened. Nothing " +
    "was imported. Your journal here is unchanged.",
  newer:
    "This backup was locked by a newer version of this page. Reload the page, then import it " +
    "again. Nothing was changed.",
};

export class FilesPanel {
  constructor(tool) {
    this.tool = tool;
    this.area = tool.find("[data-rk-files]");
    this.lockedBackup = null; // a locked backup waiting for its passphrase
    this.render();
  }

  render() {
    const input = make("input", {
      type: "file",
      id: "rk-pause-backup",
      accept: ".json,application/json",
      attrs: { "data-rk-import": "", "aria-describedby": "rk-pause-backup-hint rk-pause-backup-msg" },
    });
    const secret = make("input", {
      type: "password",
      id: "rk-pause-backup-secret",
      name: "secret",
      autocomplete: "off",
      attrs: { "aria-describedby": "rk-pause-backup-secret-msg" },
    });
    this.unlockForm = make(
      "form",
      { method: "dialog", noValidate: true, hidden: true, attrs: { "data-rk-backup-unlock": "" } },
      make("label", { htmlFor: secret.id }, "This backup is locked. Its passphrase or recovery code"),
      secret,
      make("p", { className: "rk-pause__message", id: "rk-pause-backup-secret-msg", attrs: { "data-rk-message": "backup-secret" } }),
      make("p", {}, make("button", { type: "submit" }, "Open and import the backup")),
    );
    this.area.replaceChildren(
      make("h4", {}, "Your own copies"),
      make(
        "p",
        {},
        "Download a readable copy to keep or print, or a backup you can import again, here or " +
          "on another device. The file names say nothing about what is inside. A backup is " +
          "locked when your journal is; the readable copy never is, so keep it somewhere private.",
      ),
      make("p", {}, button("Download a readable copy", "export-markdown"), button("Download a backup", "backup")),
      make("p", { className: "rk-pause__form-note", attrs: { "data-rk-files-note": "", "aria-live": "polite" } }),
      make(
        "div",
        { className: "rk-pause__field" },
        make("label", { htmlFor: input.id }, "Import a backup"),
        make(
          "span",
          { className: "rk-pause__hint", id: "rk-pause-backup-hint" },
          "Entries already here are matched, never doubled, and the newer edit of each wins.",
        ),
        input,
        make("p", { className: "rk-pause__message", id: "rk-pause-backup-msg", attrs: { "data-rk-message": "backup" } }),
      ),
      this.unlockForm,
    );
  }

  note(text) {
    this.area.querySelector("[data-rk-files-note]").textContent = text;
  }

  onAction(action) {
    if (action === "export-markdown") this.export("export_markdown", "text/markdown");
    else if (action === "backup") this.export("backup", "application/json");
    else return false;
    return true;
  }

  onSubmit(form) {
    if (!form.matches("[data-rk-backup-unlock]")) return false;
    this.openLockedBackup(form);
    return true;
  }

  async export(op, type) {
    const tool = this.tool;
    try {
      const answer = await tool.change(op, {});
      const text = op === "backup" ? await tool.lock.sealer()(answer.text, JSON.parse(answer.text)) : answer.text;
      download(answer.filename, text, type);
      this.note(`Downloaded ${answer.filename}.`);
    } catch (error) {
      this.note(error.message);
    }
  }

  async importFile(input) {
    clearMessages(this.area);
    this.unlockForm.hidden = true;
    const file = input.files?.[0];
    if (!file) return;
    const max = this.tool.limits.max_backup_chars;
    try {
      if (tooLargeToRead(file, max)) throw Object.assign(new Error(tooLargeMessage(file, max)), { field: "backup" });
      await this.importText(await readText(file));
    } catch (error) {
      this.problem("backup", error);
    } finally {
      input.value = ""; // the same file can be picked again
    }
  }

  async importText(text) {
    try {
      const answer = await this.tool.change("import_backup", { text });
      this.lockedBackup = null;
      this.unlockForm.hidden = true;
      fieldMessage(this.tool.root, "backup", answer.message, { error: false });
      this.tool.say(answer.message);
    } catch (error) {
      if (error.reason !== "locked") throw error;
      this.lockedBackup = JSON.parse(text).locked;
      fieldMessage(this.tool.root, "backup", error.message, { error: false });
      this.unlockForm.hidden = false;
      this.unlockForm.elements.secret.focus();
    }
  }

  async openLockedBackup(form) {
    clearMessages(form);
    const locked = this.lockedBackup;
    if (!locked) return;
    try {
      const { key } = await openLock(locked, form.elements.secret.value);
      const plain = await unseal(key, locked);
      form.reset();
      await this.importText(plain);
    } catch (error) {
      const words = error instanceof WrongSecret ? WORDS.wrong : error instanceof NewerLock ? WORDS.newer : error instanceof Damaged ? WORDS.damaged : null;
      this.problem("backup-secret", words ? { message: words } : error);
    }
  }

  problem(field, error) {
    fieldMessage(this.tool.root, field, error.message)?.focus();
  }
}
