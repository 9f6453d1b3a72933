"""Find personal data in free text: the privacy guard's detector.

Contributors write about vulnerable people, and a CPR number, a phone number,
an e-mail address or a child's name in a published example is a data breach.
`find_personal_data()` returns what looks like such data so that the form can
warn the contributor and the review queue can warn the curator. It is a
guard, not a proof: it errs towards quiet on ordinary prose (years, amounts,
postcodes, organisation names) because a warning on every example teaches
people to ignore warnings.

Pure: imports no app, only Django's translation helpers.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _

CPR, PHONE, EMAIL, NAME = "cpr", "phone", "email", "name"

KIND_LABELS = {
    CPR: _("CPR number"),
    PHONE: _("phone number"),
    EMAIL: _("e-mail address"),
    NAME: _("person's name"),
}

MESSAGES = {
    CPR: _("Looks like a CPR number"),
    PHONE: _("Looks like a phone number"),
    EMAIL: _("Looks like an e-mail address"),
    NAME: _("Looks like a person's name next to a word such as “barn” or “elev”"),
}

NAMES_FILE = Path(__file__).with_name("data") / "fornavne.txt"


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str
    start: int
    end: int

    @property
    def message(self):
        return MESSAGES[self.kind]

    @property
    def label(self):
        return KIND_LABELS[self.kind]


def find_personal_data(text, *, emails_allowed=False):
    """Return the personal data found in `text`, in the order it appears.

    `emails_allowed` is for fields where an address belongs (the contact field).
    """
    if not text:
        return []
    text = str(text)
    findings = _cpr_numbers(text)
    taken = [(f.start, f.end) for f in findings]
    findings += [f for f in _phone_numbers(text) if not _overlaps(f, taken)]
    if not emails_allowed:
        findings += _email_addresses(text)
    taken = [(f.start, f.end) for f in findings]
    findings += [f for f in _names(text) if not _overlaps(f, taken)]
    return sorted(findings, key=lambda f: (f.start, f.end))


def _overlaps(finding, spans):
    return any(finding.start < end and start < finding.end for start, end in spans)


# --- CPR numbers -------------------------------------------------------------
# DDMMYY-XXXX or DDMMYYXXXX (a space is accepted for the dash too). The date
# must be a real one; modulus 11 is not checked, as CPR numbers issued since
# 2007 need not satisfy it. Digits that run on, or continue with a dot, slash
# or dash, are part of something else (an ISBN, an account, a date range).
_DASHES = "-\u2010\u2011\u2012\u2013"
_CPR_RE = re.compile(
    rf"(?<![\w.,/+{_DASHES}])"
    rf"(?P<dd>\d\d)(?P<mm>\d\d)(?P<yy>\d\d)[{_DASHES} \u00a0]?\d{{4}}"
    rf"(?![\w/{_DASHES}])(?![.,]\d)"
)
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _valid_date(dd, mm, yy):
    day, month, year = int(dd), int(mm), int(yy)
    if not 1 <= month <= 12 or day < 1:
        return False
    # The century is unknown (it hides in the seventh digit), so 29 February
    # counts in any year divisible by four; 1900 is the only mistake and harmless.
    if month == 2 and day == 29:
        return year % 4 == 0
    return day <= _DAYS_IN_MONTH[month - 1]


def _cpr_numbers(text):
    return [
        Finding(CPR, m.group(), m.start(), m.end())
        for m in _CPR_RE.finditer(text)
        if _valid_date(m["dd"], m["mm"], m["yy"])
    ]


# --- Phone numbers -----------------------------------------------------------
# Eight digits, the first 2-9 (Danish numbers never start with 0 or 1), in
# groups of two or four with spaces or none, optionally after +45 or 0045.
_SPACE = " \u00a0"
_PHONE_RE = re.compile(
    rf"(?<![\w.,/+{_DASHES}])(?<!\d[{_SPACE}])"
    rf"(?P<prefix>(?:\+|00)45[{_SPACE}]?)?"
    rf"(?P<number>[2-9]\d(?:[{_SPACE}]?\d\d){{3}})"
    rf"(?![\w/{_DASHES}])(?![.,]\d)(?![{_SPACE}]?\d)"
)
# Eight-digit numbers that are not phones: company and account numbers, ISBN
# parts, case numbers. Looked for just before the number.
_NOT_PHONE_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:cvr|se|p|ean|gln|reg|konto|kontonr|isbn|issn|j|journal|sag|sags|faktura|ordre|"
    r"nr|nummer|postnr|kr|dkk|eur)[\s.:\-]*(?:nr\.?|nummer)?[\s.:\-]*$",
    re.IGNORECASE,
)
# ... unless a word for a phone comes first: "telefonnummer", "tlf.nr.", "mobilnr".
_PHONE_WORD_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:tlf|tel|telefon|mobil|mob|fastnet|sms)[\s.:\-]*(?:nr\.?|nummer)?[\s.:\-]*$",
    re.IGNORECASE,
)
_NOT_PHONE_AFTER = re.compile(r"^\s*(?:kr\b|kroner|dkk|euro|eur\b|,-|timer|personer|kr\.)", re.I)
_YEAR = re.compile(r"(?:19|20)\d\d")


def _phone_numbers(text):
    found = []
    for m in _PHONE_RE.finditer(text):
        digits = re.sub(r"\D", "", m["number"])
        if not m["prefix"] and _YEAR.fullmatch(digits[:4]) and _YEAR.fullmatch(digits[4:]):
            continue  # "2020 2021": two years
        if not m["prefix"]:
            before = text[max(0, m.start() - 20) : m.start()]
            not_a_phone = _NOT_PHONE_BEFORE.search(before) and not _PHONE_WORD_BEFORE.search(before)
            if not_a_phone or _NOT_PHONE_AFTER.match(text[m.end() :]):
                continue
        found.append(Finding(PHONE, m.group(), m.start(), m.end()))
    return found


# --- E-mail addresses --------------------------------------------------------
_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")


def _email_addresses(text):
    return [Finding(EMAIL, m.group(), m.start(), m.end()) for m in _EMAIL_RE.finditer(text)]


# --- Names -------------------------------------------------------------------
# A first name from the list counts only when it is capitalised and within a
# few words of a word for a person in care (barn, elev, borger ...), so that a
# contact person ("Anne Jensen, projektleder") or a place does not trigger.
_PERSON_WORDS = re.compile(
    r"\b(?:"
    r"barn(?:et|ets)?|børn(?:ene|enes)?|"
    r"elev(?:en|ens|er|erne|ernes)?|"
    r"dreng(?:en|ens|e|ene|enes)?|"
    r"pige(?:n|ns|r|rne|rnes)?|"
    r"borger(?:en|ens|e|ne|nes)?|"
    r"beboer(?:en|ens|e|ne|nes)?|"
    r"bruger(?:en|ens|e|ne|nes)?|"
    r"låner(?:en|ens|e|ne|nes)?|"
    r"deltager(?:en|ens|e|ne|nes)?|"
    r"patient(?:en|ens|er|erne)?|"
    r"klient(?:en|ens|er|erne)?|"
    r"søn(?:nen|nens)?|datter(?:en|ens)?|"
    r"barnebarn(?:et)?"
    r")\b",
    re.IGNORECASE,
)
# "Red Barnet" is an organisation, not a child; "Sankt Hans" and "Kong
# Christian" are a feast and a king.
_ORGANISATION_BEFORE = re.compile(r"\bRed\s+$")
_TITLE_BEFORE = re.compile(r"\b(?:Sankt|Skt\.?|Kong|Dronning|Prins|Prinsesse)\s+$")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_NEAR = 4  # words between the name and the person word, either side
# Names that are also everyday Danish words ("Bo" = live, "Hans" = his,
# "Storm", "Sol", "Per" ...): they count only inside a sentence, not at its
# start, where a capital says nothing.
_ALSO_WORDS = frozenset(
    {
        "Alf",
        "Ane",
        "Ask",
        "August",
        "Birk",
        "Bjørn",
        "Bo",
        "Ebbe",
        "Frank",
        "Gry",
        "Hans",
        "Iver",
        "Jarl",
        "Kaj",
        "Line",
        "Liv",
        "Lykke",
        "Lærke",
        "Maj",
        "Mai",
        "Mark",
        "Mille",
        "Per",
        "Rosa",
        "Rune",
        "Saga",
        "Sine",
        "Sol",
        "Sten",
        "Stig",
        "Storm",
        "Søs",
        "Tage",
        "Tilde",
        "Tom",
        "Vagn",
        "Viola",
    }
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n\"“”«»(]\s*|[-–•*]\s+)$")


@cache
def first_names():
    """The first names in portal/lib/data/fornavne.txt (lines with # are comments)."""
    lines = NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")
    )


def _names(text):
    words = list(_WORD.finditer(text))
    person_at = [
        i
        for i, w in enumerate(words)
        if _PERSON_WORDS.fullmatch(w.group()) and not _ORGANISATION_BEFORE.search(_before(text, w))
    ]
    if not person_at:
        return []
    names = first_names()
    return [
        Finding(NAME, w.group(), w.start(), w.end())
        for i, w in enumerate(words)
        if any(abs(i - p) <= _NEAR + 1 for p in person_at)
        and _is_name(w.group(), names)
        and not _TITLE_BEFORE.search(_before(text, w))
        and not _sentence_start_word(text, w)
    ]


def _before(text, match, chars=12):
    return text[max(0, match.start() - chars) : match.start()]


def _is_name(word, names):
    parts = word.split("-")
    return all(p[:1].isupper() and p[1:].islower() and p in names for p in parts)


def _sentence_start_word(text, w):
    if w.group() not in _ALSO_WORDS:
        return False
    return bool(_SENTENCE_START.search(_before(text, w, 5)))
