"""Danish compound words split into their parts, for the search index (issue 18).

Danish writes compounds as one word: "lektiehjælp", "mobilbibliotek",
"plejehjemsbeboere". A reader who searches for "hjælp" or "bibliotek" expects
to find them. At index time each word that is not a common word itself is
split into two (or three) common words, joined directly or by the linking
letters s or e ("plejehjem-s-beboere", "børn-e-bog"); initiatives.search
indexes the parts at the lowest weight, so an example where the word stands
alone still ranks first.

"Common" means in the Danish word list of `wordfreq` (about 29 000 words,
each used at least once in a million words). The list is read once per
process, the first time a word is split, and folded as the search folds
(æ/ø/å as ae/oe/aa), so "lektiehjaelp" splits as "lektiehjælp" does. Splits
are cached.
"""

import math
import threading
from functools import lru_cache

# A part is at least this long: shorter ones ("ud", "op") split too much.
MIN_PART = 3
# A part of only three letters must be a very common word ("bog", "bus", "tur").
SHORT_PART, SHORT_PART_ZIPF = 3, 4.0
# Letters that may join two parts: "plejehjem-s-beboere", "børn-e-bog".
LINKS = ("s", "e")
# Endings the last part may carry beyond a listed word: "håndtering-en" in
# "materialehåndteringen", where the word list has only "håndtering".
ENDINGS = (
    *("erne", "ernes", "enes", "ene", "ens", "ets", "en", "et", "er", "es", "e", "s"),
    *("rne", "rnes", "r", "n", "ns"),  # after an e: "plejerske-r", "stribe-n"
)
# Word endings that the word list also holds as words: never parts, as the stop
# words are not ("for-tælle-cafe", "med-arbejder").
NOT_PARTS = frozenset({"ning", "ling", "hed", "else", "ende", "ere", "ner", "ter"})
# Endings that make a new word of a common one, never a compound: "frivillig-heden".
DERIVED = ("hed", "heden", "heder", "hederne", "hedens")
MAX_PARTS = 3
# Each part of a split into three is at least this long ("film-str-iben" is no split).
LONG_PART = 4

_lock = threading.Lock()
_table = {}


def _frequencies():
    """{folded word: Zipf frequency} of the Danish word list, read once per process.

    Zipf: log10 of uses per billion words; 3 is once in a million.
    """
    if not _table:
        with _lock:
            if not _table:
                _table.update(_read_word_list())
    return _table


def _read_word_list():
    import wordfreq

    from initiatives.search import STOP_WORDS, fold

    stop = STOP_WORDS | {fold(word) for word in STOP_WORDS}
    table = {}
    for word, frequency in wordfreq.get_frequency_dict("da").items():
        if not word.isalpha():
            continue
        folded = fold(word)
        if folded in stop or folded in NOT_PARTS:
            # Left out as parts; as whole words they are common, never split.
            table.setdefault(folded, -1.0)
            continue
        table[folded] = max(table.get(folded, -1.0), math.log10(frequency) + 9)
    return table


def known(word):
    """Whether `word` (casefolded, folded) is a common word of its own, never split."""
    return word in _frequencies()


def _part_score(part):
    """The part's Zipf frequency if it may be a part, else None."""
    score = _frequencies().get(part)
    if score is None or score < 0 or len(part) < MIN_PART:
        return None
    if len(part) <= SHORT_PART and score < SHORT_PART_ZIPF:
        return None
    return score


def _head_score(part):
    """The last part's score: a listed word, or a listed word with an inflection ending."""
    score = _part_score(part)
    if score is not None:
        return score
    for ending in ENDINGS:
        if part.endswith(ending) and len(part) - len(ending) >= MIN_PART:
            score = _part_score(part[: -len(ending)])
            if score is not None:
                return score
    return None


@lru_cache(maxsize=200_000)
def split(word):
    """The parts of a compound `word` (casefolded, folded), or () for any other word.

    "lektiehjaelp" -> ("lektie", "hjaelp"); "plejehjemsbeboere" ->
    ("plejehjem", "beboere"); "ensomhed" -> () (a common word). Of the ways to
    split a word, the one with the fewest parts wins, then the one with the
    fewest linking letters, then the one whose parts are most common (the mean
    of their Zipf frequencies). Parts keep the word's ending ("biblioteket"):
    the search stems them as it stems every word.
    """
    if len(word) < 2 * MIN_PART or not word.isalpha() or known(word) or _inflected(word):
        return ()
    found = _best(word, MAX_PARTS)
    return found[1] if found else ()


def _inflected(word):
    """Whether `word` is a common word with an inflection or a -hed ending: "plejehjemmene"
    is "plejehjem" (the m doubled), not "plejehjem" + "mene"; "frivilligheden" is not
    "frivillig" + "heden". The stemmer takes it from here."""
    for ending in (*ENDINGS, *DERIVED):
        stem = word[: -len(ending)]
        if not word.endswith(ending) or len(stem) < MIN_PART:
            continue
        if known(stem) or (stem[-1] == stem[-2] and known(stem[:-1])):
            return True
    return False


def _best(word, most):
    """The best split of `word` into 2 to `most` parts, or None, as ((-parts, -linking
    letters, mean Zipf), parts): tuples compare so that fewer parts win, then fewer linking
    letters ("læse-salene", not "læse-s-alene"), then commoner parts."""
    best = None
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        first = _part_score(word[:cut])
        if first is None:
            continue
        for rest in _rests(word, cut):
            links = len(word) - cut - len(rest)
            last = _head_score(rest)
            if last is not None:
                scores, parts = [first, last], (rest,)
            elif most > 2 and (inner := _best(rest, most - 1)) is not None:
                (negative_count, inner_links, mean), parts = inner
                if min(cut, *map(len, parts)) < LONG_PART:
                    continue
                scores, links = [first] + [mean] * -negative_count, links - inner_links
            else:
                continue
            score = (-len(scores), -links, sum(scores) / len(scores))
            if best is None or score > best[0]:
                best = score, (word[:cut], *parts)
    return best


def _rests(word, cut):
    """What follows a first part that ends at `cut`: directly, or after a linking letter."""
    yield word[cut:]
    if word[cut] in LINKS and len(word) - cut - 1 >= MIN_PART:
        yield word[cut + 1 :]
