"""The ```no-contact-pause fence: the pause plan, counter, journal and keeping as real HTML.

Without JavaScript the tool reads as text: what it offers, where it keeps things, and every
writing prompt, so the reader can use a notebook. Its controls need scripts (the journal is
kept by the browser), so they are shown only where scripts run (`.js`, which Material puts
on <html>), and every form has `method="dialog"`: submitted before the script has loaded, a
form outside a dialog goes nowhere, so nothing the reader typed can end up in a URL.

Hooks for `overrides/assets/rekindle/pause/pause.js` (attributes, never classes):

- root `data-rekindle-widget="no-contact-pause"`, `data-state` (loading | ready | error),
  `data-rk-limits` (JSON: the model's limits the page needs before the engine answers).
- `data-rk-status` (role="status") and `data-rk-retry`.
- `data-rk-needs-js`: the live parts; `data-rk-no-js`: the note shown only without scripts.
- `data-rk-unlock`: the unlock form (hidden until a locked journal is found).
- `data-rk-safety`: the safety notice, shown when the pause is about safety.
- `data-rk-plan` form with fields `name` = safety, situation, start, length, open_ended.
- `data-rk-area="<part>"` on each part's section (plan, counter, keep, journal, draft,
  contact, readback, copies), shown only where scripts run.
- the counter part: `data-rk-headline`, `data-rk-counter-lines`, `data-rk-contact-line`,
  `data-rk-necessary-line`, `data-rk-export-reminder`.
- the keep part: `data-rk-keep` (the "Keep this on this device" box), `data-rk-keep-note`,
  `data-rk-shared-warning`; the copies part: `data-rk-lock-area`, `data-rk-files`.
- `data-rk-journal` form: `data-rk-prompt-text`, `data-rk-track`, `data-rk-use-prompt`,
  `data-rk-entry` (the textarea), tags `name="tag"`, `data-rk-session-note`; the list
  `data-rk-entries` and `data-rk-journal-empty`.
- `data-rk-draft` form: `data-rk-draft-title`, `data-rk-draft-intro`, `data-rk-draft-text`,
  `data-rk-countdown`, `data-rk-draft-choices`.
- `data-rk-contact` form (on, who, about, note) and the list `data-rk-contacts`.
- the read-back part: `data-rk-action="readback"` and `data-rk-readback-body`.
- `data-rk-form-note` (aria-live polite) at the end of each form: what its button did.
- `data-rk-message="<field>"`: the message next to each field (its id is in the field's
  aria-describedby), written by the page from the engine's ReaderError.
- `<template data-rk-hrefs>`: one `a[data-rk-link="<docs path>"]` per page the engine's views
  name (`safety.md`, ...), its href resolved for this page at build time.

Controls and placeholders carry `data-search-exclude` (Material's search index skips them;
see `rekindle.shared.widget_html.NOT_INDEXED`); the explanations and the prompts stay
searchable. One pause fence per page (its ids are fixed).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html import escape

from pymdownx.superfences import SuperFencesException

from rekindle.shared.widget_html import NOT_INDEXED, widget_attributes
from rekindle.tools.pause.model.backup import MAX_BACKUP_CHARS
from rekindle.tools.pause.model.contacts import NECESSARY_ABOUT, WHO
from rekindle.tools.pause.model.fields import MAX_TEXT_CHARS
from rekindle.tools.pause.model.journal import SESSION_MINUTES, SESSION_NOTE, TAGS
from rekindle.tools.pause.model.plan import MAX_LENGTH, SITUATIONS, SUGGESTED_LENGTH
from rekindle.tools.pause.model.prompts import MIX, MIX_LABEL, PROMPTS, TRACKS
from rekindle.tools.pause.model.views import DRAFT_WAIT_MINUTES, EXPORT_EVERY_DAYS, LINKS

FENCE = "no-contact-pause"
OPTION_LINE = re.compile(r"^\s*([A-Za-z][\w-]*)\s*:\s*(.*?)\s*$")
ID = "rk-pause"

FORM_NOTE = '<p class="rk-pause__form-note" data-rk-form-note aria-live="polite"></p>\n'

PageExists = Callable[[str], bool]
HrefFor = Callable[[str], str]


def format_pause(
    source: str, language: str, css_class: str, options: dict, md: object, **kwargs: object
) -> str:
    """Superfences formatter: this fence takes no options; its links must reach real pages."""
    if any(line.strip() for line in source.splitlines()) or options:
        raise SuperFencesException(f"{FENCE}: this fence takes no options")
    page_exists, href_for = page_context(md)
    missing = [link["doc"] for link in LINKS.values() if not page_exists(link["doc"])]
    if missing:
        raise SuperFencesException(f"{FENCE}: links to missing pages {missing!r}")
    return render_pause(href_for)


def page_context(md: object) -> tuple[PageExists, HrefFor]:
    """Check and resolve docs paths with MkDocs' own file list (its "relpath" tree processor
    holds the page and the site's files); outside MkDocs, paths stay docs-relative."""
    registry = getattr(md, "treeprocessors", None)
    relpath = registry["relpath"] if registry is not None and "relpath" in registry else None
    files, page = getattr(relpath, "files", None), getattr(relpath, "file", None)
    if files is None or page is None:
        return (lambda path: True), (lambda link: link)

    def href_for(link: str) -> str:
        target = files.get_file_from_path(link)
        return target.url_relative_to(page) if target is not None else link

    return (lambda path: files.get_file_from_path(path) is not None), href_for


