"""Example cards: the one way a list shows an example, rendered once per change.

A card shows an example's category, title, summary (or, in a search, the
part that matched), where it runs, whom it is for, its evidence, its best
and least known dimensions, and its cost. Reading
what a card shows through two prefetches of model instances, and rendering
twenty cards, was half of a list page's time; so a card's HTML is kept in the
cache per example and language under the page cache's generation
(portal.lib.pagecache), which every change moves on, and a page reads its
cards with one `get_many`. Only the examples whose card is not kept are read
further: their target groups and municipalities as names, in one query each.

A card's text (its summary cut to 40 words, or in a search the snippet with
the searched words marked) is not kept: the kept card has a slot for it,
filled for each request, so a search's cards are kept with the rest.
"""

import logging
from collections import defaultdict

from django.conf import settings
from django.core.cache import cache
from django.template.loader import get_template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language

from initiatives import knowledge
from initiatives.models import Initiative, local_name
from portal.lib import pagecache

logger = logging.getLogger(__name__)

TEMPLATE = "initiatives/_card.html"
# Where a card's text goes: a constant HTML comment, which no escaped text can forge.
TEXT_SLOT = mark_safe("<!--card-text-->")  # nosec B308
SUMMARY_WORDS = 40


def render(context, initiatives):
    """The cards of these examples, in their order, as HTML."""
    initiatives = list(initiatives)
    keys = _keys(initiatives)
    kept = _read(keys.values())
    missing = [item for item in initiatives if keys.get(item.pk) not in kept]
    fresh = _render(context, missing)
    _keep({keys[pk]: html for pk, html in fresh.items() if pk in keys})
    return [
        (kept.get(keys.get(item.pk)) or fresh[item.pk]).replace(TEXT_SLOT, _text(item), 1)
        for item in initiatives
    ]


def _text(initiative):
    """A search's snippet (escaped and marked already), else the summary's first words."""
    snippet = getattr(initiative, "snippet", None)
    if snippet:
        return snippet
    return conditional_escape(Truncator(initiative.summary).words(SUMMARY_WORDS, truncate=" …"))


def _keys(initiatives):
    """{pk: cache key} for the cards that may be kept: none if nothing may be."""
    if not settings.PAGE_CACHE_SECONDS:
        return {}
    generation = pagecache.generation()
    if generation is None:
        return {}
    language = get_language()
    return {item.pk: f"card:{generation}:{language}:{item.pk}" for item in initiatives}


def _read(keys):
    if not keys:
        return {}
    try:
        return cache.get_many(list(keys))
    except Exception:  # a cache outage costs speed, never the page
        logger.warning("card cache unavailable", exc_info=True)
        return {}


def _keep(cards):
    if not cards:
        return
    try:
        cache.set_many(cards, timeout=settings.PAGE_CACHE_SECONDS)
    except Exception:
        logger.warning("card cache unavailable", exc_info=True)


def _render(context, initiatives):
    if not initiatives:
        return {}
    attach_names(initiatives)
    template = get_template(TEMPLATE).template
    rendered = {}
    for initiative in initiatives:
        initiative.known_extremes = knowledge.extremes(initiative)
        with context.push(initiative=initiative, text=TEXT_SLOT):
            rendered[initiative.pk] = template.render(context)
    return rendered


def attach_names(initiatives):
    """Give each example `target_group_names` and `municipality_names`, in their order.

    Two queries for all of them, reading names only.
    """
    ids = [initiative.pk for initiative in initiatives]
    groups, places = defaultdict(list), defaultdict(list)
    target_groups = Initiative.target_groups.through.objects.filter(initiative_id__in=ids)
    for pk, name, name_en in target_groups.order_by(
        "targetgroup__position", "targetgroup__name"
    ).values_list("initiative_id", "targetgroup__name", "targetgroup__name_en"):
        groups[pk].append(local_name(name, name_en))
    municipalities = Initiative.municipalities.through.objects.filter(initiative_id__in=ids)
    for pk, name in municipalities.order_by("municipality__name").values_list(
        "initiative_id", "municipality__name"
    ):
        places[pk].append(name)
    for initiative in initiatives:
        initiative.target_group_names = groups[initiative.pk]
        initiative.municipality_names = places[initiative.pk]
