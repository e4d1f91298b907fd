"""The ```turn-timer fence: the whole timer as real HTML, right before any script runs.

The body is `key: value` lines (see `rekindle.tools.timer.model.settings.parse_fence_options`):

    ```turn-timer
    preset: sensate-focus
    names: Sam, Alex
    prompts:
      - What did you notice?
    ```

The page shows the idle view computed by the same core the browser runs, so the HTML is
correct, readable and printable with no JavaScript. A bad option raises
`SuperFencesException`, which superfences re-raises and MkDocs reports with the page's name.

On a page with a timer, a postprocessor also puts, right under the page's title, a "Start a
session" link (it opens the first timer's session view; without scripts it jumps to it) and
the timer's early script (`overrides/assets/rekindle/timer/timer-early.js`, inlined: the CSP
hashes it), which catches presses made before the timer's module has loaded. It gives each
timer's heading the level below the page heading it sits under.

Hooks for `overrides/assets/rekindle/timer/timer.js` (attributes, never classes):
`data-rekindle-widget="turn-timer"` (with the registry's module and stylesheet), `data-state`,
`data-phase`, `data-speaker`, `data-rk-state` / `data-rk-view` (the initial state and view as
JSON), `data-bind*` (see widget-kit.js), `data-rk-clock`, `data-rk-progress`,
`data-rk-action` (toggle, next, finish, reset, skip), `data-rk-open-session`,
`data-rk-close-session`, `data-rk-undo`, `data-rk-status`, `data-rk-retry`, `data-rk-load`,
`data-rk-download`, `data-rk-wait`, `data-rk-announce`, `data-rk-form`,
`data-rk-error-for="<field>"`, `data-rk-pref` (mute, vibrate), `data-rk-remember`,
`data-rk-forget`, `data-rk-storage-note`, `data-rk-form-note`, `data-rk-starts-label="<0|1>"`.

The timer's text is controls and state ("Partner A", "3:00", twenty "rounds" options), not
guide text: `data-search-exclude` keeps it out of Material's search index, which every page
downloads, so a search for "rounds" or "reset" finds the guide's words, not the widget. The
page's own words around the timer stay searchable.
"""

from __future__ import annotations

import json
import re
from functools import cache
from html import escape
from pathlib import Path

from markdown.postprocessors import Postprocessor
from pymdownx.superfences import SuperFencesException

from rekindle.shared.widget_html import NOT_INDEXED, widget_attributes
from rekindle.tools.timer.model.codec import state_to_dict
from rekindle.tools.timer.model.presets import MAX_ROUNDS, PRESETS
from rekindle.tools.timer.model.settings import SettingsError, TimerSettings, parse_fence_options
from rekindle.tools.timer.model.state import TimerState
from rekindle.tools.timer.model.view import view

EARLY_SCRIPT = Path(__file__).parents[4] / "overrides/assets/rekindle/timer/timer-early.js"
TITLE = "Turn-taking timer"
WARNING_CHOICES = (
    (0, "Off"),
    (15, "15 seconds before"),
    (30, "30 seconds before"),
    (60, "1 minute before"),
    (120, "2 minutes before"),
)
HANDOVER_CHOICES = (
    ("tap", "Wait for a tap: a calm hand-over"),
    ("auto", "Start the next turn at once"),
)


def format_turn_timer(
    source: str, language: str, css_class: str, options: dict, md: object, **kwargs: object
) -> str:
    """Superfences formatter: validate with core, then render the widget."""
    try:
        settings = parse_fence_options(source)
    except SettingsError as error:
        raise SuperFencesException(f"turn-timer: {error}") from error
    _arrange_page(md)
    return render_timer(settings, f"rk-timer-{_next_on_page(md)}")


def _next_on_page(md: object) -> int:
    """1, 2, ... per page: the count lives on the page's Markdown instance, not the module,
    so ids are stable across rebuilds and never leak from one page to another."""
    number = getattr(md, "rekindle_timer_count", 0) + 1
    md.rekindle_timer_count = number  # type: ignore[attr-defined]
    return number


def _json_attribute(value: object) -> str:
    return escape(json.dumps(value, ensure_ascii=False), quote=True)


def render_timer(settings: TimerSettings, uid: str) -> str:
    state = TimerState.initial(settings)
    shown = view(state, 0)
    return "\n".join(
        [
            f'<section class="rk-widget rk-timer" id="{uid}" {widget_attributes("turn-timer")}'
            f' data-state="loading" data-phase="idle" data-speaker="{shown["speaker_index"]}"'
            f' data-rk-state="{_json_attribute(state_to_dict(state))}"'
            f' data-rk-view="{_json_attribute(shown)}" aria-labelledby="{uid}-title">',
            _bar(uid),
            _face(shown),
            _summary(shown),
            _controls(),
            _status(settings),
            _settings_form(settings, uid),
            _shortcuts(),
            "</section>",
        ]
    )