def limits() -> dict[str, int]:
    return {
        "max_text_chars": MAX_TEXT_CHARS,
        "max_backup_chars": MAX_BACKUP_CHARS,
        "session_minutes": SESSION_MINUTES,
        "draft_wait_minutes": DRAFT_WAIT_MINUTES,
        "export_every_days": EXPORT_EVERY_DAYS,
    }


def render_pause(href_for: HrefFor) -> str:
    parts = [
        f'<div class="rk-widget rk-pause" {widget_attributes(FENCE)} data-state="loading" '
        f"data-rk-limits='{escape(json.dumps(limits()))}'>",
        '<p class="rk-pause__intro">A pause plan, a day counter, a place for messages you do '
        "not send, and a private journal. Everything stays on this device, and only if you "
        "choose to keep it.</p>",
        f'<p class="rk-status"{NOT_INDEXED} role="status" data-rk-status>The counter and '
        "journal start once the page has loaded.</p>",
        f'<button type="button"{NOT_INDEXED} data-rk-retry hidden>Try again</button>',
        '<p class="rk-pause__no-js" data-rk-no-js>The counter and the journal need '
        "JavaScript, because your browser keeps what you write. Without it, you can still "
        "read the prompts below and write in a notebook.</p>",
        _unlock(),
        _safety(href_for),
        _plan(),
        _counter(),
        _keep(),
        _journal(),
        _draft(),
        _contact(),
        _readback(),
        _copies(),
        _all_prompts(),
        _hrefs(href_for),
        "</div>",
    ]
    return "\n".join(parts)


def _section(key: str, title: str, *body: str, title_hook: str = "") -> str:
    """One part of the tool: a section named by its heading, shown only where scripts run."""
    return (
        f'<section class="rk-pause__area rk-pause__area--{key}" data-rk-area="{key}" '
        f'data-rk-needs-js aria-labelledby="{ID}-{key}-title">\n'
        f'<h3 id="{ID}-{key}-title"{title_hook}>{escape(title)}</h3>\n'
        + "\n".join(body)
        + "\n</section>"
    )


def _message(field: str) -> str:
    return f'<p class="rk-pause__message" id="{ID}-{field}-msg" data-rk-message="{field}"></p>'


