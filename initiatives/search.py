"""Free-text search over good examples, in one place so it can be swapped.

PostgreSQL: the stored, GIN-indexed `search_vector` (Danish stemming, weights
A title, B summary, C description/outcomes/how-to, D names), web-search
syntax, ranking, highlighted snippets, and trigram typo tolerance when the
full-text search finds little.

SQLite: the folded, stemmed words that search_document() writes into the
`search_text` column, so a word matches there as it does on PostgreSQL;
quotes, `or` and `-word` are honoured in a simple way.

Both find the parts of Danish compounds: "hjælp" finds "lektiehjælp" (see
initiatives.compounds; on PostgreSQL at the lowest weight), and both widen a
query with the synonyms curators keep: "bogbus" finds "mobilbibliotek" (see
initiatives.synonyms and Search.synonyms).

Both fold: æ/ø/å are spelled ae/oe/aa and accents dropped, in the examples'
text and in the query alike, so "boern" finds "børn", "lektiecafé" finds
"lektiecafe" and the other way round (see fold()).
"""

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import snowballstemmer
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import F, Func, Q, TextField, Value
from django.db.models.functions import Concat, Replace
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe

from initiatives import compounds, synonyms
from portal.lib import pagecache
from portal.lib.lookups import AnyOf

CONFIG = "danish"
MAX_QUERY_LENGTH = 200
# Full-text search "finds little" below this many hits; then trigrams join in.
FEW_HITS = 3
# Markers for highlighted words; control characters cannot occur in typed text
# we keep, so the snippet can be escaped first and marked up afterwards.
_START, _STOP = "\x02", "\x03"
_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')
_OR_WORDS = {"or", "eller"}  # Danish users write "eller"; websearch syntax knows "or"

# Folding: a keyboard without Danish letters spells them ae/oe/aa, and few type
# accents. ä and ö are the Swedish and German æ and ø. Lower and upper case
# fold alike, so the SQL twin need not trust the database's locale to lower them.
FOLDED_LETTERS = {
    "æ": "ae",
    "ø": "oe",
    "å": "aa",
    "ä": "ae",
    "ö": "oe",
    "Æ": "ae",
    "Ø": "oe",
    "Å": "aa",
    "Ä": "ae",
    "Ö": "oe",
}
_FOLD = str.maketrans(FOLDED_LETTERS)
# Accents as NFKD splits them off: the combining diacritical marks. The SQL
# twin strips the same range, so both sides fold a word the same way.
_MARKS = "[\u0300-\u036f]"
_MARKS_RE = re.compile(_MARKS)
# PostgreSQL's Danish stop words (the Snowball list, tsearch_data/danish.stop),
# which its full-text search leaves out of documents and queries.
_DANISH_STOP = """og i jeg det at en den til er som på de med han af for ikke der var mig sig men
    et har om vi min havde ham hun nu over da fra du ud sin dem os op man hans hvor
    eller hvad skal selv her alle vil blev kunne ind når være dog noget ville jo deres
    efter ned skulle denne end dette mit også under have dig anden hende mine alt meget
    sit sine vor mod disse hvis din nogle hos blive mange ad bliver hendes været thi jer
    sådan"""
STOP_WORDS = frozenset(_DANISH_STOP.split())
# Folded, "på" is "paa", which is no stop word to PostgreSQL and so is indexed;
# a query leaves these out itself (outside quotes), as it does "på".
FOLDED_STOP_WORDS = frozenset(w.translate(_FOLD) for w in STOP_WORDS) - STOP_WORDS
_FOLDED_STOP_RE = re.compile(
    r"(?<![\w-])-?(?:%s)(?![\w-])" % "|".join(sorted(FOLDED_STOP_WORDS))  # noqa: UP031
)
_WORD = re.compile(r"\w+")
# SQLite: the words' keys in search_text sit between these, so a key matches
# only a whole key, never part of a word.
_KEY = "\x1f"


def is_postgres():
    return connection.vendor == "postgresql"


def clean_query(raw):
    """Return (query, was_shortened): printable text, single-spaced, at most 200 characters."""
    text = "".join(ch if ch.isprintable() else " " for ch in raw or "")
    text = " ".join(text.split())
    if len(text) > MAX_QUERY_LENGTH:
        return text[:MAX_QUERY_LENGTH].rstrip(), True
    return text, False


