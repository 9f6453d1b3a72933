"""Addresses crawlers and catalogues expect at the site's root, the same in every language."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from opendata import views
from opendata.sitemaps import SITEMAPS

urlpatterns = [
    path("robots.txt", views.robots, name="robots"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("data/dcat.rdf", views.dcat, name="dcat"),
]
