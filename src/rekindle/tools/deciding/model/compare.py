"""Two people's answers side by side: where they meet, where to talk. Never a score.

Rules for an area (the first that applies):

1. Either has not answered: "unanswered".
2. Either is unsure, whatever the choices: "unsure" (worth talking about, not a failure).
3. The same choice, whatever the firmness: "agree".
4. Different choices and either is flexible: "flexible" (room to meet).
5. Different choices, both must-haves: "clash" ("talk about this first").
6. Different choices otherwise (must-have or would-like on each side): "differ".

Rules for a reason either ticked (the first that applies): either says it has not changed:
"not-changed"; either does not know: "dont-know"; either says partly: "partly"; else
"changed". A reason neither ticked is left out, and private reasons never reach here.

Topics for the conversation are the clashes, the reasons not changed, the differences, the
unsure areas and the reasons nobody knows about, in that order.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from rekindle.tools.deciding.model.answers import Answers, Wish
from rekindle.tools.deciding.model.items import TABLE
from rekindle.tools.deciding.model.table import Area, Changed, Reason, Table
from rekindle.tools.deciding.model.topics import topics_fragment

AreaStatus = Literal["clash", "differ", "unsure", "flexible", "agree", "unanswered"]
ReasonStatus = Literal["not-changed", "dont-know", "partly", "changed"]
Who = Literal["you", "they", "both"]
ReasonRow = tuple[ReasonStatus, dict[str, Any]] | None

AREA_SECTIONS: dict[AreaStatus, tuple[str, str]] = {
    "clash": ("Talk about this first", "Each of you marked a different answer as a must-have."),
    "differ": ("You want different things", "Your answers differ, and neither is flexible."),
    "unsure": ("Not sure yet", "At least one of you is unsure: worth talking about."),
    "flexible": ("Room to meet", "Your answers differ, and at least one of you is flexible."),
    "agree": ("Where you agree", "You both picked the same answer."),
    "unanswered": ("Not answered by both", "Answer these on both worksheets to compare them."),
}
AREA_SENTENCES: dict[AreaStatus, dict[Who, str]] = {
    "clash": {"both": "Both answers are must-haves."},
    "differ": {
        "you": "It is a must-have for you.",
        "they": "It is a must-have for them.",
        "both": "Neither of you marked it as a must-have.",
    },
    "unsure": {
        "you": "You are unsure.",
        "they": "They are unsure.",
        "both": "You are both unsure.",
    },
    "flexible": {
        "you": "You are flexible.",
        "they": "They are flexible.",
        "both": "You are both flexible.",
    },
    "agree": {"both": "You picked the same answer."},
    "unanswered": {  # keyed by who left it blank
        "you": "Only they answered this.",
        "they": "Only you answered this.",
        "both": "Neither of you answered this.",
    },
}
REASON_HEADINGS: dict[ReasonStatus, str] = {
    "not-changed": "Not changed yet, for at least one of you",
    "dont-know": "Not known yet whether this has changed",
    "partly": "Partly changed",
    "changed": "Changed",
}
REASON_SENTENCES: dict[ReasonStatus, dict[Who, str]] = {
    "not-changed": {
        "you": "You think this has not changed.",
        "they": "They think this has not changed.",
        "both": "You both think this has not changed.",
    },
    "dont-know": {
        "you": "You don't know yet.",
        "they": "They don't know yet.",
        "both": "Neither of you knows yet.",
    },
    "partly": {
        "you": "You think this has partly changed.",
        "they": "They think this has partly changed.",
        "both": "You both think this has partly changed.",
    },
    "changed": {
        "you": "You think this has changed.",
        "they": "They think this has changed.",
        "both": "You both think this has changed.",
    },
}
ONLY_TICKED: dict[Who, str] = {
    "you": " Only you ticked this reason.",
    "they": " Only they ticked this reason.",
    "both": "",
}
REASON_ORDER: tuple[ReasonStatus, ...] = ("not-changed", "dont-know", "partly", "changed")
REASON_MATCH: dict[ReasonStatus, Changed] = {
    "not-changed": "no",
    "dont-know": "dont-know",
    "partly": "partly",
    "changed": "yes",
}


def area_status(mine: Wish | None, theirs: Wish | None) -> AreaStatus:
    """The comparison rule for one area (see the rules at the top of this module)."""
    if mine is None or theirs is None:
        return "unanswered"
    firmness = {mine.firmness, theirs.firmness}
    if "unsure" in firmness:
        return "unsure"
    if mine.choice == theirs.choice:
        return "agree"
    if "flexible" in firmness:
        return "flexible"
    return "clash" if firmness == {"must"} else "differ"


def reason_status(mine: Changed | None, theirs: Changed | None) -> ReasonStatus | None:
    """The comparison rule for one reason; None when neither of them ticked it."""
    said = {mine, theirs} - {None}
    if not said:
        return None
    return next((status for status in REASON_ORDER if REASON_MATCH[status] in said), "changed")


def _who(mine: bool, theirs: bool) -> Who:
    return "both" if mine == theirs else ("you" if mine else "they")


def _is(wish: Wish | None, firmness: str) -> bool:
    return wish is not None and wish.firmness == firmness


def _area_sentence(status: AreaStatus, mine: Wish | None, theirs: Wish | None) -> str:
    """Who the rule applies to, in a few words: "They are unsure.", "Only you answered this."."""
    level = {"unsure": "unsure", "flexible": "flexible", "differ": "must"}.get(status)
    if level is not None:
        return AREA_SENTENCES[status][_who(_is(mine, level), _is(theirs, level))]
    if status == "unanswered":
        return AREA_SENTENCES[status][_who(mine is None, theirs is None)]
    return AREA_SENTENCES[status]["both"]


def side(area: Area, wish: Wish | None, table: Table = TABLE) -> dict[str, str | None]:
    """One person's answer to an area, in words and ids."""
    if wish is None:
        return {
            "choice": None,
            "choice_label": None,
            "firmness": None,
            "firmness_label": None,
            "text": "Not answered",
        }
    label = area.choice(wish.choice).label if wish.choice else None
    firmness = table.level(wish.firmness).label
    if wish.firmness == "unsure":
        text = f"Unsure, leaning towards: {label}" if label else "Unsure"
    else:
        text = f"{firmness}: {label}"
    return {
        "choice": wish.choice,
        "choice_label": label,
        "firmness": wish.firmness,
        "firmness_label": firmness,
        "text": text,
    }


