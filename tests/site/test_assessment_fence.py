"""The barrier-assessment fence: accessible HTML from the item bank, and build-failing errors."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser
from types import SimpleNamespace

import markdown
import pytest
from material.plugins.search.plugin import Parser
from pymdownx.superfences import SuperFencesException

from rekindle.tools.assessment.fence import (
    check_options,
    format_barrier_assessment,
    render_assessment,
)
from rekindle.tools.assessment.model.bank import Item
from rekindle.tools.assessment.model.items import ITEM_BANK

FENCE_CONFIG = {
    "pymdownx.superfences": {
        "custom_fences": [
            {
                "name": "barrier-assessment",
                "class": "barrier-assessment",
                "format": format_barrier_assessment,
            }
        ]
    }
}


class Tree(HTMLParser):
    """Just enough of a DOM: a flat list of (tag, attrs, text-inside, parents)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[dict] = []
        self.nodes: list[dict] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        node = {"tag": tag, "attrs": dict(attrs), "text": "", "parents": list(self.stack)}
        self.nodes.append(node)
        if tag not in ("input", "br", "img", "meta", "link"):
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()["tag"] == tag:
                break

    def handle_data(self, data: str) -> None:
        for node in self.stack:
            node["text"] += data


def parse(html: str) -> Tree:
    tree = Tree()
    tree.feed(html)
    return tree


@pytest.fixture(scope="module")
def html() -> str:
    return markdown.markdown(
        "```barrier-assessment\n```",
        extensions=["pymdownx.superfences"],
        extension_configs=FENCE_CONFIG,
    )


def test_root_element(html: str) -> None:
    root = parse(html).nodes[0]
    assert root["tag"] == "div"
    assert root["attrs"]["class"] == "rk-widget rk-assessment"
    assert root["attrs"]["data-rekindle-widget"] == "barrier-assessment"
    assert root["attrs"]["data-state"] == "loading"


def test_every_item_has_a_fieldset_legend_and_six_labelled_radios(html: str) -> None:
    tree = parse(html)
    labels = {n["attrs"]["for"]: n["text"] for n in tree.nodes if n["tag"] == "label"}
    for item in ITEM_BANK.items:
        fieldset = next(n for n in tree.nodes if n["attrs"].get("data-rk-item") == item.id)
        assert fieldset["tag"] == "fieldset"
        legends = [n for n in tree.nodes if n["tag"] == "legend" and n["parents"][-1] is fieldset]
        assert [lg["text"] for lg in legends] == [item.text]
        radios = [n for n in tree.nodes if n["tag"] == "input" and fieldset in n["parents"]]
        assert [r["attrs"]["type"] for r in radios] == ["radio"] * 6
        assert {r["attrs"]["name"] for r in radios} == {f"rk-q-{item.id}"}
        assert [r["attrs"]["value"] for r in radios] == ["1", "2", "3", "4", "5", "skip"]
        assert [labels[r["attrs"]["id"]] for r in radios] == [
            "Strongly disagree",
            "Disagree",
            "Neither agree nor disagree",
            "Agree",
            "Strongly agree",
            "Skip",
        ]


def test_groups_are_fieldsets_with_legends_in_order(html: str) -> None:
    tree = parse(html)
    groups = [n for n in tree.nodes if "data-rk-group" in n["attrs"]]
    assert [g["attrs"]["data-rk-group"] for g in groups] == [g.id for g in ITEM_BANK.groups]
    assert [g["attrs"]["data-rk-group-index"] for g in groups] == ["0", "1", "2", "3", "4"]
    assert all(g["tag"] == "fieldset" for g in groups)
    form = next(n for n in tree.nodes if n["tag"] == "form")
    assert all(form in g["parents"] for g in groups)


def test_ids_are_unique(html: str) -> None:
    ids = [n["attrs"]["id"] for n in parse(html).nodes if "id" in n["attrs"]]
    assert len(ids) == len(set(ids))


