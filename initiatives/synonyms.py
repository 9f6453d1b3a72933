"""The synonyms curators keep (SynonymGroup), read once per process and change.

A search widens each word of its query with the other words of the word's
group: "bogbus" also finds "mobilbibliotek" (initiatives.search.Search). The
groups are read the first time a search needs them and kept under the page
cache's generation, as the facet index is: saving or deleting a group, like
any change in initiatives, starts a new generation, so a search never uses
stale groups, and a search in a warm process costs no query. Without the
cache's generation (an outage) they are read for each search.
"""

import threading
from dataclasses import dataclass, field

from portal.lib import pagecache

_lock = threading.Lock()
_built = {}  # {"generation": ..., "synonyms": Synonyms}


def key(text):
    """What a word or phrase is known by: its folded, stemmed words, stop words left out.

    So "Lektiecafeen" belongs where "lektiecafé" does, and "isolerede" where "isoleret" does.
    """
    from initiatives.search import query_keys

    return tuple(query_keys(text))


@dataclass(frozen=True)
class Synonyms:
    """{key(): the words of its group, as curators wrote them}."""

    groups: dict = field(default_factory=dict)

    @classmethod
    def from_groups(cls, groups):
        """From lists of synonyms; a word in two groups belongs to both."""
        table = {}
        for words in groups:
            for word in words:
                if word_key := key(word):
                    table[word_key] = [*table.get(word_key, []), *words]
        return cls({word_key: tuple(dict.fromkeys(words)) for word_key, words in table.items()})

    @classmethod
    def load(cls):
        from initiatives.models import SynonymGroup

        return cls.from_groups(group.synonyms() for group in SynonymGroup.objects.only("words"))

    def __bool__(self):
        return bool(self.groups)

    def others(self, text):
        """The synonyms of a query's word or phrase, without the word itself."""
        text_key = key(text)
        if not text_key:
            return []
        return [word for word in self.groups.get(text_key, ()) if key(word) != text_key]


def current():
    """The synonyms of the current generation, read if this process has none."""
    generation = pagecache.generation()
    if generation is None:
        return Synonyms.load()
    with _lock:
        if _built.get("generation") != generation:
            _built.update(generation=generation, synonyms=Synonyms.load())
        return _built["synonyms"]
