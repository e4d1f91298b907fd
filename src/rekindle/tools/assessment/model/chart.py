"""The results as a picture: bars worked out here, drawn as SVG text from our own data only.

Rules
1. One bar per barrier, in the ranking's order (strongest first). A bar's length is the
   barrier's points as a share of its most possible points: exactly what its three or four
   statements gave, no finer. Lengths are written in tenths of a percent of the chart's width.
2. Every band has a shape as well as words: "stands out" is a solid bar, "some signs" a
   striped one, "little sign" a dotted one; "not enough answers" is an empty dashed outline
   with the words inside it. Colour only repeats what the words and the shapes say.
3. The SVG holds no number a reader could take for a score, and no text a reader typed:
   titles and band words come from the item bank, and every text is escaped.
4. Sizes: the chart is as wide as its box (x in %), rows are fixed in px, text is sized by the
   stylesheet, so labels keep their size on a phone and on a desktop.
5. Pairs (comparing with a partner): two bars per barrier, "You" solid, "Partner" striped,
   each named at its right-hand end; how far apart they are is said in words outside the SVG.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from rekindle.tools.assessment.model.scoring import BAND_LABELS, BarrierScore

TRACK_HEIGHT = 14
ROW_HEIGHT = 48  # a title line, then the bar
PAIR_ROW_HEIGHT = 62  # a title line, then two bars
PAIR_BAR_WIDTH_PCT = 76  # the rest of the width names whose bar it is
FILLS = {"strong": "solid", "some": "stripes", "low": "dots"}


@dataclass(frozen=True)
class Bar:
    """One barrier's bar: everything the picture and its table say, and nothing more."""

    id: str
    title: str
    band: str
    points: int
    max_points: int
    answered: int
    statements: int

    @property
    def band_label(self) -> str:
        return BAND_LABELS[self.band]

    @property
    def has_result(self) -> bool:
        return self.band != "not-enough"

    @property
    def tenths_of_percent(self) -> int:
        """The bar's length: points of the most possible, in tenths of a percent, half up."""
        if not self.has_result or self.max_points == 0:
            return 0
        return (2000 * self.points + self.max_points) // (2 * self.max_points)

    @property
    def points_text(self) -> str:
        if not self.has_result:
            return f"{self.answered} of {self.statements} statements answered"
        return f"{self.points} of {self.max_points} points"


def bar_for(score: BarrierScore) -> Bar:
    answered = len(score.answered)
    return Bar(
        id=score.barrier.id,
        title=score.barrier.title,
        band=score.band,
        points=score.points,
        max_points=score.max_points,
        answered=answered,
        statements=answered + len(score.skipped),
    )


def _pct(tenths: int, scale_pct: int = 100) -> str:
    """A length in % of the chart's width, from tenths of a percent of a bar's track."""
    value = tenths * scale_pct // 100
    return f"{value // 10}.{value % 10}%"


def _text(x: str, y: int, words: str, css: str, anchor: str = "start") -> str:
    end = ' text-anchor="end"' if anchor == "end" else ""
    return f'<text x="{x}" y="{y}" class="{css}"{end}>{escape(words)}</text>'


def _defs(prefix: str) -> str:
    return (
        "<defs>"
        f'<pattern id="{prefix}-stripes" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="3" height="6" class="rk-chart__ink"/>'
        "</pattern>"
        f'<pattern id="{prefix}-dots" width="5" height="5" patternUnits="userSpaceOnUse">'
        '<circle cx="2.5" cy="2.5" r="1.4" class="rk-chart__ink"/></pattern>'
        "</defs>"
    )


def _fill(prefix: str, kind: str) -> str:
    return "" if kind == "solid" else f' fill="url(#{prefix}-{kind})"'