def _field(name: str, label: str, hint: str, control: str) -> str:
    """A labelled control with its hint and its message slot, both in aria-describedby."""
    described = f"{ID}-{name}-hint {ID}-{name}-msg"
    control = control.replace("<CONTROL", f'id="{ID}-{name}" aria-describedby="{described}"')
    return (
        f'<div class="rk-pause__field"{NOT_INDEXED}>\n'
        f'<label for="{ID}-{name}">{escape(label)}</label>\n'
        f'<span class="rk-pause__hint" id="{ID}-{name}-hint">{escape(hint)}</span>\n'
        f"{control}\n{_message(name)}\n</div>"
    )


def _check(name: str, label: str, extra: str = "") -> str:
    return (
        f'<span class="rk-pause__check"><input type="checkbox" id="{ID}-{name}" '
        f'name="{name}"{extra}><label for="{ID}-{name}">{escape(label)}</label></span>'
    )


def _text_input(name: str, size: int) -> str:
    return (
        f'<input <CONTROL name="{name}" type="text" inputmode="numeric" autocomplete="off" '
        f'spellcheck="false" size="{size}">'
    )


def _unlock() -> str:
    return (
        f'<form class="rk-pause__unlock" method="dialog" data-rk-unlock hidden{NOT_INDEXED} '
        f'aria-labelledby="{ID}-unlock-title">\n'
        f'<h3 id="{ID}-unlock-title" tabindex="-1">Your journal is locked</h3>\n'
        "<p>Enter your passphrase, or your recovery code, to open it on this page.</p>\n"
        + _field(
            "passphrase",
            "Passphrase or recovery code",
            "Nothing is erased if it is wrong.",
            '<input <CONTROL name="passphrase" type="password" autocomplete="current-password"'
            ' spellcheck="false">',
        )
        + '\n<button type="submit">Unlock</button>\n</form>'
    )


def _safety(href_for: HrefFor) -> str:
    link = LINKS["safety"]
    return (
        '<aside class="rk-pause__safety" data-rk-safety hidden '
        f'aria-labelledby="{ID}-safety-title">\n'
        f'<h3 id="{ID}-safety-title">Your safety comes first</h3>\n'
        "<p>This pause is about staying safe, so it has no set end and nothing here suggests "
        "getting in touch. If you are in danger, call your local emergency number.</p>\n"
        f'<p><a href="{escape(href_for(link["doc"]))}">{escape(link["text"])}</a>: '
        "services that can help you plan, and how to leave this site in a hurry.</p>\n</aside>"
    )


def _plan() -> str:
    situations = "\n".join(
        f'<span class="rk-pause__choice"><input type="radio" name="situation" '
        f'id="{ID}-situation-{key}" value="{key}"><label for="{ID}-situation-{key}">'
        f"{escape(label)}</label></span>"
        for key, label in [*SITUATIONS.items(), ("", "I would rather not say")]
    )
    form = (
        f'<form method="dialog" data-rk-plan novalidate{NOT_INDEXED}>\n'
        + _check(
            "safety", "This pause is about my safety", ' aria-describedby="rk-pause-safety-hint"'
        )
        + f'\n<p class="rk-pause__hint" id="{ID}-safety-hint">Then it has no set end, and '
        "nothing in this tool suggests getting back in touch.</p>\n"
        f'<fieldset class="rk-pause__choices">\n<legend>How it ended</legend>\n{situations}\n'
        "</fieldset>\n"
        + _field(
            "start",
            "Start date",
            "Year-month-day, like 2026-03-01. Leave it empty to start today, or pick an "
            "earlier day for a pause already under way.",
            _text_input("start", 10),
        )
        + "\n"
        + _field(
            "length",
            "Length in days",
            f"{SUGGESTED_LENGTH} is suggested; up to {MAX_LENGTH}. Leave it empty for "
            f"{SUGGESTED_LENGTH}, or open-ended for a pause about safety.",
            _text_input("length", 4),
        )
        + "\n"
        + _check("open_ended", "Open-ended: no set end")
        + '\n<p><button type="submit">Save my plan</button></p>\n'
        + FORM_NOTE
        + "</form>"
    )
    return _section("plan", "Your pause plan", form)


