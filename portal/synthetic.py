"""Synthetic good examples at national scale, for the benchmark (issue #14).

`generate(count=N, seed=S)` adds N published examples with Danish titles and
texts built from the word lists below, spread over the existing categories,
target groups and municipalities, over organisations and partnerships it adds
(about one organisation per 50 examples, one partnership per 500), some
nationwide, with partner organisations. The common words occur as often as in
real examples: "bibliotek" is in nearly every one, so a search for it matches
most rows, as it will in production.

The same seed on the same database gives the same rows. They bypass save()
and its search rebuild per example: search_names, search_text and search_parts
are built here with initiatives.search. On PostgreSQL the rows stream in with COPY, a
trigger that lives only in the transaction fills the weighted search_vector,
and the indexes no constraint needs are rebuilt at the end (see bulk_load);
elsewhere (the tests' SQLite) they go in with bulk_create in batches.
"""

import contextlib
import datetime as dt
import itertools
import random
import time
from dataclasses import dataclass, field
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.db import connection, transaction

from adoptions.models import Adoption
from initiatives import search
from initiatives.models import Category, Initiative, TargetGroup
from partnerships.models import Membership, Municipality, Organisation, Partnership
from portal.lib import pagecache
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
        # The last number given to each base: thousands of examples share a
        # title, and counting up from 2 each time would be quadratic.
        self.last = {}

    def __call__(self, text, max_length=200):
        base = danish_slugify(text)[: max_length - 8].strip("-") or "x"
        n = self.last.get(base, 1)
        candidate = base if n == 1 else f"{base}-{n}"
        while candidate in self.taken:
            n += 1
            candidate = f"{base}-{n}"
        self.taken.add(candidate)
        self.last[base] = n
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
    """Build examples as rows of column values, one at a time, from one Random.

    No model instances: on PostgreSQL the rows go straight into COPY.
    """

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
    # The fields make() fills, in the order of its rows; the others get their defaults.
    COLUMNS = (
        "title",
        "slug",
        "summary",
        "description",
        "outcomes",
        "how_to_start",
        "category_id",
        "format",
        "status",
        "evidence",
        "uses_volunteers",
        "nationwide",
        "lead_organisation_id",
        "partnership_id",
        "contact_email",
        "state",
        "published_at",
        "featured",
        "cost_level",
        "staff_hours",
        "known_target_group",
        "known_method",
        "known_implementation",
        "known_effect",
        "known_economy",
        "transferability",
        "search_names",
        "search_text",
        "search_parts",
        "reuse_count",
        "reused_in_count",
    )
    # Cost levels as libraries' examples spread over them: most cost little; some say nothing.
    COSTS = [*Initiative.CostLevel.values, ""]
    COST_WEIGHTS = [30, 35, 20, 5, 10]

    def __init__(self, rng, taxonomy):
        self.rng, self.taxonomy = rng, taxonomy
        self.category_weights = _weights(len(taxonomy.categories))
        self.organisation_weights = _weights(len(taxonomy.organisations), skew=0.5)
        self.slugs = Slugs(Initiative, reserved=Initiative.reserved_slugs)
        self.group_names = {g.pk: g.name for g in taxonomy.target_groups}
        self.organisation_names = {o.pk: o.name for o in taxonomy.organisations}
        self.made = 0
        self.adoptions = []  # of the last example made: (organisation, municipality, started)

    def text(self, who, lower, place):
        rng = self.rng
        opening = rng.choice(OPENINGS).format(who=who, lower=lower, place=place)
        summary = f"{opening} {rng.choice(MIDDLES)}"
        paragraphs = [" ".join(rng.sample(MIDDLES, rng.randint(2, 4))) for _ in range(2)]
        description = "\n\n".join([opening + " " + paragraphs[0], paragraphs[1]])
        outcomes = " ".join(rng.sample(OUTCOMES, rng.randint(1, 2))) if rng.random() < 0.6 else ""
        how_to_start = " ".join(rng.sample(STARTS, rng.randint(1, 3))) if rng.random() < 0.5 else ""
        return summary, description, outcomes, how_to_start

    def places_and_partners(self, home):
        """Return (nationwide, municipality ids, partner organisation ids)."""
        rng, taxonomy = self.rng, self.taxonomy
        nationwide = rng.random() < 0.08
        places = [] if nationwide else [home.pk]
        if not nationwide and rng.random() < 0.2:
            places += [m.pk for m in rng.sample(taxonomy.municipalities, 2) if m.pk != home.pk]
        partners = [
            o.pk for o in rng.sample(taxonomy.organisations, rng.choice([0, 0, 1, 1, 2, 3]))
        ]
        return nationwide, places, partners

    def make(self):
        """Return (row of COLUMNS, target group ids, municipality ids, partner organisation ids,
        ids of the municipalities where it was adopted); its adoptions wait in `adoptions`."""
        rng, taxonomy = self.rng, self.taxonomy
        title_word, lower = rng.choice(ACTIVITIES)
        who = rng.choice(WHO)
        lead = rng.choices(taxonomy.organisations, cum_weights=self.organisation_weights)[0]
        home = lead.municipality or rng.choice(taxonomy.municipalities)
        title = rng.choice(TITLE_FORMS).format(
            activity=title_word, lower=lower, who=who, place=home.name
        )
        text = (title[:200], *self.text(who, lower, home.name))
        nationwide, places, partners = self.places_and_partners(home)
        category = rng.choices(taxonomy.categories, cum_weights=self.category_weights)[0]
        slug = self.slugs(title)
        row = (
            text[0],
            slug,
            text[1][:600],
            *text[2:],
            category.pk,
            rng.choice(self.FORMATS),
            rng.choice(self.STATUSES),
            rng.choice(self.EVIDENCE),
            rng.random() < 0.4,
            nationwide,
            lead.pk,
            rng.choice(taxonomy.partnerships).pk if rng.random() < 0.4 else None,
            f"kontakt@{lead.slug[:40]}.example",
            Initiative.State.PUBLISHED,
            self.FIRST + dt.timedelta(seconds=rng.randrange(self.SPAN_SECONDS)),
            rng.random() < 0.003,
            *self.economy(slug),
        )
        row = (*row, *self.knowledge(slug, evidence=row[9]))
        groups = [g.pk for g in rng.sample(taxonomy.target_groups, rng.randint(1, 3))]
        partners = [pk for pk in partners if pk != lead.pk]
        names = [category.name, *(self.group_names[pk] for pk in groups), lead.name]
        names += [self.organisation_names[pk] for pk in partners]
        self.made += 1
        self.adoptions = self.spread(slug, lead.pk)
        reused_in = sorted({place for _o, place, _s in self.adoptions if place is not None})
        row = (*row, *self.search_document(row, names), len(self.adoptions), len(reused_in))
        return row, groups, places, partners, reused_in

    ADOPTIONS_EVERY, ADOPTIONS_EACH = 10, 10

    def spread(self, slug, lead):
        """[(organisation id, municipality id or None for nationwide, start month)]: ten
        adoptions of every tenth example, drawn from the slug like economy()."""
        if self.made % self.ADOPTIONS_EVERY:
            return []
        rng = random.Random(f"{slug}:adopted")  # nosec B311
        organisations = [o.pk for o in self.taxonomy.organisations if o.pk != lead]
        adoptions = []
        for organisation in rng.sample(organisations, min(self.ADOPTIONS_EACH, len(organisations))):
            place = None if rng.random() < 0.1 else rng.choice(self.taxonomy.municipalities).pk
            started = dt.date(rng.randint(FIRST_YEAR + 1, LAST_YEAR), rng.randint(1, 12), 1)
            adoptions.append((organisation, place, started))
        return adoptions

    def economy(self, slug):
        """(cost level, staff hours a month), drawn from the unique slug, not from `rng`: so
        the other fields stay what the same seed gave before examples had a cost level."""
        rng = random.Random(slug)  # nosec B311
        cost = rng.choices(self.COSTS, weights=self.COST_WEIGHTS)[0]
        hours = rng.randint(1, 40) if rng.random() < 0.7 else None
        return cost, hours

    # Levels A-D per dimension as contributors would propose them: the target group
    # and the method described best, the effect and the economy least.
    KNOWN = {
        "target_group": ("ABCD", [10, 40, 40, 10]),
        "method": ("ABCD", [10, 40, 40, 10]),
        "implementation": ("ABCD", [5, 25, 45, 25]),
        "economy": ("ABCD", [5, 20, 40, 35]),
    }
    # The effect's level follows the evidence level, as Initiative.clean() requires.
    EFFECT = {
        Initiative.Evidence.RESEARCHED: ("A", [1]),
        Initiative.Evidence.EVALUATED: ("AB", [1, 2]),
        Initiative.Evidence.DESCRIBED: ("BC", [1, 1]),
        Initiative.Evidence.NONE: ("CD", [1, 2]),
    }
    TRANSFERABILITY = [*Initiative.Transferability.values, ""]

    def knowledge(self, slug, *, evidence):
        """The five levels and the curators' transferability, drawn from the slug like
        economy(). Every fifth example is from before the declaration: nothing assessed."""
        rng = random.Random(f"{slug}:known")  # nosec B311
        if rng.random() < 0.2:
            return ("",) * 6
        levels = {key: rng.choices(*choices)[0] for key, choices in self.KNOWN.items()}
        effect = rng.choices(*self.EFFECT[evidence])[0]
        transfer = rng.choices(self.TRANSFERABILITY, weights=[30, 40, 10, 20])[0]
        return (
            levels["target_group"],
            levels["method"],
            levels["implementation"],
            effect,
            levels["economy"],
            transfer,
        )

    @staticmethod
    def search_document(row, names):
        """(search_names, search_text, search_parts), as initiatives.search.rebuild() makes them."""
        title, _slug, summary, description, outcomes, how_to_start = row[:6]
        example = SimpleNamespace(
            title=title,
            summary=summary,
            description=description,
            outcomes=outcomes,
            how_to_start=how_to_start,
        )
        return search.search_document(example, names)


