"""The ```turn-timer fence: the whole timer as real HTML, right before any script runs.

The body is `key: value` lines (see `rekindle.tools.timer.model.settings.parse_fence_options`):

    ```turn-timer
    preset: sensate-focus
    names: Sam, Alex
    ```

The page shows the idle view computed by the same core the browser runs, so the HTML is
correct, readable and printable with no JavaScript. A bad option raises
`SuperFencesException`, which superfences re-raises and MkDocs reports with the page's name.

Hooks for `overrides/assets/rekindle/timer/timer.js` (attributes, never classes):
`data-rekindle-widget="turn-timer"` (with the registry's module and stylesheet), `data-state`,
`data-rk-state` (the initial state as JSON), `data-bind*` (see widget-kit.js),
`data-rk-clock`, `data-rk-progress`,
`data-rk-action` (toggle, next, finish, reset), `data-rk-status`, `data-rk-retry`,
`data-rk-announce`, `data-rk-form`, `data-rk-error-for="<field>"`, `data-rk-pref`
(mute, vibrate), `data-rk-remember`, `data-rk-forget`, `data-rk-storage-note`,
`data-rk-form-note`, `data-rk-starts-label="<0|1>"`.

The timer's text is controls and state ("Partner A", "3:00", twenty "rounds" options), not
guide text: `data-search-exclude` keeps it out of Material's search index, which every page
downloads, so a search for "rounds" or "reset" finds the guide's words, not the widget. The
page's own words around the timer stay searchable.
"""

from __future__ import annotations

import json
from html import escape

from pymdownx.superfences import SuperFencesException

from rekindle.shared.widget_html import NOT_INDEXED, widget_attributes
from rekindle.tools.timer.model.machine import TimerState, state_to_dict, view
from rekindle.tools.timer.model.presets import MAX_ROUNDS, PRESETS
from rekindle.tools.timer.model.settings import SettingsError, TimerSettings, parse_fence_options

WARNING_CHOICES = (
    (0, "Off"),
    (15, "15 seconds before"),
    (30, "30 seconds before"),
    (60, "1 minute before"),
    (120, "2 minutes before"),
)


def format_turn_timer(
    source: str, language: str, css_class: str, options: dict, md: object, **kwargs: object
) -> str:
    """Superfences formatter: validate with core, then render the widget."""
    try:
        settings = parse_fence_options(source)
    except SettingsError as error:
        raise SuperFencesException(f"turn-timer: {error}") from error
    return render_timer(settings, f"rk-timer-{_next_on_page(md)}")


def _next_on_page(md: object) -> int:
    """1, 2, ... per page: the count lives on the page's Markdown instance, not the module,
    so ids are stable across rebuilds and never leak from one page to another."""
    number = getattr(md, "rekindle_timer_count", 0) + 1
    md.rekindle_timer_count = number  # type: ignore[attr-defined]
    return number


def render_timer(settings: TimerSettings, uid: str) -> str:
    state = TimerState.initial(settings)
    shown = view(state, 0)
    data = escape(json.dumps(state_to_dict(state), ensure_ascii=False), quote=True)
    return "\n".join(
        [
            f'<div class="rk-widget rk-timer" id="{uid}" {widget_attributes("turn-timer")}'
            f' data-state="loading" data-rk-state="{data}">',
            _face(shown),
            _controls(),
            _status(settings),
            _settings_form(settings, uid),
            _shortcuts(),
            "</div>",
        ]
    )


def _bound(tag: str, key: str, text: object, extra: str = "") -> str:
    return f'<{tag} data-bind="{key}"{extra}>{escape(str(text))}</{tag}>'


def _face(v: dict) -> str:
    percent = round(v["progress"] * 100)
    return f"""<div class="rk-timer__face" data-rk-face>
<p class="rk-timer__round"{NOT_INDEXED}>{_bound("span", "round_label", v["round_label"])}
<span aria-hidden="true">·</span> {_bound("span", "turn_label", v["turn_label"])}</p>
<p class="rk-timer__now"{NOT_INDEXED}>{_bound("bdi", "speaker_name", v["speaker_name"])}
<span class="rk-timer__role">{_bound("span", "speaker_role", v["speaker_role"])}</span></p>
<p class="rk-timer__clock"{NOT_INDEXED} role="timer" aria-label="Time left in this turn"
 data-rk-clock>{escape(v["clock"])}</p>
<progress class="rk-timer__progress"{NOT_INDEXED} max="1" value="{v["progress"]}" data-rk-progress
 aria-label="Share of this turn used">{percent}%</progress>
<p class="rk-timer__state"{NOT_INDEXED}>{_bound("span", "status_text", v["status_text"])}
<span class="rk-timer__warning" data-rk-warning hidden></span></p>
<dl class="rk-timer__roles"{NOT_INDEXED}>
<div><dt>{_bound("span", "speaker_role", v["speaker_role"])}:
{_bound("bdi", "speaker_name", v["speaker_name"])}</dt>
{_bound("dd", "speaker_reminder", v["speaker_reminder"])}</div>
<div><dt>{_bound("span", "listener_role", v["listener_role"])}:
{_bound("bdi", "listener_name", v["listener_name"])}</dt>
{_bound("dd", "listener_reminder", v["listener_reminder"])}</div>
</dl>
</div>"""


def _controls() -> str:
    def button(action: str, label: str, extra: str = "", primary: bool = False) -> str:
        kind = "md-button md-button--primary" if primary else "md-button"
        return (
            f'<button type="button" class="{kind}" data-rk-action="{action}"{extra}>'
            f"{label}</button>"
        )

    return "\n".join(
        [
            f'<div class="rk-timer__controls"{NOT_INDEXED} role="group"'
            ' aria-label="Timer controls">',
            button("toggle", "Start", ' aria-keyshortcuts="Space"', primary=True),
            button(
                "next", "Next turn", ' aria-keyshortcuts="N" data-bind-disabled="can_next" disabled'
            ),
            button(
                "finish", "We both feel heard: finish", ' data-bind-disabled="can_finish" disabled'
            ),
            button(
                "reset", "Reset", ' aria-keyshortcuts="R" data-bind-disabled="can_reset" disabled'
            ),
            "</div>",
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
    starts = "".join(
        f'<label class="rk-choice"><input type="radio" name="starts" value="{i}"'
        f'{" checked" if s.starts == i else ""}> <bdi data-rk-starts-label="{i}">'
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
</fieldset>
<button type="submit" class="md-button" data-rk-editable>Use these settings</button>
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
<dt><kbd>Space</kbd></dt><dd>Start, pause or resume</dd>
<dt><kbd>N</kbd></dt><dd>Next turn</dd>
<dt><kbd>R</kbd></dt><dd>Reset</dd>
</dl>
<p>They work whenever you are not typing in a field.</p>
</details>"""
