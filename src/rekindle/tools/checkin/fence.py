"""The ```checkin-planner fence: the check-in planner as real HTML, before any script runs.

The body is optional `key: value` lines giving the form's first values (the reader changes
them); every value is checked by the same model the browser runs:

    ```checkin-planner
    frequency: weekly
    day: sunday
    time: 19:30
    lookback: on
    ```

Options (all optional; whole-line `# comments` are skipped): frequency (every-3-days,
twice-weekly, weekly, fortnightly), day and second_day (weekday names), time, duration
(minutes, 15 to 60), count (1 to 52), reminder (none, start, 10, 30, 60), title, lookback
(on or off).

The start date is left for the page to fill with the reader's today (the build cannot know
it). A bad option raises `SuperFencesException`, so the build fails naming the page.

Without JavaScript the form is still readable: it says what a calendar entry by hand needs.
Hooks for `overrides/assets/rekindle/checkin/checkin.js` (attributes, never classes):
`data-rk-form`, `name="<field>"` (the names in `model.plan.FIELDS`), `data-rk-error-for`,
`data-rk-days` / `data-rk-second-day` / `data-rk-every-3` (shown per frequency),
`data-rk-preview`, `data-bind` (summary, reminder, lookback, zone_note, more_text),
`data-rk-next`, `data-rk-clock-notes`, `data-rk-action` (download, copy), `data-rk-action-note`,
`data-rk-copy-box`,
`data-rk-copy-text`, `data-rk-browser-note`, `data-rk-keep`, `data-rk-forget`,
`data-rk-storage-note`, `data-rk-status`, `data-rk-retry`.

The form is controls, not guide text: `data-search-exclude` on the form (which holds no
other form) keeps it out of the search index every page downloads.
"""

from __future__ import annotations

from datetime import date
from html import escape

from pymdownx.superfences import SuperFencesException

from rekindle.shared.widget_html import NOT_INDEXED, widget_attributes
from rekindle.tools.checkin.model.fields import (
    DEFAULT_TITLE,
    MAX_COUNT,
    MAX_DURATION,
    MIN_COUNT,
    MIN_DURATION,
    WEEKDAYS,
)
from rekindle.tools.checkin.model.plan import PlanErrors, parse_plan
from rekindle.tools.checkin.model.words import SYNC_NOTE

FENCE = "checkin-planner"
FREQUENCY_CHOICES = (
    ("every-3-days", "Every 3 days"),
    ("twice-weekly", "Twice a week"),
    ("weekly", "Once a week"),
    ("fortnightly", "Every two weeks"),
)
REMINDER_CHOICES = (
    ("none", "No reminder"),
    ("start", "As it starts"),
    ("10", "10 minutes before"),
    ("30", "30 minutes before"),
    ("60", "1 hour before"),
)
DEFAULTS = {
    "frequency": "weekly",
    "day": "sunday",
    "second_day": "wednesday",
    "time": "19:30",
    "duration": "30",
    "count": "12",
    "reminder": "10",
    "title": "",
    "lookback": "off",
}
# Any valid plan needs a start: a Monday that is also "today" checks everything else.
_CHECK_DAY = date(2024, 1, 1)


def format_checkin_planner(
    source: str,
    language: str,
    css_class: str,
    options: dict[str, object],
    md: object,
    **kwargs: object,
) -> str:
    """Superfences formatter: check the options with the model, then render the planner."""
    try:
        values = fence_values(source)
    except ValueError as error:
        raise SuperFencesException(f"{FENCE}: {error}") from error
    return render_planner(values, f"rk-checkin-{_next_on_page(md)}")


