"""Synthetic good examples at national scale, for the benchmark (issue #14).

`generate(count=N, seed=S)` adds N published examples with Danish titles and
texts built from the word lists below, spread over the existing categories,
target groups and municipalities, over organisations and partnerships it adds
(about one organisation per 50 examples, one partnership per 500), some
nationwide, with partner organisations. The common words occur as often as in
real examples: "bibliotek" is in nearly every one, so a search for it matches
most rows, as it will in production.

The same seed on the same database gives the same rows. Rows go in with
bulk_create in batches, bypassing save() and its search rebuild per example:
search_names and search_text are built here with initiatives.search, and the
weighted search_vector with one UPDATE per batch (PostgreSQL only).
"""

import contextlib
import datetime as dt
import random
import time
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import connection, transaction

from initiatives import search
from initiatives.models import Category, Initiative, TargetGroup
from partnerships.models import Membership, Municipality, Organisation, Partnership
from portal.lib.text import danish_slugify

BATCH = 2000
EXAMPLES_PER_ORGANISATION = 50
EXAMPLES_PER_PARTNERSHIP = 500
TZ = ZoneInfo("Europe/Copenhagen")
FIRST_YEAR, LAST_YEAR = 2012, 2025

# What the examples are about: (noun in titles, the activity in sentences).
ACTIVITIES = [
    ("Læseklub", "en læseklub"),
    ("Lektiecafé", "en lektiecafé"),
    ("Bogbus", "en bogbus"),
    ("Biblioteket Kommer", "Biblioteket Kommer"),
    ("Digital hjælp", "digital hjælp"),
    ("IT-café", "en IT-café"),
    ("Højtlæsning", "højtlæsning"),
    ("Fortællecafé", "en fortællecafé"),
    ("Bogpakker", "bogpakker"),
    ("Depotudlån", "depotudlån"),
    ("Filmklub", "en filmklub"),
    ("Strikkecafé", "en strikkecafé"),
    ("Sprogcafé", "en sprogcafé"),
    ("Skrivekursus", "et skrivekursus"),
    ("Lydbogsklub", "en lydbogsklub"),
    ("Spilleaften", "en spilleaften"),
    ("Læsekreds", "en læsekreds"),
    ("Familieværksted", "et familieværksted"),
    ("Gåtur med bøger", "gåture med bøger"),
    ("Telefonvenner", "telefonvenner"),
    ("Jobcafé", "en jobcafé"),
    ("Borgerservice i biblioteket", "borgerservice i biblioteket"),
    ("Makerspace", "et makerspace"),
    ("Erindringsværksted", "et erindringsværksted"),
    ("Læsehund", "læsehunde"),
    ("Babysalmesang", "babysalmesang"),
    ("Foredragsrække", "en foredragsrække"),
    ("Bibliotekshaven", "en fælles have ved biblioteket"),
]
WHO = [
    "ældre",
    "børnefamilier",
    "unge",
    "nydanskere",
    "ensomme",
    "plejehjemsbeboere",
    "studerende",
    "ordblinde",
    "seniorer",
    "pårørende",
    "udsatte børn",
    "ikke-læsere",
    "borgere med handicap",
    "nye forældre",
    "ledige",
]
TITLE_FORMS = [
    "{activity} for {who}",
    "{activity} for {who} i {place}",
    "{activity} i {place}",
    "{activity} på biblioteket",
    "{activity}: {who} mødes på biblioteket",
    "Sammen om {lower}",
    "{activity} og fællesskab",
    "{activity} – {place}",
]
# Sentences; "biblioteket" in most of them, as in the real examples.
OPENINGS = [
    "Biblioteket tilbyder {lower} for {who} i {place}.",
    "{place} Bibliotek har startet {lower} for {who}.",
    "Bibliotekerne i {place} inviterer {who} til {lower}.",
    "Sammen med frivillige driver biblioteket {lower} for {who}.",
    "Med {lower} når biblioteket ud til {who}, der ellers ikke kommer på biblioteket.",
]
MIDDLES = [
    "Deltagerne mødes hver uge og taler om bøger, hverdag og fællesskab.",
    "Tilbuddet er gratis og kræver ingen tilmelding.",
    "Bibliotekaren vælger materialer, der passer til gruppen.",
    "Frivillige hjælper med kaffe, samtale og praktiske opgaver.",
    "Aktiviteten foregår i bibliotekets lokaler eller online.",
    "Mange deltagere fortæller, at de har fået nye venner.",
    "Samarbejdet med kommunens sundhedsplejersker giver kontakt til nye familier.",
    "Materialerne kan lånes med hjem, og biblioteket bringer dem ud til dem, der ikke kan komme.",
    "Tilbuddet bygger på erfaringer fra andre biblioteker i landet.",
    "Der er plads til ti til femten deltagere ad gangen.",
    "Ensomhed og isolation mindskes, når borgere mødes om læsning.",
    "Biblioteket låner udstyr ud, så alle kan være med digitalt.",
    "Lokale foreninger står for en del af programmet.",
    "Forløbet slutter med en fælles afslutning og en udstilling på biblioteket.",
    "Personalet er uddannet i at tale med sårbare borgere.",
    "Invitationer sendes via skoler, plejecentre og sociale medier.",
]
OUTCOMES = [
    "Deltagerne læser mere og føler sig mindre ensomme.",
    "Flere borgere bruger biblioteket og dets digitale tilbud.",
    "En evaluering viser høj tilfredshed blandt deltagerne.",
    "Tilbuddet er blevet en fast del af bibliotekets program.",
    "Nye frivillige er kommet til, og fremmødet er steget år for år.",
]
STARTS = [
    "Start med en lille gruppe og et fast tidspunkt.",
    "Find en samarbejdspartner, der kender målgruppen.",
    "Afsæt timer til en bibliotekar, der kan være tovholder.",
    "Brug bibliotekets netværk til at finde frivillige.",
    "Lån materialer og idéer fra andre biblioteker.",
]
ORGANISATION_FORMS = [
    (Organisation.Kind.LIBRARY, "{place} Bibliotek{suffix}"),
    (Organisation.Kind.LIBRARY, "{place} Bibliotekerne{suffix}"),
    (Organisation.Kind.MUNICIPALITY, "{place} Kommune, {unit}{suffix}"),
    (Organisation.Kind.NGO, "{ngo} {place}{suffix}"),
    (Organisation.Kind.CULTURE, "Kulturhuset {place}{suffix}"),
    (Organisation.Kind.NGO, "Frivilligcenter {place}{suffix}"),
    (Organisation.Kind.RESEARCH, "VIA {place}{suffix}"),
]
UNITS = ["Børn og Unge", "Ældreområdet", "Sundhed", "Kultur og Fritid", "Jobcenter"]
NGOS = ["Røde Kors", "Ældre Sagen", "Red Barnet", "Læseforeningen", "Dansk Folkeoplysning"]
PARTNERSHIP_FORMS = [
    "Partnerskab om {lower} i {place}{suffix}",
    "Netværk for {who} i {place}{suffix}",
    "{place} mod ensomhed{suffix}",
    "Læsealliance {place}{suffix}",
]


