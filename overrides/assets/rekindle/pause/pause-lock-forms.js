// The passphrase lock's words and forms (built as DOM, text only). What they do is
// pause-lock.js; the cryptography is cipher.js.

import { button, make } from "./pause-view.js";

export const MIN_PASSPHRASE = 8;
export const AUTO_LOCK_CHOICES = [1, 5, 15, 60];
export const DEFAULT_AUTO_LOCK = 5;

export const WORDS = {
  what:
    "A passphrase scrambles your journal on this device, so someone who opens this browser " +
    "cannot read it. It hides what you wrote, not that this site was used here: your browser's " +
    "history and this site's stored data still show that.",
  cannot:
    "A forgotten passphrase cannot be recovered: nobody can open your journal without it, " +
    "not this site and not your browser. After you set it, you get a recovery code to write " +
    "down. It is the only other way in.",
  code:
    "Write this code down, or print it, and keep it away from this device. It opens your " +
    "journal if you forget your passphrase. It is shown only now.",
  wrong: "That passphrase or recovery code does not open this journal. Nothing was changed or erased. Try again.",
  damaged:
    "The journal kept on this device could not be opened: its locked data has been changed " +
    "or damaged, so no passphrase can open it. Nothing was deleted. If you have a backup, set " +
    "this copy aside and import the backup.",
  newer:
    "Your journal was locked by a newer version of this page. Reload the page to get it; " +
    "nothing was changed.",
  short: `Use at least ${MIN_PASSPHRASE} characters. A few words you will remember work well.`,
  differ: "The two passphrases are not the same. Please type them again.",
  tick: "Please tick the box to show you have read this.",
  empty: "Enter your passphrase or your recovery code.",
};

function field(name, label, input, hint = "") {
  input.id = `rk-pause-${name}`;
  input.name = name;
  input.setAttribute("aria-describedby", `rk-pause-${name}-msg`);
  return make(
    "div",
    { className: "rk-pause__field" },
    make("label", { htmlFor: input.id }, label),
    hint ? make("span", { className: "rk-pause__hint" }, hint) : null,
    input,
    make("p", { className: "rk-pause__message", id: `rk-pause-${name}-msg`, attrs: { "data-rk-message": name } }),
  );
}

const secretInput = (autocomplete) =>
  make("input", { type: "password", autocomplete, spellcheck: false });

/** The panel while the lock is on and the journal open. */
export function openPanel(autoLock, kept) {
  const select = make("select", { attrs: { "data-rk-auto-lock": "" } });
  select.append(...AUTO_LOCK_CHOICES.map((m) => make("option", { value: String(m) }, m === 60 ? "1 hour" : m === 1 ? "1 minute" : `${m} minutes`)));
  select.value = String(autoLock);
  return [
    make("p", {}, "The lock is on. ", WORDS.what.split(". ").slice(1).join(". ")),
    field("auto-lock", "Lock again when this page has been out of sight for", select),
    make(
      "p",
      {},
      "It also locks when you press Lock now, and when you use “Leave this site”.",
      kept ? "" : " While the journal is not kept on this device, locking would lose it, so Lock now waits until you tick “Keep this on this device”.",
    ),
    make(
      "p",
      {},
      button("Lock now", "lock-now", kept ? {} : { disabled: "" }),
      button("Change the passphrase", "lock-change"),
      button("Remove the lock", "lock-remove"),
    ),
  ];
}

/** Setting a passphrase: first what cannot be undone. */
export function setForm() {
  const agree = make("input", { type: "checkbox" });
  const agreeField = field("understand", "I understand that nobody can recover a lost passphrase", agree);
  agreeField.classList.add("rk-pause__check");
  agreeField.prepend(agree); // the box before its label
  return make(
    "form",
    { method: "dialog", noValidate: true, attrs: { "data-rk-lock-form": "set" } },
    make("p", { className: "rk-pause__warning-text" }, make("strong", {}, "Before you set it: "), WORDS.cannot),
    make("p", {}, WORDS.what),
    field("new-passphrase", "New passphrase", secretInput("new-password"), `At least ${MIN_PASSPHRASE} characters.`),
    field("new-repeat", "The same passphrase again", secretInput("new-password")),
    agreeField,
    make("p", {}, make("button", { type: "submit" }, "Set the lock"), button("Cancel", "lock-cancel")),
  );
}

/** A new passphrase; after a recovery, the recovery code stands for the current one. */
export function changeForm(recoveredWith) {
  const current = field("current-passphrase", "Your passphrase now, or your recovery code", secretInput("current-password"));
  const intro = recoveredWith
    ? "You opened your journal with the recovery code. Set a new passphrase now; the recovery code keeps working."
    : "Your journal is locked again under the new passphrase, and your recovery code keeps working.";
  const form = make(
    "form",
    { method: "dialog", noValidate: true, attrs: { "data-rk-lock-form": "change" } },
    make("p", {}, intro),
    recoveredWith ? null : current,
    field("new-passphrase", "New passphrase", secretInput("new-password"), `At least ${MIN_PASSPHRASE} characters.`),
    field("new-repeat", "The same passphrase again", secretInput("new-password")),
    make("p", {}, make("button", { type: "submit" }, "Change the passphrase"), button(recoveredWith ? "Later" : "Cancel", "lock-cancel")),
  );
  return form;
}

export function removeConfirm() {
  return make(
    "div",
    { className: "rk-pause__confirm" },
    make("p", {}, "Remove the lock? Your journal stays kept on this device, but without a passphrase anyone who opens this browser could read it."),
    make("p", {}, button("Remove the lock", "lock-remove-yes"), button("Keep the lock", "lock-cancel")),
  );
}

/** The recovery code, shown once. */
export function codePanel(code) {
  return [
    make("p", {}, make("strong", {}, "The lock is on. Your recovery code:")),
    make("p", { className: "rk-pause__code", attrs: { "data-rk-recovery-code": "", translate: "no" } }, code),
    make("p", {}, WORDS.code),
    make("p", {}, button("Print it", "code-print"), button("I have written it down", "code-done")),
  ];
}

