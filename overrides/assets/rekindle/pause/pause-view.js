// Writing the engine's views into the page, always as text (never as HTML): the counter,
// the journal's entries, the contacts, the read-back, and the messages next to fields.

/** An element with properties, attributes and text or child nodes. */
export function make(tag, { attrs = {}, ...props } = {}, ...children) {
  const el = document.createElement(tag);
  Object.assign(el, props);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  el.append(...children.filter((child) => child !== null && child !== undefined));
  return el;
}

/** A button with an action the tool's click handler knows. */
export function button(label, action, extra = {}) {
  return make("button", { type: "button", attrs: { "data-rk-action": action, ...extra } }, label);
}

/** The reader's own words: kept exactly, shown as text, their direction found per paragraph. */
export function readerText(text, tag = "p") {
  return make(tag, { className: "rk-pause__words", attrs: { dir: "auto" } }, text);
}

/** Show `text` next to `field` (or clear it); marks the field invalid when it is an error. */
export function fieldMessage(root, field, text, { error = true } = {}) {
  const slot = root.querySelector(`[data-rk-message="${CSS.escape(field)}"]`);
  if (!slot) return null;
  slot.textContent = text || "";
  slot.classList.toggle("rk-pause__message--error", Boolean(text) && error);
  const control = root.querySelector(`#rk-pause-${CSS.escape(field)}`);
  const target = control ?? slot.previousElementSibling?.querySelector?.("input");
  if (control) {
    if (text && error) control.setAttribute("aria-invalid", "true");
    else control.removeAttribute("aria-invalid");
  }
  return target ?? slot;
}

export function clearMessages(scope) {
  for (const slot of scope.querySelectorAll("[data-rk-message]")) {
    slot.textContent = "";
    slot.classList.remove("rk-pause__message--error");
  }
  for (const field of scope.querySelectorAll("[aria-invalid]")) field.removeAttribute("aria-invalid");
}

export function renderCounter(root, counter) {
  const find = (hook) => root.querySelector(`[data-rk-${hook}]`);
  find("headline").textContent = counter.headline;
  find("counter-lines").replaceChildren(...counter.lines.map((line) => make("li", {}, line)));
  find("contact-line").textContent = counter.has_plan || counter.days_since_contact !== null ? counter.contact_line : "";
  const necessary = find("necessary-line");
  necessary.textContent = counter.necessary_line || "";
  necessary.hidden = !counter.necessary_line;
  const reminder = find("export-reminder");
  reminder.hidden = !counter.export_reminder.due;
  reminder.replaceChildren();
  if (counter.export_reminder.due) {
    reminder.append(counter.export_reminder.text, " ", button("Download a backup", "backup"));
  }
  find("safety").hidden = !counter.safety;
  root.toggleAttribute("data-rk-safety-pause", Boolean(counter.safety));
}

/** One past entry: folded (a <details>), with its prompt, words, tags, Edit and Delete. */
function entryItem(entry) {
  const summary = make("summary", {}, entry.date_text, entry.edited ? " (edited)" : "");
  const body = make(
    "div",
    { className: "rk-pause__entry-body", attrs: { "data-rk-entry-body": "" } },
    make("p", { className: "rk-pause__entry-prompt" }, entry.prompt_text),
    readerText(entry.text, "div"),
    entry.tags.length
      ? make("p", { className: "rk-pause__entry-tags" }, "Reasons tagged: ", entry.tags.map((t) => t.label).join("; "))
      : null,
    make(
      "p",
      { className: "rk-pause__entry-actions" },
      button("Edit", "edit-entry", { "aria-label": `Edit the entry of ${entry.date_text}` }),
      button("Delete", "delete-entry", { "aria-label": `Delete the entry of ${entry.date_text}` }),
    ),
  );
  const details = make("details", {}, summary, body);
  return make("li", { attrs: { "data-rk-entry-id": entry.id } }, details);
}

/** Redraw the entries, keeping open the ones the reader had open. */
export function renderEntries(root, journal) {
  const list = root.querySelector("[data-rk-entries]");
  const open = new Set(
    [...list.querySelectorAll("li[data-rk-entry-id] > details[open]")].map((d) => d.parentElement.dataset.rkEntryId),
  );
  const items = journal.map(entryItem);
  for (const item of items) if (open.has(item.dataset.rkEntryId)) item.firstChild.open = true;
  list.replaceChildren(...items);
  root.querySelector("[data-rk-journal-empty]").hidden = journal.length > 0;
}

/** An entry's body as an editing form: its words in a textarea, Save and Cancel. */
export function editForm(entry) {
  const id = `rk-pause-edit-${entry.id}`;
  const area = make("textarea", { id, rows: 7, value: entry.text, attrs: { dir: "auto", "aria-describedby": `${id}-msg` } });
  return make(
    "div",
    { className: "rk-pause__edit", attrs: { "data-rk-editing": entry.id } },
    make("label", { htmlFor: id }, `Your entry of ${entry.date_text}`),
    area,
    make("p", { className: "rk-pause__message", id: `${id}-msg`, attrs: { "data-rk-edit-message": "" } }),
    make("p", {}, button("Save the change", "save-edit"), button("Cancel", "cancel-edit")),
  );
}

/** Asked before deleting an entry or contact: no dialog box, just two buttons in place. */
export function confirmDelete(what) {
  return make(
    "p",
    { className: "rk-pause__confirm", attrs: { "data-rk-confirm": "" } },
    make("span", {}, `Delete ${what}? This cannot be undone, unless you have a backup.`),
    " ",
    button("Delete it", "confirm-delete"),
    button("Keep it", "cancel-delete"),
  );
}

export function renderContacts(root, contacts) {
  const items = contacts.map((contact) =>
    make(
      "li",
      { attrs: { "data-rk-contact-id": contact.id } },
      make("span", {}, contact.line),
      contact.note ? readerText(contact.note, "span") : null,
      button("Delete", "delete-contact", { "aria-label": `Delete the contact of ${contact.date_text}` }),
    ),
  );
  root.querySelector("[data-rk-contacts]").replaceChildren(...items);
}

/** The read-back: entries by prompt, the tagged reasons, and where to go next. */
export function renderReadback(body, view, hrefFor) {
  const parts = [make("h4", { tabIndex: -1, attrs: { "data-rk-readback-heading": "" } }, "Your read-back")];
  if (!view.entry_count) parts.push(make("p", {}, "There are no entries to read back yet."));
  for (const group of view.groups) {
    parts.push(
      make("h5", {}, group.prompt_text),
      make(
        "ul",
        {},
        ...group.entries.map((entry) =>
          make("li", {}, make("strong", {}, entry.date_text), readerText(entry.text, "div")),
        ),
      ),
    );
  }
  parts.push(make("h5", {}, "Reasons you tagged"), make("p", {}, view.reasons_line));
  if (view.reasons.length) {
    const counted = (r) => `${r.label}: ${r.count === 1 ? "1 entry" : `${r.count} entries`}`;
    parts.push(make("ul", {}, ...view.reasons.map((r) => make("li", {}, counted(r)))));
  }
  const link = (item) => make("a", { href: hrefFor(item.doc) }, item.text);
  parts.push(make("p", { className: "rk-pause__next" }, view.next.lead, " ", link(view.next)));
  for (const extra of view.links) parts.push(make("p", {}, link(extra)));
  body.replaceChildren(...parts);
}