# The examples' many-to-many relations: (field, the other side's column in the
# through table), in the order make() returns their ids.
RELATIONS = (
    ("target_groups", "targetgroup_id"),
    ("municipalities", "municipality_id"),
    ("partner_organisations", "organisation_id"),
    ("reused_in", "municipality_id"),
)


def _through(name):
    return Initiative._meta.get_field(name).remote_field.through


def insert_examples(maker, count, progress):
    """Any database (the tests' SQLite): bulk_create in batches."""
    done = 0
    while done < count:
        size = min(BATCH, count - done)
        built, adopted = [], []
        for _ in range(size):
            built.append(maker.make())
            adopted.append(maker.adoptions)
        examples = Initiative.objects.bulk_create(
            [Initiative(**dict(zip(maker.COLUMNS, row, strict=True))) for row, *_ in built]
        )
        create_adoptions(
            (example.pk, *adoption)
            for example, adoptions in zip(examples, adopted, strict=True)
            for adoption in adoptions
        )
        for position, (name, column) in enumerate(RELATIONS, 1):
            model = _through(name)
            model.objects.bulk_create(
                [
                    model(initiative_id=example.pk, **{column: pk})
                    for example, row in zip(examples, built, strict=True)
                    for pk in row[position]
                ],
                batch_size=BATCH * 2,
            )
        done += size
        progress.show(done)


