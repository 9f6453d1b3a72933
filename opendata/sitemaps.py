"""sitemap.xml: every public page, in Danish and English, each naming the other.

Django's i18n sitemaps read every item to page through them (100 000
examples for each page of the sitemap); these page through the database
instead, a page of items at a time, and give both languages of each item.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from django.utils import translation

from initiatives.models import Initiative
from partnerships.models import Organisation, Partnership


class Bilingual(Sitemap):
    # Items per sitemap page; each gives one address per language, and a
    # sitemap holds at most 50 000 addresses.
    limit = 5000
    languages = [code for code, _name in settings.LANGUAGES]

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    def location_in(self, item, language):
        with translation.override(language):
            return self.location(item)

    def location(self, item):
        return item.get_absolute_url()

    # Overrides Sitemap._urls (Django 5.2): the one place that turns a page of
    # items into addresses.
    def _urls(self, page, protocol, domain):
        urls = []
        for item in self.paginator.page(page).object_list:
            where = {
                code: f"{protocol}://{domain}{self.location_in(item, code)}"
                for code in self.languages
            }
            alternates = [{"lang_code": code, "location": url} for code, url in where.items()]
            alternates.append({"lang_code": "x-default", "location": where[settings.LANGUAGE_CODE]})
            lastmod = self.lastmod(item) if hasattr(self, "lastmod") else None
            urls += [
                {"item": item, "location": url, "lastmod": lastmod, "alternates": alternates}
                for url in where.values()
            ]
        return urls


class ExampleSitemap(Bilingual):
    def items(self):
        return Initiative.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, initiative):
        return initiative.updated_at

    def get_latest_lastmod(self):
        return Initiative.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class OrganisationSitemap(Bilingual):
    def items(self):
        return Organisation.objects.confirmed().only("slug", "updated_at").order_by("pk")

    def lastmod(self, organisation):
        return organisation.updated_at


class PartnershipSitemap(Bilingual):
    def items(self):
        return Partnership.objects.only("slug", "updated_at").order_by("pk")

    def lastmod(self, partnership):
        return partnership.updated_at


class PageSitemap(Bilingual):
    """The pages that are not about one row: home, the lists, the information pages."""

    def items(self):
        return [
            "home",
            "initiatives:list",
            "partnerships:list",
            "partnerships:organisation_list",
            "adoptions:spread",
            "opendata:about",
            "evidence",
            "about",
            "accessibility",
            "privacy",
            "contact",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "sider": PageSitemap,
    "eksempler": ExampleSitemap,
    "organisationer": OrganisationSitemap,
    "partnerskaber": PartnershipSitemap,
}
