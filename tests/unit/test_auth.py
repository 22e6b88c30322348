
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from shared import clock
from shared.auth import TokenError, TokenIssuer, TokenVerifier
from shared.settings import load_settings

SECRET = "k" * 40
ENV = {"RAPPORT_JWT_SECRET": SECRET}


@pytest.fixture
def settings():
    return load_settings("contacts", ENV)


def test_round_trip(settings):
    token = TokenIssuer.from_settings(settings).issue("org-1", "m-1", ["member", "admin"])
    p = TokenVerifier(settings).verify(token)
    assert (p.org_id, p.member_id, p.roles) == ("org-1", "m-1", ("member", "admin"))
    assert jwt.get_unverified_header(token)["typ"] == "at+jwt"


def _claims(exp_in: int = 600, nbf_in: int = 0, **over):
    """Claims of a token made now: `exp_in`/`nbf_in` are seconds from now (built when a test
    runs, never when it is collected, so no test depends on how long the suite took)."""
    now = int(clock.timestamp())
    c = {"iss": "rapport", "aud": "rapport", "sub": "m-1", "org": "org-1", "roles": [], "iat": now,
         "nbf": now + nbf_in, "exp": now + exp_in}
    c.update(over)
    return {k: v for k, v in c.items() if v is not None}


@pytest.mark.parametrize("over, key, alg, headers, message", [
    ({"exp_in": -3600}, SECRET, "HS256", {"kid": "dev", "typ": "at+jwt"}, "expired"),
    ({"nbf_in": 3600}, SECRET, "HS256", {"kid": "dev", "typ": "at+jwt"}, "not yet valid"),
    ({}, "w" * 40, "HS256", {"kid": "dev", "typ": "at+jwt"}, "signature"),
    ({"aud": "other"}, SECRET, "HS256", {"kid": "dev", "typ": "at+jwt"}, "audience"),
    ({"iss": "evil"}, SECRET, "HS256", {"kid": "dev", "typ": "at+jwt"}, "issuer"),
    ({"org": None}, SECRET, "HS256", {"kid": "dev", "typ": "at+jwt"}, "org"),
    ({}, SECRET, "HS256", {"kid": "nope", "typ": "at+jwt"}, "kid"),
    ({}, SECRET, "HS256", {"kid": "dev", "typ": "JWT"}, "type"),
    ({}, SECRET * 2, "HS512", {"kid": "dev", "typ": "at+jwt"}, "not allowed"),
])
def test_rejections(settings, over, key, alg, headers, message):
    token = jwt.encode(_claims(**over), key, algorithm=alg, headers=headers)
    with pytest.raises(TokenError, match=f"(?i){message}"):
        TokenVerifier(settings).verify(token)


def test_alg_none_is_refused(settings):
    token = jwt.encode(_claims(), None, algorithm="none", headers={"kid": "dev", "typ": "at+jwt"})
    with pytest.raises(TokenError, match="not allowed"):
        TokenVerifier(settings).verify(token)


def test_garbage_is_refused(settings):
    with pytest.raises(TokenError, match="malformed"):
        TokenVerifier(settings).verify("not.a.jwt")


@pytest.mark.parametrize("make_key, alg", [
    (lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048), "RS256"),
    (lambda: ec.generate_private_key(ec.SECP256R1()), "ES256"),
])
def test_asymmetric_keys_and_rotation(tmp_path, make_key, alg):
    old, new = make_key(), make_key()
    paths = {}
    for name, key in (("old", old), ("new", new)):
        pub = tmp_path / f"{name}.pem"
        pub.write_bytes(key.public_key().public_bytes(serialization.Encoding.PEM,
                                                      serialization.PublicFormat.SubjectPublicKeyInfo))
        priv = tmp_path / f"{name}.key"
        priv.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
        paths[name] = (pub, priv)
    env = {"RAPPORT_JWT_PUBLIC_KEYS": f"old:{paths['old'][0]},new:{paths['new'][0]}"}
    verifier = TokenVerifier(load_settings("goals", env))
    for kid in ("old", "new"):
        issuer = TokenIssuer.from_settings(load_settings("accounts", {**env, "RAPPORT_JWT_SIGNING_KID": kid,
                                                        "RAPPORT_JWT_PRIVATE_KEY_FILE": str(paths[kid][1])}))
        token = issuer.issue("org-1", "m-1")
        assert jwt.get_unverified_header(token)["alg"] == alg
        assert verifier.verify(token).member_id == "m-1"
    # signed by the old key but claiming the new kid: refused
    forged = TokenIssuer.from_settings(load_settings("accounts", {**env, "RAPPORT_JWT_SIGNING_KID": "new",
                                                    "RAPPORT_JWT_PRIVATE_KEY_FILE": str(paths["old"][1])}))
    with pytest.raises(TokenError, match="signature"):
        verifier.verify(forged.issue("org-1", "m-1"))
    # an HS256 token signed with the public key's PEM (algorithm confusion): refused
    confused = jwt.encode(_claims(), "x" * 40, algorithm="HS256", headers={"kid": "new", "typ": "at+jwt"})
    with pytest.raises(TokenError, match="not allowed"):
        verifier.verify(confused)