@dataclass
class Taxonomy:
    """What the examples are spread over, read once, in a fixed order for determinism."""

    categories: list
    target_groups: list
    municipalities: list
    organisations: list = field(default_factory=list)
    partnerships: list = field(default_factory=list)

    @classmethod
    def load(cls):
        return cls(
            categories=list(Category.objects.order_by("pk")),
            target_groups=list(TargetGroup.objects.order_by("pk")),
            municipalities=list(Municipality.objects.order_by("code")),
        )


class Progress:
    """A plain-text progress bar on a command's stdout, redrawn in place on a terminal."""

    def __init__(self, stdout, label, total, width=30):
        self.stdout, self.label, self.total, self.width = stdout, label, total, width
        self.started = time.monotonic()
        self.tty = hasattr(stdout, "isatty") and stdout.isatty()

    def show(self, done):
        if self.stdout is None:
            return
        filled = self.width * done // max(self.total, 1)
        bar = "#" * filled + "." * (self.width - filled)
        line = f"{self.label} [{bar}] {done}/{self.total} {time.monotonic() - self.started:.1f} s"
        self.stdout.write(line, ending="\r" if self.tty and done < self.total else "\n")
        self.stdout.flush()


class Slugs:
    """Unique slugs for new rows, given those the table already has."""

    def __init__(self, model, reserved=()):
        self.taken = set(model.objects.values_list("slug", flat=True)) | set(reserved)

    def __call__(self, text, max_length=200):
        base = danish_slugify(text)[: max_length - 8].strip("-") or "x"
        candidate, n = base, 1
        while candidate in self.taken:
            n += 1
            candidate = f"{base}-{n}"
        self.taken.add(candidate)
        return candidate


