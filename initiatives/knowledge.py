"""The knowledge declaration: how much is known of each of an example's five dimensions.

After Socialstyrelsen's Vidensportal, whose vidensdeklaration scores each of
the five dimensions (målgruppe, metode, implementering, effekt, økonomi) from
A to D. One evidence level cannot say "the method is well described but
nobody has measured the effect"; five levels can.

Imports no app: the model builds its fields from DIMENSIONS.
"""

import math
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """How much is known, the most first. Blank on an example means not assessed yet."""

    A = "A", _("documented and tested")
    B = "B", _("documented")
    C = "C", _("described in outline")
    D = "D", _("not described")


# A level's height on the chart and its rank: A highest.
SCORES = {Level.A: 4, Level.B: 3, Level.C: 2, Level.D: 1}
# The levels a filter can ask for "at least"; at least D is every assessed example.
AT_LEAST = (Level.A, Level.B, Level.C)


@dataclass(frozen=True)
class Dimension:
    key: str  # the model's fields are known_<key> and known_<key>_why
    slug: str  # in the URL: ?known=<slug>:B
    label: str
    guidance: str  # beside the contributor's choice: what each level means here

    @property
    def field(self):
        return f"known_{self.key}"

    @property
    def why_field(self):
        return f"known_{self.key}_why"


DIMENSIONS = (
    Dimension(
        "target_group",
        "maalgruppe",
        _("target group"),
        _(
            "A: the target group is described, and it has been checked that the example "
            "reaches it. B: who it is for, and how they are found, is written down. "
            "C: the target group is named. D: it is not said whom it is for."
        ),
    ),
    Dimension(
        "method",
        "metode",
        _("method"),
        _(
            "A: the method is written down and has been tried in more than one place. "
            "B: a written description lets others repeat it step by step. "
            "C: the idea is described. D: it is not said what is done."
        ),
    ),
    Dimension(
        "implementation",
        "implementering",
        _("implementation"),
        _(
            "A: the start-up is written down and has been repeated elsewhere. "
            "B: a written guide says how to get started. "
            "C: the start is described in outline. D: nothing is said about getting started."
        ),
    ),
    Dimension(
        "effect",
        "effekt",
        _("effect"),
        _(
            "A: the effect is measured in an evaluation or a study that others can read. "
            "B: results are written down, e.g. how many took part and what they said. "
            "C: the intended effect is described. D: nothing is said about the effect."
        ),
    ),
    Dimension(
        "economy",
        "oekonomi",
        _("economy"),
        _(
            "A: the costs are accounted for, e.g. in an evaluation or a budget that was kept. "
            "B: the costs and staff hours are written down. "
            "C: the costs are estimated in outline. D: nothing is said about the costs."
        ),
    ),
)
BY_SLUG = {dimension.slug: dimension for dimension in DIMENSIONS}


def declared(initiative):
    """[(dimension, level or "", justification)] for the five dimensions, in order."""
    return [
        (
            dimension,
            getattr(initiative, dimension.field),
            getattr(initiative, dimension.why_field, ""),
        )
        for dimension in DIMENSIONS
    ]


def extremes(initiative):
    """(strongest, weakest): each ([dimension labels], level), or None if nothing is assessed.

    Both are None when no dimension is assessed; when every assessed dimension
    has the same level, the card says so once (weakest is None).
    """
    # The levels only: a card's example is read without the justifications.
    levels = [(d, getattr(initiative, d.field)) for d in DIMENSIONS]
    assessed = [(d, level) for d, level in levels if level]
    if not assessed:
        return None, None
    best = max(SCORES[level] for _d, level in assessed)
    worst = min(SCORES[level] for _d, level in assessed)

    def at(score):
        names = [d.label for d, level in assessed if SCORES[level] == score]
        return names, next(level for _d, level in assessed if SCORES[level] == score)

    if best == worst:
        return at(best), None
    return at(best), at(worst)


# The radar chart, drawn on the server so that it needs no script and prints.
CHART_RADIUS = 90  # the outermost ring, level A, in the SVG's own units
CHART_FONT = 14  # the labels' font size in the same units (an attribute on the SVG)
CHART_LINE = 17  # from a label's first line (the dimension) to its second (the level)
CHART_PAD = 6


