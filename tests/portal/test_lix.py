"""LIX, the readability score beside the summary and the description (issue 18).

LIX = words / sentences + 100 × long words / words. Each expected value below
is counted by hand; the comment shows the count.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from portal.lib.lix import BANDS, Readability, Sentence, lix, readability, scale


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 7 words, 2 sentences, no long word: 7/2 + 0
        ("Jeg læser en bog. Den er god.", 3.5),
        # 12 words, 2 sentences; Biblioteket, samarbejder, frivillige, organisationer,
        # fællesskaber, ensomme, borgere are long (7): 12/2 + 100·7/12
        (
            "Biblioteket samarbejder med frivillige organisationer. "
            "Sammen skaber de fællesskaber for ensomme borgere.",
            6 + 700 / 12,
        ),
        # A colon ends a sentence (Björnsson): 8 words, 2 sentences, 1 long (frivillige)
        ("Det kræver tre ting: frivillige, bøger og tid.", 4 + 100 / 8),
        # A line break ends one too: 9 words, 3 sentences, 1 long (frivillige)
        ("Sådan gør I\nFind frivillige\nAftal en fast rute.", 3 + 100 / 9),
        # "?!" is one end: 4 words, 2 sentences
        ("Hvad nu?! Vi læser.", 2.0),
        # Abbreviations and numbers end nothing: Vi, har, f, eks, 1.000, bøger, kl, 9:30 |
        # Kom: 9 words, 2 sentences
        ("Vi har f.eks. 1.000 bøger kl. 9:30. Kom!", 4.5),
        # No end mark at all is one sentence: 3 words, 1 long (ensomme)
        ("Bøger til ensomme", 3 + 100 / 3),
    ],
)
def test_lix_follows_the_formula(text, expected):
    assert lix(text) == pytest.approx(expected)


def test_a_text_without_words_has_no_lix():
    assert lix("") is None
    assert lix(" ... !? ") is None
    assert readability(None) is None


def test_the_parts_of_the_score_are_counted():
    found = readability("Det kræver tre ting: frivillige, bøger og tid.")
    assert (found.words, found.long_words, len(found.sentences)) == (8, 1, 2)
    assert [sentence.words for sentence in found.sentences] == [4, 4]
    assert found.long_word_percent == 13  # 12.5 rounds up


def test_the_shown_value_rounds_halves_up():
    assert readability("Vi har f.eks. 1.000 bøger kl. 9:30. Kom!").value == 5  # 4.5
    assert readability("Det kræver tre ting: frivillige, bøger og tid.").value == 17  # 16.5


def one_sentence(words):
    """A Readability whose score is exactly `words`: one sentence of short words."""
    return Readability(words=words, long_words=0, sentences=(Sentence("", words),))


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (1, "meget-let"),
        (24, "meget-let"),
        (25, "let"),
        (34, "let"),
        (35, "middel"),
        (44, "middel"),
        (45, "svaer"),
        (54, "svaer"),
        (55, "meget-svaer"),
        (80, "meget-svaer"),
    ],
)
def test_the_score_falls_in_the_usual_danish_band(score, band):
    assert one_sentence(score).band.slug == band


def test_the_bands_have_their_danish_names():
    with translation.override("da"):
        names = [str(band.name) for band in BANDS]
    assert names == ["meget let", "let", "middel", "svær", "meget svær"]


def test_the_scale_gives_each_band_its_range():
    assert [(band.lowest, highest) for band, highest in scale()] == [
        (0, 24),
        (25, 34),
        (35, 44),
        (45, 54),
        (55, None),
    ]


def test_the_advice_names_the_longest_sentences_by_their_word_count():
    text = " ".join(["Vi", *["ord"] * 29]) + ". " + " ".join(["Så", *["ord"] * 21]) + ". Kort."
    with translation.override("en"):
        advice = readability(text).advice()
    assert advice == ["Split the longest sentences (30, 22 words) into shorter ones."]


def test_the_advice_speaks_of_long_words_when_many_are_long():
    with translation.override("en"):
        advice = readability("Biblioteket samarbejder med frivillige organisationer.").advice()
    assert advice == [
        "80 % of the words are long (more than six letters): "
        "use shorter, everyday words where you can."
    ]


def test_an_easy_text_gets_no_advice():
    assert readability("Jeg læser en bog. Den er god.").advice() == []


@pytest.mark.django_db
def test_the_about_page_explains_lix_and_its_bands(client):
    with translation.override("en"):
        response = client.get(reverse("about"))
    assert 'id="lix"' in response.text
    for band in ["Under 25", "25–34", "35–44", "45–54", "55 and over", "very hard"]:
        assert band in response.text
