"""The plan in words, for the reader to check before adding it to a calendar.

Rules:

- Dates read "Tuesday 8 December 2026 at 19:30": weekday, day, month, year, 24-hour time,
  in the reader's own local time (the plan's dates are local already).
- The zone note is always there and says where the times come from; a fixed offset says
  so plainly, and so does a browser that reports UTC (privacy settings often do that).
- Text the reader wrote (the title) is returned as data; the page writes it as text.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from rekindle.tools.checkin.model.fields import MONTHS, WEEKDAYS
from rekindle.tools.checkin.model.ics import LOOKBACK_TITLE, calendar_zone
from rekindle.tools.checkin.model.plan import Plan
from rekindle.tools.checkin.model.zone import Zone, is_utc_name, offset_words

SYNC_NOTE = (
    "Calendars often sync to your other devices and can be shared, so others may see these "
    "events. The title is yours to choose; “Check-in” says little."
)
SAME_SLOT_NOTE = "When it falls on a check-in day, take the longer look back in that slot."


def day_name(weekday: int) -> str:
    return WEEKDAYS[weekday].capitalize()


def date_words(day: date) -> str:
    """Tuesday 8 December 2026."""
    return f"{day_name(day.weekday())} {day.day} {MONTHS[day.month]} {day.year}"


def when_words(moment: datetime) -> str:
    """Tuesday 8 December 2026 at 19:30."""
    return f"{date_words(moment.date())} at {moment:%H:%M}"


def _plural(number: int, unit: str) -> str:
    return f"{number} {unit}" if number == 1 else f"{number} {unit}s"


def length_words(minutes: int) -> str:
    """30 minutes, 1 hour, 1 day 2 hours."""
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [(days, "day"), (hours, "hour"), (minutes, "minute")]
    return " ".join(_plural(n, unit) for n, unit in parts if n) or "0 minutes"


def how_often(plan: Plan) -> str:
    """Every 3 days / Every Tuesday / Every Tuesday and Friday / Every two weeks on Tuesday."""
    days = " and ".join(day_name(d) for d in plan.weekdays)
    if plan.frequency == "every-3-days":
        return "Every 3 days"
    if plan.frequency == "fortnightly":
        return f"Every two weeks on {days}"
    return f"Every {days}"


def summary(plan: Plan) -> str:
    """The whole plan in one sentence."""
    starts = plan.starts(plan.dates)
    length = length_words(plan.duration)
    if plan.count == 1:
        return f"Once, on {when_words(starts[0])}, for {length}."
    return (
        f"{how_often(plan)} at {plan.at:%H:%M} for {length}, {plan.count} times: "
        f"from {date_words(starts[0].date())} to {date_words(starts[-1].date())}."
    )


def reminder_words(plan: Plan) -> str:
    if plan.reminder is None:
        return "No reminder."
    if plan.reminder == 0:
        return "A reminder as each one starts."
    return f"A reminder {length_words(plan.reminder)} before each one."


def lookback_words(plan: Plan) -> str | None:
    """The monthly look back in one sentence, or None when it is not chosen."""
    starts = plan.starts(plan.lookback_dates)
    if not starts:
        return None
    day = day_name(starts[0].weekday())
    if len(starts) == 1:
        return f"{LOOKBACK_TITLE}: once, on {when_words(starts[0])}. {SAME_SLOT_NOTE}"
    return (
        f"{LOOKBACK_TITLE}: the last {day} of each month at {plan.at:%H:%M}, {len(starts)} "
        f"times, from {date_words(starts[0].date())}. {SAME_SLOT_NOTE}"
    )


def zone_note(plan: Plan, zone: Zone) -> str:
    """Where the times come from, always said."""
    used = calendar_zone(plan, zone)
    if used.name is None:
        return (
            f"Times are set for {offset_words(used.offset)}; your browser did not say which "
            "time zone you are in. If your clocks change during these dates, the later ones "
            "will show at the wrong hour."
        )
    if is_utc_name(used.name):
        return (
            "Your browser gives UTC as your time zone, so times are set for UTC. If your "
            "clock shows another time, check the device's time zone setting first."
        )
    return (
        f"Times are in your time zone ({used.name}) and stay at {plan.at:%H:%M} when the "
        "clocks change."
    )


def clock_notes(plan: Plan, zone: Zone) -> list[str]:
    """Dates whose chosen time the clocks skip over, and where calendars will show them."""
    used = calendar_zone(plan, zone)
    notes = []
    events = [("check-in", s) for s in plan.starts(plan.dates)]
    events += [("look back", s) for s in plan.starts(plan.lookback_dates)]
    for what, start in sorted(events, key=lambda event: event[1]):
        jump = used.gap_minutes(start)
        if jump:
            moved = start + timedelta(minutes=jump)
            notes.append(
                f"On {date_words(start.date())} the clocks go forward past {start:%H:%M}, "
                f"so that {what} will show at {moved:%H:%M} in most calendars."
            )
    return notes


def dates_text(plan: Plan, zone: Zone) -> str:
    """Everything the reader needs, as plain text to copy into a note or a message."""
    lines = [plan.title, summary(plan), reminder_words(plan), zone_note(plan, zone), ""]
    lines += [when_words(start) for start in plan.starts(plan.dates)]
    lookbacks = plan.starts(plan.lookback_dates)
    if lookbacks:
        lines += ["", LOOKBACK_TITLE, *(when_words(start) for start in lookbacks)]
    return "\n".join(lines)
