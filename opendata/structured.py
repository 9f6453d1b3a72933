"""schema.org descriptions (JSON-LD) of examples, organisations and the dataset.

Search engines and catalogues read these from the page's <head>; they hold
what the page itself shows to anonymous visitors and nothing more.
"""

from django.conf import settings
from django.urls import reverse

from opendata import licence
from partnerships.models import Organisation

# schema.org has no type for most kinds; Organization is its honest default.
ORGANISATION_TYPES = {
    Organisation.Kind.LIBRARY: "Library",
    Organisation.Kind.MUNICIPALITY: "GovernmentOrganization",
    Organisation.Kind.STATE: "GovernmentOrganization",
    Organisation.Kind.NGO: "NGO",
    Organisation.Kind.FOUNDATION: "NGO",
    Organisation.Kind.RESEARCH: "EducationalOrganization",
    Organisation.Kind.COMPANY: "Corporation",
}


def absolute(path):
    return settings.SITE_URL + path


def portal():
    return {"@type": "Organization", "name": "Gode eksempler", "url": absolute("/")}


def organisation(org, *, full=False):
    """An organisation, linked to its page when the portal has one (confirmed organisations)."""
    described = {
        "@type": ORGANISATION_TYPES.get(org.kind, "Organization"),
        "name": org.name,
    }
    if org.confirmed:
        described["url"] = absolute(org.get_absolute_url())
    if full:
        described["@context"] = "https://schema.org"
        if org.description:
            described["description"] = org.description
        if org.website:
            described["sameAs"] = org.website
        if org.municipality_id:
            described["areaServed"] = {"@type": "AdministrativeArea", "name": org.municipality.name}
    return described


def example(initiative):
    """A published example as a CreativeWork: what, for whom, where, by whom, and its licence."""
    places = [
        {"@type": "AdministrativeArea", "name": place.name}
        for place in initiative.municipalities.all()
    ]
    if initiative.nationwide:
        places.append({"@type": "Country", "name": "Danmark"})
    organisations = [initiative.lead_organisation, *initiative.partner_organisations.all()]
    described = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": initiative.title,
        "description": initiative.summary,
        "url": absolute(initiative.get_absolute_url()),
        "inLanguage": "da",
        "genre": initiative.category.name,
        "audience": [
            {"@type": "Audience", "audienceType": group.name}
            for group in initiative.target_groups.all()
        ],
        "spatialCoverage": places,
        "creator": [organisation(org) for org in organisations if org is not None],
        "publisher": portal(),
        "license": licence.URL,
        "isPartOf": {"@type": "Dataset", "name": "Gode eksempler", "url": absolute(_about())},
    }
    if initiative.published_at:
        described["datePublished"] = initiative.published_at.isoformat()
    described["dateModified"] = initiative.updated_at.isoformat()
    return described


def dataset(distributions):
    """The portal's examples as a Dataset with its downloads ([(name, url, media type)])."""
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": "Gode eksempler",
        "description": (
            "Gode eksempler på bibliotekers initiativer for udsatte og ensomme mennesker, "
            "samlet af danske biblioteker og deres partnere."
        ),
        "url": absolute(_about()),
        "inLanguage": "da",
        "license": licence.URL,
        "isAccessibleForFree": True,
        "creator": portal(),
        "spatialCoverage": {"@type": "Country", "name": "Danmark"},
        "distribution": [
            {"@type": "DataDownload", "name": name, "contentUrl": url, "encodingFormat": media}
            for name, url, media in distributions
        ],
    }


def _about():
    return reverse("opendata:about")
