"""The whole reuse loop, as people walk it: an adoption recorded, published and seen."""

import pytest
from django.core import mail
from django.urls import reverse

from adoptions.models import Adoption
from initiatives.models import Initiative
from partnerships.models import Municipality, Organisation
from portal.demo import load_demo
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_example():
    """A published demo example running in a place of its own (Aarhus), whose submitter
    has an e-mail address to be told at; the loop starts before anyone took anything up."""
    load_demo()
    Adoption.objects.all().delete()  # the demo's own adoptions; their signal resets the spread
    example = Initiative.objects.published().filter(nationwide=False).order_by("pk").first()
    example.submitted_by = UserFactory(email="indsender@bibliotek.example")
    example.save(update_fields=["submitted_by"])
    return example


def _record_adoption(client, example, user):
    """Fill in "Vi har også gjort det" as the form offers it: Skive, from March 2025."""
    client.force_login(user)
    url = reverse("adoptions:add", kwargs={"slug": example.slug})
    form = client.get(url).context["form"]
    data = {
        name: field.initial() if callable(field.initial) else field.initial
        for name, field in form.fields.items()
        if field.initial is not None
    }
    data.update(
        new_organisation="Frivilligcenter Skive",
        municipality=Municipality.objects.get(name="Skive").pk,
        started_month=3,
        started_year=2025,
        adaptation="Vi kører det med frivillige fra Ældre Sagen og kører ud hver fjortende dag.",
        result="32 faste lånere det første halve år.",
    )
    return client.post(url, data)


def test_an_adoption_goes_from_the_form_through_the_curator_to_every_page(
    client, demo_example, verified_user, curator, django_capture_on_commit_callbacks
):
    response = _record_adoption(client, demo_example, verified_user)
    assert response.status_code == 302
    adoption = Adoption.objects.get(initiative=demo_example)
    assert adoption.state == Adoption.State.SUBMITTED
    assert adoption.organisation == Organisation.objects.get(name="Frivilligcenter Skive")
    assert not adoption.organisation.confirmed
    mail.outbox.clear()

    # A curator publishes it from the adoption's page in the admin.
    client.force_login(curator)
    publish = reverse("admin:adoptions_adoption_moderate", args=[adoption.pk, "publish"])
    with django_capture_on_commit_callbacks(execute=True):  # the e-mails go after commit
        client.post(publish, {"apply": "1", "note": ""})
    adoption.refresh_from_db()
    assert adoption.state == Adoption.State.PUBLISHED
    client.logout()

    # The example's page shows it under Udbredelse.
    page = client.get(demo_example.get_absolute_url()).content.decode()
    spread = page[page.index('id="spread"') :]
    assert "Udbredelse" in page
    assert f'id="adoption-{adoption.pk}"' in spread
    assert "Vi kører det med frivillige fra Ældre Sagen" in spread
    assert "Skive" in spread

    # The list finds it as reused elsewhere, and puts it first among the most reused.
    listed = client.get(reverse("initiatives:list"), {"adopted": "yes"})
    assert [item.pk for item in listed.context["page"].object_list] == [demo_example.pk]
    ranked = client.get(reverse("initiatives:list"), {"sort": "adoptions"})
    assert ranked.context["page"].object_list[0].pk == demo_example.pk

    # /udbredelse/ counts it in Skive and in Region Midtjylland.
    where = client.get(reverse("adoptions:spread"))
    skive = reverse("initiatives:list", query={"municipality": "779", "nationwide": "no"})
    midtjylland = reverse("initiatives:list", query={"region": "midtjylland", "nationwide": "no"})
    regions = {region["slug"]: region for region in where.context["regions"]}
    places = {place["code"]: place for place in regions["midtjylland"]["municipalities"]}
    assert places["779"]["count"] == 1
    assert regions["midtjylland"]["count"] == 1  # Aarhus and Skive: one example, counted once
    assert skive.replace("&", "&amp;") in where.content.decode()
    assert midtjylland.replace("&", "&amp;") in where.content.decode()
    in_skive = client.get(skive)
    assert demo_example.pk in [item.pk for item in in_skive.context["page"].object_list]

    # And the example's submitter was told.
    told = [message for message in mail.outbox if "indsender@bibliotek.example" in message.to]
    assert len(told) == 1
    assert "Dit eksempel er genbrugt i Skive" in told[0].subject
