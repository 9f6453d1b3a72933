"""The site's own pages, in every language (English under /en/)."""

from django.urls import path
from django.views.generic import TemplateView

from initiatives import knowledge
from initiatives.models import Initiative
from portal import contact, views

urlpatterns = [
    path("", views.home, name="home"),
    path("om/", views.about, name="about"),
    path("tilgaengelighed/", views.accessibility, name="accessibility"),
    path("privatliv/", views.privacy, name="privacy"),
    path("kontakt/", contact.contact, name="contact"),
    # What each evidence level requires; every evidence badge links here. Below
    # them, what the knowledge declaration's levels and the transferability mean.
    path(
        "evidens/",
        TemplateView.as_view(
            template_name="portal/evidence.html",
            extra_context={
                "levels": Initiative.Evidence,
                "knowledge_levels": knowledge.Level,
                "dimensions": knowledge.DIMENSIONS,
                "transferability": Initiative.Transferability,
            },
        ),
        name="evidence",
    ),
]
