"""The deciding-worksheet fence: the worksheet as accessible HTML, and build-failing errors."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser
from types import SimpleNamespace

import markdown
import pytest
from material.plugins.search.plugin import Parser
from pymdownx.superfences import SuperFencesException

from rekindle.tools.deciding.fence import (
    check_options,
    format_deciding_worksheet,
    render_worksheet,
)
from rekindle.tools.deciding.model.items import (
    CONVERSATION_PAGE,
    SAFETY_PAGE,
    SHARING_SAFETY_NOTE,
    TABLE,
)
from rekindle.tools.deciding.model.table import Choice

FENCE_CONFIG = {
    "pymdownx.superfences": {
        "custom_fences": [
            {
                "name": "deciding-worksheet",
                "class": "deciding-worksheet",
                "format": format_deciding_worksheet,
            }
        ]
    }
}
VOID = ("input", "br", "img", "meta", "link")


class Tree(HTMLParser):
    """Just enough of a DOM: a flat list of (tag, attrs, text-inside, parents)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[dict] = []
        self.nodes: list[dict] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        node = {"tag": tag, "attrs": dict(attrs), "text": "", "parents": list(self.stack)}
        self.nodes.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()["tag"] == tag:
                break

    def handle_data(self, data: str) -> None:
        for node in self.stack:
            node["text"] += data

    def find(self, **attrs: str) -> list[dict]:
        return [
            n
            for n in self.nodes
            if all(n["attrs"].get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def having(self, attribute: str) -> list[dict]:
        return [n for n in self.nodes if attribute in n["attrs"]]


def parse(html: str) -> Tree:
    tree = Tree()
    tree.feed(html)
    return tree


def render(body: str = "") -> str:
    return markdown.markdown(
        f"```deciding-worksheet\n{body}```",
        extensions=["pymdownx.superfences"],
        extension_configs=FENCE_CONFIG,
    )


@pytest.fixture(scope="module")
def html() -> str:
    return render()


@pytest.fixture(scope="module")
def tree(html: str) -> Tree:
    return parse(html)


def legends_of(tree: Tree, fieldset: dict) -> list[str]:
    return [n["text"] for n in tree.nodes if n["tag"] == "legend" and n["parents"][-1] is fieldset]


def radios_in(tree: Tree, group: dict) -> list[dict]:
    return [n for n in tree.nodes if n["tag"] == "input" and group in n["parents"]]


def label_texts(tree: Tree) -> dict[str, str]:
    return {n["attrs"]["for"]: n["text"] for n in tree.nodes if n["tag"] == "label"}


def test_the_root_names_the_tool_its_module_and_stylesheet(tree: Tree) -> None:
    root = tree.nodes[0]
    assert root["tag"] == "div"
    assert root["attrs"]["class"] == "rk-widget rk-deciding"
    assert root["attrs"]["data-rekindle-widget"] == "deciding-worksheet"
    assert root["attrs"]["data-rk-module"] == "deciding/deciding.js"
    assert root["attrs"]["data-rk-style"] == "deciding/deciding.css"
    assert root["attrs"]["data-state"] == "loading"


def test_every_area_is_a_fieldset_with_two_labelled_radio_groups(tree: Tree) -> None:
    labels = label_texts(tree)
    areas = tree.having("data-rk-area")
    assert [a["attrs"]["data-rk-area"] for a in areas] == list(TABLE.area_ids)
    for number, (node, area) in enumerate(zip(areas, TABLE.areas, strict=True), start=1):
        assert node["tag"] == "fieldset"
        assert legends_of(tree, node) == [f"{number}. {area.title}"]
        choices = next(g for g in tree.having("data-rk-choices") if node in g["parents"])
        firmness = next(g for g in tree.having("data-rk-firmness") if node in g["parents"])
        assert (choices["tag"], firmness["tag"]) == ("fieldset", "fieldset")
        assert legends_of(tree, choices) == [area.question]
        assert legends_of(tree, firmness) == [f"How firm is this for you? ({area.title})"]
        picks = radios_in(tree, choices)
        assert [r["attrs"]["value"] for r in picks] == list(area.choice_ids)
        assert {r["attrs"]["name"] for r in picks} == {f"rk-d-{area.id}-choice"}
        assert [labels[r["attrs"]["id"]] for r in picks] == [c.label for c in area.choices]
        levels = radios_in(tree, firmness)
        assert [r["attrs"]["value"] for r in levels] == ["must", "like", "flexible", "unsure"]
        assert [labels[r["attrs"]["id"]] for r in levels] == [f.label for f in TABLE.firmness]
        assert all(r["attrs"]["type"] == "radio" and "checked" not in r["attrs"] for r in levels)


def test_the_firmness_scale_is_explained_once_in_words(tree: Tree) -> None:
    terms = [n["text"] for n in tree.nodes if n["tag"] == "dt"]
    meanings = [n["text"] for n in tree.nodes if n["tag"] == "dd"]
    assert terms == [f.label for f in TABLE.firmness]
    assert meanings == [f.hint for f in TABLE.firmness]


def test_every_reason_has_a_tick_and_a_has_it_changed_group(tree: Tree) -> None:
    labels = label_texts(tree)
    reasons = tree.having("data-rk-reason")
    assert [r["attrs"]["data-rk-reason"] for r in reasons] == list(TABLE.reason_ids)
    for node, reason in zip(reasons, TABLE.reasons, strict=True):
        tick = next(n for n in tree.having("data-rk-reason-tick") if node in n["parents"])
        assert tick["attrs"]["type"] == "checkbox"
        assert labels[tick["attrs"]["id"]].startswith(reason.label)
        changed = next(g for g in tree.having("data-rk-changed") if node in g["parents"])
        assert legends_of(tree, changed) == [f"Has it changed? ({reason.label})"]
        radios = radios_in(tree, changed)
        assert [r["attrs"]["value"] for r in radios] == ["yes", "partly", "no", "dont-know"]
        assert [labels[r["attrs"]["id"]] for r in radios] == [c.label for c in TABLE.changed]
        assert ("data-rk-private" in node["attrs"]) == reason.private
        if reason.private:
            assert "never in a code" in labels[tick["attrs"]["id"]]


def test_the_private_note_says_it_stays_on_this_device(tree: Tree) -> None:
    note = tree.having("data-rk-note")[0]
    assert note["tag"] == "textarea"
    assert "maxlength" not in note["attrs"]  # a long paste is kept and explained, never cut
    help_text = tree.find(id=note["attrs"]["aria-describedby"])[0]["text"]
    assert "stays on this device" in help_text
    assert "never put in a code" in help_text
    assert label_texts(tree)[note["attrs"]["id"]] == "A private note (optional)"


def test_status_line_retry_keep_and_actions_are_present(tree: Tree) -> None:
    status = tree.find(role="status")[0]
    assert "data-rk-status" in status["attrs"]
    assert "hidden" in tree.having("data-rk-retry")[0]["attrs"]
    keep = tree.having("data-rk-keep")[0]
    assert keep["attrs"]["type"] == "checkbox"
    assert "checked" not in keep["attrs"]
    assert label_texts(tree)[keep["attrs"]["id"]] == "Keep my worksheet on this device"
    actions = {n["attrs"]["data-rk-action"] for n in tree.having("data-rk-action")}
    assert actions == {
        "summary",
        "clear-area",
        "delete",
        "share",
        "compare",
        "print",
        "forget-code",
    }
    buttons = [n for n in tree.nodes if n["tag"] == "button"]
    assert all(b["attrs"].get("type") == "button" for b in buttons)
    share = tree.find(data_rk_action="share")[0]
    assert share["text"] == "Share my code"
    code = tree.having("data-rk-their-code")[0]
    assert label_texts(tree)[code["attrs"]["id"]] == "The other person's code or link"
    arrival = tree.having("data-rk-arrival")[0]
    assert "hidden" in arrival["attrs"]
    assert "Nothing was sent anywhere" in arrival["text"]


def test_the_safety_note_sits_beside_sharing_with_a_link(tree: Tree) -> None:
    compare = tree.having("data-rk-compare")[0]
    safety = tree.having("data-rk-safety")[0]
    assert compare in safety["parents"]
    assert " ".join(SHARING_SAFETY_NOTE.split()) in " ".join(safety["text"].split())
    link = next(n for n in tree.nodes if n["tag"] == "a" and safety in n["parents"])
    assert link["attrs"]["data-rk-link"] == SAFETY_PAGE
    share = tree.find(data_rk_action="share")[0]
    assert tree.nodes.index(safety) < tree.nodes.index(share)  # read before the button


def test_ids_are_unique_and_every_control_has_a_label(tree: Tree) -> None:
    ids = [n["attrs"]["id"] for n in tree.nodes if "id" in n["attrs"]]
    assert len(ids) == len(set(ids))
    labelled = set(label_texts(tree))
    controls = [n for n in tree.nodes if n["tag"] in ("input", "textarea", "select")]
    assert controls and all(c["attrs"]["id"] in labelled for c in controls)


def test_only_headings_and_explanations_reach_the_search_index(html: str) -> None:
    parser = Parser()
    parser.feed(html)
    parser.close()
    sections = {
        "".join(s.title): " ".join(re.sub(r"<[^>]+>", " ", "".join(s.text)).split())
        for s in parser.data
    }
    assert list(sections) == ["", "My summary", "Compare your answers"]
    assert sections[""].startswith("Fill this in on your own")
    assert "no score and no verdict" in sections["Compare your answers"]
    text = " ".join(sections.values())
    for control in (
        "Try again",
        "Keep my worksheet",
        "Share my code",
        "Do not compare",
        "See my summary",
        "The other person's code",
        "Your summary shows here",
        "The worksheet starts",
        TABLE.areas[0].question,
        TABLE.areas[0].choices[0].label,
        TABLE.reasons[0].label,
        "How firm is this",
    ):
        assert control not in text, control


def test_text_from_the_table_is_escaped() -> None:
    area = TABLE.areas[0]
    evil = replace(area, choices=(Choice("exclusive", 'I <b>want</b> "this" & that'),))
    html = render_worksheet(replace(TABLE, areas=(evil, *TABLE.areas[1:])), lambda link: link)
    assert "<b>want</b>" not in html
    assert "I &lt;b&gt;want&lt;/b&gt; &quot;this&quot; &amp; that" in html


class FakeFiles:
    def __init__(self, present: set[str]) -> None:
        self.present = present

    def get_file_from_path(self, path: str):
        if path not in self.present:
            return None
        return SimpleNamespace(url_relative_to=lambda page: "../" + path[:-3] + "/")


def fence_with_files(present: set[str]) -> str:
    md = markdown.Markdown(extensions=["pymdownx.superfences"], extension_configs=FENCE_CONFIG)
    md.treeprocessors.register(
        SimpleNamespace(files=FakeFiles(present), file=object(), run=lambda root: None),
        "relpath",
        1,
    )
    return md.convert("```deciding-worksheet\n```")


PAGES = {SAFETY_PAGE, CONVERSATION_PAGE}


def test_inside_mkdocs_links_are_resolved_for_the_page() -> None:
    html = fence_with_files(PAGES)
    assert f'href="../after-a-breakup/the-conversation/" data-rk-link="{CONVERSATION_PAGE}"' in html
    assert f'href="../safety/" data-rk-link="{SAFETY_PAGE}"' in html


@pytest.mark.parametrize("missing", sorted(PAGES))
def test_a_missing_linked_page_fails_the_build(missing: str) -> None:
    with pytest.raises(SuperFencesException, match=re.escape(f"missing page {missing!r}")):
        fence_with_files(PAGES - {missing})


def test_a_broken_table_fails_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = replace(TABLE, areas=(replace(TABLE.areas[0], title=""), *TABLE.areas[1:]))
    monkeypatch.setattr("rekindle.tools.deciding.fence.TABLE", broken)
    with pytest.raises(SuperFencesException, match=r"deciding-worksheet: .*title is empty"):
        render()


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ("colour: red\n", "unknown option 'colour'"),
        ("just some words\n", "expected 'option: value'"),
        ("\n   \nareas: 3\n", "unknown option 'areas'"),
    ],
)
def test_a_bad_option_fails_the_build_naming_it(body: str, named: str) -> None:
    with pytest.raises(SuperFencesException, match=re.escape(named)):
        render(body)


def test_blank_body_is_fine() -> None:
    assert check_options("\n  \n", {}) == {}
    with pytest.raises(SuperFencesException, match="unknown option 'title'"):
        check_options("", {"title": "x"})


def test_the_guide_page_holds_the_worksheet(built_site) -> None:
    page = (built_site / "after-a-breakup" / "deciding" / "index.html").read_text()
    tree = parse(page)
    roots = tree.find(data_rekindle_widget="deciding-worksheet")
    assert len(roots) == 1
    assert 'href="../../safety/" data-rk-link="safety.md"' in page
    assert 'href="../the-conversation/" data-rk-link="after-a-breakup/the-conversation.md"' in page
    assert (built_site / "assets" / "rekindle" / "deciding" / "deciding.js").exists()
