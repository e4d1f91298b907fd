"""The shapes of the barrier questionnaire's item bank: frozen data, no behaviour.

Kept apart from the texts (`assessment_items`) so tests can build small, broken banks
to prove that `assessment.validate_item_bank` catches each kind of mistake.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ItemKind = Literal["barrier", "sign"]


@dataclass(frozen=True)
class Barrier:
    """One of the nine barriers: what it is called, what it means, what to try first."""

    id: str
    title: str
    link: str  # docs-relative, e.g. "intimacy/barriers.md#fear-of-rejection"
    explanation: tuple[str, ...]
    first_steps: tuple[str, ...]
    touches_safety: bool = False  # fear or past trauma: results point to the safety page


@dataclass(frozen=True)
class Item:
    """One statement the reader rates on the agreement scale.

    A barrier item belongs to `barrier`; a sign item has kind "sign" and no barrier.
    `reverse` means agreeing points *away* from the barrier (so it is scored backwards).
    `touches_safety` means agreeing is a reason to show the gentle safety pointer.
    """

    id: str
    text: str
    kind: ItemKind = "barrier"
    barrier: str | None = None
    reverse: bool = False
    touches_safety: bool = False
    short: str = ""  # a few words naming a sign, e.g. "Little or no sex"


@dataclass(frozen=True)
class Group:
    """One page of the questionnaire."""

    id: str
    title: str
    intro: str
    item_ids: tuple[str, ...]


@dataclass(frozen=True)
class ItemBank:
    """Everything the questionnaire asks, in the order it asks it."""

    barriers: tuple[Barrier, ...]
    items: tuple[Item, ...]
    groups: tuple[Group, ...]

    def barrier(self, barrier_id: str) -> Barrier:
        return next(b for b in self.barriers if b.id == barrier_id)

    def item(self, item_id: str) -> Item:
        return next(i for i in self.items if i.id == item_id)

    def items_of(self, barrier_id: str) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.kind == "barrier" and i.barrier == barrier_id)

    @property
    def signs(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.kind == "sign")

    @property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(i.id for i in self.items)
