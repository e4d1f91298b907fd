"""Properties of the pause model over many generated journals (Hypothesis)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from types import MappingProxyType

from hypothesis import given, settings
from hypothesis import strategies as st

from rekindle.tools.pause.model.backup import backup_text, parse_backup, restore_saved
from rekindle.tools.pause.model.backup import envelope as saved_envelope
from rekindle.tools.pause.model.contacts import NECESSARY_ABOUT, Contact
from rekindle.tools.pause.model.fields import is_blank
from rekindle.tools.pause.model.journal import TAGS, Entry
from rekindle.tools.pause.model.markdown import journal_markdown
from rekindle.tools.pause.model.plan import MAX_LENGTH, PausePlan, pause_day
from rekindle.tools.pause.model.prompts import BY_ID
from rekindle.tools.pause.model.state import PauseState, merge, ordered

days = st.dates(min_value=date(2016, 1, 1), max_value=date(2036, 12, 31))
moments = st.integers(min_value=1_500_000_000_000, max_value=2_000_000_000_000)
ids = st.text("abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1, max_size=12)
writing = st.text(max_size=120).filter(lambda t: not is_blank(t))


def _entry(
    on: date, prompt: str | None, text: str, tags: set[str], created: int, later: int
) -> Entry:
    return Entry(
        "-", on, prompt, text, tuple(t for t in TAGS if t in tags), created, created + later
    )


def _contact(on: date, who: str, about: str, note: str, created: int) -> Contact:
    return Contact("-", on, who, about if who == "necessary" else None, note, created)


entries = st.builds(
    _entry,
    days,
    st.none() | st.sampled_from(sorted(BY_ID)),
    writing,
    st.sets(st.sampled_from(sorted(TAGS))),
    moments,
    st.integers(0, 10**9),
)
contacts = st.builds(
    _contact,
    days,
    st.sampled_from(["me", "them", "necessary"]),
    st.sampled_from(sorted(NECESSARY_ABOUT)),
    st.text(max_size=80),
    moments,
)
plans = st.none() | st.builds(
    PausePlan,
    start=days,
    length=st.none() | st.integers(1, MAX_LENGTH),
    safety=st.booleans(),
    situation=st.sampled_from([None, "ended", "left"]),
)
tombstones = st.dictionaries(ids.map(lambda i: "x" + i), moments, max_size=4)


@st.composite
def states(draw: st.DrawFn) -> PauseState:
    names = draw(st.lists(ids, unique=True, max_size=10))
    split = draw(st.integers(0, len(names)))
    return PauseState(
        plan=draw(plans),
        entries=ordered([replace(draw(entries), id=n) for n in names[:split]]),
        contacts=ordered([replace(draw(contacts), id=n) for n in names[split:]]),
        # A deleted item's id is never one still kept (ids are random and never reused).
        deleted=MappingProxyType({i: at for i, at in draw(tombstones).items() if i not in names}),
        last_export=draw(st.none() | days),
    )


@st.composite
def related(draw: st.DrawFn) -> tuple[PauseState, PauseState]:
    """Two copies of one journal that went their own ways (edits, deletes, new entries)."""
    here = draw(states())
    theirs_entries = []
    deleted = dict(here.deleted)
    for entry in here.entries:
        fate = draw(st.sampled_from(["same", "edited", "older", "deleted"]))
        if fate == "edited":
            later = entry.edited + draw(st.integers(-1000, 1000))
            theirs_entries.append(
                replace(entry, text=draw(writing), edited=max(later, entry.created))
            )
        elif fate == "deleted":
            deleted[entry.id] = entry.edited + draw(st.integers(-1000, 1000))
        else:
            theirs_entries.append(entry)
    taken = {*deleted, *(e.id for e in here.entries), *(c.id for c in here.contacts)}
    extra = [e for e in draw(states()).entries if e.id not in taken]
    theirs = replace(
        here,
        entries=ordered(theirs_entries + extra),
        deleted=MappingProxyType(deleted),
    )
    return here, theirs


@given(related())
@settings(max_examples=150)
def test_merging_copies_that_went_their_own_ways_is_idempotent_and_newest_wins(
    pair: tuple[PauseState, PauseState],
) -> None:
    here, theirs = pair
    once, _ = merge(here, theirs)
    assert merge(once, theirs)[0] == once
    for entry in once.entries:
        versions = [e.edited for e in (*here.entries, *theirs.entries) if e.id == entry.id]
        assert entry.edited == max(versions)
        assert once.deleted.get(entry.id, -1) < entry.edited
    for item_id, at in once.deleted.items():
        assert all(e.edited > at for e in once.entries if e.id == item_id)


@given(states())
@settings(max_examples=100)
def test_a_backup_then_an_import_gives_back_the_same_journal(state: PauseState) -> None:
    restored = parse_backup(backup_text(state))
    assert restored == state
    merged, report = merge(PauseState(), restored)
    assert merged == state
    assert report.added == len(state.entries)


@given(states())
@settings(max_examples=100)
def test_saved_data_restores_to_the_same_state(state: PauseState) -> None:
    assert restore_saved(saved_envelope(state)) == state


@given(states(), states())
@settings(max_examples=100)
def test_importing_the_same_backup_again_changes_nothing(
    here: PauseState, theirs: PauseState
) -> None:
    once, _ = merge(here, theirs)
    twice, report = merge(once, theirs)
    assert twice == once
    assert report.added == report.updated == report.removed == report.contacts_added == 0


@given(states())
def test_merging_a_journal_with_itself_changes_nothing(state: PauseState) -> None:
    merged, report = merge(state, state)
    assert merged == state
    assert report.unchanged == len(state.entries)


@given(states(), states())
@settings(max_examples=100)
def test_a_merge_never_duplicates_and_keeps_the_newest_edit(
    here: PauseState, theirs: PauseState
) -> None:
    merged, _ = merge(here, theirs)
    merged_ids = [e.id for e in merged.entries]
    assert len(merged_ids) == len(set(merged_ids))
    for entry in merged.entries:
        candidates = [e for e in (*here.entries, *theirs.entries) if e.id == entry.id]
        assert entry.edited == max(e.edited for e in candidates)


@given(days, days, st.none() | st.integers(1, MAX_LENGTH))
def test_the_day_count_is_never_zero_or_negative(
    start: date, today: date, length: int | None
) -> None:
    where = pause_day(PausePlan(start, length, False, None), today)
    if where.day is None:
        assert today < start and where.days_until_start == (start - today).days > 0
    else:
        assert where.day == (today - start).days + 1 >= 1


@given(days, st.integers(0, 3000))
def test_each_new_calendar_day_adds_exactly_one(start: date, offset: int) -> None:
    plan = PausePlan(start, None, False, None)
    today = start + timedelta(days=offset)
    assert pause_day(plan, today + timedelta(days=1)).day == pause_day(plan, today).day + 1  # type: ignore[operator]


@given(states(), days)
@settings(max_examples=60)
def test_the_markdown_export_holds_every_entry_date_and_prompt(
    state: PauseState, today: date
) -> None:
    text = journal_markdown(state, today)
    assert text.count("\n### ") == len(state.entries)
    assert "<" not in text.replace("\\<", "")  # the reader's markup is always escaped
