"""Probable duplicates: strong keys, or a close name at the same company."""
from services.contacts.domain import duplicates


def c(id_, name, **kw):
    doc = {"_id": id_, "display_name": name, **kw}
    doc["dedupe_keys"] = duplicates.keys(doc)
    return doc


def test_keys_cover_emails_phones_urls_and_company():
    doc = {"emails": ["a@x.org"], "phones": ["+442079460958", "12"], "company": "Engines Ltd",
           "profile_urls": ["https://www.linkedin.com/in/ada/"]}
    assert duplicates.keys(doc) == ["e:a@x.org", "p:+442079460958", "u:linkedin.com/in/ada", "c:engines"]


def test_reasons_name_what_is_shared():
    a = c("1", "Ada Lovelace", emails=["a@x.org"], company="Engines")
    assert duplicates.reasons(a, c("2", "Someone", emails=["a@x.org"])) == ("email",)
    assert duplicates.reasons(a, c("3", "A. Lovelace", company="Engines Ltd")) == ("name_at_company",)
    assert duplicates.reasons(a, c("4", "Charles Babbage", company="Engines")) == ()
    assert duplicates.reasons(a, c("5", "Ada Lovelace", company="Other")) == ()


def test_matches_and_pairs_are_ordered_and_skip_self():
    people = [c("b", "Ada Lovelace", emails=["a@x.org"]), c("a", "Ada L", emails=["a@x.org"]),
              c("c", "Grace", phones=["+14155550100"]), c("d", "G", phones=["+1 415 555 0100"])]
    assert duplicates.pairs(people) == [("a", "b", ("email",)), ("c", "d", ("phone",))]
    assert [m.id for m in duplicates.matches(people[0], people)] == ["a"]
