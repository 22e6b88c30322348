"""The local Mailpit and Ory Hydra that sign-in tests use (tests/servers.py OwnMailpit and
OwnHydra, the `mailpit` and `oidc_provider` fixtures), each used for real: a mail sent over
SMTP is read back through Mailpit's API, and an OpenID Connect authorization-code flow against
Hydra ends in a signed ID token that carries the email and the nonce."""
import secrets
import smtplib
from email.message import EmailMessage
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import pytest
import requests


def send(mailpit, to: str, subject: str, body: str) -> None:
    message = EmailMessage()
    message["From"] = "Rapport <no-reply@rapport.test>"
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    with smtplib.SMTP(mailpit.smtp_host, mailpit.smtp_port, timeout=10) as smtp:
        smtp.send_message(message)


def test_a_mail_sent_over_smtp_is_read_back_by_its_exact_recipient(mailpit, unique):
    ann, joann = f"ann-{unique}@example.test", f"joann-{unique}@example.test"  # one inside the other
    send(mailpit, joann, "Not for Ann", "Your code is 111111.")
    assert mailpit.wait_for(to=joann)["Subject"] == "Not for Ann"
    before = len(mailpit.messages(to=ann))
    send(mailpit, ann, "Your sign-in code", "Your one-time code is 482913. It expires in 10 minutes.")

    mail = mailpit.wait_for(to=ann, newer_than_count=before)

    assert [m["ID"] for m in mailpit.messages(to=ann)] == [mail["ID"]]
    assert mail["Subject"] == "Your sign-in code"
    assert "482913" in mailpit.text(mail["ID"])
    assert mailpit.messages(to=f"nobody-{unique}@example.test") == []


@pytest.mark.parametrize("fixed", [False, True], ids=["chosen-by-hydra", "fixed-id-secret-post"])
def test_an_authorization_code_flow_gives_an_id_token_with_the_email_and_nonce(oidc_provider, unique, fixed):
    redirect_uri = f"http://127.0.0.1:9/sso/{unique}/callback"  # never opened
    if fixed:
        client_id, secret = oidc_provider.create_client([redirect_uri], client_id=f"client-{unique}", secret="s" * 40,
                                                        token_endpoint_auth_method="client_secret_post")
        assert (client_id, secret) == (f"client-{unique}", "s" * 40)
    else:
        client_id, secret = oidc_provider.create_client([redirect_uri])
    discovery = requests.get(oidc_provider.issuer + ".well-known/openid-configuration", timeout=10).json()
    assert discovery["issuer"] == oidc_provider.issuer
    state, nonce, email = secrets.token_urlsafe(16), secrets.token_urlsafe(16), f"ann-{unique}@example.test"
    authorization_url = discovery["authorization_endpoint"] + "?" + urlencode({
        "client_id": client_id, "response_type": "code", "scope": "openid email profile",
        "redirect_uri": redirect_uri, "state": state, "nonce": nonce})

    callback = oidc_provider.sign_in(authorization_url, subject=f"subject-{unique}", email=email)

    assert callback.startswith(redirect_uri + "?")
    query = parse_qs(urlsplit(callback).query)
    assert query["state"] == [state]
    exchange = {"grant_type": "authorization_code", "code": query["code"][0], "redirect_uri": redirect_uri}
    if fixed:
        answer = requests.post(discovery["token_endpoint"], timeout=10,
                               data={**exchange, "client_id": client_id, "client_secret": secret})
    else:
        answer = requests.post(discovery["token_endpoint"], data=exchange, auth=(client_id, secret), timeout=10)
    assert answer.status_code == 200, answer.text
    id_token = answer.json()["id_token"]
    key = jwt.PyJWKClient(discovery["jwks_uri"]).get_signing_key_from_jwt(id_token)
    claims = jwt.decode(id_token, key, algorithms=["RS256"], audience=client_id, issuer=oidc_provider.issuer)
    assert (claims["sub"], claims["email"], claims["email_verified"], claims["nonce"]) == (
        f"subject-{unique}", email, True, nonce)
