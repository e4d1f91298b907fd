"""The barrier questionnaire's item bank, in Rekindle's own plain words.

Item ids are stable: saved answers and share codes refer to them, so never rename or
reuse one. To change a statement's meaning, add a new id (and a new share-code version).
Reverse-keyed statements (`reverse=True`) are worded so that agreeing means the barrier is
*less* present. Not a validated clinical instrument: a prompt for reflection.
"""

from __future__ import annotations

from rekindle.tools.assessment.model.bank import Barrier, Group, Item, ItemBank

GUIDE_PAGE = "intimacy/barriers.md"
SAFETY_PAGE = "safety.md"
CONVERSATION_LINK = "intimacy/signs.md#starting-the-conversation"
SEX_THERAPY_PAGE = "intimacy/sex-therapy.md"


def _barrier(
    id_: str,
    title: str,
    explanation: tuple[str, ...],
    steps: tuple[str, ...],
    *,
    touches_safety: bool = False,
) -> Barrier:
    return Barrier(id_, title, f"{GUIDE_PAGE}#{id_}", explanation, steps, touches_safety)


def _items(barrier: str, *specs: tuple[str, str, bool, bool]) -> tuple[Item, ...]:
    """(id, text, reverse, touches_safety) tuples into barrier items."""
    return tuple(Item(i, t, "barrier", barrier, rev, safe) for i, t, rev, safe in specs)


BARRIERS: tuple[Barrier, ...] = (
    _barrier(
        "fear-of-rejection",
        "Fear of rejection",
        (
            'Worry about hearing "no" can make you stop reaching out at all.',
            'Old hurts or a low view of yourself can make a small "not now" feel like "not you".',
            "The less you ask, the wider the gap can grow.",
        ),
        (
            "This week, make one small bid for closeness, such as asking for a hug, "
            "and notice what really happens.",
            'Agree on a kind way to say "not now" that still says "I want you".',
        ),
    ),
    _barrier(
        "unresolved-conflict",
        "Unresolved conflict",
        (
            "Anger or hurt that was never talked through does not just fade.",
            "It can sit in the background and make touch feel fake or unwelcome.",
            "Closeness often returns only once the old issue is faced.",
        ),
        (
            "Pick one old issue and ask for a calm time to talk about it, with no blame.",
            "Try a turn-taking talk: one of you speaks for a few minutes while the other "
            "only listens, then swap.",
        ),
    ),
    _barrier(
        "performance-anxiety-and-body-image",
        "Performance anxiety and body image",
        (
            'Pressure to "do well" in bed, or to look a certain way, can make you watch '
            "yourself instead of feel.",
            "That worry pushes desire down and can turn sex into a test.",
        ),
        (
            "For a while, agree on touch with no goal: no sex, just noticing what feels good.",
            "Write down three things your body does for you that have nothing to do with looks.",
        ),
    ),
    _barrier(
        "attachment-styles",
        "Attachment styles",
        (
            "How we were cared for as kids shapes how we bond as adults.",
            "Some people cling and worry; others keep a safe distance.",
            "Both patterns can make trust and closeness harder, and both can change.",
        ),
        (
            "Notice, without judging, whether you chase or pull back when things feel tense.",
            "Share what you noticed, and ask your partner what helps them feel secure.",
        ),
    ),
    _barrier(
        "fear-of-engulfment-or-abandonment",
        "Fear of engulfment or abandonment",
        (
            "Some people fear that closeness will swallow them up and take their freedom.",
            "Others fear being left behind.",
            "Either fear can lead to walls or to chasing, and both get in the way of real contact.",
        ),
        (
            "Tell your partner which fear feels closer for you: losing yourself, or losing them.",
            "Plan time apart and time together each week, so space and closeness both feel safe.",
        ),
        touches_safety=True,
    ),
    _barrier(
        "childhood-wounds",
        "Childhood wounds",
        (
            "Hard things from childhood, such as neglect, harm or a painful family split, "
            "can echo in adult love.",
            "They may show up as mistrust, fear of being open, or patterns that repeat.",
            "These wounds are not your fault, and they can heal.",
        ),
        (
            "If old memories feel heavy, think about a trauma-informed therapist (one who "
            "works with past trauma), on your own or with a couples therapist.",
            "Read the safety page first, and go at your own pace.",
        ),
        touches_safety=True,
    ),
    _barrier(
        "shame-and-guilt",
        "Shame and guilt",
        (
            'Shame says "something is wrong with me"; guilt says "I did something wrong".',
            "Around sex, either one can make you hide your needs or avoid closeness.",
            "Many of us carry messages about sex from family, faith or past events.",
        ),
        (
            "Write down where you first learned that a wish was bad, and ask if you still agree.",
            "Share one small, safe thing you want, and ask your partner to just listen.",
        ),
        touches_safety=True,
    ),
    _barrier(
        "difficulty-regulating-emotions",
        "Difficulty regulating emotions",
        (
            "When it is hard to notice, name or calm your feelings, small moments can turn "
            "into big fights, or you may shut down.",
            "Either way, your partner can feel far away.",
            "These skills can be learned at any age.",
        ),
        (
            "When a strong feeling comes, pause and name it in a few words before you answer.",
            "Agree on a signal for a 20-minute break during a hard talk, then come back to it.",
        ),
    ),
    _barrier(
        "perfectionism-and-control",
        "Perfectionism and control",
        (
            "High standards and a need to be in charge can turn closeness into a task to "
            "get right.",
            "A harsh inner critic leaves little room for play or surprise.",
            "Letting go a little is often what lets desire back in.",
        ),
        (
            "Next time something goes wrong while you are close, try to laugh about it together.",
            "Let your partner plan one date or moment of closeness, and go along with it.",
        ),
    ),
)

