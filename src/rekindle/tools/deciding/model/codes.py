"""Share codes for the worksheet: ``RD1-XXXX-XXXX-XXXX-XXXX-XXXX-XXX`` (see rekindle.shared).

Rules:

- Version 1 holds, for every area of `V1_AREAS` in order, the choice (3 bits: 0 none, else
  its position in `V1_AREAS` plus one) and the firmness (3 bits: 0 none, 1..4 in the order
  of `FIRMNESS_IDS`); then for every reason of `V1_REASONS`, 3 bits: 0 not ticked, 1..4
  in the order of `CHANGED_IDS`. Never free text: the note and private reasons stay out.
- These tuples are frozen forever for version 1. A new area, choice or reason means a new
  version; `validate_table` fails the build until the layout and the table agree.
- A code that passes the checksum but holds a combination the page cannot make (a choice
  with no firmness, a position past the last choice) was forged: reason "malformed".
"""

from __future__ import annotations

from rekindle.shared.errors import ReaderError
from rekindle.shared.sharecode import ShareCodec
from rekindle.tools.deciding.model.answers import Answers, Wish
from rekindle.tools.deciding.model.items import TABLE
from rekindle.tools.deciding.model.table import CHANGED_IDS, FIRMNESS_IDS, Changed, Table

V1_AREAS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("commitment", ("exclusive", "exclusive-slowly", "open", "casual")),
    ("living-together", ("soon", "later", "apart")),
    ("marriage", ("within-years", "some-day", "not-needed", "not-for-me")),
    ("children", ("yes", "later", "no")),
    ("money", ("pooled", "shared-pot", "separate")),
    ("where-to-live", ("stay", "somewhere-new", "near-family")),
    ("work-and-goals", ("my-work-first", "us-first", "big-change")),
    ("family-and-friends", ("close", "some", "apart")),
    ("affection-and-sex", ("often", "steady", "slowly", "affection-first")),
    ("conflict", ("talk-now", "cool-off", "set-times", "with-help")),
)
V1_REASONS: tuple[str, ...] = (
    "trust",
    "communication",
    "different-futures",
    "drifting-apart",
    "money-trouble",
    "closeness-faded",
    "outside-pressure",
    "feelings-changed",
    "something-else",
)
V1_WIDTHS = (3, 3) * len(V1_AREAS) + (3,) * len(V1_REASONS)

CODEC = ShareCodec(
    prefix="RD",
    layouts={1: V1_WIDTHS},
    messages={
        "malformed": "This does not look like a code from this worksheet. Check that you "
        "copied all of it, starting with {prefix}.",
        "other-tool": "That is a code from Rekindle's {tool}, not from this worksheet. Ask "
        "for the code this worksheet makes: it starts with {prefix}.",
    },
)

OWN_CODE_MESSAGE = (
    "This is your own code. Ask the other person for the code their worksheet made. (If "
    "you both answered every question the same way, your answers already match.)"
)


def layout_problems(table: Table) -> list[str]:
    """Where the frozen version 1 layout and the table disagree, as plain sentences."""
    layout = dict(V1_AREAS)
    problems = [f"area {a.id!r} is not in V1_AREAS" for a in table.areas if a.id not in layout]
    problems += [f"V1_AREAS lists unknown area {a!r}" for a in layout if a not in table.area_ids]
    for area in table.areas:
        if area.id in layout and layout[area.id] != area.choice_ids:
            problems.append(f"area {area.id!r} choices differ from V1_AREAS (order counts)")
    shared = tuple(r.id for r in table.shared_reasons)
    if shared != V1_REASONS:
        problems.append("the shared reasons differ from V1_REASONS (order counts)")
    return problems


def _area_values(choices: tuple[str, ...], wish: Wish | None) -> tuple[int, int]:
    if wish is None:
        return 0, 0
    choice = 0 if wish.choice is None else choices.index(wish.choice) + 1
    return choice, FIRMNESS_IDS.index(wish.firmness) + 1


def encode_code(answers: Answers) -> str:
    """Complete answers as a grouped code; private reasons and the note are never in it."""
    values: list[int] = []
    for area_id, choices in V1_AREAS:
        values.extend(_area_values(choices, answers.areas.get(area_id)))
    for reason_id in V1_REASONS:
        changed = answers.reasons.get(reason_id)
        values.append(0 if changed is None else CHANGED_IDS.index(changed) + 1)
    return CODEC.encode(values)


def share_fragment(code: str) -> str:
    """The link fragment that carries a code (browsers never send a fragment anywhere)."""
    return CODEC.fragment(code)


def _wish(area_id: str, choices: tuple[str, ...], choice: int, firmness: int) -> Wish | None:
    if choice > len(choices) or firmness > len(FIRMNESS_IDS):
        raise CODEC.error("malformed", f"{area_id}: {choice}/{firmness} out of range")
    if firmness == 0:
        if choice:
            raise CODEC.error("malformed", f"{area_id}: a choice with no firmness")
        return None
    level = FIRMNESS_IDS[firmness - 1]
    if choice == 0 and level != "unsure":
        raise CODEC.error("malformed", f"{area_id}: firm about nothing")
    return Wish(choices[choice - 1] if choice else None, level)


def decode_code(text: object) -> Answers:
    """Answers from a pasted code or link, or a ShareCodeError saying what is wrong."""
    values = CODEC.decode(text).values
    areas: dict[str, Wish] = {}
    for n, (area_id, choices) in enumerate(V1_AREAS):
        wish = _wish(area_id, choices, values[2 * n], values[2 * n + 1])
        if wish is not None:
            areas[area_id] = wish
    reasons: dict[str, Changed] = {}
    for reason_id, value in zip(V1_REASONS, values[2 * len(V1_AREAS) :], strict=True):
        if value > len(CHANGED_IDS):
            raise CODEC.error("malformed", f"{reason_id}: {value} out of range")
        if value:
            reasons[reason_id] = CHANGED_IDS[value - 1]
    return Answers(areas, reasons)


def decode_theirs(text: object, mine: Answers, table: Table = TABLE) -> Answers:
    """The other person's answers; the reader's own code gets its own message."""
    theirs = decode_code(text)
    if theirs == mine.shareable(table):
        raise ReaderError(OWN_CODE_MESSAGE, field="code", reason="own-code")
    return theirs
