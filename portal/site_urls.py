from django.urls import path

from portal import views

urlpatterns = [
    path("", views.home, name="home"),
    path("om/", views.about, name="about"),
    path("tilgaengelighed/", views.accessibility, name="accessibility"),
    path("privatliv/", views.privacy, name="privacy"),
    path("kontakt/", views.contact, name="contact"),
    path("healthz", views.healthz, name="healthz"),
    # Browsers and the admin ask for /favicon.ico whatever the page links.
    path("favicon.ico", views.favicon),
]