def _area_row(area: Area, mine: Answers, theirs: Answers, table: Table) -> dict[str, Any]:
    wish_mine, wish_theirs = mine.areas.get(area.id), theirs.areas.get(area.id)
    status = area_status(wish_mine, wish_theirs)
    return {
        "id": area.id,
        "title": area.title,
        "status": status,
        "sentence": _area_sentence(status, wish_mine, wish_theirs),
        "mine": side(area, wish_mine, table),
        "theirs": side(area, wish_theirs, table),
    }


def _reason_side(changed: Changed | None, table: Table) -> dict[str, Any]:
    label = table.changed_level(changed).label if changed else "Not ticked"
    return {"ticked": changed is not None, "changed": changed, "label": label}


def _reason_sentence(status: ReasonStatus, mine: Changed | None, theirs: Changed | None) -> str:
    match = REASON_MATCH[status]
    said = REASON_SENTENCES[status][_who(mine == match, theirs == match)]
    return said + ONLY_TICKED[_who(mine is not None, theirs is not None)]


def _reason_row(reason: Reason, mine: Answers, theirs: Answers, table: Table) -> ReasonRow:
    changed_mine, changed_theirs = mine.reasons.get(reason.id), theirs.reasons.get(reason.id)
    status = reason_status(changed_mine, changed_theirs)
    if status is None:
        return None
    return status, {
        "id": reason.id,
        "label": reason.label,
        "status": status,
        "heading": REASON_HEADINGS[status],
        "sentence": _reason_sentence(status, changed_mine, changed_theirs),
        "mine": _reason_side(changed_mine, table),
        "theirs": _reason_side(changed_theirs, table),
    }


def reason_rows(mine: Answers, theirs: Answers, table: Table = TABLE) -> list[dict[str, Any]]:
    """Every reason either ticked, the ones not changed first, then in the table's order."""
    found = [_reason_row(reason, mine, theirs, table) for reason in table.shared_reasons]
    ranked = sorted((REASON_ORDER.index(row[0]), n, row[1]) for n, row in enumerate(found) if row)
    return [row for _, _, row in ranked]


def _with_status(statuses: Mapping[str, str | None], wanted: str) -> list[str]:
    return [topic for topic, status in statuses.items() if status == wanted]


def topic_ids(mine: Answers, theirs: Answers, table: Table = TABLE) -> list[str]:
    """The topics to take into the conversation, most pressing first."""
    areas = {a.id: area_status(mine.areas.get(a.id), theirs.areas.get(a.id)) for a in table.areas}
    reasons = {
        r.id: reason_status(mine.reasons.get(r.id), theirs.reasons.get(r.id))
        for r in table.shared_reasons
    }
    return [
        *_with_status(areas, "clash"),
        *_with_status(reasons, "not-changed"),
        *_with_status(areas, "differ"),
        *_with_status(areas, "unsure"),
        *_with_status(reasons, "dont-know"),
    ]


def compare_view(mine: Answers, theirs: Answers, table: Table = TABLE) -> dict[str, Any]:
    """The side-by-side view: sections by rule, reasons, and the topics to talk about."""
    rows = [_area_row(area, mine, theirs, table) for area in table.areas]
    sections = []
    for status, (heading, intro) in AREA_SECTIONS.items():
        members = [row for row in rows if row["status"] == status]
        if members:
            sections.append(
                {"status": status, "heading": heading, "intro": intro, "areas": members}
            )
    topics = topic_ids(mine, theirs, table)
    return {
        "sections": sections,
        "reasons": reason_rows(mine, theirs, table),
        "topics": topics,
        "topics_fragment": topics_fragment(topics),
    }
