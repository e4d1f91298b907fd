"""The ```turn-timer fence: its HTML, and a build that fails loudly on a bad option."""

from __future__ import annotations

import json
import re
import shutil
from html import unescape
from pathlib import Path

import markdown
import pytest
from material.plugins.search.plugin import Parser
from pymdownx.superfences import SuperFencesException

from rekindle.tools.timer.fence import early_script, format_turn_timer
from tests.conftest import ROOT, build_site


def render(body: str) -> str:
    md = markdown.Markdown()
    return format_turn_timer(body, "turn-timer", "turn-timer", {}, md)


def test_default_timer_is_real_html_with_the_idle_view() -> None:
    html = render("preset: check-in\n")
    assert html.startswith(
        '<section class="rk-widget rk-timer" id="rk-timer-1" '
        'data-rekindle-widget="turn-timer" data-rk-module="timer/timer.js" '
        'data-rk-style="timer/timer.css" data-state="loading" data-phase="idle" data-speaker="0"'
    )
    assert 'aria-labelledby="rk-timer-1-title"' in html  # a named region with a heading
    assert '<h2 class="rk-timer__title" id="rk-timer-1-title"' in html
    assert (
        '<p class="rk-timer__clock" data-search-exclude role="timer"'
        ' aria-label="Time left in this turn"\n data-rk-clock>3:00</p>' in html
    )
    assert '<bdi data-bind="speaker_name">Partner A</bdi>' in html
    assert '<span data-bind="speaker_role">Speaker</span>' in html
    assert 'aria-keyshortcuts="Space"' in html and 'role="status"' in html
    assert re.search(
        r'<button type="button" class="md-button" data-rk-action="next"'
        r' aria-keyshortcuts="N" data-bind-hidden="can_next" hidden>',
        html,
    )
    state = json.loads(unescape(re.search(r'data-rk-state="([^"]*)"', html).group(1)))
    assert state["phase"] == "idle" and state["spoken_ms"] == [0, 0]
    shown = json.loads(unescape(re.search(r'data-rk-view="([^"]*)"', html).group(1)))
    assert (shown["turn_ms"], shown["prompt"]) == (
        180_000,
        "Since we last talked, what made you happy?",
    )
    assert '<span data-bind="prompt">Since we last talked, what made you happy?</span>' in html


def test_prompts_from_the_fence_are_text_and_a_page_without_any_hides_the_box() -> None:
    html = render("prompts:\n  - What <b>scares</b> me is…\n  - Next\n")
    assert '<span data-bind="prompt">What &lt;b&gt;scares&lt;/b&gt; me is…</span>' in html
    assert '<div class="rk-timer__prompt" data-bind-hidden="prompt">' in html
    none = render("preset: sensate-focus\n")
    assert '<div class="rk-timer__prompt" data-bind-hidden="prompt" hidden>' in none
    assert '<option value="tap" selected>' in none  # hand-over by default
    assert '<option value="auto" selected>' in render("handover: auto\n")


def page(text: str) -> str:
    """A whole page's HTML as MkDocs makes it (the fence inside superfences)."""
    fence = {"name": "turn-timer", "class": "turn-timer", "format": format_turn_timer}
    return markdown.markdown(
        text,
        extensions=["toc", "pymdownx.superfences"],
        extension_configs={"pymdownx.superfences": {"custom_fences": [fence]}},
    )


def test_a_timer_page_gets_a_session_launcher_and_the_early_script_under_its_title() -> None:
    html = page("# Talk\n\nWords.\n\n## How\n\n```turn-timer\n```\n\n### Later\n")
    title_end = html.index("</h1>")
    launcher = html.index('<p class="rk-session-launch"')
    script = html.index(f"<script>{early_script()}</script>")
    assert title_end < launcher < script < html.index("Words.")
    assert 'href="#rk-timer-1" data-rk-open-session="rk-timer-1">Start a session</a>' in html
    assert '<h3 class="rk-timer__title" id="rk-timer-1-title"' in html  # under an h2
    assert html.count("<script>") == 1


def test_each_timer_heading_sits_one_level_under_the_heading_before_it() -> None:
    html = page("```turn-timer\n```\n\n### Deep\n\n```turn-timer\n```\n")
    assert '<h2 class="rk-timer__title" id="rk-timer-1-title"' in html
    assert '<h4 class="rk-timer__title" id="rk-timer-2-title"' in html
    assert html.index('<p class="rk-session-launch"') == 0  # no title: at the very top