def unique_names(model, count, make):
    """`count` names that neither the table nor each other use.

    make() returns a name with a `{suffix}` left in it: "" first, then " 2", " 3" ...
    """
    taken = set(model.objects.values_list("name", flat=True))
    names = []
    while len(names) < count:
        template, n = make(), 1
        if "{suffix}" not in template:
            raise ValueError(f"{template!r} has no {{suffix}} to make it unique")
        name = template.format(suffix="")
        while name in taken:
            n += 1
            name = template.format(suffix=f" {n}")
        taken.add(name)
        names.append(name)
    return names


def _place(rng, taxonomy):
    return rng.choice(taxonomy.municipalities).name


def create_organisations(rng, taxonomy, count):
    """Add `count` confirmed organisations (a few await confirmation), each in a municipality."""
    chosen = []

    def make():
        kind, form = rng.choice(ORGANISATION_FORMS)
        municipality = rng.choice(taxonomy.municipalities)
        chosen.append((kind, municipality))
        return form.format(
            place=municipality.name,
            unit=rng.choice(UNITS),
            ngo=rng.choice(NGOS),
            suffix="{suffix}",
        )

    names = unique_names(Organisation, count, make)
    slugs = Slugs(Organisation)
    rows = [
        Organisation(
            name=name,
            slug=slugs(name),
            kind=kind,
            municipality=municipality,
            description=f"{name} arbejder med biblioteker, læsning og fællesskab i "
            f"{municipality.name}.",
            confirmed=rng.random() > 0.02,
        )
        for name, (kind, municipality) in zip(names, chosen, strict=True)
    ]
    return Organisation.objects.bulk_create(rows, batch_size=BATCH)


def create_partnerships(rng, taxonomy, count):
    """Add `count` partnerships of three to eight of the new organisations each."""
    activities = [lower for _title, lower in ACTIVITIES]

    def make():
        return rng.choice(PARTNERSHIP_FORMS).format(
            lower=rng.choice(activities),
            who=rng.choice(WHO),
            place=_place(rng, taxonomy),
            suffix="{suffix}",
        )

    names = unique_names(Partnership, count, make)
    slugs = Slugs(Partnership)
    statuses = [Partnership.Status.ACTIVE] * 6 + [
        Partnership.Status.FORMING,
        Partnership.Status.CONCLUDED,
    ]
    rows = Partnership.objects.bulk_create(
        [
            Partnership(
                name=name,
                slug=slugs(name),
                purpose=f"At samle biblioteker og partnere om {rng.choice(activities)} "
                f"for {rng.choice(WHO)}.",
                description=" ".join(rng.sample(MIDDLES, 3)),
                status=rng.choice(statuses),
                start_date=dt.date(rng.randint(FIRST_YEAR, LAST_YEAR), rng.randint(1, 12), 1),
            )
            for name in names
        ],
        batch_size=BATCH,
    )
    roles = [Membership.Role.MEMBER] * 4 + [Membership.Role.OBSERVER]
    members = []
    for partnership in rows:
        organisations = rng.sample(taxonomy.organisations, min(len(taxonomy.organisations), 8))
        for i, organisation in enumerate(organisations[: rng.randint(3, 8)]):
            role = Membership.Role.FACILITATOR if i == 0 else rng.choice(roles)
            members.append(
                Membership(partnership=partnership, organisation=organisation, role=role)
            )
    Membership.objects.bulk_create(members, batch_size=BATCH)
    return rows


def _weights(n, skew=0.8):
    """Cumulative weights that favour the first items: some categories and
    organisations publish far more than others, as in real life."""
    total, cumulative = 0.0, []
    for i in range(n):
        total += 1 / (i + 1) ** skew
        cumulative.append(total)
    return cumulative


