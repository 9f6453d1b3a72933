"""The detector (portal.lib.personaldata): each kind of personal data, and quiet on ordinary prose."""

import pytest
from django.utils import translation

from portal.lib.personaldata import find_personal_data


def found(text, **kwargs):
    return [(f.kind, f.text) for f in find_personal_data(text, **kwargs)]


@pytest.mark.parametrize(
    "cpr", ["010203-1234", "0102031234", "311299-4321", "290204-1234", "010203–1234"]
)
def test_a_cpr_number_with_a_real_date_is_found_with_or_without_the_dash(cpr):
    assert found(f"Barnets cpr-nr. er {cpr}, skriv det ikke.") == [("cpr", cpr)]


def test_the_modulus_11_check_is_not_required():
    # 010203-1235 fails modulus 11; CPR numbers issued since 2007 need not pass it.
    assert found("010203-1235") == [("cpr", "010203-1235")]


@pytest.mark.parametrize("text", ["320199-1234", "011399-1234", "290201-1234", "300299-1234"])
def test_ten_digits_that_are_no_date_are_no_cpr_number(text):
    assert found(text) == []


@pytest.mark.parametrize("text", ["01020312345", "1010203-1234", "ISBN 978-87-010203-1234"])
def test_a_cpr_number_is_not_found_inside_a_longer_number(text):
    assert [kind for kind, _ in found(text)] == []


@pytest.mark.parametrize(
    "phone",
    ["22 33 44 55", "22334455", "2233 4455", "+45 22 33 44 55", "+4522334455", "0045 2233 4455"],
)
def test_a_danish_phone_number_is_found_however_it_is_grouped(phone):
    assert found(f"Ring til os på {phone} i dag.") == [("phone", phone)]


@pytest.mark.parametrize(
    "label", ["telefonnummer", "tlf.nr.", "Tlf. nr.", "mobilnr", "Mobilnummer:"]
)
def test_a_phone_number_after_a_word_for_phone_number_is_found(label):
    assert found(f"Hendes {label} 22 33 44 55 står på sedlen.") == [("phone", "22 33 44 55")]


@pytest.mark.parametrize(
    "text", ["Sagsnummer 22334455.", "Ordrenr. 22334455.", "Kontonr: 22334455."]
)
def test_a_case_order_or_account_number_is_no_phone_number(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Projektet kørte 2020 2021 og igen i 2009-2016.",
        "Det koster 12 000 kr. om året, i alt 25000000 kr.",
        "CVR 29188505 og EAN 5798000123456",
        "Adressen er 8000 Aarhus C og 2300 København S.",
        "Vi lånte 1 200 000 bøger ud til 34 institutioner.",
        "Kl. 10-12 og 13.30-15.00 hver tirsdag.",
    ],
)
def test_years_amounts_company_numbers_and_postcodes_are_no_phone_numbers(text):
    assert found(text) == []


def test_an_email_address_is_found_outside_the_contact_field():
    assert found("Skriv til mette.hansen@skole.dk.") == [("email", "mette.hansen@skole.dk")]


def test_an_email_address_is_allowed_where_it_belongs():
    assert found("mette.hansen@skole.dk", emails_allowed=True) == []


@pytest.mark.parametrize(
    "text, name",
    [
        ("Eleven Sofie fik lånt bøger.", "Sofie"),
        ("Vi talte med Oliver, en dreng på 9 år.", "Oliver"),
        ("Pigen, Emma (7), kom hver uge.", "Emma"),
        ("Borgeren Jens Hansen fik besøg.", "Jens"),
        ("Beboerne Karen og Bent læste højt.", "Karen"),
    ],
)
def test_a_first_name_next_to_a_word_for_a_person_in_care_is_found(text, name):
    assert ("name", name) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Kontakt Anne Jensen, projektleder, for at høre mere.",
        "Red Barnet og Mette Frederiksen var med.",
        "Bo i nærheden af biblioteket? Børn er velkomne.",
        "Hans barn gik i skole.",
        "Sankt Hans for børn og unge på Frederiksberg.",
        "Lektiehjælp for elever i Roskilde og Esbjerg.",
        "eleven sofie",  # no capital: no name
    ],
)
def test_contacts_organisations_places_and_everyday_words_are_no_names(text):
    assert [kind for kind, _ in found(text)] == []


def test_findings_say_where_they_are_and_what_they_are():
    text = "Ring 22 33 44 55 eller skriv til a@b.dk om eleven Sofie (010203-1234)."
    findings = find_personal_data(text)
    assert [f.kind for f in findings] == ["phone", "email", "name", "cpr"]
    assert all(text[f.start : f.end] == f.text for f in findings)
    with translation.override("en"):
        assert str(findings[-1].message) == "Looks like a CPR number"