def test_controls_and_regions_are_present(html: str) -> None:
    tree = parse(html)
    actions = [n["attrs"]["data-rk-action"] for n in tree.nodes if "data-rk-action" in n["attrs"]]
    assert set(actions) >= {"back", "next", "results", "delete", "share", "compare", "print"}
    buttons = [n for n in tree.nodes if n["tag"] == "button"]
    assert all(b["attrs"].get("type") == "button" for b in buttons)
    assert any(n["text"] == "Delete my answers" for n in buttons)
    assert any(n["tag"] == "progress" for n in tree.nodes)
    save = next(n for n in tree.nodes if "data-rk-save" in n["attrs"])
    assert save["attrs"]["type"] == "checkbox"
    assert "checked" not in save["attrs"]
    results = next(n for n in tree.nodes if "data-rk-results" in n["attrs"])
    assert (results["tag"], results["attrs"]["tabindex"]) == ("section", "-1")
    status = next(n for n in tree.nodes if n["attrs"].get("role") == "status")
    assert "data-rk-status" in status["attrs"]
    retry = next(n for n in tree.nodes if "data-rk-retry" in n["attrs"])
    assert "hidden" in retry["attrs"]
    code = next(n for n in tree.nodes if "data-rk-partner-code" in n["attrs"])
    assert any(n["tag"] == "label" and n["attrs"]["for"] == code["attrs"]["id"] for n in tree.nodes)


def test_only_headings_and_explanations_reach_the_search_index(html: str) -> None:
    # Every page downloads the index: the statements, answer scales, buttons and
    # placeholders are bytes for nothing there, and noise in the results.
    parser = Parser()
    parser.feed(html)
    parser.close()
    sections = {
        "".join(s.title): " ".join(re.sub(r"<[^>]+>", " ", "".join(s.text)).split())
        for s in parser.data
    }
    assert list(sections) == [
        "",
        "Your results",
        "Compare with your partner",
        "Read more in the guide",
    ]
    assert sections[""].startswith("This is a reflection, not a diagnosis.")
    assert "share it only with someone you trust" in sections["Compare with your partner"]
    assert "Fear of rejection" in sections["Read more in the guide"]
    text = " ".join(sections.values())
    for control in (
        "Try again",
        "Part 1 of",
        "Save my answers",
        "Print my results",
        "Share my code",
        "Your partner's code came",
        "Results need at least",
        "Print the statements",
        "Back",
        "Next",
        "partner's code",
        "The tool starts",
        "Your results will show",
        ITEM_BANK.items[0].text,
    ):
        assert control not in text, control
    assert sections["Your results"] == ""


def test_results_have_a_focusable_heading_and_a_print_choice(html: str) -> None:
    tree = parse(html)
    heading = next(n for n in tree.nodes if "data-rk-results-heading" in n["attrs"])
    assert (heading["tag"], heading["attrs"]["tabindex"], heading["text"]) == (
        "h2",
        "-1",
        "Your results",
    )
    tick = next(n for n in tree.nodes if "data-rk-print-statements" in n["attrs"])
    assert tick["attrs"]["type"] == "checkbox" and "checked" not in tick["attrs"]


def test_save_and_delete_sit_under_one_small_privacy_control(html: str) -> None:
    tree = parse(html)
    privacy = next(n for n in tree.nodes if "data-rk-privacy" in n["attrs"])
    assert privacy["tag"] == "details" and "open" not in privacy["attrs"]
    inside = [n for n in tree.nodes if privacy in n["parents"]]
    assert any("data-rk-save" in n["attrs"] for n in inside)
    assert any(n["attrs"].get("data-rk-action") == "delete" for n in inside)
    summary = next(n for n in inside if n["tag"] == "summary")
    assert summary["text"] == "Private to this device: saving is off"


def test_the_minimum_of_answers_is_stated_before_results(html: str) -> None:
    tree = parse(html)
    minimum = next(n for n in tree.nodes if "data-rk-minimum" in n["attrs"])
    assert minimum["text"].startswith("Results need at least 10 answered statements")
    assert "Skip does not count" in minimum["text"]
    missing = next(n for n in tree.nodes if "data-rk-missing" in n["attrs"])
    assert "hidden" in missing["attrs"] and missing["attrs"]["tabindex"] == "-1"


def test_a_partners_link_has_a_notice_ready_at_the_top(html: str) -> None:
    tree = parse(html)
    arrival = next(n for n in tree.nodes if "data-rk-arrival" in n["attrs"])
    assert "hidden" in arrival["attrs"]
    assert "Answer the statements for yourself first" in arrival["text"]
    assert "Nothing was sent anywhere" in arrival["text"]
    form = next(n for n in tree.nodes if n["tag"] == "form")
    assert tree.nodes.index(arrival) < tree.nodes.index(form)


