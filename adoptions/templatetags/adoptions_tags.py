"""The spread on other apps' pages: an example's "Spread" section, an organisation's.

The initiatives and partnerships apps never import adoptions; their
templates load this library instead ({% load adoptions_tags %}).
"""

from django import template
from django.utils.translation import gettext, ngettext

from adoptions import spread

register = template.Library()


@register.inclusion_tag("adoptions/_spread.html", takes_context=True)
def example_spread(context, initiative):
    """The "Spread" section of a published example: who took it up, how, and where it runs.

    A fixed number of queries whatever the number of adoptions: none for an
    example nobody has taken up (the counts are kept on the example), else
    the newest stories, the organisations and the places, one query each.
    """
    shown = {"CONTENT_LANG": context.get("CONTENT_LANG", ""), "initiative": initiative}
    if not initiative.is_public:
        return {**shown, "shown": False}
    if not initiative.reuse_count:
        return {**shown, "shown": True, "places": spread.municipalities_of(initiative)}
    stories = spread.stories_of(initiative)
    adopters = spread.adopters_of(initiative)
    return {
        **shown,
        "shown": True,
        "summary": _summary(
            adopters["organisations"], initiative.reused_in_count, adopters["nationwide"]
        ),
        "stories": stories,
        "all_stories": initiative.reuse_count,
        "places": spread.municipalities_of(initiative),
    }


def _summary(organisations, municipalities, nationwide):
    """ "Taken up by 3 organisations in 2 municipalities.", and how many of it nationwide."""
    who = ngettext("%(count)s organisation", "%(count)s organisations", organisations) % {
        "count": organisations
    }
    if not municipalities:
        return gettext("Taken up nationwide by %(organisations)s.") % {"organisations": who}
    where = ngettext("%(count)s municipality", "%(count)s municipalities", municipalities) % {
        "count": municipalities
    }
    summary = gettext("Taken up by %(organisations)s in %(municipalities)s.") % {
        "organisations": who,
        "municipalities": where,
    }
    if nationwide:
        summary += " " + ngettext(
            "One of them runs it nationwide.",
            "%(count)s of them run it nationwide.",
            nationwide,
        ) % {"count": nationwide}
    return summary


@register.inclusion_tag("adoptions/_organisation_spread.html")
def organisation_spread(organisation):
    """ "Our examples are reused in …": where others took up the organisation's examples,
    by region; nothing when no one has. One query."""
    return {"spread": spread.organisation_spread(organisation)}
