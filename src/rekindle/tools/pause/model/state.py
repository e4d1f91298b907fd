"""Everything the pause keeps, as one immutable value, and how two copies of it merge.

Rules:

1. The state is the plan (or none yet), the contacts, the journal entries, the tombstones
   of deleted entries and contacts, and the date of the last export. The page holds it and
   sends it with every call; each change returns a new state and leaves the old one as it
   was.
2. Entries and contacts are kept in a canonical order (date, then creation, then id), so
   equal journals are equal values and a round trip through JSON changes nothing.
3. Merging a backup into the state matches entries and contacts by id. The newest action
   wins: a later edit replaces an earlier one; a delete beats every edit made before it; an
   edit made after a delete (on another device) brings the entry back. Nothing is
   duplicated, and merging the same backup twice changes nothing the second time.
4. The plan already on this device is kept; a backup's plan is used only when there is
   none. The last export is the later of the two (a backup records the day it was made).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from types import MappingProxyType
from typing import Any

from rekindle.tools.pause.model.contacts import Contact, contact_from_json, contact_to_json
from rekindle.tools.pause.model.dates import parse_iso
from rekindle.tools.pause.model.fields import page_id, page_ms
from rekindle.tools.pause.model.journal import MAX_ENTRIES, Entry, entry_from_json, entry_to_json
from rekindle.tools.pause.model.plan import PausePlan, plan_from_json, plan_to_json

MAX_CONTACTS = 5_000
MAX_TOMBSTONES = 20_000


@dataclass(frozen=True)
class PauseState:
    plan: PausePlan | None = None
    contacts: tuple[Contact, ...] = ()
    entries: tuple[Entry, ...] = ()
    deleted: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    last_export: date | None = None

    @property
    def safety(self) -> bool:
        return self.plan is not None and self.plan.safety

    def entry(self, entry_id: str) -> Entry:
        for entry in self.entries:
            if entry.id == entry_id:
                return entry
        raise ValueError(f"no entry {entry_id!r}")  # the page only edits entries it was shown


def ordered[Item: (Entry, Contact)](items: list[Item] | tuple[Item, ...]) -> tuple[Item, ...]:
    return tuple(sorted(items, key=lambda item: (item.on, item.created, item.id)))


def with_entry(state: PauseState, entry: Entry) -> PauseState:
    """The state with this entry added, or replacing the entry with its id."""
    others = [e for e in state.entries if e.id != entry.id]
    return replace(state, entries=ordered([*others, entry]))


def without(state: PauseState, item_id: str, at: int) -> PauseState:
    """The state with an entry or contact deleted, and its tombstone kept."""
    gone = [e.edited for e in state.entries if e.id == item_id]
    gone += [c.created for c in state.contacts if c.id == item_id]
    if not gone:
        raise ValueError(f"nothing with id {item_id!r}")  # the page deletes only what it shows
    entries = tuple(e for e in state.entries if e.id != item_id)
    contacts = tuple(c for c in state.contacts if c.id != item_id)
    # Never older than the last edit, so a clock set back cannot undo the delete on merge.
    deleted = MappingProxyType({**state.deleted, item_id: max(at, *gone)})
    return replace(state, entries=entries, contacts=contacts, deleted=deleted)


def with_contact(state: PauseState, contact: Contact) -> PauseState:
    others = [c for c in state.contacts if c.id != contact.id]
    return replace(state, contacts=ordered([*others, contact]))


@dataclass(frozen=True)
class MergeReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_deleted: int = 0  # in the backup, but deleted here after its last edit
    removed: int = 0  # here, but deleted in the backup after its last edit here
    contacts_added: int = 0
    plan_taken: bool = False


def merge(here: PauseState, backup: PauseState) -> tuple[PauseState, MergeReport]:
    """The state with a backup merged in (rules 3 and 4)."""
    deleted = dict(here.deleted)
    for item_id, at in backup.deleted.items():
        deleted[item_id] = max(at, deleted.get(item_id, 0))
    entries, counts = _merge_items(here.entries, backup.entries, deleted, lambda e: e.edited)
    contacts, contact_counts = _merge_items(
        here.contacts, backup.contacts, deleted, lambda c: c.created
    )
    exports = [d for d in (here.last_export, backup.last_export) if d is not None]
    merged = PauseState(
        plan=here.plan or backup.plan,
        contacts=contacts,
        entries=entries,
        deleted=MappingProxyType(deleted),
        last_export=max(exports, default=None),
    )
    report = MergeReport(
        added=counts["added"],
        updated=counts["updated"],
        unchanged=counts["unchanged"],
        kept_deleted=counts["kept_deleted"],
        removed=counts["removed"],
        contacts_added=contact_counts["added"],
        plan_taken=here.plan is None and backup.plan is not None,
    )
    return merged, report


def _merge_items[Item: (Entry, Contact)](
    here: tuple[Item, ...],
    theirs: tuple[Item, ...],
    deleted: dict[str, int],
    version: Callable[[Item], int],
) -> tuple[tuple[Item, ...], dict[str, int]]:
    counts = dict.fromkeys(("added", "updated", "unchanged", "kept_deleted", "removed"), 0)
    mine = {item.id: item for item in here}
    for item in theirs:
        known = mine.get(item.id)
        if known is None and deleted.get(item.id, -1) >= version(item):
            counts["kept_deleted"] += 1
        elif known is None:
            mine[item.id] = item
            counts["added"] += 1
        elif version(item) > version(known):
            mine[item.id] = item
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    for item_id, item in list(mine.items()):
        if deleted.get(item_id, -1) >= version(item):
            del mine[item_id]
            counts["removed"] += 1
    for item_id in mine:
        deleted.pop(item_id, None)  # an edit after the delete brought it back
    return ordered(list(mine.values())), counts


def state_to_json(state: PauseState) -> dict[str, Any]:
    return {
        "plan": None if state.plan is None else plan_to_json(state.plan),
        "contacts": [contact_to_json(c) for c in state.contacts],
        "entries": [entry_to_json(e) for e in state.entries],
        "deleted": dict(state.deleted),
        "last_export": None if state.last_export is None else state.last_export.isoformat(),
    }


def state_from_json(data: object) -> PauseState:
    """A stored state; ValueError (with a developer's detail) when it is not one."""
    if not isinstance(data, dict):
        raise ValueError("state is not an object")
    plan = data.get("plan")
    contacts, entries = data.get("contacts", []), data.get("entries", [])
    deleted, last_export = data.get("deleted", {}), data.get("last_export")
    if not isinstance(contacts, list) or len(contacts) > MAX_CONTACTS:
        raise ValueError("contacts unreadable")
    if not isinstance(entries, list) or len(entries) > MAX_ENTRIES:
        raise ValueError("entries unreadable")
    if not isinstance(deleted, dict) or len(deleted) > MAX_TOMBSTONES:
        raise ValueError("tombstones unreadable")
    parsed_entries = [entry_from_json(e) for e in entries]
    parsed_contacts = [contact_from_json(c) for c in contacts]
    ids = [e.id for e in parsed_entries] + [c.id for c in parsed_contacts]
    if len(set(ids)) != len(ids):
        raise ValueError("two items share an id")
    return PauseState(
        plan=None if plan is None else plan_from_json(plan),
        contacts=ordered(parsed_contacts),
        entries=ordered(parsed_entries),
        deleted=MappingProxyType({page_id(k): page_ms(v) for k, v in deleted.items()}),
        last_export=None if last_export is None else parse_iso(last_export),
    )


def import_message(report: MergeReport) -> str:
    """What an import did, in one plain paragraph."""
    done = [
        _count(report.added, "entry added", "entries added"),
        _count(report.updated, "entry updated to a newer edit", "entries updated to newer edits"),
        _count(report.contacts_added, "contact added", "contacts added"),
        _count(
            report.removed,
            "entry deleted, as it was in the backup",
            "entries deleted, as they were in the backup",
        ),
    ]
    said = [part for part in done if part]
    if report.plan_taken:
        said.append("the pause plan taken from the backup")
    kept = _count(
        report.kept_deleted,
        "entry you deleted here stays deleted.",
        "entries you deleted here stay deleted.",
    )
    if not said and not kept:
        return "Everything in this backup was already here, so nothing changed."
    if not said:
        return f"Nothing new was in this backup. {kept}"
    message = "Imported: " + "; ".join(said) + ". Nothing was duplicated."
    return f"{message} {kept}" if kept else message


def _count(number: int, one: str, many: str) -> str:
    if number == 0:
        return ""
    return f"1 {one}" if number == 1 else f"{number:,} {many}"