def test_a_page_without_a_timer_is_left_alone() -> None:
    assert "rk-session-launch" not in page("# Plain\n\nNo timer here.\n")


def test_the_early_script_is_inlined_as_written_without_its_comments() -> None:
    text = early_script()
    source = (ROOT / "overrides/assets/rekindle/timer/timer-early.js").read_text()
    code = [line for line in source.splitlines() if not line.strip().startswith("//")]
    assert text == "\n".join(code).strip() and text.startswith("(() => {")
    assert "</script" not in text.lower() and len(text) < 3000


def indexed_text(html: str) -> str:
    """What Material's search plugin puts in the index for this HTML, tags dropped."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    text = " ".join("".join(section.title + section.text) for section in parser.data)
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


def test_the_timer_stays_out_of_the_search_index() -> None:
    # Every page downloads the index: controls and state ("Partner A", "3:00", twenty
    # "rounds" options) are bytes for nothing, and noise in the results.
    html = render("preset: sensate-focus\nnames: Sam, Alex\nrounds: 3\n")
    whole = f'<h2 id="how">How it works</h2>\n<p>Take turns.</p>\n{html}\n<p>Then talk.</p>'
    assert indexed_text(whole) == "How it works Take turns. Then talk."
    launched = page("# Talk\n\nTake turns.\n\n```turn-timer\n```\n")
    assert indexed_text(launched) == "Talk Take turns."  # nor the launcher, nor the script


def test_sensate_focus_shows_its_roles_and_length() -> None:
    html = render("preset: sensate-focus\nnames: Sam, Alex\nstarts: second\n")
    assert "data-rk-clock>15:00</p>" in html
    assert '<span data-bind="speaker_role">Giver</span>' in html
    assert '<bdi data-bind="speaker_name">Alex</bdi>' in html


def test_text_in_options_is_escaped() -> None:
    html = render("names: <b>Sam</b>, A&B\n")
    assert "<b>Sam</b>" not in html and "&lt;b&gt;Sam&lt;/b&gt;" in html
    assert "A&amp;B" in html


def test_ids_count_per_page_not_per_process() -> None:
    md = markdown.Markdown()
    first = format_turn_timer("", "turn-timer", "turn-timer", {}, md)
    second = format_turn_timer("", "turn-timer", "turn-timer", {}, md)
    assert 'id="rk-timer-1"' in first and 'id="rk-timer-2"' in second
    assert 'id="rk-timer-1"' in render("")  # a new page starts again


BAD_OPTIONS = {
    "preset: hourly": "preset",
    "minutes: 0": "minutes",
    "minutes: 61": "minutes",
    "minutes: abc": "minutes",
    "minutes: 3.5": "minutes",
    "rounds: 0": "rounds",
    "rounds: 21": "rounds",
    "names: Sam": "names",
    "starts: third": "starts",
    "warning: 300\nminutes: 2": "warning",
    "colour: red": "colour",
    "minutes: 3\nminutes: 4": "minutes",
    "just words": "line 1",
    "handover: later": "handover",
    "prompts: Why?": "prompts",
    "- Why?": "line 1",
}


@pytest.mark.parametrize(("body", "option"), BAD_OPTIONS.items())
def test_every_bad_option_raises_naming_it(body: str, option: str) -> None:
    with pytest.raises(SuperFencesException, match=re.escape(option)):
        render(body)


def test_a_bad_option_fails_the_build_naming_the_page_and_option(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n")
    (docs / "broken.md").write_text("# Broken\n\n```turn-timer\nminutes: 99\n```\n")
    config = (ROOT / "mkdocs.yml").read_text().split("\nnav:")[0]
    config = config.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    config = config.replace("- src/rekindle", f"- {ROOT / 'src/rekindle'}")
    config += f"\ndocs_dir: {docs}\n"
    (tmp_path / "mkdocs.yml").write_text(config)
    done = build_site(tmp_path / "site", config=tmp_path / "mkdocs.yml")
    assert done.returncode != 0
    assert "broken.md" in done.stderr and "minutes" in done.stderr.lower()
    shutil.rmtree(tmp_path / "site", ignore_errors=True)