def default_values(model, filled):
    """(columns, values) for the fields `filled` leaves out: what a new row gets."""
    instance = model()
    fields = [
        f
        for f in model._meta.concrete_fields
        if f.attname not in filled and not f.primary_key and f.attname != "search_vector"
    ]
    values = tuple(f.get_db_prep_save(f.pre_save(instance, add=True), connection) for f in fields)
    return [f.column for f in fields], values


def _copy_sql(table, columns):
    qn = connection.ops.quote_name
    return f"COPY {qn(table)} ({', '.join(qn(c) for c in columns)}) FROM STDIN"


def copy_examples(maker, count, progress):
    """PostgreSQL: one COPY for the examples and one per relation.

    COPY streams: PostgreSQL stores rows (and the trigger computes their
    search vectors) while Python makes the next ones, one core each. The keys
    come from the table's sequence first, so the relations can name them.
    """
    table = Initiative._meta.db_table
    meta = Initiative._meta
    other_columns, defaults = default_values(Initiative, maker.COLUMNS)
    columns = ["id", *(meta.get_field(name).column for name in maker.COLUMNS), *other_columns]
    related = {name: [] for name, _column in RELATIONS}
    adoptions = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, count],
        )
        keys = [pk for (pk,) in cursor.fetchall()]
        with cursor.cursor.copy(_copy_sql(table, columns)) as copy:
            for done, pk in enumerate(keys, 1):
                row, *relations = maker.make()
                copy.write_row((pk, *row, *defaults))
                for (name, _column), pks in zip(RELATIONS, relations, strict=True):
                    related[name] += [(pk, other) for other in pks]
                adoptions += [(pk, *adoption) for adoption in maker.adoptions]
                if done % BATCH == 0 or done == count:
                    progress.show(done)
        for name, column in RELATIONS:
            through = _through(name)._meta.db_table
            with cursor.cursor.copy(_copy_sql(through, ["initiative_id", column])) as copy:
                for pair in related[name]:
                    copy.write_row(pair)
    create_adoptions(adoptions)


ADAPTATIONS = [
    "Vi tog konceptet med, men kører det med frivillige i stedet for personale.",
    "Vi flyttede det ud på lokalbiblioteket og gjorde grupperne mindre.",
    "Vi holder det hver anden uge og har tilføjet kaffe og samtale til sidst.",
    "Vi samarbejder med kommunens hjemmepleje om at finde deltagerne.",
    "Vi bruger de samme materialer, oversat til arabisk og ukrainsk.",
]


def create_adoptions(adoptions):
    """Published adoptions (example id, organisation id, municipality id or None, start month).

    The examples' spread (reuse_count, reused_in) is written with the examples;
    these are the stories behind it. bulk_create sends no signal, so the spread
    is not refreshed once per adoption.
    """
    published = dt.datetime(LAST_YEAR, 7, 1, 8, tzinfo=TZ)
    rows = (
        Adoption(
            initiative_id=initiative,
            organisation_id=organisation,
            municipality_id=place,
            nationwide=place is None,
            started=started,
            adaptation=ADAPTATIONS[(initiative + organisation) % len(ADAPTATIONS)],
            state=Adoption.State.PUBLISHED,
            submitted_at=published,
            published_at=published,
        )
        for initiative, organisation, place, started in adoptions
    )
    while batch := list(itertools.islice(rows, BATCH)):
        Adoption.objects.bulk_create(batch)