@dataclass(frozen=True)
class Terms:
    """A query split the web-search way: groups of words ORed, words in a group ANDed."""

    groups: tuple  # of tuples of phrases/words, casefolded
    excluded: tuple
    has_phrase: bool = False

    @property
    def words(self):
        return [word for group in self.groups for phrase in group for word in phrase.split()]


def parse(query):
    groups, current, excluded = [], [], []
    has_phrase = '"' in query
    for negated_phrase, phrase, word in _TOKEN.findall(query):
        if word:
            if word.lower() in _OR_WORDS:
                if current:
                    groups.append(tuple(current))
                    current = []
                continue
            negated, term = word.startswith("-") and len(word) > 1, word.lstrip("-")
        else:
            negated, term = bool(negated_phrase), phrase
        term = " ".join(term.casefold().split())
        # A lone quote or dash has nothing to search for.
        if not any(ch.isalnum() for ch in term):
            continue
        (excluded if negated else current).append(term)
    if current:
        groups.append(tuple(current))
    return Terms(tuple(groups), tuple(excluded), has_phrase)


def fold(text):
    """Spell æ/ø/å as ae/oe/aa and drop accents: "Lektiecafé for ældre" -> "Lektiecafe for aeldre".

    The search folds the examples' text and the query alike, so that either
    spelling finds the other. Fold() is the same in SQL.
    """
    return _MARKS_RE.sub("", unicodedata.normalize("NFKD", text.translate(_FOLD)))


class Fold(Func):
    """fold() in SQL, for the stored vector: the same letters spelled out, the same marks dropped.

    The letters are replaced before NORMALIZE, which would split å into a and a ring.
    """

    output_field = TextField()

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        params = list(params)
        for letter, spelled in FOLDED_LETTERS.items():
            sql = f"REPLACE({sql}, %s, %s)"
            params += [letter, spelled]
        return f"REGEXP_REPLACE(NORMALIZE({sql}, NFKD), %s, '', 'g')", (*params, _MARKS)


def _fold_query(query):
    """A web-search query folded like the vector, with folded stop words left out of unquoted text.

    Inside quotes they stay: the vector holds "paa" where the text said "på",
    and a phrase needs every word in its place.
    """
    parts = fold(query.lower()).split('"')
    for i in range(0, len(parts), 2):
        parts[i] = _FOLDED_STOP_RE.sub(" ", parts[i])
    return '"'.join(parts)


@lru_cache(maxsize=100_000)
def _fold_word(word):
    return fold(word)


_stemmers = threading.local()


@lru_cache(maxsize=100_000)
def _stem(word):
    # A Snowball stemmer keeps the word it works on in itself: one per thread.
    stemmer = getattr(_stemmers, "danish", None)
    if stemmer is None:
        stemmer = _stemmers.danish = snowballstemmer.stemmer("danish")
    return stemmer.stemWord(word)


def word_keys(text, *, stop_words=STOP_WORDS):
    """The folded, stemmed words of `text`, stop words left out: the lexemes PostgreSQL would make.

    PostgreSQL folds with Fold() and stems with the same Snowball algorithm,
    so "Børnene" and "boern" both give "boern" on either database.
    """
    return [_stem(word) for word in _WORD.findall(fold(text.casefold())) if word not in stop_words]


_QUERY_STOP_WORDS = STOP_WORDS | FOLDED_STOP_WORDS


def query_keys(text):
    """word_keys() of a query's word, which leaves out the folded stop words too."""
    return word_keys(text, stop_words=_QUERY_STOP_WORDS)


def _english_or(query):
    """Spell a Danish "eller" between words as "or", leaving quoted phrases alone."""
    parts = query.split('"')
    for i in range(0, len(parts), 2):
        parts[i] = re.sub(r"(?i)(?<!\S)eller(?!\S)", "or", parts[i])
    return '"'.join(parts)


# The example's own text that the document holds, and the relations whose
# names it includes; a save that touches none of these leaves it alone.
TEXT_FIELDS = ("title", "summary", "description", "outcomes", "how_to_start")
SEARCHED_FIELDS = frozenset({*TEXT_FIELDS, "category", "lead_organisation"})


class SearchDocument(NamedTuple):
    """An example's search columns, as search_document() makes them."""

    names: str  # search_names
    text: str  # search_text
    parts: str  # search_parts


