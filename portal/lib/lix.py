"""LIX, the Scandinavian readability score, with its Danish bands and short advice.

    LIX = words / sentences + 100 × long words / words

(C.-H. Björnsson, *Læsbarhed*, 1968.) The counting rules, which decide the score:

- A **word** is a run of letters or digits: "lektiecafé", "2020". A hyphen, an
  apostrophe or a slash separates two words ("lektie-café" is two); a full
  stop, comma or colon between digits does not ("1.000", "10.30" are one).
- A **long word** has more than six letters (digits count as letters).
- A **sentence** ends at a full stop, a colon, a question mark or an
  exclamation mark, Björnsson's definition, and at a line break, because a
  heading or a list item without a full stop is a sentence of its own. A run
  of marks ("?!", "...") ends one sentence. Two exceptions keep abbreviations
  and numbers from counting as sentences and so making a text look easier: a
  mark between two digits ("1.000", "10.30", "9:30"), and a full stop followed
  on the same line by a lower-case letter or a digit ("f.eks. bøger", "17. maj",
  "kl. 9"). The Danish school convention of also starting a sentence at every
  capital letter is not used: it would count every name as a sentence.

The bands are the usual Danish scale, all five of them ("meget let" is a score
below 25, as in children's books), decided on the score rounded to a whole
number, which is the number shown.

Pure: imports no app, only Django's translation helpers.
"""

import math
import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

LONG_WORD = 6  # letters; a word with more is long
# Above these the advice speaks up. Danish plain-language guides aim at 15 to 20
# words a sentence; 30 % long words alone add 30 to the score (a "middel" text).
LONG_SENTENCE = 20
LONG_WORDS_PERCENT = 30
SHOWN_SENTENCES = 3  # the longest sentences the advice names

_WORD = re.compile(r"(?:\d+[.,:](?=\d))*[^\W_]+")
_MARKS = re.compile(r"[.:!?]+|\n")
_CONTINUES = re.compile(r"[ \t\u00a0]*(?:[^\W\d_]|\d)")


@dataclass(frozen=True)
class Band:
    """A stretch of the Danish LIX scale: its name and the kind of text it is like."""

    slug: str
    name: str
    like: str
    lowest: int  # the lowest rounded score in the band


BANDS = (
    Band("meget-let", _("very easy"), _("like a book for children"), 0),
    Band("let", _("easy"), _("like a weekly magazine or easy fiction"), 25),
    Band("middel", _("medium"), _("like a daily newspaper"), 35),
    Band("svaer", _("hard"), _("like non-fiction and official letters"), 45),
    Band("meget-svaer", _("very hard"), _("like academic texts and laws"), 55),
)


def scale():
    """[(band, its highest rounded score or None for the last)], for a page that explains LIX."""
    highest = [following.lowest - 1 for following in BANDS[1:]] + [None]
    return list(zip(BANDS, highest, strict=True))


@dataclass(frozen=True)
class Sentence:
    text: str
    words: int


@dataclass(frozen=True)
class Readability:
    """The LIX of a text and what it is made of."""

    words: int
    long_words: int
    sentences: tuple[Sentence, ...]

    @property
    def score(self):
        """LIX as the formula gives it, unrounded."""
        return self.words / len(self.sentences) + 100 * self.long_words / self.words

    @property
    def value(self):
        """The score rounded to a whole number (halves up): what is shown, and what bands it."""
        return math.floor(self.score + 0.5)

    @property
    def band(self):
        return next(band for band in reversed(BANDS) if self.value >= band.lowest)

    @property
    def long_word_percent(self):
        return math.floor(100 * self.long_words / self.words + 0.5)

    @property
    def words_per_sentence(self):
        return self.words / len(self.sentences)

    def counts(self):
        """What the score is made of, in a sentence of the current language."""
        return _("%(words)s in %(sentences)s; %(percent)d %% are long.") % {
            "words": ngettext("%(count)d word", "%(count)d words", self.words)
            % {"count": self.words},
            "sentences": ngettext("%(count)d sentence", "%(count)d sentences", len(self.sentences))
            % {"count": len(self.sentences)},
            "percent": self.long_word_percent,
        }

    def longest_sentences(self):
        """Sentences over LONG_SENTENCE words, longest first, at most SHOWN_SENTENCES."""
        long = [s for s in self.sentences if s.words > LONG_SENTENCE]
        return sorted(long, key=lambda s: -s.words)[:SHOWN_SENTENCES]

    def advice(self):
        """Short advice in the current language: what makes this text hard to read, if anything."""
        advice = []
        longest = self.longest_sentences()
        if longest:
            counts = ", ".join(str(s.words) for s in longest)
            advice.append(
                ngettext(
                    "Split the long sentence (%(counts)s words) into shorter ones.",
                    "Split the longest sentences (%(counts)s words) into shorter ones.",
                    len(longest),
                )
                % {"counts": counts}
            )
        if self.long_word_percent > LONG_WORDS_PERCENT:
            advice.append(
                _(
                    "%(percent)d %% of the words are long (more than six letters): "
                    "use shorter, everyday words where you can."
                )
                % {"percent": self.long_word_percent}
            )
        return advice


def readability(text):
    """The Readability of `text`, or None if it has no words."""
    text = unicodedata.normalize("NFC", str(text or ""))
    sentences = []
    long_words = start = 0
    for end in [*_sentence_ends(text), len(text)]:
        words = _WORD.findall(text, start, end)
        if words:
            sentences.append(Sentence(" ".join(text[start:end].split()), len(words)))
            long_words += sum(_letters(word) > LONG_WORD for word in words)
        start = end
    if not sentences:
        return None
    total = sum(s.words for s in sentences)
    return Readability(words=total, long_words=long_words, sentences=tuple(sentences))


def lix(text):
    """The LIX score of `text`, unrounded; None if it has no words."""
    found = readability(text)
    return None if found is None else found.score


def _letters(word):
    return sum(character.isalnum() for character in word)


def _sentence_ends(text):
    """Where each sentence of `text` ends: just after its closing marks."""
    for mark in _MARKS.finditer(text):
        if mark.group() == "\n":
            yield mark.end()
            continue
        before = text[mark.start() - 1 : mark.start()]
        after = text[mark.end() : mark.end() + 1]
        if before.isdigit() and after.isdigit() and len(mark.group()) == 1:
            continue  # 1.000, 10.30, 9:30
        if set(mark.group()) == {"."} and _continues_lower(text, mark.end()):
            continue  # f.eks. bøger, 17. maj, kl. 9
        yield mark.end()


def _continues_lower(text, position):
    following = _CONTINUES.match(text, position)
    if following is None:
        return False
    character = following.group()[-1]
    return character.isdigit() or character.islower()
