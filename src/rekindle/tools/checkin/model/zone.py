"""The reader's time zone as the page describes it, so no time-zone database is needed here.

The page builds this from `Intl` in the browser (JSON, times in epoch milliseconds, offsets
in minutes east of UTC, so Berlin in winter is 60 and New York -300):

    {"name": "Europe/Berlin",        # Intl.DateTimeFormat().resolvedOptions().timeZone
     "offset_minutes": 60,           # the offset in effect before the first transition
     "abbr": "CET",                  # optional short name of that offset
     "transitions": [                # every change of offset after `from`, oldest first
         {"at": 1806454800000, "offset_minutes": 120, "abbr": "CEST"}, ...],
     "until": 1925000000000}         # the transitions are complete up to this moment

Rules:

- The page lists transitions from at most two days before now until at least four years
  after it (`TRANSITION_YEARS`): a plan starts within a year and lasts at most two more.
- A name shaped like an IANA zone (and not ICU's "Etc/Unknown") is used as the calendar's
  TZID, with a VTIMEZONE built from these offsets, so events stay at the same local time
  across clock changes in calendars that read either.
- A missing or unusable name means a fixed offset, said in words on the page (never
  silently UTC): the offset in effect at the first check-in.
- A local time inside a clock change's gap is read as RFC 5545 says: with the offset before
  the gap (so 02:30 on a spring-forward night shows as 03:30); a repeated local time means
  its first occurrence.
- Malformed zone data is the page's bug, not the reader's: it raises `ZoneInputError`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import TypeGuard

TRANSITION_YEARS = 4
MAX_OFFSET_MINUTES = 18 * 60
MAX_TRANSITIONS = 100
MAX_ABBR = 32
MS_PER_MINUTE = 60_000
_EPOCH = datetime(1970, 1, 1)
_IANA_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9_+\-]+){0,2}")
_NOT_A_ZONE = frozenset({"etc/unknown", "factory"})
UTC_NAMES = frozenset(
    {"utc", "etc/utc", "gmt", "etc/gmt", "etc/gmt0", "etc/gmt+0", "etc/gmt-0", "gmt0", "uct"}
    | {"etc/uct", "universal", "etc/universal", "zulu", "etc/zulu", "greenwich"}
    | {"etc/greenwich", "gmt+0", "gmt-0"}
)


class ZoneInputError(ValueError):
    """The page sent zone data it should not have: a bug to fix in the page, not the reader's."""


@dataclass(frozen=True)
class Transition:
    """From `at` (epoch ms) on, local time is UTC plus `offset` minutes."""

    at: int
    offset: int
    abbr: str = ""


@dataclass(frozen=True)
class Zone:
    """A named zone's offsets over the plan's span, or a fixed offset (`name` None)."""

    name: str | None
    offset: int
    abbr: str = ""
    transitions: tuple[Transition, ...] = ()
    until: int | None = None

    def state_at(self, utc_ms: int) -> tuple[int, str]:
        """The offset and its short name in effect at a moment."""
        offset, abbr = self.offset, self.abbr
        for change in self.transitions:
            if change.at > utc_ms:
                break
            offset, abbr = change.offset, change.abbr
        return offset, abbr

    def to_utc(self, local: datetime) -> int:
        """The moment a naive local time means (RFC 5545 reading of gaps and repeats)."""
        wall = wall_ms(local)
        fits = [wall - o * MS_PER_MINUTE for o in self.offsets if self._holds(wall, o)]
        if fits:
            return min(fits)
        before, _ = self._gap(wall)
        return wall - before * MS_PER_MINUTE

    def gap_minutes(self, local: datetime) -> int:
        """How far the clocks jump over this local time (0 when the time exists)."""
        wall = wall_ms(local)
        if any(self._holds(wall, o) for o in self.offsets):
            return 0
        before, after = self._gap(wall)
        return after - before

    def local_date(self, utc_ms: int) -> date:
        return to_local(utc_ms, self.state_at(utc_ms)[0]).date()

    def covers(self, utc_ms: int) -> bool:
        """Whether the transitions are known that far ahead (fixed offsets always are)."""
        return self.name is None or self.until is None or utc_ms <= self.until

    def fixed_at(self, utc_ms: int) -> Zone:
        """The same place pinned to the offset in effect at one moment."""
        return Zone(None, self.state_at(utc_ms)[0])

    @property
    def offsets(self) -> tuple[int, ...]:
        return tuple(sorted({self.offset, *(t.offset for t in self.transitions)}))

    def _holds(self, wall: int, offset: int) -> bool:
        return self.state_at(wall - offset * MS_PER_MINUTE)[0] == offset

    def _gap(self, wall: int) -> tuple[int, int]:
        before = self.offset
        for change in self.transitions:
            start = change.at + before * MS_PER_MINUTE  # the skipped local times
            if start <= wall < start + (change.offset - before) * MS_PER_MINUTE:
                return before, change.offset
            before = change.offset
        return self.offset, self.offset