def search_document(initiative, names, *, keys=None):
    """Return the SearchDocument of an initiative and the names it includes.

    search_text is the casefolded text (the admin's search reads it), then
    the folded spelling of each word that folding changes, so that trigram
    typo tolerance finds "boern" as it finds "børn". With `keys` (by default
    on any database but PostgreSQL, whose vector has its own) it goes on with
    the whole text folded, for phrases, and the word_keys() between _KEY
    characters, for words (the compounds' parts' too): what SQLite searches.
    search_parts is the parts of the compounds in the text, folded, each once
    (compound_parts()); PostgreSQL's vector holds them at the lowest weight.
    """
    names_text = " ".join(names)
    fields = [getattr(initiative, name) for name in TEXT_FIELDS] + [names_text]
    text = " ".join(field for field in fields if field).casefold()
    words = set(_WORD.findall(text))
    parts = " ".join(compound_parts(words))
    if keys is None:
        keys = not is_postgres()
    if keys:
        folded = fold(text)
        if folded != text:
            text = f"{text}\n{folded}"
        found = sorted(set(word_keys(folded)) | set(word_keys(parts)))
        return SearchDocument(names_text, f"{text}\n{_KEY}{_KEY.join(found)}{_KEY}", parts)
    # Only words with a letter beyond ASCII can fold; the rest are skipped cheaply.
    unusual = {word for word in words if not word.isascii()}
    spelled = sorted({_fold_word(word) for word in unusual} - unusual)
    return SearchDocument(names_text, f"{text}\n{' '.join(spelled)}" if spelled else text, parts)


def compound_parts(words):
    """The parts of the compound words among `words` (casefolded), folded, each once, sorted.

    "lektiehjælp" gives "lektie" and "hjaelp": the search finds the example
    by "hjælp" too (see initiatives.compounds).
    """
    return sorted({part for word in words for part in _word_parts(word)})


@lru_cache(maxsize=100_000)
def _part_keys(word):
    """The keys of a word's compound parts, for marking them in a snippet."""
    return frozenset(word_keys(" ".join(_word_parts(word.casefold()))))


@lru_cache(maxsize=200_000)
def _word_parts(word):
    # Most words are too short to be two parts; compounds.split() caches the rest too.
    return compounds.split(fold(word)) if len(word) >= 2 * compounds.MIN_PART else ()


def refresh_after_commit(pks, *, using=DEFAULT_DB_ALIAS):
    """Rebuild these examples' search documents once the transaction commits.

    Saving a submission writes the example, its relations and new
    organisations in one transaction; collecting the keys on the connection
    rebuilds each document once, from what was committed.
    """
    pending = _pending(using)
    pending.update(pks)
    # Every call registers a flush; the first one takes everything pending. A
    # rolled-back transaction leaves its keys behind for the next flush, which
    # reads the database and so does no harm.
    transaction.on_commit(lambda: _flush(using), using=using)


def _pending(using):
    connection = connections[using]
    if not hasattr(connection, "search_refresh_pending"):
        connection.search_refresh_pending = set()
    return connection.search_refresh_pending


def _flush(using):
    pending = _pending(using)
    pks = sorted(pending)
    pending.clear()
    if pks:
        rebuild(pks)


def rebuild(pks, *, model=None):
    """Rebuild the stored search document of the initiatives with these keys, now.

    `model` is the Initiative model to use; a migration passes its historical one,
    which before migration 0012 has no search_parts.
    """
    if model is None:
        from initiatives.models import Initiative

        model = Initiative
    with_parts = any(field.name == "search_parts" for field in model._meta.concrete_fields)
    rows = list(
        model.objects.filter(pk__in=pks)
        .select_related("category", "lead_organisation")
        .prefetch_related("target_groups", "partner_organisations")
    )
    for initiative in rows:
        names = [initiative.category.name]
        names += [group.name for group in initiative.target_groups.all()]
        if initiative.lead_organisation:
            names.append(initiative.lead_organisation.name)
        names += [org.name for org in initiative.partner_organisations.all()]
        document = search_document(initiative, names)
        initiative.search_names, initiative.search_text = document.names, document.text
        initiative.search_parts = document.parts
    columns = ["search_names", "search_text", *(["search_parts"] if with_parts else [])]
    model.objects.bulk_update(rows, columns, batch_size=500)
    if is_postgres() and rows:
        model.objects.filter(pk__in=[row.pk for row in rows]).update(
            search_vector=vector_expression(parts=with_parts)
        )
    # Written without save(), so no signal tells the page cache.
    pagecache.invalidate()


