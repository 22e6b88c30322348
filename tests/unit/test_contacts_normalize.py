"""Normalised forms: what contacts store, search and compare."""
import pytest

from services.contacts.domain import normalize as n


@pytest.mark.parametrize("raw, country, stored", [
    ("+44 20 7946 0958", None, "+442079460958"),
    ("0044 20 7946 0958", None, "+442079460958"),
    ("020 7946 0958", "GB", "+442079460958"),
    ("(415) 555-0100", "us", "+14155550100"),
    ("+1 415 555 0100", "GB", "+14155550100"),       # an explicit + wins over the country
    ("555  0100", None, "555 0100"),                  # no country: kept as typed
])
def test_phones_become_e164_where_the_country_is_known(raw, country, stored):
    assert n.phone(raw, country) == stored


@pytest.mark.parametrize("raw, country", [("+44 12", None), ("12", "GB"), ("not a number", "GB")])
def test_impossible_phones_are_refused_with_the_number_named(raw, country):
    with pytest.raises(n.NormalisationError, match="phone number"):
        n.phone(raw, country)


def test_emails_and_tags_are_folded():
    assert n.email("  Ada@Example.ORG ") == "ada@example.org"
    assert n.tag("  Machine   Learning ") == "machine learning"


@pytest.mark.parametrize("raw, stored, key", [
    ("https://www.LinkedIn.com/in/ada-lovelace/", "https://www.linkedin.com/in/ada-lovelace",
     "linkedin.com/in/ada-lovelace"),
    ("linkedin.com/in/Ada-Lovelace?trk=x", "https://linkedin.com/in/Ada-Lovelace?trk=x", "linkedin.com/in/ada-lovelace"),
    ("https://de.linkedin.com/in/ada-lovelace#about", "https://de.linkedin.com/in/ada-lovelace",
     "linkedin.com/in/ada-lovelace"),
    ("http://ada.dev/blog/", "http://ada.dev/blog", "ada.dev/blog"),
])
def test_profile_urls_are_stored_lightly_and_compared_loosely(raw, stored, key):
    assert n.url(raw) == stored
    assert n.url_key(n.url(raw)) == key


@pytest.mark.parametrize("bad", ["ftp://x.org/a", "not a url", "https://localhost",
                                 # urllib cannot take these apart (ValueError), or they name no host
                                 "http://[", "http://[object Object]", "URL:http://[object Object]", "[::1",
                                 "https://example.org:99999/in/x", "https://example.org:port/x", "https://@/",
                                 "https://exa mple.org/x", "http://[::1]:80/x"])
def test_non_web_urls_are_refused(bad):
    with pytest.raises(n.NormalisationError):
        n.url(bad)


def test_search_text_folds_accents_case_and_punctuation():
    assert n.search_text("Zoë Ångström", None, "Ærø & Co.", "likes C++") == "zoe angstrom aero co. likes c++"
    assert n.search_terms("  ZOË,  ång ") == ["zoe", "ang"]


def test_company_keys_ignore_legal_suffixes_and_case():
    assert n.company_key("Analytical Engines Ltd.") == n.company_key("analytical engines") == "analytical engines"
    assert n.company_key(None) is None and n.company_key("Ltd") is None


@pytest.mark.parametrize("a, b, close", [
    ("Grace Hopper", "grace  hopper", True),
    ("Grace Hopper", "Hopper, Grace", True),
    ("Grace Hopper", "G. Hopper", True),
    ("Grace Hopper", "Grace M. Hopper", True),
    ("Grace Hopper", "Grace Hoper", True),
    ("Grace Hopper", "Ada Hopper", False),
    ("Grace Hopper", "Grace Kelly", False),
    ("", "Grace", False),
])
def test_close_names(a, b, close):
    assert n.close_names(a, b) is close


def test_names_in_other_scripts_stay_searchable():
    assert n.search_text("Иван Петров", "山田 太郎") == "иван петров 山田 太郎"
    assert n.close_names("Иван Петров", "Петров Иван")


def test_url_keys_of_values_urllib_cannot_parse_do_not_raise():
    assert n.url_key("http://[") == "http://["
