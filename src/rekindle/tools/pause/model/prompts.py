"""Writing prompts, and the one offered each day.

Rules:

1. Prompts come in tracks: "I ended it", "I was left", stepping back (seeing the
   relationship from a distance) and looking ahead. Writing that only replays the hurt can
   keep people stuck, so half of every mix steps back or looks forward.
2. The day's prompt is chosen by the date alone: the same date, track and skip always give
   the same prompt, so a reload never changes it. "Another prompt" adds one to the skip;
   the list wraps around, and consecutive days give consecutive prompts of the list.
3. The mix (the default track) interleaves the reader's own track, if they said how it
   ended, with stepping back and looking ahead.
4. When the pause is about safety, prompts that picture getting back together or getting
   in touch are left out of every track.
5. Prompt ids are stable: entries keep the id of the prompt they answered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import zip_longest


@dataclass(frozen=True)
class Prompt:
    id: str
    track: str
    text: str
    reunion: bool = False  # pictures going back or getting in touch: never shown for safety


TRACKS = {
    "ended": "I ended it",
    "left": "I was left",
    "distance": "Stepping back",
    "ahead": "Looking ahead",
}
MIX = "mix"
MIX_LABEL = "A mix for where I am"

UNSENT = Prompt("unsent", "unsent", "A message I wanted to send, kept here instead")

PROMPTS: tuple[Prompt, ...] = (
    Prompt(
        "ended-turning-point",
        "ended",
        "Go back to the moment you knew you would end it. What happened that day, and what had "
        "been piling up before it?",
    ),
    Prompt(
        "ended-unspoken",
        "ended",
        "Which of your reasons for leaving have you never said out loud, not even to yourself?",
    ),
    Prompt(
        "ended-two-versions",
        "ended",
        "Write the short version of the breakup that you tell other people. Then write what that "
        "version leaves out.",
    ),
    Prompt(
        "ended-hoped-for",
        "ended",
        "Before you left, what were you hoping would change? Did any of it change?",
    ),
    Prompt(
        "ended-lighter",
        "ended",
        "Since you left, what feels lighter? What feels heavier?",
    ),
    Prompt(
        "ended-own-part",
        "ended",
        "What was your share of the trouble between you? Answer as fairly as you would for a "
        "friend.",
    ),
    Prompt(
        "ended-what-you-miss",
        "ended",
        "When you miss them, is it them you miss, the habits you had together, or simply not "
        "being on your own?",
    ),
    Prompt(
        "ended-would-need",
        "ended",
        "What would have to be truly different for you to feel easy about going back? Is any of "
        "that different yet?",
        reunion=True,
    ),
    Prompt(
        "left-last-year",
        "left",
        "Think about your final year together, not the final week. When did they start to seem "
        "far away?",
    ),
    Prompt(
        "left-repeated",
        "left",
        "What did they ask of you, or complain about, more than once? Write it down even if it "
        "seemed unfair.",
    ),
    Prompt(
        "left-what-shifted",
        "left",
        "In the months before the end, what shifted between you: your routines, your plans, the "
        "way you talked?",
    ),
    Prompt(
        "left-your-view",
        "left",
        "Leave their reasons aside for a moment. Were you happy? Write what was missing for you.",
    ),
    Prompt(
        "left-own-part",
        "left",
        "What was your share of what went wrong? Write it the way a kind friend who saw "
        "everything would put it.",
    ),
    Prompt(
        "left-surprise",
        "left",
        "What about the ending took you by surprise? Looking back now, what did not?",
    ),
    Prompt(
        "left-still-true",
        "left",
        "Being left can feel like a judgement on who you are. Write three things about yourself "
        "that stay true either way.",
    ),
    Prompt(
        "left-if-they-asked",
        "left",
        "If they asked to come back, what would you need to understand first?",
        reunion=True,
    ),
    Prompt(
        "distance-friend",
        "distance",
        "Describe the relationship the way a friend who knew you both well might describe it.",
    ),
    Prompt(
        "distance-pattern",
        "distance",
        "Does one problem keep turning up in what you write? Try to name it in one sentence.",
    ),
    Prompt(
        "distance-missing",
        "distance",
        "When did you miss them most today? What was going on just before?",
    ),
    Prompt(
        "distance-strangers",
        "distance",
        "Write about one hard evening together as if it happened to two strangers. What do you "
        "notice?",
    ),
    Prompt(
        "distance-balance",
        "distance",
        "Note two good things and two hard things about the relationship, with one small example "
        "for each.",
    ),
    Prompt(
        "distance-body",
        "distance",
        "Where in your body do you feel all this today? What helps it ease, even a little?",
    ),
    Prompt(
        "distance-story-check",
        "distance",
        "Pick one thing you keep telling yourself about the breakup. What supports it, and what "
        "does not?",
    ),
    Prompt(
        "distance-pull",
        "distance",
        "When the pull to get in touch is strongest, what are you hoping would happen?",
        reunion=True,
    ),
    Prompt(
        "ahead-needs",
        "ahead",
        "What do you need from a partner that you did not get, or did not ask for?",
    ),
    Prompt(
        "ahead-for-me",
        "ahead",
        "What is one thing you want for your own life, whoever is in it?",
    ),
    Prompt(
        "ahead-kind-week",
        "ahead",
        "What could make the coming week a little kinder to you?",
    ),
    Prompt(
        "ahead-support",
        "ahead",
        "Who could you lean on this month, and what would you ask of them?",
    ),
    Prompt(
        "ahead-taught",
        "ahead",
        "What has this relationship shown you about what you want, and what you will not accept?",
    ),
    Prompt(
        "ahead-future-self",
        "ahead",
        "Imagine yourself a year from now, looking back at this week. What would that person want"
        " you to know?",
    ),
    Prompt(
        "ahead-ordinary-day",
        "ahead",
        "Picture being back together with nothing changed. What would an ordinary evening feel "
        "like?",
        reunion=True,
    ),
    Prompt(
        "ahead-seen-not-heard",
        "ahead",
        "What would you need to see, not just hear, before trusting a fresh start?",
        reunion=True,
    ),
)

BY_ID: dict[str, Prompt] = {p.id: p for p in (*PROMPTS, UNSENT)}


@dataclass(frozen=True)
class DailyPrompt:
    prompt: Prompt
    track: str  # the track asked for: MIX or a key of TRACKS
    skip: int  # how many times "another prompt" was pressed, wrapped to the pool's size
    pool_size: int


def pool(track: str, *, situation: str | None, safety: bool) -> tuple[Prompt, ...]:
    """The prompts a track offers, in the order the days walk through them."""
    if track == MIX:
        own = (situation,) if situation in ("ended", "left") else ()
        lists = [_track(name, safety) for name in (*own, "distance", "ahead")]
        return tuple(p for row in zip_longest(*lists) for p in row if p is not None)
    if track not in TRACKS:
        raise ValueError(f"unknown track {track!r}")  # the page offers only TRACKS and MIX
    return _track(track, safety)


def _track(name: str, safety: bool) -> tuple[Prompt, ...]:
    return tuple(p for p in PROMPTS if p.track == name and not (safety and p.reunion))


def prompt_for(
    day: date, *, track: str = MIX, skip: int = 0, situation: str | None, safety: bool
) -> DailyPrompt:
    """The prompt for this date: stable across reloads, moved on by `skip`."""
    if isinstance(skip, bool) or not isinstance(skip, int) or skip < 0:
        raise ValueError(f"skip must be a whole number from 0: {skip!r}")
    prompts = pool(track, situation=situation, safety=safety)
    index = (day.toordinal() + skip) % len(prompts)
    return DailyPrompt(prompts[index], track, skip % len(prompts), len(prompts))


def prompt_text(prompt_id: str | None) -> str:
    """The words of a prompt an entry answered; ids from another version still read well."""
    if prompt_id is None:
        return "Written without a prompt"
    known = BY_ID.get(prompt_id)
    return known.text if known else "A prompt from another version of this page"
