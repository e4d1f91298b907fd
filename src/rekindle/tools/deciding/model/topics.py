"""Topics carried into the turn-taking conversation: ids in a link, prompts from the table.

Rules:

- Only ids travel (``#topics=children,trust``), never free text: a link shows nothing
  private, and the conversation page looks each id up here to show its prompt.
- Topics are the worksheet's areas and shared reasons; a private reason is never a topic.
- Reading a fragment never fails: unknown or repeated ids are skipped (a link from a newer
  or older page still shows what it can), and at most one entry per known topic is read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rekindle.tools.deciding.model.items import TABLE
from rekindle.tools.deciding.model.table import Table

FRAGMENT_KEY = "topics"
MAX_FRAGMENT_CHARS = 2_000  # every id at once is under 400 characters
_KEY = re.compile(r"topics=", re.IGNORECASE | re.ASCII)


def topic_titles(table: Table = TABLE) -> dict[str, str]:
    """Every topic id and its short title, areas first, in the table's order."""
    titles = {a.id: a.title for a in table.areas}
    return titles | {r.id: r.label for r in table.shared_reasons}


def topic_prompt(topic_id: str, table: Table = TABLE) -> str:
    """The prompt the conversation shows for a topic id (KeyError for an unknown id: a bug)."""
    if topic_id in table.area_ids:
        return table.area(topic_id).prompt
    reason = table.reason(topic_id) if topic_id in table.reason_ids else None
    if reason is None or reason.private:
        raise KeyError(topic_id)
    return reason.prompt


def topics_fragment(topic_ids: Iterable[str]) -> str:
    """The link fragment for a list of topic ids; empty when there are none."""
    ids = list(topic_ids)
    return f"#{FRAGMENT_KEY}={','.join(ids)}" if ids else ""


def parse_topics_fragment(text: object, table: Table = TABLE) -> list[str]:
    """The known topic ids in a fragment or whole link, in order, each once; never raises."""
    if not isinstance(text, str):
        return []
    text = text[:MAX_FRAGMENT_CHARS]
    keys = list(_KEY.finditer(text))
    if not keys:
        return []
    value = text[keys[-1].end() :].split("&", 1)[0].replace("%2C", ",").replace("%2c", ",")
    known = topic_titles(table)
    found: list[str] = []
    for part in value.split(","):
        topic = part.strip().lower()
        if topic in known and topic not in found:
            found.append(topic)
    return found


def topics_view(topic_ids: Iterable[str], table: Table = TABLE) -> list[dict[str, str]]:
    """Each topic as the conversation page shows it: id, title and prompt."""
    titles = topic_titles(table)
    return [{"id": t, "title": titles[t], "prompt": topic_prompt(t, table)} for t in topic_ids]
