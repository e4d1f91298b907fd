"""The deciding-together worksheet, in Rekindle's own plain words: one data table.

Ids are stable (see `table`). Choices keep their order: share codes store a choice by its
position, so a new choice goes at the end of its area, together with a new code version.
Wording may be improved at any time; the build checks it with `checks.validate_table`.
"""

from __future__ import annotations

from rekindle.tools.deciding.model.table import Area, Choice, Level, Reason, Table

SAFETY_PAGE = "safety.md"
CONVERSATION_PAGE = "after-a-breakup/the-conversation.md"
NOTE_MAX_CHARS = 10_000

SHARING_SAFETY_NOTE = (
    "Sharing is always your choice. If a partner pushes you to show your answers, or makes "
    "you pay for them afterwards, that is a warning sign, not a disagreement."
)


def _area(id_: str, title: str, question: str, prompt: str, *choices: tuple[str, str]) -> Area:
    return Area(id_, title, question, tuple(Choice(c, label) for c, label in choices), prompt)


AREAS: tuple[Area, ...] = (
    _area(
        "commitment",
        "Commitment and exclusivity",
        "What kind of commitment do you want?",
        "What would being committed to each other mean to each of you, and what would show it?",
        ("exclusive", "Only the two of us, fully committed"),
        ("exclusive-slowly", "Only the two of us, taking it slowly at first"),
        ("open", "Something more open than only the two of us"),
        ("casual", "Something casual for now"),
    ),
    _area(
        "living-together",
        "Living together",
        "Do you want to share a home?",
        "Would you share a home, when, and what would need to be true first?",
        ("soon", "Yes, soon"),
        ("later", "Yes, but not for a while"),
        ("apart", "No, I want us each to keep our own place"),
    ),
    _area(
        "marriage",
        "Marriage",
        "Where do you stand on marriage?",
        "What would marriage mean to each of you, and does the timing matter?",
        ("within-years", "I want to marry within the next few years"),
        ("some-day", "I want to marry some day"),
        ("not-needed", "I do not need to be married"),
        ("not-for-me", "I do not want to marry"),
    ),
    _area(
        "children",
        "Children",
        "Do you want children, or more children?",
        "How do children, or more children, fit the life each of you pictures?",
        ("yes", "Yes, I want children, or more children"),
        ("later", "Maybe, but not in the next few years"),
        ("no", "No, I do not want children, or any more"),
    ),
    _area(
        "money",
        "Money",
        "How would you like to handle money together?",
        "How would you share costs, savings and debts, and what worries each of you about money?",
        ("pooled", "Put it all together"),
        ("shared-pot", "A shared pot for the bills, the rest kept apart"),
        ("separate", "Keep our money separate"),
    ),
    _area(
        "where-to-live",
        "Where to live",
        "Where do you want to build your life?",
        "Where does each of you picture living in five years, and why there?",
        ("stay", "Where I live now"),
        ("somewhere-new", "Somewhere new that we pick together"),
        ("near-family", "Close to my family"),
    ),
    _area(
        "work-and-goals",
        "Work and long-term goals",
        "How should work and big plans fit into a life together?",
        "What is each of you working towards in the next few years, and how can you back "
        "each other?",
        ("my-work-first", "My work or studies need to come first for a while"),
        ("us-first", "Work matters, but our life together comes first"),
        ("big-change", "I am planning a big change, such as a new career, study or a move"),
    ),
    _area(
        "family-and-friends",
        "Family and friends",
        "How involved should family and friends be in your life together?",
        "How much room should family and friends have in your life together, and where are "
        "the limits?",
        ("close", "Closely involved and often around"),
        ("some", "Part of our life, with clear limits"),
        ("apart", "Mostly kept apart from our life together"),
    ),
    _area(
        "affection-and-sex",
        "Affection and sex",
        "What do you want physical closeness to be like?",
        "What kind of touch and closeness helps each of you feel wanted and safe?",
        ("often", "Plenty of touch, and sex often"),
        ("steady", "Everyday affection, and sex now and then"),
        ("slowly", "Rebuild slowly, with no pressure"),
        ("affection-first", "Affection matters more to me than sex"),
    ),
    _area(
        "conflict",
        "How we handle conflict",
        "How do you want the two of you to deal with disagreements?",
        "When you disagree, what helps each of you calm down and feel heard?",
        ("talk-now", "Talk it through straight away"),
        ("cool-off", "Take time to cool off, then talk"),
        ("set-times", "Set regular times to talk about what bothers us"),
        ("with-help", "Work on it with help, such as a counsellor"),
    ),
)

FIRMNESS: tuple[Level, ...] = (
    Level("must", "Must-have", "I could not be happy without this."),
    Level("like", "Would like", "It matters to me, and I can talk about it."),
    Level("flexible", "Flexible", "I could live with another answer."),
    Level("unsure", "Unsure", "I do not know yet."),
)

REASONS: tuple[Reason, ...] = (
    Reason(
        "trust",
        "Trust was broken (cheating, lies or secrets)",
        "What would rebuilding trust look like, and how would each of you notice it?",
    ),
    Reason(
        "communication",
        "We could not talk things through",
        "When talking went wrong before, what happened, and what would each of you do "
        "differently now?",
    ),
    Reason(
        "different-futures",
        "We wanted different futures",
        "Which parts of the future you each want have moved closer, and which have not?",
    ),
    Reason(
        "drifting-apart",
        "We drifted apart or had little time together",
        "How would you make time for each other, week by week?",
    ),
    Reason(
        "money-trouble",
        "Money worries or fights about money",
        "What has changed about money since the breakup, and what still worries you?",
    ),
    Reason(
        "closeness-faded",
        "Affection or sex had faded",
        "What made closeness fade before, and what would help it come back?",
    ),
    Reason(
        "outside-pressure",
        "Pressure from family, friends, work or health",
        "Is that outside pressure still there, and how would you face it together this time?",
    ),
    Reason(
        "feelings-changed",
        "One of us stopped feeling the same",
        "How does each of you feel now, and what has changed since the breakup?",
    ),
    Reason(
        "something-else",
        "Something else",
        "What else played a part in the breakup that has not been said yet?",
    ),
    Reason("felt-unsafe", "One of us felt afraid, controlled or hurt", "", private=True),
)

CHANGED: tuple[Level, ...] = (
    Level("yes", "Yes, it has changed", "Things are clearly different now."),
    Level("partly", "Partly", "Some things are different, some are not."),
    Level("no", "No, not yet", "It is much the same as before."),
    Level("dont-know", "I don't know", "An honest answer, and worth talking about."),
)

TABLE = Table(areas=AREAS, firmness=FIRMNESS, reasons=REASONS, changed=CHANGED)
