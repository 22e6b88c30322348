"""Access tokens: ES256 issue and local verification (shared.auth) with pinned keys and
accounts' JWKS (shared.keys), served here by a real HTTP server on a free port; the JWKS
cache's clock is injected, so rotation and the refetch limit are tested without sleeping."""
import base64
import hashlib
import hmac
import json
import threading

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from flask import Flask, jsonify
from werkzeug.serving import make_server

from shared import clock
from shared.auth import TokenError, TokenIssuer, TokenVerifier
from shared.keys import JwksKeys, KeysUnavailable, PinnedKeys, PublicKey, jwk_of, keys_of_jwks
from shared.settings import load_settings
from shared.web import create_service_app

from ..keys import TEST_KEYS, SigningKeys
from ..servers import free_port


@pytest.fixture
def verifier():
    return TokenVerifier.from_settings(load_settings("contacts", TEST_KEYS.env))


def test_round_trip(verifier):
    token = TEST_KEYS.issuer().issue("org-1", "m-1", ["member", "admin"], device_id="d-1", client_id="rapport-web",
                                     scope="openid rapport")
    p = verifier.verify(token)
    assert (p.org_id, p.member_id, p.roles, p.device_id, p.client_id) == (
        "org-1", "m-1", ("member", "admin"), "d-1", "rapport-web")
    header, claims = jwt.get_unverified_header(token), jwt.decode(token, options={"verify_signature": False})
    assert header == {"alg": "ES256", "kid": "test", "typ": "at+jwt"}
    assert claims["exp"] - claims["iat"] == 900 and claims["sid"] == "d-1" and claims["scope"] == "openid rapport"
    assert "sid" not in jwt.decode(TEST_KEYS.token(), options={"verify_signature": False})  # operator token


def test_the_issuer_takes_only_an_ec_p256_private_key():
    for key in (ec.generate_private_key(ec.SECP384R1()), rsa.generate_private_key(public_exponent=65537, key_size=2048),
                TEST_KEYS.private_key.public_key(), b"a-secret-" * 8):
        with pytest.raises(ValueError, match="P-256"):
            TokenIssuer("rapport", "rapport", "k", key)
    pem = TEST_KEYS.private_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                              serialization.NoEncryption())
    issuer = TokenIssuer.from_pem("rapport", "rapport", "test", pem)
    assert issuer.public_jwk() == jwk_of("test", TEST_KEYS.private_key.public_key())


def _claims(exp_in: int = 600, nbf_in: int = 0, iat_in: int = 0, **over):
    """Claims of a token made now: `exp_in`/`nbf_in`/`iat_in` are seconds from now (built when a
    test runs, never when it is collected, so no test depends on how long the suite took)."""
    now = int(clock.timestamp())
    c = {"iss": "rapport", "aud": "rapport", "sub": "m-1", "org": "org-1", "roles": [], "iat": now + iat_in,
         "nbf": now + nbf_in, "exp": now + exp_in}
    c.update(over)
    return {k: v for k, v in c.items() if v is not None}


OTHER = ec.generate_private_key(ec.SECP256R1())
GOOD = {"kid": "test", "typ": "at+jwt"}


@pytest.mark.parametrize("over, key, headers, message", [
    ({"exp_in": -3600}, None, GOOD, "expired"),
    ({"nbf_in": 3600}, None, GOOD, "not yet valid"),
    ({"iat_in": 3600}, None, GOOD, "future"),
    ({}, OTHER, GOOD, "signature"),
    ({"aud": "other"}, None, GOOD, "audience"),
    ({"iss": "evil"}, None, GOOD, "issuer"),
    ({"org": None}, None, GOOD, "org"),
    ({"sub": None}, None, GOOD, "sub"),
    ({"roles": "admin"}, None, GOOD, "roles"),
    ({}, None, {"kid": "nope", "typ": "at+jwt"}, "kid"),
    ({}, None, {"typ": "at+jwt"}, "kid"),
    ({}, None, {"kid": "test", "typ": "JWT"}, "type"),
    ({}, None, {"kid": "test"}, "type"),
    # a device session's token may not outlive what the deny list remembers (900 s)
    ({"sid": "d-1", "exp_in": 3600}, None, GOOD, "at most 900"),
])
def test_rejections(verifier, over, key, headers, message):
    token = jwt.encode(_claims(**over), key or TEST_KEYS.private_key, algorithm="ES256", headers=headers)
    with pytest.raises(TokenError, match=f"(?i){message}"):
        verifier.verify(token)