def vector_expression(*, parts=True):
    """The weighted tsvector of an example's own columns (search_names and search_parts
    filled first), folded.

    Only folded lexemes: a word keeps its one position, so phrases and ranks
    are as they were, and the query is folded to match (see _fold_query()).
    The compounds' parts are at D, the lowest weight, with the names: an
    example where "hjælp" stands alone ranks above one where it is part of
    "lektiehjælp". search_parts is folded already; without `parts` (a migration
    before there was a search_parts) it is left out.
    """
    names = [Fold("search_names"), *(["search_parts"] if parts else [])]
    return (
        SearchVector(Fold("title"), weight="A", config=CONFIG)
        + SearchVector(Fold("summary"), weight="B", config=CONFIG)
        + SearchVector(
            Fold("description"), Fold("outcomes"), Fold("how_to_start"), weight="C", config=CONFIG
        )
        + SearchVector(*names, weight="D", config=CONFIG)
    )


def _without_markers(text):
    """The text with the highlight markers taken out, so that none typed can become <mark>."""
    return Replace(Replace(text, Value(_START), Value("")), Value(_STOP), Value(""))


class Search:
    """A free-text query over the initiatives in `scope`.

    `filter(qs)` narrows any queryset within that scope (the results and each
    facet use it); `annotate(qs)` adds the rank and snippet for the rows on
    one page. A query with nothing searchable in it (a lone quote, a dash) is
    false, and filters nothing.
    """

    # Ranking, counting and facet counts read at most this many matches (and
    # one more, to know there are more): a word found in nearly every example
    # costs what a rarer one does. The newest matches are the candidates.
    CANDIDATES = 1000
    # How many of the newest filtered examples a filtered search looks among first.
    LOOKAHEAD = 2000

    def __init__(self, query, scope):
        self.query = _english_or(query)
        self.terms = parse(query)
        self.scope = scope
        self._candidates = {}

    def __bool__(self):
        return bool(self.terms.groups or self.terms.excluded)

    @cached_property
    def synonyms(self):
        """{word or phrase of the query: [its synonyms]} for those in a curators' group.

        Each is searched as if the query said "word or synonym" in its place.
        """
        if not self.terms.groups:
            return {}
        table = synonyms.current()
        if not table:
            return {}
        terms = [term for group in self.terms.groups for term in group]
        typed = {synonyms.key(term) for term in terms}
        found = {}
        for term in terms:
            # A synonym the query has as well adds nothing to say.
            others = [word for word in table.others(term) if synonyms.key(word) not in typed]
            if others:
                found[term] = others
        return found

    @property
    def also(self):
        """The synonyms the search added, each once: "Viser også resultater for …"."""
        return list(dict.fromkeys(word for words in self.synonyms.values() for word in words))

    @cached_property
    def fuzzy(self):
        """Whether trigram typo tolerance joins in: full-text finds little in the scope.

        One query, the first time it is asked. A quoted phrase is deliberate,
        so it is never loosened.
        """
        if not (is_postgres() and self.terms.groups and not self.terms.has_phrase):
            return False
        hits = self.scope.filter(search_vector=self._tsquery()).values("pk")[:FEW_HITS]
        return len(hits) < FEW_HITS

    def filter(self, queryset):
        if not self:
            return queryset
        if is_postgres():
            return queryset.filter(self._pg_condition())
        return queryset.filter(self._sqlite_condition())

    def bounded(self, queryset, newest=None):
        """The newest CANDIDATES + 1 rows of `queryset` (see candidates()).

        Filtered by the candidates' primary keys alone: had it kept the search
        condition, PostgreSQL would match the word against every row again
        before joining the candidates.
        """
        if not self:
            return queryset
        return queryset.model.objects.filter(AnyOf(F("pk"), self.candidates(queryset, newest)))

    def candidates(self, queryset, newest=None):
        """The primary keys of the newest CANDIDATES + 1 rows of `queryset`.

        `newest`, if given, is the primary keys of the examples that pass
        `queryset`'s filters, newest first, up to LOOKAHEAD + 1 of them (from
        the facet index). The search then looks among those first: with
        filters, PostgreSQL would otherwise match the words against every
        example that passes them (400 ms for a category at 100 000 examples).
        Each distinct queryset (the list, and each facet group that leaves
        out a filter in use) is read once.
        """
        try:
            key = str(queryset.query)
        except EmptyResultSet:
            return []
        if key not in self._candidates:
            found = None
            if newest is not None:
                found = self._newest(
                    self.filter(self.scope.filter(AnyOf(F("pk"), newest[: self.LOOKAHEAD])))
                )
                if len(found) <= self.CANDIDATES and len(newest) > self.LOOKAHEAD:
                    found = None  # too few among the newest: the words are rarer
            self._candidates[key] = self._newest(queryset) if found is None else found
        return self._candidates[key]

    def _newest(self, queryset):
        newest = queryset.order_by("-published_at", "pk").values_list("pk", flat=True)
        return list(newest[: self.CANDIDATES + 1])

    def annotate(self, queryset, *, headline=True):
        """Add the rank and, with `headline`, the part of the text that snippet() shows."""
        if not self or not is_postgres():
            return queryset
        tsquery = self._tsquery()
        rank = SearchRank(F("search_vector"), tsquery)
        if self.fuzzy:
            rank = rank + TrigramWordSimilarity(Value(self._plain_words()), "search_text")
        if not headline:
            return queryset.annotate(rank=rank)
        # The headline parses the text as written, unfolded: the query as typed
        # finds "børn" there, the folded one "lektiecafe"; snippet() marks the
        # words that only folding matches ("boern" for "børn").
        typed = SearchQuery(self.query, search_type="websearch", config=CONFIG)
        folded_as_typed = self._folded_query() == self.query.lower() and not self.synonyms
        shown = typed if folded_as_typed else typed | tsquery
        return queryset.annotate(
            rank=rank,
            headline=SearchHeadline(
                _without_markers(
                    Concat("summary", Value(" "), "description", output_field=TextField())
                ),
                shown,
                config=CONFIG,
                start_sel=_START,
                stop_sel=_STOP,
                max_words=35,
                min_words=15,
            ),
        )

    def order_by_relevance(self, queryset):
        if self and is_postgres():
            return queryset.order_by("-rank", "-published_at", "pk")
        return queryset.order_by("-published_at", "pk")

    def snippet(self, initiative):
        """The summary (or the part that matched) with the query's words marked.

        A headline cut from the middle of the text says so with "…".
        """
        headline = getattr(initiative, "headline", None)
        if headline:
            text = escape(self._mark_keys(headline))
            text = text.replace(_START, "<mark>").replace(_STOP, "</mark>")
            shown = " ".join(headline.replace(_START, "").replace(_STOP, "").split())
            whole = f"{initiative.summary} {initiative.description}"
            whole = " ".join(whole.replace(_START, "").replace(_STOP, "").split())
            if shown and not whole.startswith(shown):
                text = "… " + text
            if shown and not whole.endswith(shown):
                text += " …"
            # The headline was escaped above; only the <mark> tags are markup.
            return mark_safe(text)  # nosec B308 B703
        summary = initiative.summary.replace(_START, "").replace(_STOP, "")
        text = escape(self._mark_keys(summary))
        # `text` is escaped; only the markers become <mark> tags.
        return mark_safe(text.replace(_START, "<mark>").replace(_STOP, "</mark>"))  # nosec B308 B703

    @cached_property
    def _keys(self):
        words = [*self.terms.words, *self.also]
        return {key for word in words for key in query_keys(word)}

    def _mark_keys(self, text):
        """`text` with markers around the words the query matches once folded and stemmed.

        Words already between markers stay as they are.
        """
        if not self._keys:
            return text
        parts = re.split(f"({_START}[^{_STOP}]*{_STOP})", text)
        for i in range(0, len(parts), 2):
            parts[i] = _WORD.sub(self._marked_word, parts[i])
        return "".join(parts)

    def _marked_word(self, match):
        """The word, marked if the query matches it or one of its parts ("hjælp", "lektiehjælp")."""
        word = match.group(0)
        keys = word_keys(word)
        if keys and keys[0] in self._keys:
            return f"{_START}{word}{_STOP}"
        if not self._keys.isdisjoint(_part_keys(word)):
            return f"{_START}{word}{_STOP}"
        return word

    # PostgreSQL

    def _folded_query(self):
        return _fold_query(self.query)

    def _tsquery(self):
        if self.synonyms:
            return self._widened_tsquery()
        return SearchQuery(self._folded_query(), search_type="websearch", config=CONFIG)

    def _widened_tsquery(self):
        """The query as websearch_to_tsquery reads it, each word or phrase ORed with its synonyms.

        Web-search syntax has no brackets, so the query is put together from a
        phraseto_tsquery() per word, phrase and synonym: groups ORed, the
        words of a group ANDed, exclusions ANDed in negated.
        """
        query = None
        for group in self.terms.groups:
            words = None
            for term in group:
                if term in _QUERY_STOP_WORDS:
                    continue  # as websearch_to_tsquery leaves it out
                either = _phrase(term)
                for synonym in self.synonyms.get(term, ()):
                    either |= _phrase(synonym)
                words = either if words is None else words & either
            if words is not None:
                query = words if query is None else query | words
        for term in self.terms.excluded:
            if term not in _QUERY_STOP_WORDS:
                query &= ~_phrase(term)
        return query

    def _plain_words(self):
        # Folded, like the spellings search_document() adds to search_text.
        return fold(" ".join(self.terms.words))

    def _pg_condition(self):
        if not self.terms.groups:
            # Only exclusions: everything that does not match them.
            condition = Q()
        else:
            condition = Q(search_vector=self._tsquery())
            if self.fuzzy:
                condition |= Q(search_text__trigram_word_similar=self._plain_words())
        for term in self.terms.excluded:
            if term in FOLDED_STOP_WORDS:
                continue  # as "-på" excludes nothing, being a stop word
            phrase = SearchQuery(fold(term), search_type="phrase", config=CONFIG)
            condition &= ~Q(search_vector=phrase)
        return condition

    # SQLite

    def _sqlite_condition(self):
        """Each word's keys among search_text's keys, each phrase in its folded text.

        Stop words are left out as PostgreSQL leaves them out: a group of
        nothing else drops out of the query, and a query of nothing else
        finds nothing.
        """
        condition = Q()
        if self.terms.groups:
            any_group, searchable = Q(), False
            for group in self.terms.groups:
                terms = [self._sqlite_either(term) for term in group]
                terms = [term for term in terms if term]
                if terms:
                    any_group |= Q(*terms)
                    searchable = True
            condition &= any_group if searchable else Q(pk__in=[])
        for term in self.terms.excluded:
            if term := _sqlite_term(term):
                condition &= ~term
        return condition

    def _sqlite_either(self, term):
        """A query's word or phrase as a condition, ORed with its synonyms; None for a stop word."""
        condition = _sqlite_term(term)
        for synonym in self.synonyms.get(term, ()):
            if either := _sqlite_term(synonym.casefold()):
                condition = either if condition is None else condition | either
        return condition


