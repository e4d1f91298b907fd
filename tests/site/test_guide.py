"""The guide itself: readable pages, every topic findable, words of our own, safe exercises.

Checks on the Markdown under docs/ and on the strictly built site:

* readability: each page's prose scores US grade 8 or lower (Flesch-Kincaid, textstat);
* coverage: each of the 31 topics in the guide's brief has a heading (h1-h4) in the built
  page where readers will look for it, and pages where a partner may say no have a section
  on what a reader can do alone;
* safety: every exercise with touch, sex or a hard talk together comes after a safety note
  that says you can stop; warning boxes are counted, so routine ones cannot creep back and
  dull the ones that matter;
* originality: no page shares a run of 7 or more words with the source texts in
  ../shared/seeds (checked whenever that folder sits beside the clone, as it does in CI);
* search: the words readers type ("no contact", "sensate focus", "libido") reach the pages;
* the home page: three doors and a card for every tool, each card on a page with its tool.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import textstat

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))
SEEDS = ROOT.parent / "shared" / "seeds"

MAX_GRADE = 8.0

# --- readability ------------------------------------------------------------------------

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
FENCE = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[ \t]*$", re.S | re.M)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
TAG = re.compile(r"<[^>]+>")
ATTRS = re.compile(r"\{\s*[#.:][^}]*\}|\{\s*[\w-]+=[^}]*\}")
IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
REF_LINK = re.compile(r"\[([^\]]*)\]\[[^\]]*\]")
AUTOLINK = re.compile(r"<https?://[^>]+>")
ADMONITION = re.compile(r"^(?:!!!|\?\?\?\+?)\s+[\w-]+(?:\s+[\w-]+)*\s*(?:\"([^\"]*)\")?\s*$")
HEADING = re.compile(r"^#{1,6}\s+")
LIST_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s+")
TABLE_RULE = re.compile(r"^\|?[\s:|-]+\|?$")


def prose(markdown: str) -> str:
    """The reader-facing sentences of a Markdown page, one unit per block.

    Markup is removed; headings, list items, table cells and admonition titles each become
    a sentence of their own (a period is added when they end without one), so a heading
    never runs on into the paragraph after it.
    """
    text = FRONT_MATTER.sub("", markdown)
    text = FENCE.sub("\n", text)
    text = HTML_COMMENT.sub(" ", text)
    text = AUTOLINK.sub(" ", text)
    text = TAG.sub(" ", text)
    text = ATTRS.sub(" ", text)
    text = IMAGE.sub(r"\1", text)
    text = LINK.sub(r"\1", text)
    text = REF_LINK.sub(r"\1", text)

    units: list[str] = []
    current: list[str] = []

    def close() -> None:
        if current:
            units.append(" ".join(current))
            current.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            close()
            continue
        if TABLE_RULE.match(line) and "-" in line:
            continue
        admonition = ADMONITION.match(line)
        if admonition:
            close()
            if admonition.group(1):
                units.append(admonition.group(1))
            continue
        if line.startswith("|"):
            close()
            units.extend(cell.strip() for cell in line.strip("|").split("|") if cell.strip())
            continue
        if HEADING.match(line) or LIST_ITEM.match(line) or line.startswith(">"):
            close()
            line = LIST_ITEM.sub("", HEADING.sub("", line.lstrip("> ")))
        current.append(line)
    close()

    sentences = []
    for unit in units:
        unit = " ".join(re.sub(r"[*_`]+", "", unit).split())
        if not re.search(r"[A-Za-z]", unit):
            continue
        sentences.append(unit if unit[-1] in ".!?" else unit + ".")
    return "\n".join(sentences)


def _page_id(page: Path) -> str:
    return page.relative_to(DOCS).as_posix()


def test_there_are_pages() -> None:
    assert len(PAGES) >= 10, f"expected the whole guide under {DOCS}, found {len(PAGES)} pages"


def _cmudict_is_installed() -> bool:
    """Whether textstat can count English syllables with the CMU dictionary, offline."""
    try:
        import nltk  # textstat >= 0.7.4 uses it for English
    except ImportError:
        return False
    try:
        nltk.data.find("corpora/cmudict")
    except LookupError:
        return False
    return True


@pytest.fixture
def syllables(monkeypatch: pytest.MonkeyPatch) -> str:
    """Which syllable counter textstat uses here, never reaching for the network.

    Recent textstat counts English syllables with NLTK's CMU dictionary and downloads it on
    first use. When it is not installed, textstat is told there is no dictionary, so it uses
    Pyphen for every word: its own fallback for words the dictionary lacks. The guide is
    written to pass with either.
    """
    if _cmudict_is_installed():
        return "CMU dictionary"
    try:
        from textstat.backend.counts import _count_syllables
    except ImportError:  # older textstat: Pyphen only, no download
        return "Pyphen"
    monkeypatch.setattr(_count_syllables, "get_cmudict", lambda lang: None)
    getattr(_count_syllables.count_syllables, "cache_clear", lambda: None)()
    return "Pyphen"


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_page_reads_at_grade_8_or_lower(page: Path, syllables: str) -> None:
    text = prose(page.read_text(encoding="utf-8"))
    assert textstat.lexicon_count(text) > 0, f"{_page_id(page)} has no prose"
    grade = textstat.flesch_kincaid_grade(text)
    assert grade <= MAX_GRADE, (
        f"{_page_id(page)} reads at US grade {grade:.1f} (Flesch-Kincaid, syllables by "
        f"{syllables}); the limit is {MAX_GRADE:.0f}. Shorten sentences or use plainer words."
    )


def test_prose_keeps_sentences_and_drops_markup() -> None:
    page = (
        "---\ntitle: x\n---\n# A heading {#an-id}\n\nSee [the timer](../tools/t.md#x), "
        'then rest.\n\n!!! tip "Try this"\n    Breathe out.\n\n```turn-timer\npreset: a\n```\n'
        "- one item\n- two <em>items</em>\n"
    )
    assert prose(page).splitlines() == [
        "A heading.",
        "See the timer, then rest.",
        "Try this.",
        "Breathe out.",
        "one item.",
        "two items.",
    ]


# --- shape of a page --------------------------------------------------------------------

# The self-assessment page belongs to the tool; every other page is part of the guide.
GUIDE_PAGES = [p for p in PAGES if _page_id(p) != "tools/self-assessment.md"]
# The home page is a landing page (overrides/home.html): doors and cards, not a document.
HOME = "index.md"
DOCUMENT_PAGES = [p for p in GUIDE_PAGES if _page_id(p) != HOME]


@pytest.mark.parametrize("page", DOCUMENT_PAGES, ids=_page_id)
def test_page_opens_in_short_and_ends_with_where_to_go_next(page: Path) -> None:
    lines = [
        line for line in FRONT_MATTER.sub("", page.read_text("utf-8")).splitlines() if line.strip()
    ]
    assert lines[0].startswith("# "), f"{_page_id(page)} should start with its title"
    assert re.fullmatch(r'!!! \w+ "In short"', lines[1]), (
        f'{_page_id(page)} should open with an "In short" summary under the title'
    )
    sections = [line for line in lines if line.startswith("## ")]
    assert sections and sections[-1].startswith("## Where to go next"), (
        f'{_page_id(page)} should end with a "Where to go next" section'
    )
    assert re.search(r"\]\([^)]+\.md[)#]", "\n".join(lines[lines.index(sections[-1]) :])), (
        f'{_page_id(page)}: "Where to go next" should link to other pages'
    )


def _section(markdown: str, anchor: str) -> str:
    """The Markdown from the heading with {#anchor} to the next heading of the same level."""
    found = re.search(rf"^(#+) .*\{{#{anchor}\}}\s*$", markdown, re.M)
    assert found, f"no heading with id {anchor!r}"
    level = len(found.group(1))
    rest = markdown[found.end() :]
    end = re.search(rf"^#{{1,{level}}} ", rest, re.M)
    return rest[: end.start()] if end else rest


def test_timer_is_embedded_on_the_conversation_page() -> None:
    page = (DOCS / "after-a-breakup" / "the-conversation.md").read_text("utf-8")
    assert "```turn-timer\npreset: check-in\n" in page  # then its options (prompts)


def test_timer_is_embedded_in_the_sensate_focus_section() -> None:
    page = (DOCS / "intimacy" / "reconnecting.md").read_text("utf-8")
    assert "```turn-timer\npreset: sensate-focus\n```" in _section(page, "sensate-focus")


@pytest.mark.parametrize("fence", ["check-in", "sensate-focus"])
def test_every_timer_has_a_safety_note_before_it(fence: str) -> None:
    for page in GUIDE_PAGES:
        text = page.read_text("utf-8")
        at = text.find(f"```turn-timer\npreset: {fence}")
        if at >= 0:
            before = text[:at]
            last_heading = max(before.rfind("\n## "), before.rfind("\n### "))
            assert '!!! warning "' in before[last_heading:], (
                f"{_page_id(page)}: put a safety note before the {fence} timer"
            )


def test_barrier_page_links_to_the_self_assessment() -> None:
    page = (DOCS / "intimacy" / "barriers.md").read_text("utf-8")
    assert "](../tools/self-assessment.md)" in page


# --- topics -----------------------------------------------------------------------------

# (topic number, built page, regex that one of its h1-h4 headings must match).
# A topic may need more than one heading (the home page has several parts).
TOPICS: list[tuple[int, str, str]] = [
    (1, "after-a-breakup/sex-is-not-a-shortcut/", r"tempt"),
    (1, "after-a-breakup/sex-is-not-a-shortcut/", r"sex and intimacy"),
    (2, "after-a-breakup/sex-is-not-a-shortcut/", r"film|movie"),
    (3, "after-a-breakup/sex-is-not-a-shortcut/", r"sex can (?:get|stand) in the way"),
    (4, "after-a-breakup/sex-is-not-a-shortcut/", r"real intimacy"),
    (5, "after-a-breakup/no-contact/", r"no.contact"),
    (5, "after-a-breakup/no-contact/", r"counts as contact"),
    (6, "after-a-breakup/no-contact/", r"why you broke up"),
    (6, "after-a-breakup/no-contact/", r"if you ended it"),
    (6, "after-a-breakup/no-contact/", r"if you were left"),
    (7, "after-a-breakup/no-contact/", r"writ"),
    (8, "after-a-breakup/deciding/", r"do you (?:truly|really) want"),
    (9, "after-a-breakup/deciding/", r"what you want"),
    (9, "after-a-breakup/deciding/", r"what they want"),
    (10, "after-a-breakup/the-conversation/", r"turn.taking"),
    (11, "after-a-breakup/the-conversation/", r"check.in"),
    (12, "breakup-sex/", r"rarely saves"),
    (13, "breakup-sex/", r"fiery limbo"),
    (14, "breakup-sex/", r"why people have breakup sex"),
    (15, "breakup-sex/", r"reconciliation|forgiveness"),
    (16, "breakup-sex/", r"when it may be fine"),
    (16, "breakup-sex/", r"when it hurts"),
    (16, "breakup-sex/", r"choos"),
    (17, "intimacy/", r"what physical intimacy is"),
    (18, "intimacy/", r"why it matters"),
    (18, "intimacy/", r"roommates"),
    (19, "intimacy/barriers/", r"fear of rejection"),
    (19, "intimacy/barriers/", r"unresolved conflict"),
    (19, "intimacy/barriers/", r"performance anxiety and body image"),
    (19, "intimacy/barriers/", r"attachment styles"),
    (19, "intimacy/barriers/", r"fear of engulfment or abandonment"),
    (19, "intimacy/barriers/", r"childhood wounds"),
    (19, "intimacy/barriers/", r"shame and guilt"),
    (19, "intimacy/barriers/", r"regulating emotions"),
    (19, "intimacy/barriers/", r"perfectionism and control"),
    (20, "intimacy/signs/", r"five signs"),
    (21, "intimacy/signs/", r"starting the conversation"),
    (22, "intimacy/emotional-intimacy/", r"foundation"),
    (23, "intimacy/emotional-intimacy/", r"rebuilding emotional intimacy"),
    (24, "intimacy/affection/", r"non.sexual affection"),
    (24, "intimacy/affection/", r"preferences and boundaries"),
    (25, "intimacy/reconnecting/", r"reconnecting sexually"),
    (25, "intimacy/reconnecting/", r"sensate focus"),
    (26, "intimacy/keeping-it-alive/", r"long (?:term|run)"),
    (27, "intimacy/obstacles/", r"common obstacles"),
    (27, "intimacy/obstacles/", r"strategies|what helps"),
    (28, "intimacy/sex-therapy/", r"what sex therapy (?:can )?helps? with"),
    (28, "intimacy/sex-therapy/", r"how (?:it|sex therapy) works"),
    (28, "intimacy/sex-therapy/", r"what to expect"),
    (28, "intimacy/sex-therapy/", r"finding a qualified"),
    (29, "", r"where would you like to start"),
    (29, "", r"who this is for"),
    (29, "", r"tools you can use"),
    (29, "", r"privacy"),
    (29, "", r"not a substitute for therapy"),
    (30, "safety/", r"safety"),
    (30, "safety/", r"both (?:of you )?feel safe"),
    (30, "safety/", r"abuse|coercion"),
    (30, "safety/", r"consent"),
    (30, "safety/", r"therapist"),
    (30, "safety/", r"emergency|getting help"),
    (30, "safety/", r"leave this site"),
    (31, "privacy/", r"what the tools store"),
    (31, "privacy/", r"delet"),
    (31, "privacy/", r"cannot do"),
    (31, "about/", r"sources"),
]


class _Headings(HTMLParser):
    """Collects the text of every h1-h4, without the permalink mark."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[str] = []
        self._depth = 0
        self._in_permalink = False
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"h1", "h2", "h3", "h4"}:
            self._depth += 1
            self._buffer = []
        elif tag == "a" and self._depth and "headerlink" in (dict(attrs).get("class") or ""):
            self._in_permalink = True

    def handle_endtag(self, tag: str) -> None:
        if tag in {"h1", "h2", "h3", "h4"} and self._depth:
            self._depth -= 1
            self.headings.append(" ".join("".join(self._buffer).split()))
        elif tag == "a":
            self._in_permalink = False

    def handle_data(self, data: str) -> None:
        if self._depth and not self._in_permalink:
            self._buffer.append(data)


def headings_of(html_file: Path) -> list[str]:
    parser = _Headings()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return parser.headings


def test_topic_table_covers_all_31_topics() -> None:
    assert sorted({number for number, _, _ in TOPICS}) == list(range(1, 32))


@pytest.mark.parametrize(
    ("number", "page", "pattern"),
    TOPICS,
    ids=[f"{n:02d}-{p or 'home'}-{pat}" for n, p, pat in TOPICS],
)
def test_topic_has_a_heading(built_site: Path, number: int, page: str, pattern: str) -> None:
    html_file = built_site / page / "index.html"
    assert html_file.is_file(), f"topic {number}: {page or 'home'} was not built"
    headings = headings_of(html_file)
    assert any(re.search(pattern, h, re.I) for h in headings), (
        f"topic {number}: no heading on /{page} matches {pattern!r}; headings are {headings}"
    )


# --- what a reader can do alone -----------------------------------------------------------

# Pages where an ex or a partner may say no to what the page suggests. Each has a section,
# found by its heading, on what the reader can still do on their own.
ALONE_PAGES = [
    "after-a-breakup/deciding/",
    "after-a-breakup/the-conversation/",
    "intimacy/signs/",
    "intimacy/reconnecting/",
    "intimacy/sex-therapy/",
]
ALONE_HEADING = r"^if your (?:ex|partner)\b.*\b(?:not|no)\b"


@pytest.mark.parametrize("page", ALONE_PAGES)
def test_page_says_what_you_can_do_when_a_partner_says_no(built_site: Path, page: str) -> None:
    headings = headings_of(built_site / page / "index.html")
    assert any(re.search(ALONE_HEADING, h, re.I) for h in headings), (
        f"/{page} has no section like 'If your partner will not take part'; headings are {headings}"
    )


# --- safety notes and warning boxes -------------------------------------------------------

# An exercise is a "Try this" box or the turn-taking timer (the tool for talking and touching
# in turns; the other tools are filled in alone). Every exercise is sorted into one of
# two lists, each exercise named by a phrase from its text, so a new exercise fails the test
# below until someone decides whether it needs a safety note.
#
# CAREFUL: touch, sex, or a hard talk together. A warning box that says either of you can
# stop must come before it on its page.
CAREFUL: dict[str, list[str]] = {
    "after-a-breakup/the-conversation.md": ["preset: check-in", "What I hope for"],
    "intimacy/signs.md": ["A time I felt really close"],
    "intimacy/affection.md": ["a daily hug"],
    "intimacy/reconnecting.md": ["preset: sensate-focus", "three kinds of touch"],
    "intimacy/obstacles.md": ["rates how much you want closeness"],
}
# GENTLE: on your own, or a light talk. One plain sentence in the exercise, or nothing.
GENTLE: dict[str, list[str]] = {
    "after-a-breakup/sex-is-not-a-shortcut.md": ["draw a line down the middle"],
    "after-a-breakup/no-contact.md": ["Pick one prompt each time you write"],
    "after-a-breakup/deciding.md": ["your three must-haves"],
    "breakup-sex.md": ["Before anything happens, ask yourself"],
    "intimacy/barriers.md": ["Take the [barrier self-assessment]"],
    "intimacy/emotional-intimacy.md": ["set aside half an hour with no screens"],
    "intimacy/keeping-it-alive.md": ["Once a month, sit down together"],
    "intimacy/sex-therapy.md": ["Before a first session"],
}
# Words that put an exercise among the careful ones, whatever list it was put in.
TOUCH_OR_SEX = re.compile(r"\b(?:touch\w*|sex\w*|hug\w*|kiss\w*|massage\w*|naked|timer)\b", re.I)

# Warning boxes in the whole guide, and where they are: the notes before the CAREFUL
# exercises (5), no contact when an ex was abusive (1), and the safety gate at the start of
# the after-a-breakup journey (1). Routine warnings dull the ones that matter: before adding
# one, ask whether a plain sentence would do.
WARNING_BOXES = 7
WARNING = re.compile(r"^(?:!!!|\?\?\?\+?) (?:warning|caution|danger|attention)\b.*$", re.M)
BOX = re.compile(r"^(?:!!!|\?\?\?\+?) [\w-]+.*\n(?:(?:    .*)?\n)*", re.M)
EXERCISE = re.compile(
    r'^!!! tip "Try this"\n(?:(?:    [^\n]*)?\n)*|^```turn-timer\n.*?^```\n', re.M | re.S
)


def exercises(markdown: str) -> list[tuple[int, str]]:
    """Each exercise on a page: where it starts, and its text."""
    return [(found.start(), found.group()) for found in EXERCISE.finditer(markdown)]


def _text(page_id: str) -> str:
    return (DOCS / page_id).read_text("utf-8")


def test_every_exercise_is_sorted_as_careful_or_gentle() -> None:
    unsorted = []
    for page in PAGES:
        page_id = _page_id(page)
        phrases = CAREFUL.get(page_id, []) + GENTLE.get(page_id, [])
        for _, text in exercises(page.read_text("utf-8")):
            if not any(phrase in text for phrase in phrases):
                unsorted.append(f"{page_id}: {text.splitlines()[1].strip()[:70]}")
    assert not unsorted, (
        "exercises that are neither CAREFUL (touch, sex or a hard talk: needs a safety note) "
        f"nor GENTLE: {unsorted}"
    )


@pytest.mark.parametrize(
    ("page_id", "phrase"),
    [(page, phrase) for page, phrases in GENTLE.items() for phrase in phrases],
)
def test_gentle_exercises_involve_no_touch_or_sex(page_id: str, phrase: str) -> None:
    [text] = [text for _, text in exercises(_text(page_id)) if phrase in text]
    touchy = TOUCH_OR_SEX.findall(text)
    assert not touchy, (
        f"{page_id}: the exercise with {phrase!r} mentions {touchy}; it belongs in CAREFUL, "
        "after a safety note"
    )


@pytest.mark.parametrize(
    ("page_id", "phrase"),
    [(page, phrase) for page, phrases in CAREFUL.items() for phrase in phrases],
)
def test_a_safety_note_precedes_every_exercise_with_touch_sex_or_a_hard_talk(
    page_id: str, phrase: str
) -> None:
    markdown = _text(page_id)
    found = [at for at, text in exercises(markdown) if phrase in text]
    assert found, f"{page_id}: no exercise with {phrase!r} any more; update CAREFUL"
    notes = [box for box in WARNING.finditer(markdown) if box.start() < found[0]]
    assert notes, f"{page_id}: put a safety note (a warning box) before the exercise {phrase!r}"
    note = BOX.match(markdown, notes[-1].start())
    assert note and re.search(r"\b(?:stop|pause)\b", note.group(), re.I), (
        f"{page_id}: the safety note before {phrase!r} should say either of you can stop"
    )


def test_warning_boxes_do_not_creep_back() -> None:
    boxes = {_page_id(p): len(WARNING.findall(p.read_text("utf-8"))) for p in PAGES}
    total = sum(boxes.values())
    assert total == WARNING_BOXES, (
        f"the guide has {total} warning boxes, not {WARNING_BOXES}: "
        f"{ {page: n for page, n in boxes.items() if n} }. Keep boxes for touch, sex, a hard "
        "talk together and safety; make the rest a plain sentence (or change WARNING_BOXES "
        "and say why)."
    )


def test_no_contact_warns_about_an_abusive_ex_before_advising_to_tell_them() -> None:
    markdown = _text("after-a-breakup/no-contact.md")
    warning = WARNING.search(markdown)
    telling = re.search(r"\btell (?:them|your ex)\b", markdown, re.I)
    assert warning and "controlled" in warning.group()
    assert telling and warning.start() < telling.start(), (
        "no-contact.md: the warning about an abusive ex must come before any advice to tell "
        "the ex about the pause (telling a controlling ex can raise the danger)"
    )


@pytest.mark.parametrize("page_id", ["breakup-sex.md", "safety.md"])
def test_unwanted_sex_points_to_sexual_assault_services(page_id: str) -> None:
    text = " ".join(_text(page_id).split())
    assert "sexual-assault service" in text, f"{page_id}: name sexual-assault services"
    assert re.search(r"spouse[^.]*\bex\b", text), (
        f"{page_id}: say that unwanted sex with a spouse or an ex counts too"
    )


# --- the home page ----------------------------------------------------------------------


class _HomeLinks(HTMLParser):
    """The links in the home page's doors and tool cards: {"rk-door": [...], "rk-tool": [...]}."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: dict[str, list[str]] = {"rk-door": [], "rk-tool": []}
        self._card: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "div":
            self._card.append(next((c for c in classes if c in self.links), None))
        elif tag == "a" and "headerlink" not in classes:
            card = next((c for c in reversed(self._card) if c), None)
            if card:
                self.links[card].append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._card:
            self._card.pop()


def home_links(built_site: Path) -> dict[str, list[str]]:
    parser = _HomeLinks()
    parser.feed((built_site / "index.html").read_text(encoding="utf-8"))
    return parser.links


def test_home_has_three_doors(built_site: Path) -> None:
    assert home_links(built_site)["rk-door"] == ["after-a-breakup/", "intimacy/", "safety/"]


def widgets_on(html_file: Path) -> set[str]:
    return set(re.findall(r'data-rekindle-widget="([^"]+)"', html_file.read_text("utf-8")))


def test_home_has_a_card_for_every_tool_on_a_page_with_that_tool(built_site: Path) -> None:
    cards = home_links(built_site)["rk-tool"]
    on_cards: set[str] = set()
    for href in cards:
        widgets = widgets_on(built_site / href.split("#")[0] / "index.html")
        assert widgets, f"the home page's tool card for {href} leads to a page with no tool"
        on_cards |= widgets
    everywhere = set().union(*(widgets_on(f) for f in built_site.rglob("index.html")))
    assert on_cards == everywhere, (
        f"tools with no card on the home page: {sorted(everywhere - on_cards)}; add one under "
        "'Tools you can use' in docs/index.md"
    )


# --- search -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "page"),
    [
        ("no contact", "after-a-breakup/no-contact/"),
        ("sensate focus", "intimacy/reconnecting/"),
        ("libido", "intimacy/obstacles/"),
        ("fiery limbo", "breakup-sex/"),
        ("roommates", "intimacy/"),
    ],
)
def test_search_index_finds_common_words(built_site: Path, words: str, page: str) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    hits = {
        doc["location"].split("#")[0]
        for doc in index["docs"]
        if words in re.sub(r"[^a-z ]+", " ", (doc["title"] + " " + doc["text"]).lower())
    }
    assert page in hits, f"searching {words!r} does not reach /{page}; it reaches {sorted(hits)}"