def test_an_operator_token_without_a_device_session_may_live_longer(verifier):
    assert verifier.verify(TEST_KEYS.token(ttl_seconds=7 * 86400)).member_id == "m"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _hs256(secret: bytes, headers: dict) -> str:
    """An HS256 token made by hand: PyJWT itself refuses to use a public key as an HMAC secret,
    an attacker does not."""
    signing_input = f"{_b64(json.dumps({'alg': 'HS256', **headers}).encode())}.{_b64(json.dumps(_claims()).encode())}"
    return f"{signing_input}.{_b64(hmac.new(secret, signing_input.encode(), hashlib.sha256).digest())}"


def test_algorithm_confusion_is_refused(verifier):
    public = TEST_KEYS.private_key.public_key()
    pem = public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    forged = [_hs256(pem, GOOD), _hs256(json.dumps(jwk_of("test", public)).encode(), GOOD),
              jwt.encode(_claims(), None, algorithm="none", headers=GOOD),
              jwt.encode(_claims(), rsa.generate_private_key(public_exponent=65537, key_size=2048), algorithm="RS256",
                         headers=GOOD),
              jwt.encode(_claims(), ec.generate_private_key(ec.SECP384R1()), algorithm="ES384", headers=GOOD)]
    for token in forged:
        with pytest.raises(TokenError, match="not allowed"):
            verifier.verify(token)


def test_garbage_is_refused(verifier):
    with pytest.raises(TokenError, match="malformed"):
        verifier.verify("not.a.jwt")
    for kid in (["test"], {"a": 1}, 7, "k" * 201):
        with pytest.raises(TokenError, match="(?i)kid|key id"):
            verifier.verify(_hs256(b"x", {"kid": kid, "typ": "at+jwt"}))


def _pem_file(tmp_path, name, key):
    path = tmp_path / f"{name}.pem"
    path.write_bytes(key.public_key().public_bytes(serialization.Encoding.PEM,
                                                   serialization.PublicFormat.SubjectPublicKeyInfo))
    return path


def test_pinned_keys_rotate_and_a_pinned_rsa_key_verifies_rs256_only(tmp_path):
    old, new = SigningKeys("old"), SigningKeys("new")
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    env = {"RAPPORT_JWT_PUBLIC_KEYS": f"old:{old.public_pem},new:{new.public_pem},"
                                      f"rsa:{_pem_file(tmp_path, 'rsa', rsa_key)}"}
    verifier = TokenVerifier.from_settings(load_settings("goals", env))
    assert verifier.verify(old.token(member_id="a")).member_id == "a"
    assert verifier.verify(new.token(member_id="b")).member_id == "b"
    # signed by the old key but claiming the new kid: refused
    forged = TokenIssuer("rapport", "rapport", "new", old.private_key)
    with pytest.raises(TokenError, match="signature"):
        verifier.verify(forged.issue("org-1", "m-1"))
    rs256 = jwt.encode(_claims(), rsa_key, algorithm="RS256", headers={"kid": "rsa", "typ": "at+jwt"})
    assert verifier.verify(rs256).member_id == "m-1"
    for token in (jwt.encode(_claims(), rsa_key, algorithm="PS256", headers={"kid": "rsa", "typ": "at+jwt"}),
                  jwt.encode(_claims(), old.private_key, algorithm="ES256", headers={"kid": "rsa", "typ": "at+jwt"})):
        with pytest.raises(TokenError, match="not allowed"):
            verifier.verify(token)


# -- accounts' JWKS ------------------------------------------------------------------------------

class Jwks:
    """What the JWKS server answers (its `keys`; or `status`; or `body`, as it is) and how often
    it was asked."""

    def __init__(self):
        self.keys: list[dict] = []
        self.status = 200
        self.body: str | None = None
        self.requests = 0
        self.url = ""


@pytest.fixture
def jwks():
    served = Jwks()
    app = Flask("jwks")

    @app.get("/.well-known/jwks.json")
    def keys():
        served.requests += 1
        if served.status != 200:
            return {"error": "down"}, served.status
        if served.body is not None:
            return served.body, 200, {"Content-Type": "application/json"}
        return jsonify(keys=served.keys)

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    served.url = f"http://127.0.0.1:{server.server_port}/.well-known/jwks.json"
    try:
        yield served
    finally:
        server.shutdown()


class Monotonic:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def _published(*keys: SigningKeys) -> list[dict]:
    return [jwk_of(k.kid, k.private_key.public_key()) for k in keys]


