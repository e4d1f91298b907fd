"""The ```deciding-worksheet fence: the whole worksheet as real, accessible HTML.

Without JavaScript every part is visible, so the page reads and prints as a paper worksheet
(the questions, the choices, the firmness scale, the reasons). The fence takes no options.
The page's JS finds its hooks through these attributes (never through classes):

- root `data-rekindle-widget="deciding-worksheet"`, `data-state` = loading | ready | error.
- `data-rk-status`: the `role="status"` line; `data-rk-retry`: the hidden "Try again".
- `data-rk-arrival`: the hidden notice shown when the other person's code came with the
  link (`#share=...`); its button `data-rk-action="forget-code"`.
- `data-rk-keep`: the opt-in "Keep my worksheet on this device" checkbox (the kit's
  "Delete everything" unticks it in every tab); `data-rk-action="delete"`;
  `data-rk-keep-state` (the summary's "on"/"off" words).
- `data-rk-form`: the `<form>`. Each area is a fieldset `data-rk-area="<area id>"` holding
  two radio groups: `data-rk-choices` (`name="rk-d-<area>-choice"`, value = choice id) and
  `data-rk-firmness` (`name="rk-d-<area>-firmness"`, value = must | like | flexible |
  unsure), and a hidden `data-rk-action="clear-area"` button. Each reason is
  `data-rk-reason="<reason id>"` (`data-rk-private` for one that never leaves the device)
  with a checkbox `data-rk-reason-tick` and a radio group `data-rk-changed`
  (`name="rk-d-<reason>-changed"`, value = yes | partly | no | dont-know).
  `data-rk-note`: the private note's textarea.
- `data-rk-action="summary"`: "See my summary"; `data-rk-summary` (the section, focus its
  heading `data-rk-summary-heading`), written into `data-rk-summary-body`.
- `data-rk-compare`: sharing and comparing: `data-rk-action` share, compare, print;
  `data-rk-share-output`, `data-rk-their-code` (textarea), `data-rk-compare-output`.
- `data-rk-link="<docs path>"` anchors: the real address of the safety page and of the
  conversation page (the build resolves them for this page, and fails if one is missing).

`data-search-exclude` keeps the controls (choices, scales, buttons, placeholders) out of
Material's search index, which every page downloads; the headings and the sentences that
explain the worksheet stay searchable (see `rekindle.shared.widget_html.NOT_INDEXED`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from pymdownx.superfences import SuperFencesException

from rekindle.shared.widget_html import NOT_INDEXED, widget_attributes
from rekindle.tools.deciding.model.checks import validate_table
from rekindle.tools.deciding.model.items import (
    CONVERSATION_PAGE,
    NOTE_MAX_CHARS,
    SAFETY_PAGE,
    SHARING_SAFETY_NOTE,
    TABLE,
)
from rekindle.tools.deciding.model.table import Area, Reason, Table

FENCE = "deciding-worksheet"
KNOWN_OPTIONS: frozenset[str] = frozenset()
OPTION_LINE = re.compile(r"^\s*([A-Za-z][\w-]*)\s*:\s*(.*?)\s*$")

PageExists = Callable[[str], bool]
HrefFor = Callable[[str], str]


def format_deciding_worksheet(
    source: str,
    language: str,
    css_class: str,
    options: dict[str, object],
    md: object,
    **kwargs: object,
) -> str:
    """Superfences formatter: check the options and the table, then render the worksheet."""
    check_options(source, options)
    page_exists, href_for = _page_context(md)
    problems = validate_table(TABLE, page_exists)
    if problems:
        raise SuperFencesException(f"{FENCE}: " + "; ".join(problems))
    return render_worksheet(TABLE, href_for)


def check_options(source: str, options: dict[str, object] | None) -> dict[str, str]:
    """Body lines must be `key: value` with a known key (there are none yet)."""
    found = {str(k): str(v) for k, v in (options or {}).items()}
    for line in source.splitlines():
        if not line.strip():
            continue
        match = OPTION_LINE.match(line)
        if match is None:
            raise SuperFencesException(f"{FENCE}: expected 'option: value', got {line.strip()!r}")
        found[match.group(1)] = match.group(2)
    for key in found:
        if key not in KNOWN_OPTIONS:
            raise SuperFencesException(
                f"{FENCE}: unknown option {key!r} (this fence takes no options)"
            )
    return found


def _page_context(md: object) -> tuple[PageExists, HrefFor]:
    """Check and resolve links with MkDocs' own file list when the fence runs inside MkDocs
    (its "relpath" tree processor holds the page and the site's files); outside MkDocs,
    links stay docs-relative and every page is taken to exist."""
    registry = getattr(md, "treeprocessors", None)
    relpath = registry["relpath"] if registry is not None and "relpath" in registry else None
    files, page = getattr(relpath, "files", None), getattr(relpath, "file", None)
    if files is None or page is None:
        return (lambda path: True), (lambda link: link)

    def page_exists(path: str) -> bool:
        return files.get_file_from_path(path) is not None

    def href_for(link: str) -> str:
        target = files.get_file_from_path(link)
        return target.url_relative_to(page) if target is not None else link

    return page_exists, href_for


def _link(href_for: HrefFor, page: str, text: str) -> str:
    return f'<a href="{escape(href_for(page))}" data-rk-link="{escape(page)}">{escape(text)}</a>'


def render_worksheet(table: Table, href_for: HrefFor) -> str:
    parts = [
        f'<div class="rk-widget rk-deciding" {widget_attributes(FENCE)} data-state="loading">',
        '<p class="rk-deciding__intro">Fill this in on your own, without the other person '
        "looking on. There are no right answers, no score and no verdict.</p>",
        f'<p class="rk-status"{NOT_INDEXED} role="status" data-rk-status>The worksheet starts '
        "once the page has loaded. Without JavaScript you can still read it and print it.</p>",
        f'<button type="button" class="rk-retry"{NOT_INDEXED} data-rk-retry hidden>'
        "Try again</button>",
        _arrival(),
        _keep_controls(),
        # The choices, scales and reasons: controls, not guide text, for the search index.
        '<form class="rk-deciding__form" data-rk-form aria-label="Deciding together worksheet" '
        "data-search-exclude>",
        _wants(table),
        _reasons(table),
        '<div class="rk-deciding__actions">\n'
        '<button type="button" class="rk-deciding__primary" data-rk-action="summary">'
        "See my summary</button>\n</div>",
        "</form>",
        _summary_region(),
        _compare_region(href_for),
        "</div>",
    ]
    return "\n".join(parts)


def _arrival() -> str:
    """Shown by the page when the other person's code came in the link (`#share=...`)."""
    return (
        # No id on the heading: Material's indexer opens a (here empty) section at any
        # heading with an id, even inside an element it skips.
        '<section class="rk-deciding__arrival" tabindex="-1" data-rk-arrival hidden '
        f'aria-label="A code came with this link"{NOT_INDEXED}>\n'
        "<h3>A code came with this link</h3>\n"
        "<p>Someone sent you the answers from their own worksheet, as a code inside this "
        "link. Fill in your worksheet first, on your own. When you press “Compare” below, "
        "you will see both side by side.</p>\n"
        "<p>Nothing was sent anywhere: the code travelled inside the link, and it stays in "
        "this browser.</p>\n"
        '<button type="button" data-rk-action="forget-code">Do not compare</button>\n'
        "</section>"
    )


def _keep_controls() -> str:
    return (
        f'<details class="rk-deciding__privacy" data-rk-privacy{NOT_INDEXED}>\n'
        "<summary>Private to this device: "
        "<span data-rk-keep-state>nothing is kept</span></summary>\n"
        '<div class="rk-deciding__keep">\n'
        '<input type="checkbox" id="rk-deciding-keep" data-rk-keep '
        'aria-describedby="rk-deciding-keep-help">\n'
        '<label for="rk-deciding-keep">Keep my worksheet on this device</label>\n'
        '<p id="rk-deciding-keep-help">Off unless you tick it. Then your answers and your '
        "private note stay in this browser until you delete them.</p>\n"
        '<button type="button" data-rk-action="delete">Delete my worksheet</button>\n'
        "</div>\n</details>"
    )


def _wants(table: Table) -> str:
    scale = "\n".join(
        f"<dt>{escape(level.label)}</dt><dd>{escape(level.hint)}</dd>" for level in table.firmness
    )
    areas = "\n".join(_area(table, area, n + 1) for n, area in enumerate(table.areas))
    return (
        '<fieldset class="rk-deciding__part" data-rk-part="wants">\n'
        "<legend>Part 1: What I want</legend>\n"
        '<p class="rk-deciding__part-intro">For each area, pick the answer closest to what you '
        "want, then say how firm that wish is. Leave out any area you would rather not "
        "answer.</p>\n"
        f'<dl class="rk-deciding__scale">\n{scale}\n</dl>\n'
        f"{areas}\n</fieldset>"
    )


def _radio(name: str, value: str, label: str, extra: str = "") -> str:
    id_ = f"{name}-{value}"
    return (
        f'<span class="rk-deciding__choice"><input type="radio" name="{escape(name)}" '
        f'id="{escape(id_)}" value="{escape(value)}"{extra}>'
        f'<label for="{escape(id_)}">{escape(label)}</label></span>'
    )


def _area(table: Table, area: Area, number: int) -> str:
    base = f"rk-d-{area.id}"
    choices = "\n".join(_radio(f"{base}-choice", c.id, c.label) for c in area.choices)
    levels = "\n".join(_radio(f"{base}-firmness", f.id, f.label) for f in table.firmness)
    title = escape(area.title)
    return (
        f'<fieldset class="rk-deciding__area" id="{escape(base)}" '
        f'data-rk-area="{escape(area.id)}">\n'
        f"<legend>{number}. {title}</legend>\n"
        f'<fieldset class="rk-deciding__choices" data-rk-choices>\n'
        f"<legend>{escape(area.question)}</legend>\n{choices}\n</fieldset>\n"
        '<fieldset class="rk-deciding__firmness" data-rk-firmness>\n'
        "<legend>How firm is this for you?"
        f'<span class="rk-visually-hidden"> ({title})</span></legend>\n'
        f'<div class="rk-deciding__levels">\n{levels}\n</div>\n</fieldset>\n'
        f'<button type="button" class="rk-deciding__clear" data-rk-action="clear-area" hidden>'
        f'Clear<span class="rk-visually-hidden"> {title}</span></button>\n'
        "</fieldset>"
    )


def _reasons(table: Table) -> str:
    reasons = "\n".join(_reason(table, reason) for reason in table.reasons)
    return (
        '<fieldset class="rk-deciding__part" data-rk-part="reasons">\n'
        "<legend>Part 2: Why it ended, and has it changed?</legend>\n"
        '<p class="rk-deciding__part-intro">Tick each reason that played a part, then say '
        "whether it has changed since. “I don't know” is an honest answer, and a good "
        "thing to talk about.</p>\n"
        f"{reasons}\n{_note()}\n</fieldset>"
    )


def _reason(table: Table, reason: Reason) -> str:
    base = f"rk-d-{reason.id}"
    label = escape(reason.label)
    private = (
        ' <span class="rk-deciding__private">(private: stays on this device, never in a '
        "code)</span>"
        if reason.private
        else ""
    )
    levels = "\n".join(_radio(f"{base}-changed", c.id, c.label) for c in table.changed)
    return (
        f'<div class="rk-deciding__reason" id="{escape(base)}" '
        f'data-rk-reason="{escape(reason.id)}"{" data-rk-private" if reason.private else ""}>\n'
        f'<span class="rk-deciding__tick"><input type="checkbox" id="{escape(base)}-tick" '
        f'value="{escape(reason.id)}" data-rk-reason-tick>'
        f'<label for="{escape(base)}-tick">{label}{private}</label></span>\n'
        '<fieldset class="rk-deciding__changed" data-rk-changed>\n'
        "<legend>Has it changed?"
        f'<span class="rk-visually-hidden"> ({label})</span></legend>\n'
        f'<div class="rk-deciding__levels">\n{levels}\n</div>\n</fieldset>\n'
        "</div>"
    )


def _note() -> str:
    return (
        '<div class="rk-deciding__note">\n'
        '<label for="rk-deciding-note">A private note (optional)</label>\n'
        '<p id="rk-deciding-note-help">Only for you. It stays on this device: it is never put '
        "in a code, a comparison or a printout, and it is kept after you leave only if you "
        f"tick “Keep my worksheet on this device”. Up to {NOTE_MAX_CHARS:,} characters.</p>\n"
        '<textarea id="rk-deciding-note" rows="4" autocomplete="off" data-rk-note '
        'aria-describedby="rk-deciding-note-help"></textarea>\n'
        "</div>"
    )


def _summary_region() -> str:
    return (
        '<section class="rk-deciding__summary" aria-labelledby="rk-deciding-summary-title" '
        "data-rk-summary>\n"
        '<h3 id="rk-deciding-summary-title" tabindex="-1" data-rk-summary-heading>'
        "My summary</h3>\n"
        f"<div data-rk-summary-body{NOT_INDEXED}><p>Your summary shows here when you press "
        "“See my summary”. It needs the worksheet running in your browser.</p></div>\n"
        "</section>"
    )


def _compare_region(href_for: HrefFor) -> str:
    safety = _link(href_for, SAFETY_PAGE, "Safety and getting help")
    conversation = _link(href_for, CONVERSATION_PAGE, "the turn-taking conversation")
    return (
        '<section class="rk-deciding__compare" aria-labelledby="rk-deciding-compare-title" '
        "data-rk-compare>\n"
        '<h3 id="rk-deciding-compare-title">Compare your answers</h3>\n'
        "<p>When you have each filled in a worksheet on your own, each of you can make a "
        "short code from your answers and give it to the other. The code holds your choices "
        "and how firm they are, never your note or a private reason. Each of you then sees "
        "both worksheets side by side: where you agree, where there is room to meet, and "
        "what to talk about first. There is no score and no verdict.</p>\n"
        "<p>The comparison ends with the topics to talk about first, each with a question to "
        f"start from, and a link to take them into {conversation}.</p>\n"
        '<div class="rk-deciding__safety" data-rk-safety>\n'
        f"<p><strong>Before you share.</strong> {escape(SHARING_SAFETY_NOTE)} {safety}.</p>\n"
        "</div>\n"
        f'<div class="rk-deciding__share-row"{NOT_INDEXED}>\n'
        '<button type="button" data-rk-action="share">Share my code</button>\n'
        '<output class="rk-deciding__output" data-rk-share-output></output>\n'
        "</div>\n"
        f'<label for="rk-deciding-their-code"{NOT_INDEXED}>The other person\'s code or link'
        "</label>\n"
        '<textarea id="rk-deciding-their-code" rows="2" autocomplete="off" '
        'autocapitalize="characters" spellcheck="false" data-rk-their-code></textarea>\n'
        f'<div class="rk-deciding__compare-row"{NOT_INDEXED}>\n'
        '<button type="button" class="rk-deciding__primary" data-rk-action="compare">'
        "Compare</button>\n"
        "</div>\n"
        "<div data-rk-compare-output></div>\n"
        f'<div class="rk-deciding__print-row"{NOT_INDEXED}>\n'
        '<button type="button" data-rk-action="print">Print my summary and the comparison'
        "</button>\n</div>\n"
        "</section>"
    )
