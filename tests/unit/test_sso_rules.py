"""Organisation sign-in's pure rules (services/accounts/domain/sso.py): which domains and
issuers a configuration may name, and whom verified ID-token claims admit."""
from services.accounts.domain.sso import (display_name, domain_problems, email_domain, identity_refusal,
                                          issuer_problems, normalized_domains, timezone_of)


def test_domains_are_lower_case_each_once_and_real_names():
    assert normalized_domains([" Example.ORG ", "example.org.", "b.example.org"]) == ["example.org", "b.example.org"]
    assert domain_problems(["example.org", "xn--bcher-kva.example"]) == []
    assert domain_problems([]) == ["name at least one email domain"]
    assert domain_problems(["localhost"]) and domain_problems(["-a.example"]) and domain_problems(["a b.example"])
    assert domain_problems([f"d{i}.example" for i in range(51)]) == ["at most 50 domains"]


def test_an_issuer_is_an_https_url_unless_http_is_allowed():
    assert issuer_problems("https://login.example.org/", allow_http=False) == []
    assert issuer_problems("http://127.0.0.1:4444/", allow_http=False)
    assert issuer_problems("http://127.0.0.1:4444/", allow_http=True) == []
    for bad in ("https://login.example.org/?tenant=1", "https://login.example.org/#x", "https://u@login.example.org",
                "login.example.org", " https://login.example.org", "ftp://login.example.org"):
        assert issuer_problems(bad, allow_http=True), bad


def test_verified_addresses_of_the_organisations_domains_are_admitted():
    ok = {"email": "Ada@Example.org", "email_verified": True}
    assert identity_refusal(ok, ["example.org"]) is None
    assert identity_refusal(ok, ["other.org"])[0] == "sso-domain-not-allowed"
    assert identity_refusal({**ok, "email_verified": False}, ["example.org"])[0] == "sso-email-unverified"
    assert identity_refusal({**ok, "email_verified": "true"}, ["example.org"])[0] == "sso-email-unverified"
    assert identity_refusal({"email_verified": True}, ["example.org"])[0] == "sso-email-unverified"
    assert identity_refusal({**ok, "email": "ada@sub.example.org"}, ["example.org"])[0] == "sso-domain-not-allowed"


def test_names_addresses_and_time_zones_from_claims():
    assert email_domain("a@Example.ORG") == "example.org"
    assert email_domain("nobody") == "" and email_domain("@x.org") == ""
    assert display_name({"name": " Ada Lovelace "}, "ada@example.org") == "Ada Lovelace"
    assert display_name({"name": ""}, "ada@example.org") == "ada"
    assert timezone_of({"zoneinfo": "Europe/Paris"}) == "Europe/Paris"
    assert timezone_of({"zoneinfo": "Mars/Olympus"}) == "UTC" and timezone_of({}) == "UTC"
