"""The journal and the pause as a readable Markdown file, for the reader to keep or print.

Rules:

1. The file reads well as plain text and renders safely as Markdown: the reader's words are
   escaped so that nothing they wrote becomes a heading, a link, a list or HTML when the
   file is opened in a Markdown viewer. Their line breaks are kept.
2. It holds the plan, the contacts logged and every entry, oldest first, each with its
   date, prompt and tagged reasons. It cannot be imported: that is what the backup is for.
3. The file name is neutral and says nothing about what is inside.
"""

from __future__ import annotations

import re
from datetime import date

from rekindle.tools.pause.model.contacts import NECESSARY_ABOUT, WHO, Contact
from rekindle.tools.pause.model.dates import long_date
from rekindle.tools.pause.model.journal import Entry, tag_label
from rekindle.tools.pause.model.plan import PausePlan, headline, pause_day
from rekindle.tools.pause.model.prompts import prompt_text
from rekindle.tools.pause.model.state import PauseState

INLINE = re.compile(r"([\\`*_\[\]<>|~])")
ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
BLOCK_START = re.compile(r"^(\s*)([#+=-])")
NUMBERED = re.compile(r"^(\s*\d+)([.)])")


def markdown_filename(today: date) -> str:
    return f"notes-{today.isoformat()}.md"


def escape_line(line: str) -> str:
    """One line of the reader's text, with every Markdown-active character made literal."""
    line = ENTITY.sub(r"\\&", INLINE.sub(r"\\\1", line))
    line = BLOCK_START.sub(r"\1\\\2", line)
    return NUMBERED.sub(r"\1\\\2", line)


def reader_block(text: str, indent: str = "") -> str:
    """The reader's text as Markdown paragraphs; single line breaks stay line breaks."""
    paragraphs: list[list[str]] = [[]]
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip()
        if line.strip():
            paragraphs[-1].append(indent + escape_line(line))
        elif paragraphs[-1]:
            paragraphs.append([])
    kept = [p for p in paragraphs if p]
    return "\n\n".join("\\\n".join(lines) for lines in kept)


def journal_markdown(state: PauseState, today: date) -> str:
    parts = [
        "# Pause journal",
        f"Exported on {long_date(today)}. Keep this file somewhere only you can open.",
        "## The pause",
        _plan_section(state.plan, today),
        "## Contacts logged",
        _contacts_section(state.contacts),
        "## Entries",
        *(_entry_section(entry) for entry in state.entries),
    ]
    if not state.entries:
        parts.append("No entries yet.")
    return "\n\n".join(parts) + "\n"


def _plan_section(plan: PausePlan | None, today: date) -> str:
    if plan is None:
        return "No pause was planned."
    length = "open-ended" if plan.length is None else f"{plan.length} days"
    lines = [
        f"- Started: {long_date(plan.start)}",
        f"- Length: {length}",
    ]
    if plan.last_day is not None:
        lines.append(f"- Last day: {long_date(plan.last_day)}")
    lines.append(f"- On the day of this export: {headline(plan, pause_day(plan, today))}")
    if plan.safety:
        lines.append("- This pause is about staying safe.")
    return "\n".join(lines)


def _contacts_section(contacts: tuple[Contact, ...]) -> str:
    if not contacts:
        return "None logged."
    items = []
    for contact in contacts:
        who = WHO[contact.who]
        if contact.about:
            who += f" ({NECESSARY_ABOUT[contact.about]})"
        item = f"- {long_date(contact.on)}: {who}"
        if contact.note.strip():
            item += "\n\n" + reader_block(contact.note, indent="  ")
        items.append(item)
    return "\n".join(items) if all("\n" not in i for i in items) else "\n\n".join(items)


def _entry_section(entry: Entry) -> str:
    lines = [f"### {long_date(entry.on)}", "", f"*{prompt_text(entry.prompt)}*"]
    if entry.tags:
        lines += ["", "Reasons tagged: " + "; ".join(tag_label(t) for t in entry.tags)]
    return "\n".join(lines) + "\n\n" + reader_block(entry.text)
