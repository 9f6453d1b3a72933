"""Followed searches ("Følg denne søgning"): an examples list a user wants e-mail about.

A followed search stores the list's parameters in the normalised form that
initiatives.listing gives them, so two addresses that show the same list are
one followed search. Its `checked_until` is the watermark of the digests:
only examples published after it are new to the next one.
"""

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, models, transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from initiatives.filters import InitiativeFilter
from initiatives.listing import name_terms
from initiatives.models import Initiative

# The unsubscribe links are signed with this salt, so no other signed value of
# the portal can stand in for one.
UNSUBSCRIBE_SALT = "alerts.unsubscribe"
# A stored query is a key of a unique index; PostgreSQL's B-tree refuses a row of
# more than about 2 700 bytes, and no list a person builds comes near this.
QUERY_MAX_LENGTH = 2000
SUBJECT_NAME_LENGTH = 80


class CannotFollow(Exception):
    """Following was refused; str() is a sentence for the user, in their language."""


class AlreadyFollowed(CannotFollow):
    pass


class Naming:
    """Names stored queries in words, as the examples list's chips name its filters.

    One InitiativeFilter gives the labels of every filter and option (its
    option lists come from the facet index, or five queries without one), so
    a page names any number of searches at the cost of one. Make it inside the
    language the words are for.
    """

    def __init__(self):
        self.filterset = InitiativeFilter(QueryDict(), queryset=Initiative.objects.none())

    def parts(self, query):
        """[(label, value)] of a stored query: the search text first, the order last."""
        pairs = [(name, value) for name, values in QueryDict(query).lists() for value in values]
        return name_terms(self.filterset, pairs)

    def description(self, query):
        """'Search: “lektiehjælp” · Category: Lektiehjælp', or 'All examples'."""
        parts = self.parts(query)
        if not parts:
            return gettext("All examples")
        return " · ".join(f"{label}: {value}" for label, value in parts)

    def short(self, query):
        """The values alone, for an e-mail's subject: '“lektiehjælp”, Lektiehjælp'."""
        values = [value for _label, value in self.parts(query)]
        name = ", ".join(values) if values else gettext("All examples")
        return Truncator(name).chars(SUBJECT_NAME_LENGTH)


def describe(searches):
    """Give each followed search its description, naming them all with one Naming."""
    searches = list(searches)
    naming = Naming()
    for search in searches:
        search.description = naming.description(search.query)
    return searches


class FollowedSearchQuerySet(models.QuerySet):
    def due(self, frequency):
        """The searches of this frequency whose owner can get e-mail: active, with an address."""
        return self.filter(frequency=frequency, user__is_active=True).exclude(user__email="")

    def refusal(self, *, user, query):
        """Why `user` may not follow `query` (a sentence), or None if they may."""
        if len(query) > QUERY_MAX_LENGTH:
            return gettext("This search is too long to follow. Use fewer filters.")
        if self.filter(user=user).count() >= FollowedSearch.MAX_PER_USER:
            return gettext(
                "You follow %(count)d searches, the most one account can. "
                "Stop following one under My searches first."
            ) % {"count": FollowedSearch.MAX_PER_USER}
        return None

    def follow(self, *, user, query, frequency, language):
        """Follow `query` (normalised) for `user`; raise CannotFollow when it may not be."""
        if self.filter(user=user, query=query).exists():
            raise AlreadyFollowed(gettext("You already follow this search."))
        if refusal := self.refusal(user=user, query=query):
            raise CannotFollow(refusal)
        try:
            with transaction.atomic():
                return self.create(user=user, query=query, frequency=frequency, language=language)
        except IntegrityError:  # the same form sent twice at once: the unique constraint
            raise AlreadyFollowed(gettext("You already follow this search.")) from None


class FollowedSearch(models.Model):
    """An examples list (its search, filters and order) that a user gets e-mail about."""

    class Frequency(models.TextChoices):
        DAILY = "daily", _("daily")
        WEEKLY = "weekly", _("weekly")

    # Each search costs the digest run a query; this keeps one account's share small.
    MAX_PER_USER = 50

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="followed_searches",
    )
    query = models.CharField(
        _("query"),
        max_length=QUERY_MAX_LENGTH,
        blank=True,
        help_text=_("The examples list's parameters, normalised; empty for all examples."),
    )
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency, default=Frequency.WEEKLY
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the page it was followed from, and of its e-mails."),
    )
    created_at = models.DateTimeField(_("followed since"), auto_now_add=True)
    checked_until = models.DateTimeField(
        _("checked until"),
        default=timezone.now,
        help_text=_("Examples published after this are new to the next e-mail."),
    )
    last_sent_at = models.DateTimeField(_("last e-mail"), null=True, blank=True)

    objects = FollowedSearchQuerySet.as_manager()

    class Meta:
        verbose_name = _("followed search")
        verbose_name_plural = _("followed searches")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "query"], name="followed_search_once_per_user")
        ]

    def __str__(self):
        return self.description

    def get_absolute_url(self):
        return self.list_url()

    @cached_property
    def description(self):
        """The search in words; describe() sets it for many searches at the cost of one."""
        return Naming().description(self.query)

    @property
    def params(self):
        """The stored query as the examples list reads its parameters."""
        return QueryDict(self.query)

    def list_url(self):
        """The examples list this search shows, in the current language."""
        path = reverse("initiatives:list")
        return f"{path}?{self.query}" if self.query else path

    def unsubscribe_url(self):
        """The one-click address that stops this search's e-mails, without a login."""
        token = signing.Signer(salt=UNSUBSCRIBE_SALT).sign(str(self.pk))
        return reverse("alerts:unsubscribe", kwargs={"token": token})

    @staticmethod
    def pk_from_token(token):
        """The primary key an unsubscribe token names, or None if it was not signed here."""
        try:
            return int(signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token))
        except (signing.BadSignature, ValueError):
            return None

    def advance(self, until):
        """Move the watermark to `until`; False if another run of the digests moved it first.

        Compare-and-set, so two runs at once (an overlapping cron job) send one digest.
        """
        moved = FollowedSearch.objects.filter(pk=self.pk, checked_until=self.checked_until).update(
            checked_until=until
        )
        self.checked_until = until
        return bool(moved)

    advance.alters_data = True

    def mark_sent(self):
        self.last_sent_at = timezone.now()
        FollowedSearch.objects.filter(pk=self.pk).update(last_sent_at=self.last_sent_at)

    mark_sent.alters_data = True

    def set_frequency(self, frequency):
        self.frequency = frequency
        self.save(update_fields=["frequency"])

    set_frequency.alters_data = True
