"""The build's checks of the worksheet table: every mistake as a plain sentence.

The build calls `validate_table(TABLE, page_exists)` and fails on any problem, so a table
that builds is a table the page, the share codes and the conversation links can all use.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from rekindle.tools.deciding.model.codes import layout_problems
from rekindle.tools.deciding.model.items import CONVERSATION_PAGE, SAFETY_PAGE
from rekindle.tools.deciding.model.table import CHANGED_IDS, FIRMNESS_IDS, Table

# Safe in a URL fragment as it is, and never holding the comma that separates topics.
ID_PATTERN = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")
MAX_ID_CHARS = 24
MIN_CHOICES, MAX_CHOICES = 2, 7  # a code keeps a choice in 3 bits, 0 meaning none
MAX_CHARS = {"title": 40, "question": 100, "label": 80, "hint": 80, "prompt": 160}


def _duplicates(ids: Iterable[str]) -> list[str]:
    listed = list(ids)
    return sorted({i for i in listed if listed.count(i) > 1})


def _id_problems(table: Table) -> list[str]:
    ids = [*table.area_ids, *table.reason_ids]
    ids += [c.id for a in table.areas for c in a.choices]
    bad = sorted({i for i in ids if not ID_PATTERN.match(i) or len(i) > MAX_ID_CHARS})
    problems = [f"id {i!r} must be lowercase words joined by dashes, at most 24 long" for i in bad]
    problems += [
        f"id {i!r} names both an area and a reason, or two of either"
        for i in _duplicates([*table.area_ids, *table.reason_ids])
    ]
    for area in table.areas:
        problems += [f"area {area.id!r} repeats choice {c!r}" for c in _duplicates(area.choice_ids)]
    return problems


def _wording_problem(owner: str, kind: str, text: str) -> str | None:
    if not text.strip() or text != text.strip():
        return f"{owner} {kind} is empty or has spaces at its ends"
    if len(text) > MAX_CHARS[kind]:
        return f"{owner} {kind} is {len(text)} characters, at most {MAX_CHARS[kind]}"
    return None


def _wordings(table: Table) -> Iterable[tuple[str, str, str]]:
    for area in table.areas:
        owner = f"area {area.id!r}"
        yield owner, "title", area.title
        yield owner, "question", area.question
        yield owner, "prompt", area.prompt
        yield from ((f"choice {area.id}/{c.id}", "label", c.label) for c in area.choices)
    for level in (*table.firmness, *table.changed):
        yield f"level {level.id!r}", "label", level.label
        yield f"level {level.id!r}", "hint", level.hint
    for reason in table.reasons:
        yield f"reason {reason.id!r}", "label", reason.label
        if not reason.private:
            yield f"reason {reason.id!r}", "prompt", reason.prompt


def _wording_problems(table: Table) -> list[str]:
    found = (_wording_problem(*wording) for wording in _wordings(table))
    return [problem for problem in found if problem]


def _shape_problems(table: Table) -> list[str]:
    problems = []
    if tuple(f.id for f in table.firmness) != FIRMNESS_IDS:
        problems.append(f"firmness must be exactly {FIRMNESS_IDS}, in that order")
    if tuple(c.id for c in table.changed) != CHANGED_IDS:
        problems.append(f"'has it changed' must be exactly {CHANGED_IDS}, in that order")
    if not table.areas or not table.shared_reasons:
        problems.append("the worksheet needs at least one area and one shared reason")
    for area in table.areas:
        if not MIN_CHOICES <= len(area.choices) <= MAX_CHOICES:
            problems.append(
                f"area {area.id!r} has {len(area.choices)} choices, "
                f"needs {MIN_CHOICES} to {MAX_CHOICES}"
            )
    problems += [
        f"private reason {r.id!r} has a prompt: it must never become a topic"
        for r in table.reasons
        if r.private and r.prompt
    ]
    return problems


def validate_table(table: Table, page_exists: Callable[[str], bool] | None = None) -> list[str]:
    """Every problem in the table, as plain sentences; an empty list means it is fine."""
    problems = [*_id_problems(table), *_wording_problems(table), *_shape_problems(table)]
    problems += layout_problems(table)
    if page_exists is not None:
        problems += [
            f"the worksheet links to missing page {page!r}"
            for page in (SAFETY_PAGE, CONVERSATION_PAGE)
            if not page_exists(page)
        ]
    return problems