def _vector_sql():
    """vector_expression(), the one rebuild() uses, as SQL over a trigger's NEW row."""
    query = Initiative.objects.annotate(vector=search.vector_expression()).values("vector").query
    sql, params = query.get_compiler(connection=connection).compile(query.annotations["vector"])
    qualified = connection.ops.quote_name(Initiative._meta.db_table) + "."
    return connection.ops.compose_sql(sql, params).replace(qualified, "NEW.")


def _secondary_indexes(cursor, tables):
    """(name, definition) of the tables' indexes that no constraint or uniqueness needs."""
    cursor.execute(
        """
        SELECT i.indexname, i.indexdef FROM pg_indexes i
        WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s)
          AND i.indexdef NOT LIKE 'CREATE UNIQUE %%'
          AND NOT EXISTS (
            SELECT 1 FROM pg_constraint c
            WHERE c.conindid = format('%%I.%%I', i.schemaname, i.indexname)::regclass
          )
        ORDER BY i.tablename, i.indexname
        """,
        [list(tables)],
    )
    return cursor.fetchall()


@contextlib.contextmanager
def bulk_load(tables, *, rebuild_indexes=True, stdout=None):
    """PostgreSQL: make a large load into `tables` cheap and leave them as they were.

    Keeping 20 indexes current row by row (a full-text and a trigram GIN index
    among them) costs several times what the rows do; the indexes no
    constraint needs are dropped and built again from their definitions in
    pg_indexes, so they stay exactly what the migrations made. A trigger,
    gone again before the end, fills search_vector as rows arrive. Needs a
    transaction (DDL is transactional on PostgreSQL; no one else sees any of it).
    Without `rebuild_indexes` the indexes stay and are kept current.
    """
    if connection.vendor != "postgresql":
        yield
        return
    table = connection.ops.quote_name(Initiative._meta.db_table)
    with connection.cursor() as cursor:
        # Synthetic rows; losing the last of them in a crash costs nothing.
        cursor.execute("SET LOCAL synchronous_commit = off")
        indexes = _secondary_indexes(cursor, tables) if rebuild_indexes else []
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        cursor.execute(
            "CREATE FUNCTION pg_temp.synthetic_search_vector() RETURNS trigger "
            f"LANGUAGE plpgsql AS $$ BEGIN NEW.search_vector := {_vector_sql()}; "
            "RETURN NEW; END $$"
        )
        cursor.execute(
            f"CREATE TRIGGER synthetic_search_vector BEFORE INSERT ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION pg_temp.synthetic_search_vector()"
        )
    yield
    with connection.cursor() as cursor:
        # Django's foreign keys are checked at commit; neither an index nor a
        # trigger can be changed while those checks are pending, so run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"DROP TRIGGER synthetic_search_vector ON {table}")
        cursor.execute("DROP FUNCTION pg_temp.synthetic_search_vector()")
        cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
        progress = Progress(stdout, "indexes", len(indexes))
        for done, (_name, definition) in enumerate(indexes, 1):
            cursor.execute(definition)
            progress.show(done)
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


@dataclass
class Report:
    examples: int
    organisations: int
    partnerships: int
    seconds: float


def _loaded_tables():
    return [Initiative._meta.db_table, *(_through(name)._meta.db_table for name, _ in RELATIONS)]


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
        maker, progress = ExampleMaker(rng, taxonomy), Progress(stdout, "examples", count)
        # Rebuilding costs by the table's size, so not for a few rows into many.
        rebuild = count * 3 >= Initiative.objects.count()
        with bulk_load(_loaded_tables(), rebuild_indexes=rebuild, stdout=stdout):
            if connection.vendor == "postgresql":
                copy_examples(maker, count, progress)
            else:
                insert_examples(maker, count, progress)
    # VACUUM cannot run in a transaction (a test's, or a caller's).
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # Fresh statistics and visibility map, so the planner sees the tables as they are.
        with connection.cursor() as cursor:
            for table in (
                *_loaded_tables(),
                Organisation._meta.db_table,
                Partnership._meta.db_table,
                Adoption._meta.db_table,
            ):
                cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")
    # Written without save(), so no signal tells the page cache and the facet index.
    pagecache.invalidate()
    return Report(
        examples=count,
        organisations=len(taxonomy.organisations),
        partnerships=len(taxonomy.partnerships),
        seconds=time.monotonic() - started,
    )