@dataclass(frozen=True)
class Observance:
    """One kind of offset change: from `offset_from` to `offset_to`, at each local onset."""

    daylight: bool
    offset_from: int
    offset_to: int
    abbr: str
    onsets: tuple[datetime, ...]


FIRST_ONSET = datetime(1970, 1, 1)


def observances(zone: Zone, since: int, until: int) -> tuple[Observance, ...]:
    """What a VTIMEZONE needs between two moments: the offset in effect at `since` (from
    1970, by convention) and each change after it, grouped so repeats become RDATEs.
    Offsets above the zone's least one count as daylight saving."""
    standard = min(zone.offsets)
    before, abbr = zone.state_at(since)
    groups = {(before > standard, before, before, abbr): [FIRST_ONSET]}
    for change in zone.transitions:
        if since < change.at <= until:
            key = (change.offset > standard, before, change.offset, change.abbr)
            onset = to_local(change.at, before).replace(microsecond=0)
            groups.setdefault(key, []).append(onset)
            before = change.offset
    return tuple(Observance(*key, tuple(onsets)) for key, onsets in groups.items())


def wall_ms(local: datetime) -> int:
    """A naive local time as milliseconds since 1970-01-01 00:00 on the same wall clock."""
    return (local - _EPOCH) // timedelta(milliseconds=1)


def to_local(utc_ms: int, offset: int) -> datetime:
    return _EPOCH + timedelta(milliseconds=utc_ms + offset * MS_PER_MINUTE)


def offset_words(offset: int) -> str:
    """UTC+01:00, UTC-05:00, UTC+05:45."""
    sign = "-" if offset < 0 else "+"
    hours, minutes = divmod(abs(offset), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def is_utc_name(name: str | None) -> bool:
    return name is not None and name.lower() in UTC_NAMES


def zone_from_input(raw: object) -> Zone:
    """The page's zone description, checked; an unusable name gives a fixed-offset zone."""
    if not isinstance(raw, Mapping):
        raise ZoneInputError("zone must be an object")
    name = _zone_name(raw.get("name"))
    transitions = tuple(_transition(t) for t in _list(raw.get("transitions")))
    if any(a.at >= b.at for a, b in pairwise(transitions)):
        raise ZoneInputError("zone transitions must be in time order")
    until = raw.get("until")
    if until is not None and not _is_int(until):
        raise ZoneInputError("zone until must be epoch milliseconds")
    if name is not None and until is None:
        raise ZoneInputError("a named zone needs `until`")
    offset, abbr = _offset(raw.get("offset_minutes")), _abbr(raw.get("abbr"))
    return Zone(name, offset, abbr, transitions, until)


def _zone_name(raw: object) -> str | None:
    if not isinstance(raw, str) or len(raw) > 64 or not _IANA_NAME.fullmatch(raw):
        return None
    return None if raw.lower() in _NOT_A_ZONE else raw


def _list(raw: object) -> list[object]:
    if raw is None:
        return []
    if not isinstance(raw, list) or len(raw) > MAX_TRANSITIONS:
        raise ZoneInputError(f"zone transitions must be a list of at most {MAX_TRANSITIONS}")
    return raw


def _transition(raw: object) -> Transition:
    at = raw.get("at") if isinstance(raw, Mapping) else None
    if not isinstance(raw, Mapping) or not _is_int(at):
        raise ZoneInputError("each transition needs `at` in epoch milliseconds")
    return Transition(at, _offset(raw.get("offset_minutes")), _abbr(raw.get("abbr")))


def _offset(raw: object) -> int:
    if not _is_int(raw) or abs(raw) > MAX_OFFSET_MINUTES:
        raise ZoneInputError("offset_minutes must be whole minutes east of UTC, within 18 hours")
    return raw


def _abbr(raw: object) -> str:
    """A short name like "CET" or "GMT+1"; anything odd is left out rather than trusted."""
    if not isinstance(raw, str) or len(raw) > MAX_ABBR or not raw.isprintable():
        return ""
    return raw.strip()


def _is_int(raw: object) -> TypeGuard[int]:
    return isinstance(raw, int) and not isinstance(raw, bool)
