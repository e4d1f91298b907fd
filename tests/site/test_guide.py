"""The guide itself: readable pages, every topic findable, words of our own.

Three checks on the Markdown under docs/ and on the strictly built site:

* readability: each page's prose scores US grade 8 or lower (Flesch-Kincaid, textstat);
* coverage: each of the 31 topics in the guide's brief has a heading (h1-h4) in the built
  page where readers will look for it;
* originality: no page shares a run of 8 or more words with the source texts in
  ../shared/seeds (checked whenever that folder sits beside the clone, as it does in CI);
* search: the words readers type ("no contact", "sensate focus", "libido") reach the pages.
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


@pytest.mark.parametrize("page", GUIDE_PAGES, ids=_page_id)
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
    assert "```turn-timer\npreset: check-in\n```" in page


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
    (29, "", r"who this is for"),
    (29, "", r"two journeys"),
    (29, "", r"using the tools|how to use the tools"),
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

RUN = 8
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
def test_page_shares_no_8_word_run_with_the_seeds(page: Path) -> None:
    page_words = words(page.read_text(encoding="utf-8"))
    shared = sorted(
        {
            " ".join(page_words[i : i + RUN])
            for i in range(len(page_words) - RUN + 1)
            if tuple(page_words[i : i + RUN]) in SEED_GRAMS
        }
    )
    assert not shared, f"{_page_id(page)} repeats the seeds word for word: {shared}"