def _jwks_verifier(url: str, ticks: Monotonic, cache_seconds: int = 300) -> TokenVerifier:
    settings = load_settings("goals", {"RAPPORT_JWKS_URL": url, "RAPPORT_JWKS_CACHE_SECONDS": str(cache_seconds)})
    return TokenVerifier.from_settings(settings, monotonic=ticks)


def test_rotation_a_new_kid_is_fetched_once_an_old_one_verifies_while_listed_and_not_after(jwks):
    first, second = SigningKeys("k1"), SigningKeys("k2")
    jwks.keys = _published(first)
    ticks = Monotonic()
    verifier = _jwks_verifier(jwks.url, ticks)
    assert verifier.verify(first.token(member_id="a")).member_id == "a"
    assert verifier.verify(first.token(member_id="b")).member_id == "b" and jwks.requests == 1  # cached

    jwks.keys = _published(first, second)  # accounts rotated: k2 signs, k1 is still listed
    ticks.now += 11
    assert verifier.verify(second.token(member_id="c")).member_id == "c" and jwks.requests == 2  # one refetch
    assert verifier.verify(first.token(member_id="d")).member_id == "d" and jwks.requests == 2

    jwks.keys = _published(second)  # k1's tokens have all expired: accounts stops listing it
    assert verifier.verify(first.token()).member_id == "m"  # until the cache is refreshed
    ticks.now += 300
    with pytest.raises(TokenError, match="kid"):
        verifier.verify(first.token())
    assert jwks.requests == 3
    assert verifier.verify(second.token()).member_id == "m" and jwks.requests == 3


def test_a_burst_of_unknown_kids_fetches_at_most_once_every_ten_seconds(jwks):
    jwks.keys = _published(TEST_KEYS)
    ticks = Monotonic()
    verifier = _jwks_verifier(jwks.url, ticks)
    assert verifier.verify(TEST_KEYS.token()).member_id == "m" and jwks.requests == 1
    forger = ec.generate_private_key(ec.SECP256R1())
    for i in range(50):
        ticks.now += 0.1  # 50 forged kids in 5 s, and the one fetch they may cause
        with pytest.raises(TokenError, match="kid"):
            verifier.verify(jwt.encode(_claims(), forger, algorithm="ES256", headers={"kid": f"forged-{i}",
                                                                                      "typ": "at+jwt"}))
    assert jwks.requests == 1  # the first fetch was less than 10 s before
    ticks.now += 5
    for i in range(50):
        with pytest.raises(TokenError, match="kid"):
            verifier.verify(jwt.encode(_claims(), forger, algorithm="ES256", headers={"kid": f"again-{i}",
                                                                                      "typ": "at+jwt"}))
    assert jwks.requests == 2
    assert verifier.verify(TEST_KEYS.token()).member_id == "m" and jwks.requests == 2


def test_a_jwks_that_cannot_be_fetched_keeps_the_last_good_keys(jwks, caplog):
    jwks.keys = _published(TEST_KEYS)
    ticks = Monotonic()
    verifier = _jwks_verifier(jwks.url, ticks)
    assert verifier.verify(TEST_KEYS.token()).member_id == "m"
    jwks.status = 503
    ticks.now += 301  # the cache is due for a refresh, which fails: the known key still verifies
    assert verifier.verify(TEST_KEYS.token()).member_id == "m" and jwks.requests == 2
    assert "JWKS fetch failed" in caplog.text
    jwks.status, jwks.body = 200, '{"keys": "not a list"}'  # a malformed answer is a failed fetch too
    ticks.now += 10
    assert verifier.verify(TEST_KEYS.token()).member_id == "m" and jwks.requests == 3
    # but a key only the JWKS could tell about, while it cannot be fetched: keys unavailable
    with pytest.raises(KeysUnavailable) as unavailable:
        verifier.verify(SigningKeys("k9").token())
    assert unavailable.value.retry_after == 10 and jwks.requests == 3