def _corner(i, fraction):
    """Axis i's point at `fraction` of the radius, around (0, 0): the first straight up."""
    angle = -math.pi / 2 + 2 * math.pi * i / len(DIMENSIONS)
    return (
        CHART_RADIUS * fraction * math.cos(angle),
        CHART_RADIUS * fraction * math.sin(angle),
    )


def _text_width(text):
    """A generous guess at a label's width: room enough, so that nothing is clipped."""
    return len(text) * CHART_FONT * 0.62


def _label(i, dimension, level, why):
    """Axis i's label, beside the outer ring's corner on the side away from the middle.

    Two lines, the dimension and its level's letter; `left` and `right` are
    its estimated extent, for the view box.
    """
    text = str(dimension.label)
    text = text[:1].upper() + text[1:]
    x, y = _corner(i, 1)
    if abs(x) < 1:
        anchor, x = "middle", 0.0
    elif x > 0:
        anchor, x = "start", x + 8
    else:
        anchor, x = "end", x - 8
    if y < -CHART_RADIUS / 2:  # the top: both lines above the corner
        y -= 8 + CHART_LINE
    elif y > CHART_RADIUS / 2:  # the bottom: both lines below it
        y += 8 + CHART_FONT
    else:  # the sides: the two lines either side of it
        y += 4
    width = max(_text_width(text), _text_width(level or "-"))
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return {
        "x": x,
        "y": y,
        "left": left,
        "right": left + width,
        "anchor": anchor,
        "text": text,
        "level": level,
        "dimension": dimension,
        "words": Level(level).label if level else "",
        "why": why,
    }


def chart(initiative):
    """What initiatives/_knowledge_chart.html draws, and the table beside it reads.

    Five axes, the first straight up and the rest clockwise; a level's point
    lies at SCORES/4 of the radius, so D is a small step out from the middle
    and an unassessed dimension sits in the middle. Each label has two lines,
    the dimension and its level, so the chart is read without colours. The
    view box fits the labels in the language of the request, the rings in its
    middle.

    `labels` is also the table's rows: each has the dimension, its level (""
    if not assessed), the level in words and the justification.
    """
    count, top = len(DIMENSIONS), max(SCORES.values())
    rings = [[_corner(i, score / top) for i in range(count)] for score in range(1, top + 1)]
    rows = declared(initiative)
    labels = [_label(i, *row) for i, row in enumerate(rows)]
    shape = [
        _corner(i, SCORES[level] / top if level else 0) for i, (_d, level, _w) in enumerate(rows)
    ]

    # Wide enough for the longest label on either side (so the rings stay in the
    # middle), from the top label to the bottom ones.
    half = CHART_PAD + max(CHART_RADIUS, *(max(-lb["left"], lb["right"]) for lb in labels))
    upper = min(label["y"] for label in labels) - CHART_FONT - CHART_PAD
    lower = max(label["y"] for label in labels) + CHART_LINE + CHART_PAD

    def moved(x, y):
        return round(x + half, 1), round(y - upper, 1)

    def polygon(points):
        return " ".join("{},{}".format(*moved(x, y)) for x, y in points)

    for label in labels:
        label["x"], label["y"] = moved(label["x"], label["y"])
        del label["left"], label["right"]
    centre = moved(0, 0)
    return {
        "width": round(2 * half),
        "height": round(lower - upper),
        "font": CHART_FONT,
        "line": CHART_LINE,
        "centre": centre,
        "rings": [polygon(ring) for ring in rings],
        # Each ring's letter, just left of the upward axis: D innermost, A outermost.
        "ring_letters": [
            {"letter": level, "x": centre[0] - 8, "y": moved(*ring[0])[1] + 5}
            for level, ring in zip(reversed(Level), rings, strict=True)
        ],
        "axes": [moved(*_corner(i, 1)) for i in range(count)],
        "labels": labels,
        "shape": polygon(shape),
        "points": [moved(x, y) for x, y in shape],
        "assessed": any(label["level"] for label in labels),
    }


def at_least(level):
    """The levels that meet `level`: it and the better ones."""
    return [better for better in Level if SCORES[better] >= SCORES[level]]