def _counter() -> str:
    return _section(
        "counter",
        "Where you are",
        f'<p class="rk-pause__headline" data-rk-headline{NOT_INDEXED}>No pause planned yet</p>',
        f'<ul class="rk-pause__lines" data-rk-counter-lines{NOT_INDEXED}></ul>',
        f"<p data-rk-contact-line{NOT_INDEXED}></p>",
        f"<p data-rk-necessary-line hidden{NOT_INDEXED}></p>",
        f'<p class="rk-pause__reminder" data-rk-export-reminder hidden{NOT_INDEXED}></p>',
    )


def _keep() -> str:
    return _section(
        "keep",
        "Kept only where you choose",
        _check(
            "keep",
            "Keep this on this device",
            ' data-rk-keep aria-describedby="rk-pause-keep-help"',
        ),
        f'<p class="rk-pause__hint" id="{ID}-keep-help">Until you tick this, nothing is kept: '
        "close the page and it is gone. Once ticked, this browser keeps it on this device only. "
        "It can still be erased: Safari removes a site's data after about 7 days without a "
        "visit; an app added to the home screen keeps its own data, apart from the browser's; "
        "a private window keeps nothing once closed. Export a copy now and then.</p>",
        f'<p class="rk-pause__keep-note" data-rk-keep-note aria-live="polite"{NOT_INDEXED}></p>',
        f'<div class="rk-pause__warning" data-rk-shared-warning hidden{NOT_INDEXED}></div>',
    )


def _copies() -> str:
    """The lock and the reader's own files, last: used now and then, not every day."""
    return _section(
        "copies",
        "A lock and your own copies",
        f'<div class="rk-pause__lock" data-rk-lock-area{NOT_INDEXED}></div>',
        f'<div class="rk-pause__files" data-rk-files{NOT_INDEXED}></div>',
    )


def _journal() -> str:
    tracks = "\n".join(
        f'<option value="{key}">{escape(label)}</option>'
        for key, label in [(MIX, MIX_LABEL), *TRACKS.items()]
    )
    tags = "\n".join(
        _check(f"tag-{key}", label, f' value="{key}" data-rk-tag') for key, label in TAGS.items()
    )
    form = (
        f'<form method="dialog" data-rk-journal novalidate{NOT_INDEXED}>\n'
        '<p class="rk-pause__prompt-label">Today\'s prompt</p>\n'
        '<p class="rk-pause__prompt" data-rk-prompt-text></p>\n'
        f'<p class="rk-pause__prompt-tools"><label for="{ID}-track">Prompts</label>\n'
        f'<select id="{ID}-track" data-rk-track>\n{tracks}\n</select>\n'
        '<button type="button" data-rk-action="another-prompt">Another prompt</button></p>\n'
        + _check("use-prompt", "My entry answers this prompt", " checked data-rk-use-prompt")
        + "\n"
        + _field(
            "text",
            "Today's entry",
            "A few lines is enough. It stays on this page, and on this device if you keep it.",
            '<textarea <CONTROL name="text" dir="auto" rows="7" data-rk-entry></textarea>',
        )
        + f'\n<details class="rk-pause__tags">\n<summary>Tag reasons it ended (optional)</summary>'
        f'\n<fieldset>\n<legend class="rk-visually-hidden">Reasons it ended</legend>\n{tags}\n'
        "</fieldset>\n</details>\n"
        '<p><button type="submit">Add to my journal</button></p>\n'
        + FORM_NOTE
        + f'<p class="rk-pause__session" data-rk-session-note hidden>{escape(SESSION_NOTE)}</p>\n'
        "</form>"
    )
    return _section(
        "journal",
        "Your journal",
        form,
        f'<h4 id="{ID}-entries-title">Past entries</h4>',
        f"<p data-rk-journal-empty{NOT_INDEXED}>No entries yet.</p>",
        f'<ol class="rk-pause__entries" data-rk-entries aria-labelledby="{ID}-entries-title"'
        f"{NOT_INDEXED}></ol>",
    )


