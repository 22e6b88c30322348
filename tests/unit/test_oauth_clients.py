"""Rapport's own OAuth clients: exact redirect URIs, loopback on any port for native clients
(RFC 8252 §7.3) and nothing that merely looks like one; public clients only."""
import pytest

from services.accounts.domain.clients import DEVICE_CODE, first_party, is_loopback_redirect
from services.accounts.service_layer import secrets

CLIENTS = first_party(("https://rapport.example.org/app/callback",))


@pytest.mark.parametrize("uri", ["http://127.0.0.1:53117/callback", "http://127.0.0.1/callback",
                                 "http://[::1]:8000/callback"])
def test_a_native_client_may_redirect_to_a_loopback_port_of_its_own(uri):
    assert is_loopback_redirect(uri) and CLIENTS["rapport-cli"].check_redirect_uri(uri)
    assert not CLIENTS["rapport-web"].check_redirect_uri(uri)


@pytest.mark.parametrize("uri", ["https://127.0.0.1:53117/callback", "http://localhost:53117/callback",
                                 "http://127.0.0.1:53117/callback/", "http://127.0.0.1:53117/callback?x=1",
                                 "http://127.0.0.1:53117/callback#f", "http://127.0.0.1.evil.test/callback",
                                 "http://evil@127.0.0.1:53117/callback", "http://127.0.0.1:99999/callback",
                                 "http://127.0.0.1:53117/other", "http://10.0.0.1:53117/callback", ""])
def test_nothing_else_counts_as_loopback(uri):
    assert not is_loopback_redirect(uri)
    assert not CLIENTS["rapport-cli"].check_redirect_uri(uri)


def test_the_web_app_redirects_only_to_its_registered_uri_and_no_client_has_a_secret():
    web = CLIENTS["rapport-web"]
    assert web.check_redirect_uri("https://rapport.example.org/app/callback")
    assert not web.check_redirect_uri("https://rapport.example.org/app/callback2")
    assert not web.check_redirect_uri("https://rapport.example.org/app/callback?next=/")
    assert web.get_default_redirect_uri() is None  # the request must name it
    for client in CLIENTS.values():
        assert not client.check_client_secret("") and not client.check_client_secret("anything")
        assert client.check_endpoint_auth_method("none", "token")
        assert not client.check_endpoint_auth_method("client_secret_basic", "token")
        assert client.check_response_type("code") and not client.check_response_type("token")
    assert not web.check_grant_type(DEVICE_CODE) and CLIENTS["rapport-cli"].check_grant_type(DEVICE_CODE)
    assert not any(c.check_grant_type("password") or c.check_grant_type("implicit") for c in CLIENTS.values())


def test_scopes_are_narrowed_to_the_known_ones():
    cli = CLIENTS["rapport-cli"]
    assert cli.get_allowed_scope("openid email admin:all") == "openid email"
    assert cli.get_allowed_scope(None) == "openid email profile"


def test_secrets_are_stored_as_digests_and_compared_whole():
    code = secrets.digits()
    assert len(code) == 6 and code.isdigit()
    stored = secrets.digest(code)
    assert stored != code and secrets.matches(code, stored)
    assert not secrets.matches(code[:-1], stored) and not secrets.matches("", stored)
    assert len({secrets.token() for _ in range(50)}) == 50
