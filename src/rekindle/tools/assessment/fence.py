"""The ```barrier-assessment fence: the whole questionnaire as real, accessible HTML.

Without JavaScript every group is visible, so the page reads and prints as a plain list of
statements. The page's JS finds its hooks through these attributes (never through classes):

- root `data-rekindle-widget="barrier-assessment"`, `data-state` = loading | ready | error;
  `data-rk-group-count`, `data-rk-item-count`.
- `data-rk-status`: the `role="status"` line (loading, "saving is off", errors), and
  `data-rk-retry`: a hidden "Try again" button the shared status code shows on error.
- `data-rk-form`: the `<form>`; inside it one `data-rk-group="<group id>"` fieldset per page,
  with `data-rk-group-index="<0-based>"`; each statement is a fieldset
  `data-rk-item="<item id>"` whose radios have `name="rk-q-<item id>"`, ids
  `rk-q-<item id>-<1..5|skip>` and `value` "1".."5" or "skip".
- `data-rk-progress` (`<progress>`, max = group count) and `data-rk-progress-text`.
- `data-rk-action` buttons: back, next, results, delete, share, compare, print,
  forget-partner (in the arrival notice).
- `data-rk-arrival`: the hidden notice shown when a partner's code came with the link.
- `data-rk-privacy`: the small "Private to this device" disclosure holding `data-rk-save`
  (the opt-in "Save my answers on this device" checkbox) and Delete; its
  `data-rk-privacy-state` says whether saving is on.
- `data-rk-minimum`: how many answers results need, and why; `data-rk-missing`: the hidden
  note (focusable) that says what is missing when there are too few.
- `data-rk-results`: the results `<section>`; focus its heading `data-rk-results-heading`
  (tabindex -1) when filled; write into its `data-rk-results-body`.
  `data-rk-print-statements`: the checkbox that adds the statements to a printout.
- `data-rk-compare` (hidden by the page until there are results), `data-rk-share-output`,
  `data-rk-partner-code` (textarea), `data-rk-compare-output`.
- `data-rk-link="<docs path>"` anchors in the guide-links list: the real address of each
  docs-relative `link` in the view models (the build resolves them for this page).

`data-search-exclude` keeps the tool's controls and placeholders (the statements and their
answer scales, the loading line, "Part 1 of 5", the buttons) out of Material's search index,
which every page downloads; the headings, the words that explain the tool and the links to
the guide stay searchable. Marked elements hold no element of their own kind (see
`rekindle.shared.widget_html.NOT_INDEXED` for why, and for the mark itself).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from pymdownx.superfences import SuperFencesException

from rekindle.shared.widget_html import NOT_INDEXED, widget_attributes
from rekindle.tools.assessment.model.bank import Group, Item, ItemBank
from rekindle.tools.assessment.model.items import (
    CONVERSATION_LINK,
    ITEM_BANK,
    SAFETY_PAGE,
    SEX_THERAPY_PAGE,
)
from rekindle.tools.assessment.model.scoring import ANSWER_LABELS, SKIP_LABEL, validate_item_bank
from rekindle.tools.assessment.model.view import DISCLAIMER, NOT_VALIDATED, minimum_sentence

KNOWN_OPTIONS: frozenset[str] = frozenset()
OPTION_LINE = re.compile(r"^\s*([A-Za-z][\w-]*)\s*:\s*(.*?)\s*$")
POINTER_LINKS = (
    ("safety", SAFETY_PAGE, "Staying safe"),
    ("conversation", CONVERSATION_LINK, "Starting the conversation"),
    ("therapy", SEX_THERAPY_PAGE, "How sex therapy can help"),
)

PageExists = Callable[[str], bool]
HrefFor = Callable[[str], str]


def format_barrier_assessment(
    source: str, language: str, css_class: str, options: dict, md: object, **kwargs: object
) -> str:
    """Superfences formatter: validate the options and the bank, then render the HTML."""
    check_options(source, options)
    page_exists, href_for = _page_context(md)
    problems = validate_item_bank(ITEM_BANK, page_exists)
    problems += [
        f"pointer link to missing page {link!r}"
        for _, link, _ in POINTER_LINKS
        if not page_exists(link.partition("#")[0])
    ]
    if problems:
        raise SuperFencesException("barrier-assessment: " + "; ".join(problems))
    return render_assessment(ITEM_BANK, href_for)


def check_options(source: str, options: dict | None) -> dict[str, str]:
    """Body lines must be `key: value` with a known key; anything else fails the build."""
    found = {str(k): str(v) for k, v in (options or {}).items()}
    for line in source.splitlines():
        if not line.strip():
            continue
        match = OPTION_LINE.match(line)
        if match is None:
            raise SuperFencesException(
                f"barrier-assessment: expected 'option: value', got {line.strip()!r}"
            )
        found[match.group(1)] = match.group(2)
    for key in found:
        if key not in KNOWN_OPTIONS:
            raise SuperFencesException(
                f"barrier-assessment: unknown option {key!r} (this fence takes no options)"
            )
    return found


def _page_context(md: object) -> tuple[PageExists, HrefFor]:
    """Check and resolve links with MkDocs' own file list when the fence runs inside MkDocs.

    MkDocs registers its "relpath" tree processor (holding the page and the site's files)
    before converting a page. Outside MkDocs (plain Markdown) links are left docs-relative.
    """
    registry = getattr(md, "treeprocessors", None)
    relpath = registry["relpath"] if registry is not None and "relpath" in registry else None
    files, page = getattr(relpath, "files", None), getattr(relpath, "file", None)
    if files is None or page is None:
        return (lambda path: True), (lambda link: link)

    def page_exists(path: str) -> bool:
        return files.get_file_from_path(path) is not None

    def href_for(link: str) -> str:
        path, _, anchor = link.partition("#")
        target = files.get_file_from_path(path)
        url = target.url_relative_to(page) if target is not None else link
        return f"{url}#{anchor}" if anchor else url

    return page_exists, href_for


def render_assessment(bank: ItemBank, href_for: HrefFor) -> str:
    groups = len(bank.groups)
    parts = [
        f'<div class="rk-widget rk-assessment" {widget_attributes("barrier-assessment")} '
        f'data-state="loading" data-rk-group-count="{groups}" '
        f'data-rk-item-count="{len(bank.items)}">',
        _disclaimer(),
        f'<p class="rk-status"{NOT_INDEXED} role="status" data-rk-status>'
        "The tool starts once the page has loaded. Without JavaScript you can still read "
        "and print the statements.</p>",
        f'<button type="button"{NOT_INDEXED} data-rk-retry hidden>Try again</button>',
        _arrival(),
        _keep_controls(),
        _progress(groups),
        # The statements and their answer scales (about 6 KB of index text).
        '<form class="rk-assessment__form" id="rk-assessment-form" data-rk-form '
        'aria-label="Barrier questionnaire" data-search-exclude>',
        '<p class="rk-assessment__missing" tabindex="-1" data-rk-missing hidden></p>',
        *(_group(bank, g, n, groups) for n, g in enumerate(bank.groups)),
        _nav_buttons(),
        f'<p class="rk-assessment__minimum" data-rk-minimum>{escape(minimum_sentence())}</p>',
        "</form>",
        _results_region(),
        _compare_region(),
        _guide_links(bank, href_for),
        "</div>",
    ]
    return "\n".join(parts)


def _disclaimer() -> str:
    text = (
        f"{DISCLAIMER} {NOT_VALIDATED} Your answers stay in this browser unless you "
        "choose to share a code."
    )
    return f'<p class="rk-assessment__disclaimer" data-rk-disclaimer>{escape(text)}</p>'


def _arrival() -> str:
    """Shown by the page when a partner's code came in the link (`#share=...`)."""
    return (
        '<section class="rk-assessment__arrival" tabindex="-1" data-rk-arrival hidden '
        f'aria-labelledby="rk-assessment-arrival-title"{NOT_INDEXED}>\n'
        # Not a heading: a heading would open an empty section in the search index.
        '<p class="rk-assessment__arrival-title" id="rk-assessment-arrival-title">'
        "Your partner's code came with this link</p>\n"
        "<p>Answer the statements for yourself first. When your results are ready, you will "
        "see both side by side.</p>\n"
        "<p>Nothing was sent anywhere: the code travelled inside the link, and it stays in this "
        "browser.</p>\n"
        '<button type="button" data-rk-action="forget-partner">Do not compare</button>\n'
        "</section>"
    )


def _keep_controls() -> str:
    return (
        f'<details class="rk-assessment__privacy" data-rk-privacy{NOT_INDEXED}>\n'
        "<summary>Private to this device: "
        "<span data-rk-privacy-state>saving is off</span></summary>\n"
        '<div class="rk-assessment__keep">\n'
        '<input type="checkbox" id="rk-assessment-save" data-rk-save '
        'aria-describedby="rk-assessment-save-help">\n'
        '<label for="rk-assessment-save">Save my answers on this device</label>\n'
        '<p id="rk-assessment-save-help">Off unless you tick it. Saved answers stay in this '
        "browser only.</p>\n"
        '<button type="button" data-rk-action="delete">Delete my answers</button>\n'
        "</div>\n</details>"
    )


def _progress(groups: int) -> str:
    return (
        f'<div class="rk-assessment__progress"{NOT_INDEXED}>\n'
        '<label for="rk-assessment-progress">Progress</label>\n'
        f'<progress id="rk-assessment-progress" max="{groups}" value="0" data-rk-progress>'
        f"Part 1 of {groups}</progress>\n"
        f"<span data-rk-progress-text>Part 1 of {groups}</span>\n"
        "</div>"
    )


def _group(bank: ItemBank, group: Group, index: int, total: int) -> str:
    items = "\n".join(_item(bank.item(i)) for i in group.item_ids)
    return (
        f'<fieldset class="rk-assessment__group" id="rk-group-{escape(group.id)}" '
        f'data-rk-group="{escape(group.id)}" data-rk-group-index="{index}">\n'
        f"<legend>Part {index + 1} of {total}: {escape(group.title)}</legend>\n"
        f'<p class="rk-assessment__intro">{escape(group.intro)}</p>\n'
        f"{items}\n</fieldset>"
    )


def _item(item: Item) -> str:
    """One statement: a compact row of five real radios (full labels for screen readers,
    the two ends written underneath), then Skip, lighter, beside them."""
    base = f"rk-q-{item.id}"
    choices = [(str(v), label, "") for v, label in ANSWER_LABELS.items()]
    choices.append(("skip", SKIP_LABEL, " rk-assessment__choice--skip"))
    radios = "\n".join(
        f'<span class="rk-assessment__choice{extra}"><input type="radio" name="{escape(base)}" '
        f'id="{escape(base)}-{value}" value="{value}">'
        f'<label for="{escape(base)}-{value}">{escape(label)}</label></span>'
        for value, label, extra in choices
    )
    ends = (
        '<span class="rk-assessment__ends" aria-hidden="true">'
        f"<span>{escape(ANSWER_LABELS[1])}</span><span>{escape(ANSWER_LABELS[5])}</span></span>"
    )
    return (
        f'<fieldset class="rk-assessment__item" id="{escape(base)}" '
        f'data-rk-item="{escape(item.id)}">\n<legend>{escape(item.text)}</legend>\n'
        f'<div class="rk-assessment__scale">\n{radios}\n{ends}\n</div>\n</fieldset>'
    )


def _nav_buttons() -> str:
    return (
        '<div class="rk-assessment__nav">\n'
        '<button type="button" data-rk-action="back">Back</button>\n'
        '<button type="button" data-rk-action="next">Next</button>\n'
        '<button type="button" data-rk-action="results">See my results</button>\n'
        "</div>"
    )


def _results_region() -> str:
    return (
        '<section class="rk-assessment__results" id="rk-assessment-results" tabindex="-1" '
        'aria-labelledby="rk-assessment-results-title" data-rk-results>\n'
        '<h2 id="rk-assessment-results-title" tabindex="-1" data-rk-results-heading>'
        "Your results</h2>\n"
        f"<div data-rk-results-body{NOT_INDEXED}><p>Your results will show here when you "
        "finish. "
        "They need the tool to be running in your browser.</p></div>\n"
        f'<div class="rk-assessment__result-actions"{NOT_INDEXED}>\n'
        '<button type="button" data-rk-action="print">Print my results</button>\n'
        '<span class="rk-assessment__print-option">'
        '<input type="checkbox" id="rk-assessment-print-statements" data-rk-print-statements>'
        '<label for="rk-assessment-print-statements">Print the statements and my answers too'
        "</label></span>\n"
        "</div>\n"
        "</section>"
    )


def _compare_region() -> str:
    return (
        '<section class="rk-assessment__compare" id="rk-assessment-compare" '
        'aria-labelledby="rk-assessment-compare-title" data-rk-compare>\n'
        '<h2 id="rk-assessment-compare-title">Compare with your partner</h2>\n'
        "<p>Each of you can make a short code from your answers. The code holds your "
        "answers, so share it only with someone you trust.</p>\n"
        f'<button type="button"{NOT_INDEXED} data-rk-action="share">Share my code</button>\n'
        '<output class="rk-assessment__code" data-rk-share-output></output>\n'
        f'<label for="rk-assessment-partner-code"{NOT_INDEXED}>Your partner\'s code or link'
        "</label>\n"
        '<textarea id="rk-assessment-partner-code" rows="2" autocomplete="off" '
        'autocapitalize="characters" spellcheck="false" data-rk-partner-code></textarea>\n'
        f'<button type="button"{NOT_INDEXED} data-rk-action="compare">Compare</button>\n'
        "<div data-rk-compare-output></div>\n"
        "</section>"
    )


def _guide_links(bank: ItemBank, href_for: HrefFor) -> str:
    links = [(b.link, b.title) for b in bank.barriers]
    links += [(link, title) for _, link, title in POINTER_LINKS]
    items = "\n".join(
        f'<li><a href="{escape(href_for(link))}" data-rk-link="{escape(link)}">'
        f"{escape(title)}</a></li>"
        for link, title in links
    )
    return (
        '<nav class="rk-assessment__links" aria-labelledby="rk-assessment-links-title">\n'
        '<h2 id="rk-assessment-links-title">Read more in the guide</h2>\n'
        f"<ul>\n{items}\n</ul>\n</nav>"
    )