BARRIER_ITEMS: tuple[Item, ...] = (
    *_items(
        "fear-of-rejection",
        (
            "rej-1",
            "I hold back from asking for closeness in case my partner says no.",
            False,
            False,
        ),
        (
            "rej-2",
            "When my partner is not in the mood, I take it as a sign they do not want me.",
            False,
            False,
        ),
        ("rej-3", "I find it easy to tell my partner what I would like.", True, False),
    ),
    *_items(
        "unresolved-conflict",
        ("con-1", "There are old fights between us that never really got settled.", False, False),
        ("con-2", "I still feel angry or hurt about something my partner did.", False, False),
        ("con-3", "When we argue, we usually end up making peace.", True, False),
    ),
    *_items(
        "performance-anxiety-and-body-image",
        ("body-1", "During sex I worry about whether I am doing it right.", False, False),
        ("body-2", "I feel uneasy when my partner sees my body.", False, False),
        ("body-3", "I can relax and enjoy touch without judging how I look.", True, False),
    ),
    *_items(
        "attachment-styles",
        ("att-1", "I often worry that my partner will stop loving me.", False, False),
        ("att-2", "When we get very close, I feel an urge to pull away.", False, False),
        ("att-3", "I trust my partner to be there when I need them.", True, False),
    ),
    *_items(
        "fear-of-engulfment-or-abandonment",
        ("eng-1", "I worry that if I get too close, I will lose myself.", False, False),
        ("eng-2", "I am afraid my partner will leave me one day.", False, True),
        ("eng-3", "I keep a wall up so I cannot be hurt too badly.", False, False),
    ),
    *_items(
        "childhood-wounds",
        (
            "child-1",
            "Things that happened when I was a child still affect how I love.",
            False,
            True,
        ),
        ("child-2", "I find it hard to trust people because of how I grew up.", False, True),
        ("child-3", "I feel at peace with my childhood.", True, False),
    ),
    *_items(
        "shame-and-guilt",
        ("shame-1", "I feel ashamed of some of the things I want in bed.", False, False),
        ("shame-2", "Guilt about my past gets in the way when we are close.", False, True),
        ("shame-3", "I can talk about sex without feeling embarrassed.", True, False),
    ),
    *_items(
        "difficulty-regulating-emotions",
        ("emo-1", "My feelings sometimes take over before I know what I feel.", False, False),
        ("emo-2", "When I get upset, it takes me a long time to calm down.", False, False),
        ("emo-3", "I can usually name what I feel and say it calmly.", True, False),
    ),
    *_items(
        "perfectionism-and-control",
        ("perf-1", "I need to be in charge of how and when we are close.", False, False),
        ("perf-2", "If a close moment is not just right, I feel it has failed.", False, False),
        ("perf-3", "I can laugh when things in bed do not go to plan.", True, False),
    ),
)

SIGN_ITEMS: tuple[Item, ...] = (
    Item("sign-1", "We have sex rarely, or not at all any more.", "sign", short="Little or no sex"),
    Item(
        "sign-2",
        "We hug, kiss or hold hands much less than we used to.",
        "sign",
        short="Less everyday touch",
    ),
    Item(
        "sign-3",
        "It feels like we live side by side but not really together.",
        "sign",
        short="Feeling far apart",
    ),
    Item(
        "sign-4",
        "One or both of us tends to pull away from touch.",
        "sign",
        short="Pulling away from touch",
    ),
    Item(
        "sign-5",
        "It is hard for us to talk about sex and what we each need.",
        "sign",
        short="Hard to talk about sex",
    ),
)

GROUPS: tuple[Group, ...] = (
    Group(
        "reaching-out",
        "Reaching out",
        "How it feels to ask for closeness and to get close.",
        ("rej-1", "rej-2", "rej-3", "att-1", "att-2", "att-3", "eng-1", "eng-2", "eng-3"),
    ),
    Group(
        "where-you-come-from",
        "Where you come from",
        "How your past and the messages you grew up with show up today.",
        ("child-1", "child-2", "child-3", "shame-1", "shame-2", "shame-3"),
    ),
    Group(
        "body-and-pressure",
        "Body and pressure",
        "How you feel about your body and about getting things right.",
        ("body-1", "body-2", "body-3", "perf-1", "perf-2", "perf-3"),
    ),
    Group(
        "feelings-and-conflict",
        "Feelings and conflict",
        "How you handle strong feelings and the fights you have had.",
        ("con-1", "con-2", "con-3", "emo-1", "emo-2", "emo-3"),
    ),
    Group(
        "how-things-are-now",
        "How things are now",
        "A few common signs that closeness has slipped. Think about the last few months.",
        ("sign-1", "sign-2", "sign-3", "sign-4", "sign-5"),
    ),
)

ITEM_BANK = ItemBank(barriers=BARRIERS, items=BARRIER_ITEMS + SIGN_ITEMS, groups=GROUPS)
