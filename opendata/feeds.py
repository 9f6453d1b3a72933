"""Atom feeds of newly published examples, for any list address (the same parameters),
and of newly published adoptions: where others took an example up.

A reader subscribes to /eksempler/feed/?category=lektiehjaelp and hears of each
new example the list /eksempler/?category=lektiehjaelp would show, newest first.
"""

from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks
from django.utils.translation import gettext as _

from adoptions.models import Adoption
from initiatives.listing import Listing
from opendata import licence

# A feed reader asks often and needs only what is new since it last asked.
FEED_SIZE = 30


def feed_url(params):
    """The feed's address for a list's understood parameters ([(name, value)])."""
    query = urlencode(params)
    return reverse("opendata:feed") + (f"?{query}" if query else "")


class ExamplesFeed(Feed):
    feed_type = Atom1Feed

    def author_name(self):
        return _("Gode eksempler")

    def get_object(self, request):
        return Listing(request.GET)

    def title(self, listing):
        described = listing.describe()
        if described:
            return _("Good examples: %(search)s") % {"search": described}
        return _("Good examples")

    def subtitle(self, listing):
        return _(
            "Newly published good examples of library initiatives for vulnerable and lonely "
            "people, shared under %(licence)s."
        ) % {"licence": licence.NAME}

    def link(self, listing):
        query = urlencode(listing.canonical_params())
        return reverse("initiatives:list") + (f"?{query}" if query else "")

    def feed_url(self, listing):
        return feed_url(listing.canonical_params())

    def feed_copyright(self):
        return f"{licence.NAME} {licence.URL}"

    def items(self, listing):
        # Newest first whatever the list's sort: a feed is about what is new.
        return (
            listing.matches()
            .select_related("category", "lead_organisation")
            .only(
                "slug",
                "title",
                "summary",
                "published_at",
                "updated_at",
                "category__name",
                "lead_organisation__name",
            )
            .order_by("-published_at", "pk")[:FEED_SIZE]
        )

    def item_title(self, initiative):
        return initiative.title

    def item_description(self, initiative):
        return initiative.summary

    def item_link(self, initiative):
        return initiative.get_absolute_url()

    def item_pubdate(self, initiative):
        return initiative.published_at

    def item_updateddate(self, initiative):
        return initiative.updated_at

    def item_author_name(self, initiative):
        organisation = initiative.lead_organisation
        return organisation.name if organisation else _("Gode eksempler")

    def item_categories(self, initiative):
        return [initiative.category.name]


class AdoptionsFeed(Feed):
    """Newly published adoptions of published examples: who took up which example, where."""

    feed_type = Atom1Feed

    def author_name(self):
        return _("Gode eksempler")

    def title(self):
        return _("Good examples taken up elsewhere")

    def subtitle(self):
        return _(
            "Where others have taken up a good example, and how they adapted it; "
            "shared under %(licence)s."
        ) % {"licence": licence.NAME}

    def link(self):
        return reverse("adoptions:spread")

    def feed_url(self):
        return reverse("opendata:adoptions_feed")

    def feed_copyright(self):
        return f"{licence.NAME} {licence.URL}"

    def items(self):
        # What the example's page shows of an adoption, and nothing about who told it.
        return (
            Adoption.objects.of_public_examples()
            .select_related("initiative", "organisation", "municipality")
            .only(
                "nationwide",
                "adaptation",
                "published_at",
                "initiative__slug",
                "initiative__title",
                "organisation__name",
                "municipality__name",
            )
            .order_by("-published_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, adoption):
        names = {"organisation": adoption.organisation.name, "example": adoption.initiative.title}
        if adoption.nationwide:
            return _("%(organisation)s took up %(example)s nationwide") % names
        return _("%(organisation)s took up %(example)s in %(place)s") % {
            **names,
            "place": adoption.municipality.name,
        }

    def item_description(self, adoption):
        # An Atom summary of type html: what they wrote is text, so it is escaped.
        return linebreaks(adoption.adaptation, autoescape=True)

    def item_link(self, adoption):
        return adoption.get_absolute_url()

    def item_pubdate(self, adoption):
        return adoption.published_at

    def item_updateddate(self, adoption):
        return adoption.published_at

    def item_author_name(self, adoption):
        return adoption.organisation.name