def test_each_scale_writes_its_two_ends_once_for_the_eye_only(html: str) -> None:
    tree = parse(html)
    ends = [n for n in tree.nodes if "rk-assessment__ends" in n["attrs"].get("class", "")]
    assert len(ends) == len(ITEM_BANK.items)
    assert all(e["attrs"]["aria-hidden"] == "true" for e in ends)
    assert ends[0]["text"] == "Strongly disagreeStrongly agree"


def test_disclaimer_is_stated(html: str) -> None:
    assert "This is a reflection, not a diagnosis." in html
    assert "not a validated clinical instrument" in html


def test_every_form_control_has_a_label(html: str) -> None:
    tree = parse(html)
    labelled = {n["attrs"]["for"] for n in tree.nodes if n["tag"] == "label"}
    controls = [n for n in tree.nodes if n["tag"] in ("input", "textarea", "progress")]
    assert all(c["attrs"]["id"] in labelled for c in controls)


def test_text_is_escaped() -> None:
    evil = Item("rej-1", 'I <b>love</b> "quotes" & ampersands', "barrier", "fear-of-rejection")
    bank = replace(ITEM_BANK, items=(evil, *ITEM_BANK.items[1:]))
    html = render_assessment(bank, lambda link: link)
    assert "<b>love</b>" not in html
    assert "I &lt;b&gt;love&lt;/b&gt; &quot;quotes&quot; &amp; ampersands" in html


def test_guide_links_are_resolved_for_the_page() -> None:
    html = render_assessment(ITEM_BANK, lambda link: "../../" + link.replace(".md", "/"))
    assert (
        'href="../../intimacy/barriers/#fear-of-rejection" '
        'data-rk-link="intimacy/barriers.md#fear-of-rejection"'
    ) in html
    assert 'data-rk-link="safety.md"' in html


class FakeFiles:
    def __init__(self, present: set[str]) -> None:
        self.present = present

    def get_file_from_path(self, path: str):
        if path not in self.present:
            return None
        return SimpleNamespace(url_relative_to=lambda page: "../../" + path[:-3] + "/")


def fence_with_files(present: set[str]) -> str:
    md = markdown.Markdown(extensions=["pymdownx.superfences"], extension_configs=FENCE_CONFIG)
    md.treeprocessors.register(
        SimpleNamespace(files=FakeFiles(present), file=object(), run=lambda root: None),
        "relpath",
        1,
    )
    return md.convert("```barrier-assessment\n```")


ALL_PAGES = {"intimacy/barriers.md", "safety.md", "intimacy/signs.md", "intimacy/sex-therapy.md"}


def test_inside_mkdocs_links_use_the_site_files() -> None:
    html = fence_with_files(ALL_PAGES)
    assert 'href="../../intimacy/barriers/#childhood-wounds"' in html
    assert 'href="../../intimacy/signs/#starting-the-conversation"' in html


def test_a_missing_guide_page_fails_the_build() -> None:
    with pytest.raises(SuperFencesException, match=r"missing page 'intimacy/barriers\.md'"):
        fence_with_files(ALL_PAGES - {"intimacy/barriers.md"})
    with pytest.raises(SuperFencesException, match=r"missing page 'safety\.md'"):
        fence_with_files(ALL_PAGES - {"safety.md"})


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ("colour: red\n", "unknown option 'colour'"),
        ("just some words\n", "expected 'option: value'"),
        ("\n   \nshuffle: yes\n", "unknown option 'shuffle'"),
    ],
)
def test_a_bad_option_fails_the_build(body: str, named: str) -> None:
    with pytest.raises(SuperFencesException, match=re.escape(named)):
        markdown.markdown(
            f"```barrier-assessment\n{body}```",
            extensions=["pymdownx.superfences"],
            extension_configs=FENCE_CONFIG,
        )


def test_blank_body_is_fine() -> None:
    assert check_options("\n  \n", {}) == {}
    with pytest.raises(SuperFencesException, match="unknown option 'title'"):
        check_options("", {"title": "x"})