def test_accounts_down_is_a_503_keys_unavailable_with_retry_after_never_a_500(jwks):
    jwks.status = 502  # and then nothing listens at all
    ticks = Monotonic()
    app, _ = create_service_app(load_settings("goals", {"RAPPORT_JWKS_URL": jwks.url}), title="goals",
                                verifier=_jwks_verifier(jwks.url, ticks))
    app.testing = False

    @app.get("/v1/thing")
    def thing():
        return {"ok": True}

    client = app.test_client()
    r = client.get("/v1/thing", headers={"Authorization": f"Bearer {TEST_KEYS.token()}"})
    assert r.status_code == 503 and r.mimetype == "application/problem+json"
    assert r.json["type"] == "/problems/keys-unavailable" and r.headers["Retry-After"] == "10"
    ticks.now += 4
    r = client.get("/v1/thing", headers={"Authorization": f"Bearer {TEST_KEYS.token()}"})
    assert r.status_code == 503 and r.headers["Retry-After"] == "6" and jwks.requests == 1

    closed = _jwks_verifier(f"http://127.0.0.1:{free_port()}/.well-known/jwks.json", ticks)  # connection refused
    with pytest.raises(KeysUnavailable):
        closed.verify(TEST_KEYS.token())
    assert client.get("/v1/thing", headers={"Authorization": "Bearer junk"}).status_code == 401  # no fetch needed

    jwks.status, jwks.keys = 200, _published(TEST_KEYS)
    ticks.now += 6
    assert client.get("/v1/thing", headers={"Authorization": f"Bearer {TEST_KEYS.token()}"}).json == {"ok": True}


def test_only_ec_p256_signature_keys_are_taken_from_a_jwks(caplog):
    good = jwk_of("good", TEST_KEYS.private_key.public_key())
    p384 = ec.generate_private_key(ec.SECP384R1()).public_key()
    rsa_public = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key()
    private = jwk_of("private", TEST_KEYS.private_key.public_key())
    private["d"] = _b64(TEST_KEYS.private_key.private_numbers().private_value.to_bytes(32, "big"))
    document = {"keys": [
        good,
        {k: v for k, v in good.items() if k not in ("alg", "use")} | {"kid": "bare"},  # no alg, no use: fine
        {"kty": "oct", "kid": "secret", "k": _b64(b"s" * 32), "alg": "HS256"},
        {**jwt.algorithms.RSAAlgorithm.to_jwk(rsa_public, as_dict=True), "kid": "rsa", "alg": "RS256"},
        {**jwt.algorithms.ECAlgorithm.to_jwk(p384, as_dict=True), "kid": "p384"},
        {**good, "kid": "hs", "alg": "HS256"},
        {**good, "kid": "enc", "use": "enc"},
        {**good, "kid": "broken", "x": "AAAA"},
        {**good, "kid": ""},
        private,
        {**good, "kid": "good"},  # the same kid twice: the first one counts
        "not a key",
    ]}
    keys = keys_of_jwks(document)
    assert set(keys) == {"good", "bare"} and {k.alg for k in keys.values()} == {"ES256"}
    assert keys["good"].key.public_numbers() == TEST_KEYS.private_key.public_key().public_numbers()
    assert caplog.text.count("JWKS key skipped") == 10
    with pytest.raises(ValueError):
        keys_of_jwks({"keys": {"good": good}})


def test_pinned_keys_are_asked_before_the_jwks(jwks):
    ticks = Monotonic()
    sources = [PinnedKeys({"test": PublicKey("ES256", TEST_KEYS.private_key.public_key())}),
               JwksKeys(jwks.url, monotonic=ticks)]
    verifier = TokenVerifier("rapport", "rapport", sources)
    assert verifier.verify(TEST_KEYS.token()).member_id == "m" and jwks.requests == 0
    jwks.keys = _published(SigningKeys("k2"))
    with pytest.raises(TokenError, match="signature"):  # listed, but not the key that signed
        verifier.verify(TokenIssuer("rapport", "rapport", "k2", OTHER).issue("o", "m"))
    assert jwks.requests == 1


def test_accounts_reads_its_own_jwks_from_its_key_ring_with_the_same_cache_and_limits():
    ticks, asked, published = Monotonic(), [], {"keys": _published(TEST_KEYS)}

    def jwks():
        asked.append(ticks.now)
        if published is None:
            raise ConnectionError("the store is away")
        return published

    verifier = TokenVerifier("rapport", "rapport", [JwksKeys.of(jwks, monotonic=ticks)])
    assert verifier.verify(TEST_KEYS.token()).member_id == "m" and verifier.verify(TEST_KEYS.token())
    assert len(asked) == 1
    newer = SigningKeys("k2")
    published["keys"] = _published(TEST_KEYS, newer)
    with pytest.raises(TokenError, match="kid"):  # the set was read less than 10 s ago
        verifier.verify(newer.token())
    ticks.now += 10
    assert verifier.verify(newer.token()).member_id == "m" and len(asked) == 2
    published = None
    ticks.now += 300
    assert verifier.verify(newer.token()).member_id == "m" and len(asked) == 3  # the last good keys
    with pytest.raises(KeysUnavailable):
        verifier.verify(SigningKeys("k3").token())