def _bar(uid: str) -> str:
    """The heading, and the way into and out of the session view."""
    return f"""<div class="rk-timer__bar">
<h2 class="rk-timer__title" id="{uid}-title"{NOT_INDEXED}>{TITLE}</h2>
<button type="button" class="md-button rk-timer__open"{NOT_INDEXED} data-rk-open-session>Open
full screen</button>
<button type="button" class="md-button rk-timer__close"{NOT_INDEXED} data-rk-close-session
 hidden>Back to the page</button>
</div>"""


def _bound(tag: str, key: str, text: object, extra: str = "") -> str:
    return f'<{tag} data-bind="{key}"{extra}>{escape(str(text))}</{tag}>'


def _mark(person: str = "") -> str:
    """A shape per person (circle, square) beside the colour, so colour is never alone."""
    where = f' data-person="{person}"' if person else ""
    return f'<span class="rk-timer__mark" aria-hidden="true"{where}></span>'


def _face(v: dict) -> str:
    percent = round(v["progress"] * 100)
    return f"""<div class="rk-timer__face" data-rk-face>
<p class="rk-timer__round"{NOT_INDEXED}>{_bound("span", "round_label", v["round_label"])}
<span aria-hidden="true">·</span> {_bound("span", "turn_label", v["turn_label"])}</p>
<p class="rk-timer__now"{NOT_INDEXED}>{_mark()}{_bound("bdi", "speaker_name", v["speaker_name"])}
<span class="rk-timer__role">{_bound("span", "speaker_role", v["speaker_role"])}</span></p>
<p class="rk-timer__handover"{NOT_INDEXED} data-bind="handover_text"
 data-bind-hidden="handover_text" hidden></p>
<p class="rk-timer__clock"{NOT_INDEXED} role="timer" aria-label="Time left in this turn"
 data-rk-clock>{escape(v["clock"])}</p>
<progress class="rk-timer__progress"{NOT_INDEXED} max="1" value="{v["progress"]}" data-rk-progress
 aria-label="Share of this turn used">{percent}%</progress>
<p class="rk-timer__state"{NOT_INDEXED}>{_bound("span", "status_text", v["status_text"])}
<span class="rk-timer__warning" data-rk-warning hidden></span></p>
<p class="rk-timer__wait"{NOT_INDEXED} data-rk-wait hidden></p>
{_prompt(v)}
<dl class="rk-timer__roles"{NOT_INDEXED}>
<div><dt>{_bound("span", "speaker_role", v["speaker_role"])}:
{_bound("bdi", "speaker_name", v["speaker_name"])}</dt>
{_bound("dd", "speaker_reminder", v["speaker_reminder"])}</div>
<div><dt>{_bound("span", "listener_role", v["listener_role"])}:
{_bound("bdi", "listener_name", v["listener_name"])}</dt>
{_bound("dd", "listener_reminder", v["listener_reminder"])}</div>
</dl>
</div>"""


def _prompt(v: dict) -> str:
    hidden = "" if v["prompt"] else " hidden"
    return f"""<div class="rk-timer__prompt" data-bind-hidden="prompt"{hidden}>
<p class="rk-timer__prompt-label"{NOT_INDEXED}>This round's prompt</p>
<p class="rk-timer__prompt-text"{NOT_INDEXED}>{_bound("span", "prompt", v["prompt"])}</p>
<button type="button" class="md-button"{NOT_INDEXED} data-rk-action="skip"
 data-bind-disabled="can_skip">Another prompt</button>
</div>"""


def _summary(v: dict) -> str:
    """The ending: how it ended, turns taken, each person's time, one closing question."""

    def person(index: int, name_key: str, time_key: str) -> str:
        return (
            f'<div class="rk-timer__person" data-person="{index}"><dt>{_mark(str(index))}'
            f"{_bound('bdi', name_key, v[name_key])}</dt>{_bound('dd', time_key, '')}</div>"
        )

    return f"""<div class="rk-timer__summary" data-bind-hidden="summary_turns" hidden>
<p class="rk-timer__summary-title"{NOT_INDEXED}>{_bound("span", "status_text", "")}</p>
<p{NOT_INDEXED}>{_bound("span", "summary_turns", "")}</p>
<dl class="rk-timer__people"{NOT_INDEXED}>
{person(0, "name_a", "summary_a_time")}
{person(1, "name_b", "summary_b_time")}
</dl>
<p class="rk-timer__closing"{NOT_INDEXED}><strong>To close:</strong>
{_bound("span", "closing_question", "")}</p>
</div>"""


