"""The plan as an RFC 5545 calendar file, written with the standard library alone.

Rules:

- One VCALENDAR (VERSION 2.0, PRODID), one VTIMEZONE, one VEVENT for the check-ins and,
  when chosen, a second VEVENT for the monthly look back. Each repeats with an RRULE and a
  COUNT (never UNTIL, whose meaning shifts with time zones); a single date needs no RRULE.
- DTSTART and DTEND are local times with a TZID and a matching VTIMEZONE, so calendars keep
  the check-in at the same local time when the clocks change. A fixed-offset zone (the
  browser gave no usable name) uses IANA's `Etc/GMT-1` style names where they exist (every
  calendar app knows them), else its own TZID; RRULE days stay local either way.
- The same plan in the same zone gives the same UID (a hash of both), so importing the file
  again updates the events rather than adding copies; only DTSTAMP (now) differs.
- Events are marked CLASS:PRIVATE: calendars shared with others show them as busy only.
- Text is escaped (backslash, semicolon, comma, newline); lines end in CRLF and are folded
  at 75 octets, never inside a UTF-8 character.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime, timedelta

from rekindle.tools.checkin.model.plan import Plan
from rekindle.tools.checkin.model.zone import (
    MS_PER_MINUTE,
    Observance,
    Zone,
    ZoneInputError,
    observances,
    to_local,
)

PRODID = "-//Rekindle//Check-in planner//EN"
FILENAME = "check-ins.ics"
MEDIA_TYPE = "text/calendar"
LOOKBACK_TITLE = "Monthly look back"
MAX_OCTETS = 75
CRLF = "\r\n"
RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_MS = 24 * 60 * MS_PER_MINUTE
_FOLD = re.compile(r"\r\n[ \t]")


def escape_text(text: str) -> str:
    """A TEXT value as RFC 5545 writes it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for char in "\\;,":
        text = text.replace(char, "\\" + char)
    return text.replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line folded at 75 octets; a continuation starts with a space."""
    data = line.encode("utf-8")
    parts: list[bytes] = []
    room = MAX_OCTETS
    while len(data) > room:
        cut = room
        while data[cut] & 0xC0 == 0x80:  # never start a part inside a character
            cut -= 1
        parts.append(data[:cut])
        data, room = data[cut:], MAX_OCTETS - 1
    parts.append(data)
    return (CRLF + " ").join(part.decode("utf-8") for part in parts)


def unfold(text: str) -> str:
    """Undo folding (the reader of a file does this first)."""
    return _FOLD.sub("", text)


def local_stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


def utc_stamp(utc_ms: int) -> str:
    return local_stamp(to_local(utc_ms, 0)) + "Z"


def tzoffset(minutes: int) -> str:
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}{rest:02d}"


def tzid(zone: Zone) -> str:
    """The zone's name, or a name for a fixed offset (Etc/GMT-1 is UTC+01:00: POSIX signs)."""
    if zone.name is not None:
        return zone.name
    hours, minutes = divmod(zone.offset, 60)
    if minutes == 0 and -12 <= hours <= 14:
        return "Etc/GMT" if hours == 0 else f"Etc/GMT{-hours:+d}"
    return "UTC" + tzoffset(zone.offset)


def calendar_zone(plan: Plan, zone: Zone) -> Zone:
    """The zone the file is written in: a named zone as given, else the fixed offset in
    effect at the first check-in."""
    if zone.name is not None:
        return zone
    return zone.fixed_at(zone.to_utc(plan.starts(plan.dates)[0]))


def uid(plan: Plan, zone: Zone, event: str) -> str:
    """Same plan, zone and event, same UID: a hash laid out as a UUID (version 8, RFC 9562)."""
    basis = json.dumps(
        {"plan": plan.canonical(), "tzid": tzid(zone), "event": event},
        sort_keys=True,
        ensure_ascii=False,
    )
    raw = bytearray(hashlib.sha256(basis.encode("utf-8")).digest()[:16])
    raw[6] = raw[6] & 0x0F | 0x80
    raw[8] = raw[8] & 0x3F | 0x80
    text = raw.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def check_in_rule(plan: Plan) -> str:
    days = ",".join(RRULE_DAYS[d] for d in plan.weekdays)
    if not days:
        return f"FREQ=DAILY;INTERVAL=3;COUNT={plan.count}"
    every = ";INTERVAL=2" if plan.frequency == "fortnightly" else ""
    return f"FREQ=WEEKLY{every};BYDAY={days};COUNT={plan.count}"


def lookback_rule(plan: Plan) -> str:
    weekday = RRULE_DAYS[plan.dates[0].weekday()]
    return f"FREQ=MONTHLY;BYDAY=-1{weekday};COUNT={len(plan.lookback_dates)}"


def trigger(minutes: int) -> str:
    return "PT0S" if minutes == 0 else f"-PT{minutes}M"


def _event(plan: Plan, zone: Zone, starts: tuple[datetime, ...], event: str, now: int) -> list[str]:
    title = plan.title if event == "check-in" else LOOKBACK_TITLE
    rule = check_in_rule(plan) if event == "check-in" else lookback_rule(plan)
    where = f";TZID={tzid(zone)}:"
    end = starts[0] + timedelta(minutes=plan.duration)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid(plan, zone, event)}",
        f"DTSTAMP:{utc_stamp(now)}",
        f"DTSTART{where}{local_stamp(starts[0])}",
        f"DTEND{where}{local_stamp(end)}",
        *([f"RRULE:{rule}"] if len(starts) > 1 else []),
        f"SUMMARY:{escape_text(title)}",
        *([f"DESCRIPTION:{escape_text(plan.description)}"] if plan.description else []),
        "CLASS:PRIVATE",
    ]
    if plan.reminder is not None:
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"TRIGGER:{trigger(plan.reminder)}"]
        lines += [f"DESCRIPTION:{escape_text(title)}", "END:VALARM"]
    return [*lines, "END:VEVENT"]


def _observance(part: Observance) -> list[str]:
    kind = "DAYLIGHT" if part.daylight else "STANDARD"
    return [
        f"BEGIN:{kind}",
        f"DTSTART:{local_stamp(part.onsets[0])}",
        *(f"RDATE:{local_stamp(onset)}" for onset in part.onsets[1:]),
        f"TZOFFSETFROM:{tzoffset(part.offset_from)}",
        f"TZOFFSETTO:{tzoffset(part.offset_to)}",
        *([f"TZNAME:{escape_text(part.abbr)}"] if part.abbr else []),
        f"END:{kind}",
    ]


def _timezone(zone: Zone, since: int, until: int) -> list[str]:
    lines = ["BEGIN:VTIMEZONE", f"TZID:{tzid(zone)}"]
    for part in observances(zone, since, until):
        lines += _observance(part)
    return [*lines, "END:VTIMEZONE"]


def calendar_file(plan: Plan, zone: Zone, now: int) -> str:
    """The whole .ics text for a plan in the reader's zone; `now` (epoch ms) is DTSTAMP."""
    zone = calendar_zone(plan, zone)
    check_ins, lookbacks = plan.starts(plan.dates), plan.starts(plan.lookback_dates)
    last_end = max(check_ins + lookbacks) + timedelta(minutes=plan.duration)
    since, until = zone.to_utc(check_ins[0]) - DAY_MS, zone.to_utc(last_end) + DAY_MS
    if not zone.covers(until):
        raise ZoneInputError("the zone's transitions end before the plan does")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    lines += _timezone(zone, since, until)
    lines += _event(plan, zone, check_ins, "check-in", now)
    if lookbacks:
        lines += _event(plan, zone, lookbacks, "lookback", now)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
