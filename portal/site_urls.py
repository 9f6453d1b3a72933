"""The site's own pages, in every language (English under /en/)."""

from django.urls import path

from portal import views

urlpatterns = [
    path("", views.home, name="home"),
    path("om/", views.about, name="about"),
    path("tilgaengelighed/", views.accessibility, name="accessibility"),
    path("privatliv/", views.privacy, name="privacy"),
    path("kontakt/", views.contact, name="contact"),
]