def _track(y: int, width: str, bar: Bar, prefix: str, kind: str, empty_note: str) -> list[str]:
    """The outline of the most possible points, the bar inside it, or the words for none."""
    if not bar.has_result:
        return [
            f'<rect x="0" y="{y}" width="{width}" height="{TRACK_HEIGHT}" rx="2" '
            'class="rk-chart__track rk-chart__track--empty"/>',
            _text("6", y + TRACK_HEIGHT - 3, empty_note, "rk-chart__note"),
        ]
    parts = [
        f'<rect x="0" y="{y}" width="{width}" height="{TRACK_HEIGHT}" rx="2" '
        'class="rk-chart__track"/>'
    ]
    if bar.tenths_of_percent:
        length = _pct(bar.tenths_of_percent, int(width.rstrip("%")))
        parts.append(
            f'<rect x="0" y="{y}" width="{length}" height="{TRACK_HEIGHT}" rx="2" '
            f'class="rk-chart__bar rk-chart__bar--{kind}"{_fill(prefix, kind)} '
            f'data-rk-bar="{escape(bar.id)}"/>'
        )
    return parts


def _svg(prefix: str, height: int, label_id: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rk-chart" width="100%" '
        f'height="{height}" role="img" aria-labelledby="{label_id}" '
        f'data-rk-chart="{prefix}">' + _defs(prefix) + "".join(body) + "</svg>"
    )


def results_svg(bars: Sequence[Bar], title: str, prefix: str = "rk-results") -> str:
    """One row per barrier: its title and band in words, then its bar (rules 1 to 4)."""
    body = [
        f'<title id="{prefix}-title">{escape(title)}</title>',
        f"<desc>{escape(describe(bars))}</desc>",
    ]
    for n, bar in enumerate(bars):
        top = n * ROW_HEIGHT
        row = [
            f'<g class="rk-chart__row rk-band--{bar.band}" data-rk-chart-row="{escape(bar.id)}">',
            _text("0", top + 15, bar.title, "rk-chart__label"),
        ]
        if bar.has_result:
            row.append(_text("100%", top + 15, bar.band_label, "rk-chart__band", "end"))
        row += _track(
            top + 22, "100%", bar, prefix, FILLS.get(bar.band, "solid"), BAND_LABELS[bar.band]
        )
        body += [*row, "</g>"]
    return _svg(prefix, len(bars) * ROW_HEIGHT, f"{prefix}-title", body)


def describe(bars: Sequence[Bar]) -> str:
    """The whole chart in one sentence per barrier, for a screen reader."""
    return " ".join(f"{bar.title}: {bar.band_label.lower()}." for bar in bars)


def pairs_svg(
    pairs: Sequence[tuple[Bar, Bar]], names: tuple[str, str], title: str, prefix: str
) -> str:
    """Two bars per barrier, each named at its end (rule 5)."""
    said = " ".join(
        f"{mine.title}: {names[0].lower()}, {mine.band_label.lower()}; "
        f"{names[1].lower()}, {theirs.band_label.lower()}."
        for mine, theirs in pairs
    )
    body = [f'<title id="{prefix}-title">{escape(title)}</title>', f"<desc>{escape(said)}</desc>"]
    width = f"{PAIR_BAR_WIDTH_PCT}%"
    name_x = f"{PAIR_BAR_WIDTH_PCT + 3}%"
    for n, (mine, theirs) in enumerate(pairs):
        top = n * PAIR_ROW_HEIGHT
        body += [
            f'<g class="rk-chart__row" data-rk-chart-row="{escape(mine.id)}">',
            _text("0", top + 15, mine.title, "rk-chart__label"),
        ]
        for line, (bar, name, kind) in enumerate(
            ((mine, names[0], "solid"), (theirs, names[1], "stripes"))
        ):
            y = top + 22 + line * (TRACK_HEIGHT + 4)
            body += _track(y, width, bar, prefix, kind, "not enough answers")
            body.append(_text(name_x, y + TRACK_HEIGHT - 2, name, "rk-chart__name"))
        body.append("</g>")
    return _svg(prefix, len(pairs) * PAIR_ROW_HEIGHT, f"{prefix}-title", body)
