"""Probable duplicates: strong keys, or a close name at the same company."""
from services.contacts.domain import duplicates


def c(id_, name, **kw):
    doc = {"_id": id_, "display_name": name, **kw}
    doc["dedupe_keys"] = duplicates.keys(doc)
    return doc


def test_keys_cover_emails_phones_urls_and_company():
    doc = {"display_name": "Ada K. Lovelace", "emails": ["a@x.org"], "phones": ["+442079460958", "12"],
           "company": "Engines Ltd", "profile_urls": ["https://www.linkedin.com/in/ada/"]}
    assert duplicates.keys(doc) == ["e:a@x.org", "p:+442079460958", "u:linkedin.com/in/ada", "n:engines|ada",
                                    "n:engines|lovelace"]


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


def test_a_crowded_name_key_is_not_compared_with_everyone():
    crowd = [c(f"j{i}", f"John {i}", company="Google") for i in range(duplicates.CROWD + 1)]
    newcomer = c("new", "John Smith", company="Google", emails=["j@x.org"])
    index = duplicates.Index(crowd + [c("same", "J. Smith", emails=["j@x.org"])])
    assert [m.id for m in index.matches(newcomer)] == ["same"]
    close = duplicates.Index(crowd[:3] + [c("smith", "Jon Smith", company="Google Inc")])
    assert [m.id for m in close.matches(newcomer)] == ["smith"]