def _phrase(text):
    """A word or phrase as PostgreSQL's phraseto_tsquery() reads it, folded."""
    return SearchQuery(fold(text.casefold()), search_type="phrase", config=CONFIG)


def _sqlite_term(term):
    """The condition one word or phrase of a query puts on search_text, or None for a stop word."""
    if " " in term:
        return Q(search_text__contains=fold(term))
    keys = query_keys(term)
    if not keys:
        return None
    return Q(*(Q(search_text__contains=f"{_KEY}{key}{_KEY}") for key in keys))


SIMILAR_TITLE = 0.55
SIMILAR_SUMMARY = 0.6


def similar_examples(queryset, *, title, summary, limit=3):
    """Examples whose title or summary is very close to these, closest first.

    PostgreSQL compares trigrams in the database (indexed); SQLite compares
    in Python, which is fine for a development database.
    """
    title, summary = (title or "").strip(), (summary or "").strip()
    if not title and not summary:
        return []
    if is_postgres():
        from django.contrib.postgres.search import TrigramSimilarity
        from django.db.models.functions import Greatest

        return list(
            queryset.annotate(
                closeness=Greatest(
                    TrigramSimilarity("title", title), TrigramSimilarity("summary", summary)
                )
            )
            .filter(
                Q(title__trigram_similar=title) | Q(summary__trigram_similar=summary),
                closeness__gte=SIMILAR_TITLE,
            )
            .order_by("-closeness")[:limit]
        )
    from difflib import SequenceMatcher

    def closeness(a, b):
        return SequenceMatcher(None, a.casefold(), b.casefold()).ratio() if a and b else 0

    scored = []
    for example in queryset.only("pk", "title", "slug", "summary"):
        score = max(
            closeness(title, example.title) / SIMILAR_TITLE,
            closeness(summary, example.summary) / SIMILAR_SUMMARY,
        )
        if score >= 1:
            scored.append((score, example))
    scored.sort(key=lambda pair: -pair[0])
    return [example for _score, example in scored[:limit]]
