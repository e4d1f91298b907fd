"""The shapes of the deciding-together worksheet: frozen data, no behaviour.

Rules of the table:

- Ids are stable: saved worksheets, share codes and conversation links refer to them, so an
  id is never renamed or reused. Area ids and reason ids share one namespace, because both
  can be conversation topics (`#topics=children,trust`).
- Firmness and "has it changed" have fixed ids; only their wording may change.
- A private reason never leaves the device: it is kept out of share codes and comparisons.

Kept apart from the texts (`items`) so tests can build small, broken tables and show that
`checks.validate_table` catches each kind of mistake.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Firmness = Literal["must", "like", "flexible", "unsure"]
Changed = Literal["yes", "partly", "no", "dont-know"]

FIRMNESS_IDS: tuple[Firmness, ...] = ("must", "like", "flexible", "unsure")
CHANGED_IDS: tuple[Changed, ...] = ("yes", "partly", "no", "dont-know")


@dataclass(frozen=True)
class Choice:
    """One plain answer to an area's question."""

    id: str
    label: str


@dataclass(frozen=True)
class Area:
    """One part of a life together that two people may want differently."""

    id: str
    title: str
    question: str
    choices: tuple[Choice, ...]
    prompt: str  # what the conversation timer shows when this area becomes a topic

    def choice(self, choice_id: str) -> Choice:
        return next(c for c in self.choices if c.id == choice_id)

    @property
    def choice_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.choices)


@dataclass(frozen=True)
class Level:
    """One step of a fixed scale (firmness, or whether a reason has changed)."""

    id: str
    label: str
    hint: str


@dataclass(frozen=True)
class Reason:
    """A reason the relationship ended, which the reader may tick."""

    id: str
    label: str
    prompt: str  # empty for a private reason: it never becomes a shared topic
    private: bool = False


@dataclass(frozen=True)
class Table:
    """The whole worksheet, in the order the page shows it."""

    areas: tuple[Area, ...]
    firmness: tuple[Level, ...]
    reasons: tuple[Reason, ...]
    changed: tuple[Level, ...]

    def area(self, area_id: str) -> Area:
        return next(a for a in self.areas if a.id == area_id)

    def reason(self, reason_id: str) -> Reason:
        return next(r for r in self.reasons if r.id == reason_id)

    def level(self, firmness: str) -> Level:
        return next(f for f in self.firmness if f.id == firmness)

    def changed_level(self, changed: str) -> Level:
        return next(c for c in self.changed if c.id == changed)

    @property
    def area_ids(self) -> tuple[str, ...]:
        return tuple(a.id for a in self.areas)

    @property
    def reason_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.reasons)

    @property
    def shared_reasons(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if not r.private)