class ExampleMaker:
    """Build unsaved examples and their relations, one at a time, from one Random."""

    FORMATS = (
        [Initiative.Format.PHYSICAL] * 6
        + [Initiative.Format.DIGITAL] * 2
        + [Initiative.Format.HYBRID]
    )
    STATUSES = [Initiative.Status.RUNNING] * 6 + [
        Initiative.Status.CONCLUDED,
        Initiative.Status.CONCLUDED,
        Initiative.Status.PLANNED,
        Initiative.Status.IDEA,
    ]
    EVIDENCE = (
        [Initiative.Evidence.NONE] * 5
        + [Initiative.Evidence.DESCRIBED] * 3
        + [
            Initiative.Evidence.EVALUATED,
            Initiative.Evidence.RESEARCHED,
        ]
    )
    FIRST = dt.datetime(FIRST_YEAR, 1, 1, 8, tzinfo=TZ)
    SPAN_SECONDS = int((dt.datetime(LAST_YEAR, 6, 30, tzinfo=TZ) - FIRST).total_seconds())

    def __init__(self, rng, taxonomy):
        self.rng, self.taxonomy = rng, taxonomy
        self.category_weights = _weights(len(taxonomy.categories))
        self.organisation_weights = _weights(len(taxonomy.organisations), skew=0.5)
        self.slugs = Slugs(Initiative, reserved=Initiative.reserved_slugs)

    def text(self, who, lower, place):
        rng = self.rng
        opening = rng.choice(OPENINGS).format(who=who, lower=lower, place=place)
        summary = f"{opening} {rng.choice(MIDDLES)}"
        paragraphs = [" ".join(rng.sample(MIDDLES, rng.randint(2, 4))) for _ in range(2)]
        description = "\n\n".join([opening + " " + paragraphs[0], paragraphs[1]])
        outcomes = " ".join(rng.sample(OUTCOMES, rng.randint(1, 2))) if rng.random() < 0.6 else ""
        how_to_start = " ".join(rng.sample(STARTS, rng.randint(1, 3))) if rng.random() < 0.5 else ""
        return summary, description, outcomes, how_to_start

    def make(self):
        """Return (example, target group ids, municipality ids, partner organisation ids)."""
        rng, taxonomy = self.rng, self.taxonomy
        title_word, lower = rng.choice(ACTIVITIES)
        who = rng.choice(WHO)
        lead = rng.choices(taxonomy.organisations, cum_weights=self.organisation_weights)[0]
        home = lead.municipality or rng.choice(taxonomy.municipalities)
        title = rng.choice(TITLE_FORMS).format(
            activity=title_word, lower=lower, who=who, place=home.name
        )
        summary, description, outcomes, how_to_start = self.text(who, lower, home.name)
        nationwide = rng.random() < 0.08
        places = [] if nationwide else [home.pk]
        if not nationwide and rng.random() < 0.2:
            places += [m.pk for m in rng.sample(taxonomy.municipalities, 2) if m.pk != home.pk]
        partners = [
            o.pk for o in rng.sample(taxonomy.organisations, rng.choice([0, 0, 1, 1, 2, 3]))
        ]
        example = Initiative(
            title=title[:200],
            slug=self.slugs(title),
            summary=summary[:600],
            description=description,
            outcomes=outcomes,
            how_to_start=how_to_start,
            category=rng.choices(taxonomy.categories, cum_weights=self.category_weights)[0],
            format=rng.choice(self.FORMATS),
            status=rng.choice(self.STATUSES),
            evidence=rng.choice(self.EVIDENCE),
            uses_volunteers=rng.random() < 0.4,
            nationwide=nationwide,
            lead_organisation=lead,
            partnership=rng.choice(taxonomy.partnerships) if rng.random() < 0.4 else None,
            contact_email=f"kontakt@{lead.slug[:40]}.example",
            state=Initiative.State.PUBLISHED,
            published_at=self.FIRST + dt.timedelta(seconds=rng.randrange(self.SPAN_SECONDS)),
        )
        example.featured = rng.random() < 0.003
        groups = [g.pk for g in rng.sample(taxonomy.target_groups, rng.randint(1, 3))]
        partners = [pk for pk in partners if pk != lead.pk]
        return example, groups, places, partners


