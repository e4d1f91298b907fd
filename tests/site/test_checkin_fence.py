"""The ```checkin-planner fence: real, labelled HTML, and a build that fails on a bad option."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from material.plugins.search.plugin import Parser
from pymdownx.superfences import SuperFencesException

from rekindle.tools.checkin.fence import format_checkin_planner
from rekindle.tools.checkin.model.plan import FIELDS
from tests.conftest import ROOT, build_site

PLANNER_PAGES = ("after-a-breakup/the-conversation", "intimacy/keeping-it-alive")


def render(body: str = "", md: markdown.Markdown | None = None) -> str:
    return format_checkin_planner(
        body, "checkin-planner", "checkin-planner", {}, md or markdown.Markdown()
    )


class Elements(HTMLParser):
    """Every start tag as (tag, attributes, text up to its end for labels and legends)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str]]] = []
        self.texts: dict[int, list[str]] = {}
        self._open: list[tuple[str, int]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {k: v or "" for k, v in attrs}))
        if tag not in ("input", "br"):
            self._open.append((tag, len(self.found) - 1))
            self.texts[len(self.found) - 1] = []

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            name, _ = self._open.pop()
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        for _, index in self._open:
            self.texts[index].append(data)

    def text(self, index: int) -> str:
        return " ".join("".join(self.texts.get(index, [])).split())

    def where(self, tag: str | None = None, **attrs: str) -> list[tuple[int, dict[str, str]]]:
        return [
            (i, a)
            for i, (t, a) in enumerate(self.found)
            if (tag is None or t == tag)
            and all(a.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]


def test_the_root_names_the_tool_from_the_registry_and_starts_loading() -> None:
    html = render()
    assert html.startswith(
        '<div class="rk-widget rk-checkin" id="rk-checkin-1" '
        'data-rekindle-widget="checkin-planner" data-rk-module="checkin/checkin.js" '
        'data-rk-style="checkin/checkin.css" data-state="loading" data-frequency="weekly">'
    )


def test_every_field_has_a_label_and_an_error_slot_it_points_to() -> None:
    page = Elements(render())
    for name in FIELDS:
        controls = [a for t, a in page.found if a.get("name") == name and t != "form"]
        assert controls, f"no control named {name}"
        slot = page.where(data_rk_error_for=name)
        assert len(slot) == 1, name
        error_id = slot[0][1]["id"]
        assert "hidden" in slot[0][1] and page.text(slot[0][0]) == ""
        if name == "frequency":  # a radio group: its fieldset carries the description
            groups = page.where("fieldset", aria_describedby=error_id)
            assert len(groups) == 1
            continue
        (control,) = controls
        assert error_id in control["aria-describedby"].split(), name
        labels = [i for i, a in page.where("label") if a.get("for") == control["id"]]
        assert len(labels) == 1 and page.text(labels[0]), name
        for described in control["aria-describedby"].split():
            assert page.where(id=described), f"{name} points at a missing {described}"


def test_the_form_groups_its_fields_under_legends() -> None:
    page = Elements(render())
    legends = [page.text(i) for i, _ in page.where("legend")]
    assert legends == ["How often", "When", "Which dates", "In your calendar", "This device"]
    radios = [a["value"] for _, a in page.where("input", type="radio")]
    assert radios == ["every-3-days", "twice-weekly", "weekly", "fortnightly"]
    reminders = [
        a["value"] for i, a in page.where("option") if i > page.where(name="reminder")[0][0]
    ]
    assert reminders[:5] == ["none", "start", "10", "30", "60"]


def test_defaults_are_neutral_and_the_sync_note_is_there() -> None:
    html = render()
    page = Elements(html)
    (_, title), *_ = [(i, a) for i, a in page.where("input") if a.get("name") == "title"]
    assert title["value"] == ""  # left empty, the calendar says "Check-in"
    assert "Left empty, it says “Check-in”." in html
    assert page.where("textarea", name="description")[0][1].get("dir") == "auto"
    assert "calendars often sync to your other devices" in html.lower()
    assert "others may see these events" in html
    assert page.where("input", name="lookback")[0][1].get("checked") is None
    assert 'value="19:30"' in html and 'value="30"' in html and 'value="12"' in html
    (_, start), *_ = page.where("input", name="start")
    assert start["value"] == ""  # the page fills in the reader's today


def test_status_line_retry_and_the_keep_box_are_there() -> None:
    page = Elements(render())
    (index, _), *_ = page.where("p", role="status", data_rk_status="")
    assert "starts once the page has loaded" in page.text(index)
    assert page.where("button", data_rk_retry="")[0][1].get("hidden") == ""
    (_, keep), *_ = [(i, a) for i, a in page.where("input") if "data-rk-keep" in a]
    assert keep.get("checked") is None  # remembering is off unless chosen
    assert page.where("button", data_rk_forget="")
    assert page.where(data_rk_action="download") and page.where(data_rk_action="copy")


def test_options_become_the_first_values() -> None:
    html = render(
        "frequency: twice-weekly\nday: Tue\nsecond_day: friday\ntime: 7:30 pm\n"
        "duration: 45\ncount: 8\nreminder: 60\ntitle: Our talk\nlookback: on\n"
    )
    page = Elements(html)
    assert 'data-frequency="twice-weekly"' in html
    assert page.where("input", value="twice-weekly")[0][1].get("checked") == ""
    assert '<option value="tuesday" selected>' in html
    assert '<option value="friday" selected>' in html
    assert 'value="7:30 pm"' in html and 'value="45"' in html and 'value="8"' in html
    assert '<option value="60" selected>' in html and 'value="Our talk"' in html
    assert page.where("input", name="lookback")[0][1].get("checked") == ""


def test_text_in_options_is_escaped() -> None:
    html = render('title: <b>"Us" & co</b>\n')
    assert "<b>" not in html
    assert 'value="&lt;b&gt;&quot;Us&quot; &amp; co&lt;/b&gt;"' in html


def test_ids_count_per_page_not_per_process() -> None:
    md = markdown.Markdown()
    assert 'id="rk-checkin-1"' in render("", md) and 'id="rk-checkin-2"' in render("", md)
    assert 'id="rk-checkin-1-time"' in render()


def indexed_text(html: str) -> str:
    parser = Parser()
    parser.feed(html)
    parser.close()
    text = " ".join("".join(section.title + section.text) for section in parser.data)
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


def test_the_planner_stays_out_of_the_search_index() -> None:
    page = f'<h2 id="h">Keep it going</h2>\n<p>Talk weekly.</p>\n{render()}\n<p>Then rest.</p>'
    assert indexed_text(page) == "Keep it going Talk weekly. Then rest."


BAD_OPTIONS = {
    "frequency: daily": "frequency",
    "frequency: twice-weekly\nday: monday\nsecond_day: monday": "second_day",
    "day: someday": "day",
    "time: 25:00": "time",
    "time: 7:60": "time",
    "time: seven": "time",
    "duration: 0": "duration",
    "duration: 600": "duration",
    "count: 0": "count",
    "count: 1,000": "count",
    "reminder: 15": "reminder",
    "title: " + "x" * 101: "title",
    "lookback: maybe": "lookback",
    "colour: red": "colour",
    "count: 3\ncount: 4": "count",
    "just words": "line 1",
}


@pytest.mark.parametrize(("body", "option"), BAD_OPTIONS.items())
def test_every_bad_option_raises_naming_it(body: str, option: str) -> None:
    with pytest.raises(SuperFencesException, match=re.escape(option)):
        render(body)


def test_a_bad_option_fails_the_build_naming_the_page_and_option(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n")
    (docs / "broken.md").write_text("# Broken\n\n```checkin-planner\nduration: 600\n```\n")
    config = (ROOT / "mkdocs.yml").read_text().split("\nnav:")[0]
    config = config.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    config = config.replace("- src/rekindle", f"- {ROOT / 'src/rekindle'}")
    config += f"\ndocs_dir: {docs}\n"
    (tmp_path / "mkdocs.yml").write_text(config)
    done = build_site(tmp_path / "site", config=tmp_path / "mkdocs.yml")
    assert done.returncode != 0
    assert "broken.md" in done.stderr and "duration" in done.stderr
    shutil.rmtree(tmp_path / "site", ignore_errors=True)


def test_the_built_pages_hold_the_planner_and_other_pages_load_none_of_it(
    built_site: Path,
) -> None:
    for page in PLANNER_PAGES:
        html = (built_site / page / "index.html").read_text("utf-8")
        assert html.count('data-rekindle-widget="checkin-planner"') == 1, page
        assert re.search(r"<link[^>]+checkin/checkin\.css", html), page
    alive = (built_site / "intimacy/keeping-it-alive/index.html").read_text("utf-8")
    assert re.search(r'name="lookback"\s+value="on"\s+id="rk-checkin-1-lookback" checked', alive)
    for html_file in built_site.rglob("index.html"):
        if any(page in str(html_file) for page in PLANNER_PAGES):
            continue
        assert "checkin/" not in html_file.read_text("utf-8"), html_file
