"""The turn-taking timer's presets, as data, and the limits every setting must respect.

A preset is a recipe: the kind of exercise (its roles, reminders and words) plus default
timing and prompts. Minutes, rounds, the warning and the prompts may be customised without
leaving the preset, so a sensate-focus session of 20 minutes a turn still says "Giver" and
"Receiver".
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

MIN_MINUTES = 1
MAX_MINUTES = 60
MIN_ROUNDS = 1
MAX_ROUNDS = 20
MAX_NAME_LENGTH = 40
MAX_PROMPTS = 20
MAX_PROMPT_LENGTH = 200
DEFAULT_NAMES = ("Partner A", "Partner B")


@dataclass(frozen=True)
class Preset:
    """One recipe. `roles`, `verbs` and `reminders` are (active person, other person)."""

    key: str
    label: str
    minutes: int
    rounds: int | None
    warning_seconds: int
    roles: tuple[str, str]
    verbs: tuple[str, str]
    reminders: tuple[str, str]
    running_status: str
    prompts: tuple[str, ...]  # one per round, both people answer it; () for none
    closing_question: str  # asked once, in the summary at the end


_CONVERSATION_ROLES = ("Speaker", "Listener")
_CONVERSATION_VERBS = ("speaks", "listens")
_CONVERSATION_REMINDERS = (
    "Share your own feelings, fears and hopes, starting from “I”.",
    "Listen without interrupting; there is nothing to rebut, just take it in.",
)
# A regular check-in: what the days since the last one were like, one feeling per round.
_CHECK_IN_PROMPTS = (
    "Since we last talked, what made you happy?",
    "Since we last talked, what made you sad?",
    "Since we last talked, what made you angry?",
    "Since we last talked, what left you tired?",
)
_CONVERSATION_CLOSING = "What is one thing you heard today that you want to keep in mind?"

PRESETS: MappingProxyType[str, Preset] = MappingProxyType(
    {
        "check-in": Preset(
            key="check-in",
            label="Check-in conversation",
            minutes=3,
            rounds=None,
            warning_seconds=30,
            roles=_CONVERSATION_ROLES,
            verbs=_CONVERSATION_VERBS,
            reminders=_CONVERSATION_REMINDERS,
            running_status="{speaker} is speaking",
            prompts=_CHECK_IN_PROMPTS,
            closing_question=_CONVERSATION_CLOSING,
        ),
        # A 60-second warning: a 15-minute turn of touch deserves a gentle wind-down,
        # not an abrupt stop, and half a minute is too little to slow down in.
        "sensate-focus": Preset(
            key="sensate-focus",
            label="Sensate focus",
            minutes=15,
            rounds=1,
            warning_seconds=60,
            roles=("Giver", "Receiver"),
            verbs=("gives", "receives"),
            reminders=(
                "Explore by touch at your own pace, with curiosity and no goal to reach.",
                "Notice what you feel and simply receive; say so if anything is uncomfortable.",
            ),
            running_status="{speaker} is giving",
            prompts=(),
            closing_question="What did each of you notice, and what would you like next time?",
        ),
        "custom": Preset(
            key="custom",
            label="Custom conversation",
            minutes=5,
            rounds=3,
            warning_seconds=30,
            roles=_CONVERSATION_ROLES,
            verbs=_CONVERSATION_VERBS,
            reminders=_CONVERSATION_REMINDERS,
            running_status="{speaker} is speaking",
            prompts=(),
            closing_question=_CONVERSATION_CLOSING,
        ),
    }
)
DEFAULT_PRESET = "check-in"