def fill_search_document(example, groups, partners, names):
    """search_names and search_text, as initiatives.search.rebuild() makes them."""
    parts = [example.category.name, *(names["group"][pk] for pk in groups)]
    parts.append(example.lead_organisation.name)
    parts += [names["organisation"][pk] for pk in partners]
    example.search_names, example.search_text = search.search_document(example, parts)


def insert_batch(built, names):
    """Insert one batch of examples and their relations; fill their search vectors."""
    for example, groups, _places, partners in built:
        fill_search_document(example, groups, partners, names)
    examples = Initiative.objects.bulk_create([row[0] for row in built])
    through = {
        name: Initiative._meta.get_field(name).remote_field.through
        for name in ("target_groups", "municipalities", "partner_organisations")
    }
    relations = {
        "target_groups": ("targetgroup_id", 1),
        "municipalities": ("municipality_id", 2),
        "partner_organisations": ("organisation_id", 3),
    }
    for name, (column, position) in relations.items():
        model = through[name]
        model.objects.bulk_create(
            [
                model(initiative_id=example.pk, **{column: pk})
                for example, row in zip(examples, built, strict=True)
                for pk in row[position]
            ],
            batch_size=BATCH * 2,
        )
    if connection.vendor == "postgresql":
        Initiative.objects.filter(pk__in=[example.pk for example in examples]).update(
            search_vector=search.vector_expression()
        )


@contextlib.contextmanager
def gin_indexes_built_afterwards(model, stdout=None):
    """Drop the table's GIN indexes for a bulk load and build them again, as they were.

    Keeping a full-text and a trigram GIN index current row by row costs more than
    the inserts themselves; one build at the end is several times faster. The
    definitions are read from pg_indexes, so they stay exactly what the migrations
    made. Needs a transaction (DDL is transactional on PostgreSQL).
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexdef LIKE %s",
            [model._meta.db_table, "% USING gin %"],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    yield
    started = time.monotonic()
    with connection.cursor() as cursor:
        # Django's foreign keys are checked at commit; an index cannot be built
        # while those checks are pending, so run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _name, definition in indexes:
            cursor.execute(definition)
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    if stdout is not None:
        stdout.write(f"search indexes built in {time.monotonic() - started:.1f} s")


@dataclass
class Report:
    examples: int
    organisations: int
    partnerships: int
    seconds: float


def generate(*, count, seed=0, stdout=None):
    """Add `count` published synthetic examples (and their organisations and partnerships)."""
    started = time.monotonic()
    # Seeded on purpose, so the same seed gives the same data; nothing secret.
    rng = random.Random(seed)  # nosec B311
    taxonomy = Taxonomy.load()
    if not (taxonomy.categories and taxonomy.target_groups and taxonomy.municipalities):
        raise LookupError("No categories or target groups yet: run `manage.py loaddemo` first.")
    with transaction.atomic():
        taxonomy.organisations = create_organisations(
            rng, taxonomy, max(5, count // EXAMPLES_PER_ORGANISATION)
        )
        taxonomy.partnerships = create_partnerships(
            rng, taxonomy, max(2, count // EXAMPLES_PER_PARTNERSHIP)
        )
        names = {
            "group": {g.pk: g.name for g in taxonomy.target_groups},
            "organisation": {o.pk: o.name for o in taxonomy.organisations},
        }
        maker, progress = ExampleMaker(rng, taxonomy), Progress(stdout, "examples", count)
        done = 0
        with gin_indexes_built_afterwards(Initiative, stdout):
            while done < count:
                size = min(BATCH, count - done)
                insert_batch([maker.make() for _ in range(size)], names)
                done += size
                progress.show(done)
    # VACUUM cannot run in a transaction (a test's, or a caller's).
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # Fresh statistics and visibility map, so the planner sees the table as it is.
        with connection.cursor() as cursor:
            for model in (Initiative, Organisation, Partnership):
                cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")
    return Report(
        examples=count,
        organisations=len(taxonomy.organisations),
        partnerships=len(taxonomy.partnerships),
        seconds=time.monotonic() - started,
    )
