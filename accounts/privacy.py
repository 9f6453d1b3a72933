"""Personal data: what the portal holds about people, and the rules that remove it.

PERSONAL_FIELDS is the single list of what is personal (DESIGN.md). The privacy
page, the download and the purge rules below all follow it; a test fails when
a model gains an e-mail field or a link to a user that the list does not name.
"""

from django.apps import apps
from django.db import transaction
from django.db.models import Case, CharField, F, Q, Value, When
from django.utils import timezone

from portal.lib import pagecache

# model label -> the fields on it that say who someone is
PERSONAL_FIELDS = {
    "accounts.User": ("email", "username", "first_name", "last_name", "organisation"),
    "account.EmailAddress": ("email", "user"),
    "initiatives.Initiative": ("contact_name", "contact_email", "submitted_by", "reviewed_by"),
    "alerts.FollowedSearch": ("user",),
    "adoptions.Adoption": ("submitted_by", "reviewed_by"),
}

# E-mail fields that are not personal data: an organisation's general address
# (info@…), which anonymous visitors see so that they can reach it.
ORGANISATION_FIELDS = {"partnerships.Organisation": ("email",)}

# Shown to signed-in users only, never to anonymous visitors, in exports or feeds,
# and purged from the change history when they change.
CONTACT_FIELDS = ("contact_name", "contact_email")

# Every historical model has a history_user that Django sets to NULL when the
# user goes (simple_history's default on_delete); these keep a user id without
# a database constraint, so deleting the user leaves it behind unless cleared.
HISTORY_USER_IDS = ("submitted_by", "reviewed_by")


def _historical_initiative():
    return apps.get_model("initiatives", "HistoricalInitiative")


def purge_old_contact_details(initiative):
    """Blank the contact name and e-mail in older history records that differ from today's.

    Runs after every saved version of an example, so a changed contact person
    survives nowhere: one UPDATE, and none when nothing older differs.
    """
    name, email = initiative.contact_name, initiative.contact_email
    stale_name = ~Q(contact_name="") & ~Q(contact_name=name)
    stale_email = ~Q(contact_email="") & ~Q(contact_email=email)
    _historical_initiative().objects.filter(stale_name | stale_email, id=initiative.pk).update(
        contact_name=Case(
            When(stale_name, then=Value("")), default=F("contact_name"), output_field=CharField()
        ),
        contact_email=Case(
            When(stale_email, then=Value("")), default=F("contact_email"), output_field=CharField()
        ),
    )


def purge_contact_history(sender, instance, history_instance, **kwargs):
    """simple_history's post_create_historical_record, for examples (see AccountsConfig)."""
    purge_old_contact_details(instance)