# --- originality ------------------------------------------------------------------------

RUN = 7  # ../shared/tools/originality.py checks 8 by default; the guide holds itself to 7
APOSTROPHE = "\u2019"  # the typographic apostrophe, as in the seeds
WORD = re.compile(r"[a-z0-9]+(?:['" + APOSTROPHE + r"][a-z]+)?")
MARKUP = re.compile(r"```.*?```|<[^>]+>|\{[^}]*\}|\[([^\]]*)\]\([^)]*\)", re.S)


def words(text: str) -> list[str]:
    """Tokenise exactly as ../shared/tools/originality.py does."""
    text = MARKUP.sub(lambda m: m.group(1) or " ", text)
    return [w.replace(APOSTROPHE, "'") for w in WORD.findall(text.lower())]


def seed_grams() -> set[tuple[str, ...]]:
    grams: set[tuple[str, ...]] = set()
    for seed in sorted(SEEDS.glob("*.txt")):
        w = words(seed.read_text(encoding="utf-8"))
        grams.update(tuple(w[i : i + RUN]) for i in range(len(w) - RUN + 1))
    return grams


# The seeds live outside the repository (../shared beside the clone, as in CI). Where they
# are absent there is nothing to compare with, so this parametrization yields no cases.
SEED_GRAMS = seed_grams()
ORIGINALITY_CASES = PAGES if SEED_GRAMS else []


@pytest.mark.parametrize("page", ORIGINALITY_CASES, ids=_page_id)
def test_page_shares_no_7_word_run_with_the_seeds(page: Path) -> None:
    page_words = words(page.read_text(encoding="utf-8"))
    shared = sorted(
        {
            " ".join(page_words[i : i + RUN])
            for i in range(len(page_words) - RUN + 1)
            if tuple(page_words[i : i + RUN]) in SEED_GRAMS
        }
    )
    assert not shared, f"{_page_id(page)} repeats the seeds word for word: {shared}"