def fence_values(source: str) -> dict[str, str]:
    """The form's first values: the defaults with the fence's options over them."""
    values = dict(DEFAULTS)
    seen: set[str] = set()
    for number, line in enumerate(source.splitlines(), start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        key, colon, value = text.partition(":")
        key, value = key.strip().lower(), value.strip()
        if not colon:
            raise ValueError(f"line {number}: write `option: value`")
        if key not in DEFAULTS:
            known = ", ".join(DEFAULTS)
            raise ValueError(f"line {number}: no option called {key!r}; the options are {known}")
        if key in seen:
            raise ValueError(f"the option {key!r} is given more than once")
        seen.add(key)
        values[key] = value
    _check(values)
    return values


def _check(values: dict[str, str]) -> None:
    if values["reminder"].lower() not in {key for key, _ in REMINDER_CHOICES}:
        choices = ", ".join(key for key, _ in REMINDER_CHOICES)
        raise ValueError(f"reminder: choose one of {choices}")
    fields = {**values, "start": _CHECK_DAY.isoformat(), "description": ""}
    try:
        parse_plan(fields, _CHECK_DAY)
    except PlanErrors as problems:
        raise ValueError(
            "; ".join(f"{field}: {message}" for field, message in problems.by_field().items())
        ) from None


def _next_on_page(md: object) -> int:
    """1, 2, ... per page, counted on the page's Markdown instance (stable across rebuilds)."""
    number = getattr(md, "rekindle_checkin_count", 0) + 1
    md.rekindle_checkin_count = number  # type: ignore[attr-defined]
    return number


def render_planner(values: dict[str, str], uid: str) -> str:
    frequency = values["frequency"].lower()
    return "\n".join(
        [
            f'<div class="rk-widget rk-checkin" id="{uid}" {widget_attributes(FENCE)}'
            f' data-state="loading" data-frequency="{escape(frequency, quote=True)}">',
            f'<form class="rk-checkin__form"{NOT_INDEXED} data-rk-form novalidate'
            f' aria-label="Plan your check-ins">',
            _how_often(uid, frequency),
            _when(uid, values),
            _which_dates(uid, values),
            _in_calendar(uid, values),
            _preview(uid),
            _actions(uid),
            _this_device(uid),
            "</form>",
            _status(),
            "</div>",
        ]
    )


def _error(uid: str, field: str) -> str:
    return (
        f'<p class="rk-checkin__error" id="{uid}-{field}-error" data-rk-error-for="{field}"'
        " hidden></p>"
    )


def _described(uid: str, field: str, hint: bool) -> str:
    ids = [f"{uid}-{field}-hint"] if hint else []
    return f' aria-describedby="{" ".join([*ids, f"{uid}-{field}-error"])}"'


def _hint(uid: str, field: str, text: str) -> str:
    return f'\n<p class="rk-checkin__hint" id="{uid}-{field}-hint">{text}</p>'


def _text_field(
    uid: str, field: str, label: str, value: str, hint: str = "", extra: str = ""
) -> str:
    return f"""<div class="rk-checkin__field">
<label for="{uid}-{field}">{label}</label>{_hint(uid, field, hint) if hint else ""}
<input type="text" id="{uid}-{field}" name="{field}" value="{escape(value, quote=True)}"
 autocomplete="off"{_described(uid, field, bool(hint))}{extra}>
{_error(uid, field)}
</div>"""


def _select(uid: str, field: str, label: str, choices: list[tuple[str, str]], chosen: str) -> str:
    options = "".join(
        f'<option value="{value}"{" selected" if value == chosen else ""}>{text}</option>'
        for value, text in choices
    )
    return f"""<div class="rk-checkin__field">
<label for="{uid}-{field}">{label}</label>
<select id="{uid}-{field}" name="{field}"{_described(uid, field, False)}>{options}</select>
{_error(uid, field)}
</div>"""


def _how_often(uid: str, chosen: str) -> str:
    radios = "\n".join(
        f'<label class="rk-checkin__choice"><input type="radio" name="frequency" value="{key}"'
        f"{' checked' if key == chosen else ''}> {text}</label>"
        for key, text in FREQUENCY_CHOICES
    )
    return f"""<fieldset class="rk-checkin__group"{_described(uid, "frequency", False)}>
<legend>How often</legend>
{radios}
{_error(uid, "frequency")}
</fieldset>"""


def _when(uid: str, values: dict[str, str]) -> str:
    days = [(day, day.capitalize()) for day in WEEKDAYS]
    first, second = values["day"].lower(), values["second_day"].lower()
    full = {d[:2]: d for d in WEEKDAYS}
    first, second = full.get(first[:2], first), full.get(second[:2], second)
    minutes = f"How long, in minutes ({MIN_DURATION} to {MAX_DURATION})"
    return f"""<fieldset class="rk-checkin__group">
<legend>When</legend>
<div data-rk-days>{_select(uid, "day", "Day", days, first)}</div>
<div data-rk-second-day>{_select(uid, "second_day", "Second day", days, second)}</div>
<p class="rk-checkin__hint" data-rk-every-3>Every 3 days counts on from the start date,
whatever the day of the week.</p>
{_text_field(uid, "time", "Time", values["time"], "Like 19:30 or 7:30 pm.")}
{_text_field(uid, "duration", minutes, values["duration"], extra=' inputmode="numeric"')}
</fieldset>"""


def _which_dates(uid: str, values: dict[str, str]) -> str:
    count = f"How many check-ins ({MIN_COUNT} to {MAX_COUNT})"
    return f"""<fieldset class="rk-checkin__group">
<legend>Which dates</legend>
{_text_field(uid, "start", "Start date", "", "Year-month-day, like 2026-12-08. Today or later.")}
{_text_field(uid, "count", count, values["count"], extra=' inputmode="numeric"')}
</fieldset>"""


def _in_calendar(uid: str, values: dict[str, str]) -> str:
    reminders = list(REMINDER_CHOICES)
    ticked = " checked" if values["lookback"].lower() in {"on", "yes", "true", "1"} else ""
    lookback_hint = _hint(
        uid,
        "lookback",
        "A longer talk once a month: in its last week, on your first check-in's weekday.",
    )
    notes_hint = _hint(uid, "description", "Empty unless you write something.")
    title_hint = f"What your calendar shows. Left empty, it says “{DEFAULT_TITLE}”."
    return f"""<fieldset class="rk-checkin__group">
<legend>In your calendar</legend>
{_select(uid, "reminder", "Reminder", reminders, values["reminder"].lower())}
{_text_field(uid, "title", "Title", values["title"], title_hint, ' dir="auto"')}
<div class="rk-checkin__field">
<label for="{uid}-description">Notes in the event (optional)</label>{notes_hint}
<textarea id="{uid}-description" name="description" rows="2" dir="auto"
{_described(uid, "description", True)}></textarea>
{_error(uid, "description")}
</div>
<div class="rk-checkin__field">
<label class="rk-checkin__choice" for="{uid}-lookback"><input type="checkbox" name="lookback"
 value="on"
 id="{uid}-lookback"{ticked}{_described(uid, "lookback", True)}> Add a monthly look back</label>
{lookback_hint}
{_error(uid, "lookback")}
</div>
<p class="rk-checkin__sync">{escape(SYNC_NOTE)}</p>
</fieldset>"""


def _preview(uid: str) -> str:
    return f"""<section class="rk-checkin__preview" data-rk-preview
 aria-labelledby="{uid}-preview-label">
<p class="rk-checkin__label" id="{uid}-preview-label">Your plan</p>
<p data-bind="summary">The dates appear here once the page has loaded.</p>
<p class="rk-checkin__label" data-rk-next-label hidden>The next check-ins</p>
<ol class="rk-checkin__dates" data-rk-next hidden></ol>
<p data-bind="more_text"></p>
<p data-bind="reminder"></p>
<p data-bind="lookback"></p>
<ul class="rk-checkin__clock-notes" data-rk-clock-notes hidden></ul>
<p class="rk-checkin__zone" data-bind="zone_note"></p>
</section>"""


def _actions(uid: str) -> str:
    return f"""<div class="rk-checkin__actions" role="group" aria-label="Use the plan">
<button type="button" class="md-button md-button--primary" data-rk-action="download">
Add to my calendar</button>
<button type="button" class="md-button" data-rk-action="copy">Copy the dates as text</button>
</div>
<p class="rk-checkin__note" data-rk-action-note role="status"></p>
<p class="rk-checkin__browser" data-rk-browser-note hidden></p>
<p class="rk-checkin__hint">On a phone, the calendar file usually opens in your calendar app,
which offers to add the check-ins. If it does not, open this page in Safari on an iPhone or
Chrome on Android and try again, or email the file to yourself and open it from there.</p>
<div class="rk-checkin__copy" data-rk-copy-box hidden>
<label for="{uid}-copy">The dates as text</label>
<textarea id="{uid}-copy" rows="8" readonly data-rk-copy-text></textarea>
</div>"""


def _this_device(uid: str) -> str:
    return f"""<fieldset class="rk-checkin__group">
<legend>This device</legend>
<label class="rk-checkin__choice" for="{uid}-keep"><input type="checkbox" data-rk-keep
 id="{uid}-keep">
Remember this plan on this device</label>
<button type="button" class="md-button" data-rk-forget>Forget the saved plan</button>
<p class="rk-checkin__hint" data-rk-storage-note role="status"></p>
</fieldset>"""


def _status() -> str:
    fallback = (
        "The planner starts once the page has loaded. Without it, you can add a repeating "
        "event in your own calendar app: the same day and time each week, for as many "
        "weeks as you like."
    )
    return "\n".join(
        [
            f'<p class="rk-status"{NOT_INDEXED} role="status" data-rk-status>'
            f"{escape(fallback)}</p>",
            f'<button type="button" class="md-button rk-retry"{NOT_INDEXED} data-rk-retry hidden>'
            "Try again</button>",
        ]
    )