def _controls() -> str:
    def button(action: str, label: str, extra: str = "", primary: bool = False) -> str:
        kind = "md-button md-button--primary" if primary else "md-button"
        return (
            f'<button type="button" class="{kind}" data-rk-action="{action}"{extra}>'
            f"{label}</button>"
        )

    in_session = ' data-bind-hidden="in_session" hidden'
    return "\n".join(
        [
            f'<div class="rk-timer__controls"{NOT_INDEXED} role="group"'
            ' aria-label="Timer controls">',
            button("toggle", "Start", ' aria-keyshortcuts="Space" data-bind="toggle_label"', True),
            button(
                "next", "Next turn", ' aria-keyshortcuts="N" data-bind-hidden="can_next" hidden'
            ),
            button("finish", "We both feel heard: finish", ' data-bind-hidden="can_finish" hidden'),
            button("reset", "Reset", f' aria-keyshortcuts="R"{in_session}'),
            "</div>",
            f'<p class="rk-timer__undo"{NOT_INDEXED} data-rk-undo-box hidden>'
            '<span data-rk-undo-text></span> <button type="button" class="md-button"'
            " data-rk-undo>Undo</button></p>",
        ]
    )


def _status(settings: TimerSettings) -> str:
    turns = (
        "until you both feel heard"
        if settings.rounds is None
        else f"for {settings.total_turns} turns in all"
    )
    fallback = (
        f"This timer starts once the page has loaded. Without it, any clock will do: "
        f"{settings.minutes} minutes a turn, taking turns {turns}."
    )
    return "\n".join(
        [
            f'<p class="rk-status"{NOT_INDEXED} role="status" data-rk-status>'
            f"{escape(fallback)}</p>",
            f'<progress class="rk-timer__download"{NOT_INDEXED} data-rk-download max="1"'
            ' value="0" aria-label="Timer download" hidden></progress>',
            f'<button type="button" class="md-button rk-load"{NOT_INDEXED} data-rk-load hidden>'
            "Load the timer</button>",
            f'<button type="button" class="md-button rk-retry"{NOT_INDEXED} data-rk-retry hidden>'
            "Try again</button>",
            f'<p class="rk-visually-hidden"{NOT_INDEXED} aria-live="polite" aria-atomic="true"'
            " data-rk-announce></p>",
        ]
    )


def _field_error(uid: str, field: str) -> str:
    return (
        f'<p class="rk-field-error" id="{uid}-{field}-error" data-rk-error-for="{field}"'
        " hidden></p>"
    )


def _text_input(uid: str, field: str, label: str, value: str, extra: str = "") -> str:
    return f"""<div class="rk-field">
<label for="{uid}-{field}">{label}</label>
<input type="text" id="{uid}-{field}" name="{field}" value="{escape(value, quote=True)}"
 autocomplete="off" spellcheck="false"{extra}>
{_field_error(uid, field)}
</div>"""


def _select(uid: str, field: str, label: str, choices: list[tuple[str, str]], chosen: str) -> str:
    options = "".join(
        f'<option value="{escape(value, quote=True)}"{" selected" if value == chosen else ""}>'
        f"{escape(text)}</option>"
        for value, text in choices
    )
    return f"""<div class="rk-field">
<label for="{uid}-{field}">{label}</label>
<select id="{uid}-{field}" name="{field}">{options}</select>
{_field_error(uid, field)}
</div>"""