def _draft() -> str:
    form = (
        f'<form method="dialog" data-rk-draft novalidate{NOT_INDEXED}>\n'
        "<p data-rk-draft-intro>Write the message you want to send. Nothing here is sent "
        f"anywhere. Wait {DRAFT_WAIT_MINUTES} minutes, then decide what to do with it.</p>\n"
        + _field(
            "draft",
            "The message",
            "It stays on this page only, unless you move it into your journal.",
            '<textarea <CONTROL name="draft" dir="auto" rows="4" data-rk-draft-text></textarea>',
        )
        + '\n<p><button type="submit" data-rk-action="draft-wait">Start the wait</button></p>\n'
        '<p class="rk-pause__countdown" data-rk-countdown hidden></p>\n'
        '<div class="rk-pause__draft-choices" data-rk-draft-choices hidden></div>\n'
        + FORM_NOTE
        + "</form>"
    )
    return _section("draft", "Before you reach out", form, title_hook=" data-rk-draft-title")


def _contact() -> str:
    who = "\n".join(
        f'<span class="rk-pause__choice"><input type="radio" name="who" id="{ID}-who-{key}" '
        f'value="{key}"><label for="{ID}-who-{key}">{escape(label)}</label></span>'
        for key, label in WHO.items()
    )
    about = "\n".join(
        f'<option value="{key}">{escape(label.capitalize())}</option>'
        for key, label in NECESSARY_ABOUT.items()
    )
    form = (
        f'<form method="dialog" data-rk-contact novalidate{NOT_INDEXED}>\n'
        "<p>Logging a contact never resets your pause. Necessary contact, about children, a "
        "shared home or work, is part of life, not a slip.</p>\n"
        + _field("on", "Date", "Year-month-day. Leave it empty for today.", _text_input("on", 10))
        + f'\n<fieldset class="rk-pause__choices" aria-describedby="{ID}-who-msg">\n'
        f"<legend>Who started it</legend>\n{who}\n</fieldset>\n{_message('who')}\n"
        f'<p class="rk-pause__field" data-rk-about><label for="{ID}-about">What it was about'
        f'</label>\n<select id="{ID}-about" name="about">\n{about}\n</select></p>\n'
        + _field(
            "note",
            "A note (optional)",
            "Only for you.",
            '<textarea <CONTROL name="note" dir="auto" rows="2"></textarea>',
        )
        + '\n<p><button type="submit">Log this contact</button></p>\n'
        + FORM_NOTE
        + "</form>"
    )
    return _section(
        "contact",
        "Log a contact",
        form,
        f'<ul class="rk-pause__contacts" data-rk-contacts{NOT_INDEXED}></ul>',
    )


def _readback() -> str:
    return _section(
        "readback",
        "Read back what you wrote",
        "<p>At the end of the pause, or whenever you feel ready: your entries gathered by "
        "prompt, and the reasons you tagged.</p>",
        f'<p{NOT_INDEXED}><button type="button" data-rk-action="readback">Read back my '
        "journal</button></p>",
        f'<div class="rk-pause__readback-body" data-rk-readback-body tabindex="-1"{NOT_INDEXED}>'
        "</div>",
    )


def _all_prompts() -> str:
    groups = []
    for key, label in TRACKS.items():
        items = "\n".join(f"<li>{escape(p.text)}</li>" for p in PROMPTS if p.track == key)
        groups.append(f"<h4>{escape(label)}</h4>\n<ul>\n{items}\n</ul>")
    return (
        '<details class="rk-pause__all-prompts">\n<summary>All the writing prompts</summary>\n'
        + "\n".join(groups)
        + "\n</details>"
    )


def _hrefs(href_for: HrefFor) -> str:
    anchors = "".join(
        f'<a href="{escape(href_for(link["doc"]))}" data-rk-link="{escape(link["doc"])}">'
        f"{escape(link['text'])}</a>"
        for link in LINKS.values()
    )
    return f"<template data-rk-hrefs>{anchors}</template>"
