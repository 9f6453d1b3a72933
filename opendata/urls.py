"""Exports, feeds and the catalogue record, in every language (English under /en/)."""

from django.urls import path

from opendata import feeds, views

app_name = "opendata"
urlpatterns = [
    # Each takes the examples list's own parameters and holds what the list shows.
    path("eksempler/eksport.csv", views.export_csv, name="csv"),
    path("eksempler/eksport-excel.csv", views.export_excel_csv, name="excel_csv"),
    path("eksempler/eksport.json", views.export_json, name="json"),
    path("eksempler/feed.atom", feeds.ExamplesFeed(), name="feed"),
    # Where the examples were taken up: every published adoption, no parameters.
    path("udbredelse/eksport.csv", views.export_adoptions_csv, name="adoptions_csv"),
    path(
        "udbredelse/eksport-excel.csv",
        views.export_adoptions_excel_csv,
        name="adoptions_excel_csv",
    ),
    path("udbredelse/feed.atom", feeds.AdoptionsFeed(), name="adoptions_feed"),
    path("data/", views.about, name="about"),
]