def _settings_form(s: TimerSettings, uid: str) -> str:
    presets = [(key, preset.label) for key, preset in PRESETS.items()]
    rounds = [("open", "Open-ended, until you both feel heard")]
    rounds += [(str(n), f"{n} round{'s' if n > 1 else ''}") for n in range(1, MAX_ROUNDS + 1)]
    warnings = [(str(seconds), text) for seconds, text in WARNING_CHOICES]
    handover = "tap" if s.handover else "auto"
    starts = "".join(
        f'<label class="rk-choice"><input type="radio" name="starts" value="{i}"'
        f'{" checked" if s.starts == i else ""}> {_mark(str(i))}<bdi data-rk-starts-label="{i}">'
        f"{escape(name)}</bdi></label>"
        for i, name in enumerate(s.names)
    )
    return f"""<details class="rk-timer__settings"{NOT_INDEXED}>
<summary>Names and settings</summary>
<form data-rk-form novalidate>
<p class="rk-note" data-rk-form-note hidden>Settings can be changed once the timer is reset or
finished.</p>
<fieldset data-rk-editable><legend>Your names</legend>
{_text_input(uid, "name_a", "First person", s.names[0], ' dir="auto"')}
{_text_input(uid, "name_b", "Second person", s.names[1], ' dir="auto"')}
</fieldset>
<fieldset data-rk-editable><legend>Who goes first</legend>{starts}
{_field_error(uid, "starts")}</fieldset>
<fieldset data-rk-editable><legend>Timing</legend>
{_select(uid, "preset", "Kind of session", presets, s.preset)}
{_text_input(uid, "minutes", "Minutes per turn (1 to 60)", str(s.minutes), ' inputmode="numeric"')}
{_select(uid, "rounds", "Rounds", rounds, "open" if s.rounds is None else str(s.rounds))}
{_select(uid, "warning", "Gentle warning before a turn ends", warnings, str(s.warning_seconds))}
{_select(uid, "handover", "When a turn ends", list(HANDOVER_CHOICES), handover)}
</fieldset>
<button type="submit" class="md-button" data-rk-editable>Use these settings</button>
<p class="rk-note" data-rk-applied role="status"></p>
<fieldset><legend>Sound and this device</legend>
<label class="rk-choice"><input type="checkbox" data-rk-pref="mute"> Mute the chime</label>
<label class="rk-choice"><input type="checkbox" data-rk-pref="vibrate" checked> Vibrate at each
change of turn (phones that can)</label>
<label class="rk-choice"><input type="checkbox" data-rk-remember> Remember names and settings on
this device</label>
<button type="button" class="md-button" data-rk-forget>Forget saved names and settings</button>
<p class="rk-note" data-rk-storage-note role="status"></p>
</fieldset>
</form>
</details>"""


def _shortcuts() -> str:
    return f"""<details class="rk-timer__keys"{NOT_INDEXED}>
<summary>Keyboard shortcuts</summary>
<dl>
<dt><kbd>Space</kbd></dt><dd>Start, pause or resume; after a hand-over, start the next turn</dd>
<dt><kbd>N</kbd></dt><dd>Next turn</dd>
<dt><kbd>R</kbd></dt><dd>Reset (you can undo it)</dd>
</dl>
<p>They work while a control of the timer has focus or its full-screen view is open, and
never while you type in a field.</p>
</details>"""


# --- the page around the timer ----------------------------------------------------------

_H1_END = re.compile(r"</h1>", re.I)
_HEADING = re.compile(r"<h([1-6])[\s>]", re.I)
_TIMER = re.compile(r'<section class="rk-widget rk-timer" id="(rk-timer-\d+)"')


@cache
def early_script() -> str:
    """The early script's code, inlined without its comment lines (the CSP hashes it as
    built; every timer page carries it)."""
    lines = EARLY_SCRIPT.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not line.strip().startswith("//")).strip()


class _TimerPage(Postprocessor):
    """On a page with timers: the launcher and early script under the title, heading levels."""

    def run(self, text: str) -> str:
        first = _TIMER.search(text)
        if first is None:
            return text
        text = _leveled(text)
        launcher = (
            f'<p class="rk-session-launch"{NOT_INDEXED}><a class="md-button md-button--primary"'
            f' href="#{first.group(1)}" data-rk-open-session="{first.group(1)}">Start a'
            f" session</a></p>\n<script>{early_script()}</script>"
        )
        title = _H1_END.search(text)
        at = title.end() if title and title.start() < first.start() else 0
        return f"{text[:at]}\n{launcher}\n{text[at:]}"


def _leveled(text: str) -> str:
    """Each timer's heading one level below the last heading before it (h2 if none)."""
    for match in reversed(list(_TIMER.finditer(text))):
        before = _HEADING.findall(text, 0, match.start())
        level = min(6, int(before[-1]) + 1) if before else 2
        uid = match.group(1)
        old = re.compile(rf'<h2( class="rk-timer__title" id="{uid}-title"[^>]*>[^<]*)</h2>')
        text = old.sub(rf"<h{level}\1</h{level}>", text, count=1)
    return text


def _arrange_page(md: object) -> None:
    """Register the page postprocessor once per Markdown instance (MkDocs makes one a page)."""
    postprocessors = getattr(md, "postprocessors", None)
    if postprocessors is not None and "rekindle_timer_page" not in postprocessors:
        # after raw HTML (the fences' output) is put back, which runs at priority 30
        postprocessors.register(_TimerPage(md), "rekindle_timer_page", 5)  # type: ignore[arg-type]