def export_user_data(user):
    """Return everything the portal holds about `user`, as JSON-ready data.

    Only this user's rows: their account, their e-mail addresses, the
    examples they submitted, with the contact details they gave, the
    adoptions they recorded, and the searches they follow.
    """
    from allauth.account.models import EmailAddress

    from alerts.models import describe
    from initiatives.models import Initiative

    def date(value):
        return value.isoformat() if value else None

    examples = Initiative.objects.filter(submitted_by=user).order_by("created_at", "pk")
    return {
        "exported_at": date(timezone.now()),
        "account": {
            "email": user.email,
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "organisation": user.organisation.name if user.organisation else None,
            "date_joined": date(user.date_joined),
            "last_login": date(user.last_login),
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "examples": [
            {
                "title": example.title,
                "state": example.state,
                "address": example.get_absolute_url(),
                "contact_name": example.contact_name,
                "contact_email": example.contact_email,
                "created_at": date(example.created_at),
                "updated_at": date(example.updated_at),
                "submitted_at": date(example.submitted_at),
                "published_at": date(example.published_at),
            }
            for example in examples
        ],
        "adoptions": _adoptions_of(user, date),
        "followed_searches": [
            {
                "search": search.description,
                "address": search.list_url(),
                "query": search.query,
                "frequency": search.frequency,
                "language": search.language,
                "followed_at": date(search.created_at),
                "checked_until": date(search.checked_until),
                "last_sent_at": date(search.last_sent_at),
            }
            for search in describe(user.followed_searches.order_by("created_at", "pk"))
        ],
    }


def _adoptions_of(user, date):
    from adoptions.models import Adoption

    adoptions = Adoption.objects.filter(submitted_by=user).select_related(
        "initiative", "organisation", "municipality"
    )
    return [
        {
            "example": adoption.initiative.title,
            "organisation": adoption.organisation.name,
            "place": str(adoption.place),
            "state": adoption.state,
            "address": adoption.get_absolute_url(),
            "created_at": date(adoption.created_at),
            "submitted_at": date(adoption.submitted_at),
            "published_at": date(adoption.published_at),
        }
        for adoption in adoptions.order_by("created_at", "pk")
    ]


def _delete_adoptions_of(user):
    """Keep their published adoptions without a sender; delete the others and their files.

    A published adoption is the organisation's story, not the person's: it
    stays, as a published example does.
    """
    from adoptions.models import Adoption, HistoricalAdoption

    theirs = Adoption.objects.filter(submitted_by=user)
    theirs.filter(state=Adoption.State.PUBLISHED).update(submitted_by=None)
    unpublished = theirs.exclude(state=Adoption.State.PUBLISHED)
    files = [name for name in unpublished.values_list("attachment", flat=True) if name]
    gone = list(unpublished.values_list("pk", flat=True))
    unpublished.delete()
    HistoricalAdoption.objects.filter(id__in=gone).delete()
    for field in HISTORY_USER_IDS:
        HistoricalAdoption.objects.filter(**{f"{field}_id": user.pk}).update(
            **{f"{field}_id": None}
        )
    if files:
        storage = Adoption._meta.get_field("attachment").storage
        transaction.on_commit(lambda: [storage.delete(name) for name in files])


@transaction.atomic
def delete_account(user):
    """Delete `user` and what is theirs; keep their published examples, anonymised.

    Published examples stay without contact details and without a submitter
    (shown as a deleted user); every other example of theirs is deleted with
    its history, links and attachments (the files go after commit). The
    change history loses the contact details of all their examples and every
    trace of their user id; allauth's e-mail addresses and the searches they
    follow go with the user. Their adoptions go the same way as their examples.
    """
    from initiatives.models import Attachment, Initiative

    HistoricalInitiative = _historical_initiative()
    theirs = Initiative.objects.filter(submitted_by=user)
    published = theirs.filter(state=Initiative.State.PUBLISHED)
    unpublished_ids = list(
        theirs.exclude(state=Initiative.State.PUBLISHED).values_list("pk", flat=True)
    )
    kept_ids = list(published.values_list("pk", flat=True))

    # update(), not save(): the anonymising itself should not become a new
    # history record that names the user as its author.
    published.update(submitted_by=None, **dict.fromkeys(CONTACT_FIELDS, ""))
    pagecache.invalidate()  # update() sends no signal

    files = list(
        Attachment.objects.filter(initiative__in=unpublished_ids).values_list("file", flat=True)
    )
    Initiative.objects.filter(pk__in=unpublished_ids).delete()
    for model in ("HistoricalLink", "HistoricalAttachment"):
        apps.get_model("initiatives", model).objects.filter(
            initiative_id__in=unpublished_ids
        ).delete()
    HistoricalInitiative.objects.filter(id__in=unpublished_ids).delete()

    HistoricalInitiative.objects.filter(id__in=kept_ids).update(**dict.fromkeys(CONTACT_FIELDS, ""))
    for field in HISTORY_USER_IDS:
        HistoricalInitiative.objects.filter(**{f"{field}_id": user.pk}).update(
            **{f"{field}_id": None}
        )

    _delete_adoptions_of(user)
    user.delete()  # cascades to EmailAddress and FollowedSearch; history_user becomes NULL

    if files:
        storage = Attachment._meta.get_field("file").storage
        transaction.on_commit(lambda: [storage.delete(name) for name in files if name])
