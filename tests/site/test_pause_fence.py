"""The no-contact-pause fence: accessible HTML that reads without scripts, nothing typed in a
URL, links resolved for the page at build time, and build-failing errors."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin

import markdown
import pytest
from material.plugins.search.plugin import Parser
from pymdownx.superfences import SuperFencesException

from rekindle.tools.pause.fence import format_pause, limits, render_pause
from rekindle.tools.pause.model.backup import MAX_BACKUP_CHARS
from rekindle.tools.pause.model.fields import MAX_TEXT_CHARS
from rekindle.tools.pause.model.journal import TAGS
from rekindle.tools.pause.model.prompts import PROMPTS
from rekindle.tools.pause.model.views import LINKS

FENCE_CONFIG = {
    "pymdownx.superfences": {
        "custom_fences": [
            {"name": "no-contact-pause", "class": "no-contact-pause", "format": format_pause}
        ]
    }
}
PAGES_WITH_THE_TOOL = ["after-a-breakup/no-contact/", "tools/pause-journal/"]


class Tree(HTMLParser):
    """Just enough of a DOM: a flat list of {tag, attrs, text inside, parents}."""

    VOID = ("input", "br", "img", "meta", "link")

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[dict] = []
        self.nodes: list[dict] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        node = {"tag": tag, "attrs": dict(attrs), "text": "", "parents": list(self.stack)}
        self.nodes.append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()["tag"] == tag:
                break

    def handle_data(self, data: str) -> None:
        for node in self.stack:
            node["text"] += data


def parse(html: str) -> list[dict]:
    tree = Tree()
    tree.feed(html)
    return tree.nodes


def convert(source: str) -> str:
    return markdown.markdown(
        source, extensions=["pymdownx.superfences"], extension_configs=FENCE_CONFIG
    )


@pytest.fixture(scope="module")
def nodes() -> list[dict]:
    return parse(convert("```no-contact-pause\n```"))


def with_attr(nodes: list[dict], name: str) -> list[dict]:
    return [n for n in nodes if name in n["attrs"]]


def test_the_root_names_the_tool_and_carries_the_models_limits(nodes: list[dict]) -> None:
    root = nodes[0]
    assert root["attrs"]["data-rekindle-widget"] == "no-contact-pause"
    assert root["attrs"]["data-rk-module"] == "pause/pause.js"
    assert root["attrs"]["data-rk-style"] == "pause/pause.css"
    assert root["attrs"]["data-state"] == "loading"
    carried = json.loads(root["attrs"]["data-rk-limits"])
    assert carried == limits()
    assert carried["max_text_chars"] == MAX_TEXT_CHARS
    assert carried["max_backup_chars"] == MAX_BACKUP_CHARS


def test_a_status_line_and_a_hidden_retry(nodes: list[dict]) -> None:
    (status,) = [n for n in nodes if n["attrs"].get("role") == "status"]
    assert "data-rk-status" in status["attrs"] and "data-search-exclude" in status["attrs"]
    (retry,) = with_attr(nodes, "data-rk-retry")
    assert retry["tag"] == "button" and "hidden" in retry["attrs"]


def test_no_form_can_put_what_was_typed_into_a_url(nodes: list[dict]) -> None:
    """A form submitted before the script loads must go nowhere: method=dialog outside a
    dialog does nothing, where GET would put the journal into the address bar."""
    forms = [n for n in nodes if n["tag"] == "form"]
    assert len(forms) == 5  # unlock, plan, journal, draft, contact
    assert all(f["attrs"].get("method") == "dialog" for f in forms)
    assert not any("action" in f["attrs"] for f in forms)


def test_every_control_has_a_label_and_its_hint_and_message_exist(nodes: list[dict]) -> None:
    ids = {n["attrs"]["id"] for n in nodes if "id" in n["attrs"]}
    labelled = {n["attrs"]["for"] for n in nodes if n["tag"] == "label"}
    controls = [n for n in nodes if n["tag"] in ("input", "textarea", "select")]
    assert len(controls) > 20
    for control in controls:
        assert control["attrs"]["id"] in labelled, control["attrs"]
        for described in control["attrs"].get("aria-describedby", "").split():
            assert described in ids, (control["attrs"]["id"], described)


def test_every_field_the_engine_names_has_a_message_next_to_it(nodes: list[dict]) -> None:
    slots = {n["attrs"]["data-rk-message"] for n in with_attr(nodes, "data-rk-message")}
    # The plan (start, length), an entry (text), a contact (on, who, note), the draft and
    # the passphrase: every `field` the ops' ReaderErrors name, where the reader typed it.
    assert {"start", "length", "text", "on", "who", "note", "draft", "passphrase"} <= slots


def test_ids_are_unique(nodes: list[dict]) -> None:
    ids = [n["attrs"]["id"] for n in nodes if "id" in n["attrs"]]
    assert len(ids) == len(set(ids))


def test_keeping_is_off_until_the_reader_ticks_it(nodes: list[dict]) -> None:
    (keep,) = with_attr(nodes, "data-rk-keep")
    assert keep["attrs"]["type"] == "checkbox" and "checked" not in keep["attrs"]
    help_text = next(n for n in nodes if n["attrs"].get("id") == "rk-pause-keep-help")["text"]
    for fact in ("nothing is kept", "Safari", "7 days", "home screen", "private window"):
        assert fact in help_text


def test_the_tag_boxes_are_the_models_reasons(nodes: list[dict]) -> None:
    tags = [n["attrs"]["value"] for n in with_attr(nodes, "data-rk-tag")]
    assert tags == list(TAGS)


def test_without_scripts_the_tool_reads_as_text(nodes: list[dict]) -> None:
    (note,) = with_attr(nodes, "data-rk-no-js")
    assert "need JavaScript" in note["text"] and "notebook" in note["text"]
    live = with_attr(nodes, "data-rk-needs-js")
    assert {n["attrs"]["data-rk-area"] for n in live} == {
        "plan",
        "counter",
        "keep",
        "journal",
        "draft",
        "contact",
        "readback",
        "copies",
    }
    (prompts,) = [n for n in nodes if "rk-pause__all-prompts" in n["attrs"].get("class", "")]
    assert "data-rk-needs-js" not in prompts["attrs"]
    for prompt in PROMPTS:
        assert prompt.text in prompts["text"]


def test_only_explanations_and_prompts_reach_the_search_index() -> None:
    parser = Parser()
    parser.feed(convert("```no-contact-pause\n```"))
    parser.close()
    text = " ".join(re.sub(r"<[^>]+>", " ", "".join(s.text)) for s in parser.data)
    text = " ".join(text.split())
    assert "Everything stays on this device" in text
    assert PROMPTS[0].text in text
    for control in ("Save my plan", "Try again", "Add to my journal", "Log this contact", "Unlock"):
        assert control not in text, control


def test_the_fence_takes_no_options() -> None:
    with pytest.raises(SuperFencesException, match="takes no options"):
        convert("```no-contact-pause\nlength: 30\n```")


class FakeFile:
    def __init__(self, url: str) -> None:
        self.url = url

    def url_relative_to(self, page: FakeFile) -> str:
        depth = page.url.count("/")
        return "../" * depth + self.url


class FakeFiles:
    def __init__(self, paths: dict[str, str]) -> None:
        self.paths = paths

    def get_file_from_path(self, path: str) -> FakeFile | None:
        return FakeFile(self.paths[path]) if path in self.paths else None


def fake_md(paths: dict[str, str], page_url: str) -> object:
    relpath = SimpleNamespace(files=FakeFiles(paths), file=FakeFile(page_url))
    return SimpleNamespace(treeprocessors={"relpath": relpath})


def test_links_the_engine_names_are_resolved_for_the_page_at_build_time() -> None:
    paths = {"safety.md": "safety/", "after-a-breakup/deciding.md": "after-a-breakup/deciding/"}
    html = format_pause("", "", "", {}, fake_md(paths, "tools/pause-journal/"))
    hrefs = {
        n["attrs"]["data-rk-link"]: n["attrs"]["href"]
        for n in parse(html)
        if "data-rk-link" in n["attrs"]
    }
    assert hrefs == {
        "safety.md": "../../safety/",
        "after-a-breakup/deciding.md": "../../after-a-breakup/deciding/",
    }
    assert {link["doc"] for link in LINKS.values()} == set(hrefs)


def test_a_link_to_a_missing_page_fails_the_build() -> None:
    with pytest.raises(SuperFencesException, match="missing pages"):
        format_pause("", "", "", {}, fake_md({"safety.md": "safety/"}, "tools/pause-journal/"))


def test_outside_mkdocs_links_stay_docs_relative() -> None:
    html = render_pause(lambda link: link)
    assert 'href="safety.md"' in html


@pytest.mark.parametrize("page", PAGES_WITH_THE_TOOL)
def test_the_built_pages_carry_the_tool_with_links_that_reach_real_pages(
    built_site: Path, page: str
) -> None:
    html = (built_site / page / "index.html").read_text(encoding="utf-8")
    assert html.count('data-rekindle-widget="no-contact-pause"') == 1
    hrefs = re.findall(r'<a href="([^"]+)" data-rk-link="[^"]+"', html)
    assert len(hrefs) == len(LINKS)
    for href in hrefs:
        target = Path(urljoin(f"/{page}", href).lstrip("/"))
        assert (built_site / target / "index.html").exists(), href
    assert 'href="pause/pause.css"' in html or "pause/pause.css" in html


def test_the_privacy_page_names_a_demand_to_read_the_journal_as_a_warning_sign() -> None:
    privacy = (Path(__file__).parents[2] / "docs" / "privacy.md").read_text(encoding="utf-8")
    found = re.search(
        r'!!! note "If someone demands to see your journal"\n((?:    .*\n)+)', privacy
    )
    assert found, "the privacy page should say what a demand to read the journal means"
    box = found.group(1)
    assert "warning sign" in box and "partner or an ex" in box and "passphrase" in box
    assert "](safety.md)" in box
    assert "pause counter and journal" in privacy.lower()
