"""/udbredelse/: where the published examples run, by region and municipality.

Each number is the examples list's count for the same place, and links to
that list: an example counts where it began and where others took it up,
and the nationwide examples are counted apart (initiatives.facetindex's
place_counts). The regions are drawn as a bar chart on the server, beside a
table that says the same, so the page reads without the picture.
"""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from initiatives import facetindex
from partnerships.models import Municipality, Region

# The chart in SVG units, scaled to its box by the browser: a region's name
# above its bar, the bar on a track as long as the largest count, the number
# after the track.
CHART_WIDTH = 420
FONT_SIZE = 16
LABEL_HEIGHT = 24
BAR_HEIGHT = 22
ROW_GAP = 14
DIGIT_WIDTH = 10  # a bold digit at FONT_SIZE, and a little more


@require_safe
def spread_page(request):
    counts = facetindex.place_counts()
    regions = regions_with_counts(counts)
    return render(
        request,
        "adoptions/where.html",
        {
            "regions": regions,
            "chart": bar_chart(regions),
            "nationwide": counts["nationwide"],
            "nationwide_url": reverse("initiatives:list", query={"nationwide": "yes"}),
        },
    )


def _local_list(**place):
    """The examples list of one place's own and adopted examples, as the count counts them."""
    return reverse("initiatives:list", query={**place, "nationwide": "no"})


def regions_with_counts(counts):
    """The five regions, each with its count and every one of its municipalities with theirs.

    [{"slug", "label", "count", "url", "municipalities": [{"code", "name", "count", "url"}]}];
    `url` is None where the count is 0: there is no list to go to.
    """
    by_region = {slug: [] for slug in Region.values}
    rows = Municipality.objects.order_by("name").values_list("code", "name", "region")
    for code, name, region in rows:
        count = counts["municipality"].get(code, 0)
        url = _local_list(municipality=code) if count else None
        by_region[region].append({"code": code, "name": name, "count": count, "url": url})
    regions = []
    for slug, label in Region.choices:
        count = counts["region"].get(slug, 0)
        regions.append(
            {
                "slug": slug,
                "label": label,
                "count": count,
                "url": _local_list(region=slug) if count else None,
                "municipalities": by_region[slug],
            }
        )
    return regions


def bar_chart(regions):
    """The regions' bars: lengths in proportion to the counts, the largest the full width."""
    largest = max((region["count"] for region in regions), default=0)
    # The numbers' column is as wide as the largest number needs: 100 000 fits too.
    room = CHART_WIDTH - 12 - DIGIT_WIDTH * len(str(largest))
    row = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
    bars = []
    for position, region in enumerate(regions):
        top = position * row
        width = round(room * region["count"] / largest, 1) if largest else 0
        bars.append(
            {
                "label": region["label"],
                "count": region["count"],
                "label_y": top + LABEL_HEIGHT - 6,
                "bar_y": top + LABEL_HEIGHT,
                "width": width,
                "value_y": top + LABEL_HEIGHT + BAR_HEIGHT - 6,
            }
        )
    return {
        "width": CHART_WIDTH,
        "room": room,
        "value_x": room + 8,
        "height": len(regions) * row - ROW_GAP + 2,
        "font": FONT_SIZE,
        "bar_height": BAR_HEIGHT,
        "bars": bars,
    }
