"""The OAuth 2.1 authorization server of accounts, on authlib (`authlib.integrations.flask_oauth2`).

Authlib does the protocol (request validation, error responses per RFC 6749 §5.2, PKCE
checks, the device grant's polling answers); this module gives it Rapport's rules and state:

- clients are Rapport's own public apps (domain/clients.py): no secret, `none` auth only;
- authorization code + PKCE with S256 only: a request without `code_challenge`, or with
  `plain` or no method, is refused (authlib's `CodeChallenge` would default to plain);
  no implicit or password grant is registered;
- redirect URIs match exactly (loopback: any port, RFC 8252);
- codes live 60 s, are stored hashed and used once (claimed before the verifier is checked,
  so a wrong verifier burns the code); a code redeemed again ends the session its first
  redemption started (RFC 6749 §4.1.2: it leaked);
- refresh tokens rotate on every use; a reused one ends its session (service_layer/sessions.py);
- the device grant (RFC 8628) for the CLI: `POST /oauth2/device_authorization`, then `/device`;
- every token answer is `Sessions.tokens` (ES256 access token with `sid`, refresh, ID token).
"""
from __future__ import annotations

from collections import defaultdict
from contextlib import contextmanager
from datetime import timedelta
from urllib.parse import parse_qsl

from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.integrations.flask_oauth2.requests import FlaskOAuth2Payload, FlaskOAuth2Request
from authlib.oauth2.rfc6749 import (InsecureTransportError, InvalidRequestError, OAuth2Payload, OAuth2Request,
                                    UnauthorizedClientError, grants)
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oauth2.rfc8628 import DeviceAuthorizationEndpoint, DeviceCodeGrant, DeviceCredentialDict
from flask import request as flask_request

from shared import urls
from shared.db import Scope
from shared.problems import Problem

from .domain.clients import DEVICE_CODE
from .service_layer import secrets
from .service_layer.sessions import CODE_REUSE, SignedIn

CODE_SECONDS = 60
POLL_INTERVAL = 5


class S256Only(CodeChallenge):
    """PKCE as OAuth 2.1 has it: required for every authorization request, S256 only."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]
    DEFAULT_CODE_CHALLENGE_METHOD = "S256"

    def validate_code_challenge(self, grant, redirect_uri):
        data = grant.request.payload.data
        if not data.get("code_challenge"):
            raise InvalidRequestError("PKCE is required: send code_challenge with code_challenge_method=S256")
        if data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("code_challenge_method must be S256 (plain is not allowed)")
        super().validate_code_challenge(grant, redirect_uri)


class StoredCode(dict):
    """An authorization code's stored fields, in the shape authlib's grant reads."""

    def get_redirect_uri(self):
        return self["redirect_uri"]

    def get_scope(self):
        return self["scope"]

    @property
    def code_challenge(self):
        return self["code_challenge"]

    @property
    def code_challenge_method(self):
        return self["code_challenge_method"]


class StoredRefresh:
    """A claimed refresh token, in the shape authlib's grant reads: who it stands for."""

    def __init__(self, who: SignedIn, client_id: str):
        self.who, self.client_id = who, client_id

    def check_client(self, client) -> bool:
        return client.get_client_id() == self.client_id

    def get_scope(self) -> str:
        return self.who.scope

    def is_expired(self) -> bool:
        return False  # expiry and revocation were checked when it was claimed

    def is_revoked(self) -> bool:
        return False


class Server(AuthorizationServer):
    """authlib's Flask server, holding the sign-in parts (services/accounts/app.py) its grants use."""

    def __init__(self, app, parts):
        super().__init__(app, query_client=parts.clients.get, save_token=lambda token, request: None)
        self.parts = parts

    def create_oauth2_request(self, request):
        return PublicRequest(flask_request)


class PublicRequest(FlaskOAuth2Request):
    """The request as the client made it: on the public base URL (the gateway's), not the
    address accounts listens on behind it. authlib refuses OAuth over plain http except on
    loopback (RFC 8252), and that is checked on this URL: a deployment whose public base is
    plain http elsewhere is told so (400), never a 500."""

    def __init__(self, request):
        with _secure_transport():
            OAuth2Request.__init__(self, method=request.method, uri=urls.public_base() + request.full_path.rstrip("?"),
                                   headers=request.headers)
        self._request = request
        self.payload = FlaskOAuth2Payload(request)


@contextmanager
def _secure_transport():
    try:
        yield
    except InsecureTransportError:
        raise Problem(400, f"sign-in needs https: {urls.public_base()} is plain http and not loopback",
                      slug="insecure-transport") from None


class CodeGrant(grants.AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["none"]

    def save_authorization_code(self, code, request):
        parts = self.server.parts
        who: SignedIn = request.user
        now = parts.clock()
        parts.signin_store.insert_code({
            "_id": secrets.digest(code), "client_id": request.client.client_id,
            "redirect_uri": request.payload.redirect_uri, "scope": request.scope or "",
            "org_id": who.member["org_id"], "member_id": who.member["_id"],
            "code_challenge": request.payload.data["code_challenge"],
            "code_challenge_method": request.payload.data["code_challenge_method"],
            "nonce": request.payload.data.get("nonce"), "created_at": now,
            "expires_at": now + timedelta(seconds=CODE_SECONDS)})

    def query_authorization_code(self, code, client):
        parts = self.server.parts
        digest = secrets.digest(code)
        found = parts.signin_store.code(digest, client.client_id)
        if found is None:
            return None
        if found.get("used_at"):  # a second redemption: the code leaked; what the first gave ends too
            if found.get("device_id"):
                parts.sessions.revoke(Scope(found["org_id"], found["member_id"]), found["device_id"], CODE_REUSE,
                                      missing_ok=True)
            return None
        if found["expires_at"] <= parts.clock():
            return None
        claimed = parts.signin_store.use_code(digest, parts.clock())
        return StoredCode(claimed) if claimed else None

    def delete_authorization_code(self, authorization_code):
        pass  # claimed (used_at) when it was read; purged when it expires

    def authenticate_user(self, authorization_code):
        member = self.server.parts.sessions.active_member(
            Scope(authorization_code["org_id"], authorization_code["member_id"]))
        if member is None:
            return None
        return SignedIn(member, nonce=authorization_code.get("nonce"), code=authorization_code["_id"])


class RefreshGrant(grants.RefreshTokenGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["none"]
    INCLUDE_NEW_REFRESH_TOKEN = True

    def authenticate_refresh_token(self, refresh_token):
        client = self.request.client
        who = self.server.parts.sessions.use_refresh_token(refresh_token, client.client_id)
        return StoredRefresh(who, client.client_id) if who else None

    def authenticate_user(self, refresh_token):
        return refresh_token.who

    def revoke_old_credential(self, refresh_token):
        pass  # used up when it was claimed

    def issue_token(self, user, refresh_token):
        scope = self.request.payload.scope or user.scope
        return self.generate_token(user=user, scope=scope, include_refresh_token=True)


class DeviceGrantEndpoint(DeviceAuthorizationEndpoint):
    CLIENT_AUTH_METHODS = ["none"]
    INTERVAL = POLL_INTERVAL

    def __init__(self, server):
        super().__init__(server)
        self.EXPIRES_IN = server.parts.config.device_code_seconds

    def authenticate_client(self, request):
        client = super().authenticate_client(request)
        if not client.check_grant_type(DEVICE_CODE):
            raise UnauthorizedClientError(f"the client {client.client_id} may not use the device grant")
        return client

    def get_verification_uri(self):
        return urls.public_url("/device")

    def save_device_credential(self, client_id, scope, data):
        parts = self.server.parts
        now = parts.clock()
        parts.signin_store.insert_device_grant({
            "_id": secrets.digest(data["device_code"]), "user_code": data["user_code"], "client_id": client_id,
            "scope": parts.clients[client_id].get_allowed_scope(scope), "created_at": now,
            "expires_at": now + timedelta(seconds=self.EXPIRES_IN)})


class DeviceGrant(DeviceCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["none"]

    def query_device_credential(self, device_code):
        parts = self.server.parts
        found = parts.signin_store.device_grant(secrets.digest(device_code))
        return _Credential(found, parts.clock) if found else None

    def query_user_grant(self, user_code):
        parts = self.server.parts
        found = parts.signin_store.device_grant_by_user_code(user_code)
        if found is None or found.get("decision") is None:
            return None
        if found["decision"] != "approved" or parts.signin_store.use_device_grant(found["_id"], parts.clock()) is None:
            return None, False
        member = parts.sessions.active_member(Scope(found["org_id"], found["member_id"]))
        return (SignedIn(member), True) if member else (None, False)

    def should_slow_down(self, credential):
        parts = self.server.parts
        before = parts.signin_store.poll_device_grant(credential["_id"], parts.clock())
        last = before.get("polled_at") if before else None
        return last is not None and parts.clock() - last < timedelta(seconds=POLL_INTERVAL)


def build(app, parts) -> Server:
    """The authorization server for `app`; every token answer is `Sessions.tokens`."""
    server = Server(app, parts)

    def generate(grant_type, client, user=None, scope=None, expires_in=None, include_refresh_token=True):
        answer = parts.sessions.tokens(user, client.client_id, scope or "", parts.device_name())
        if user.code:  # remembered with the code: redeeming it again ends this session
            parts.signin_store.code_gave(user.code, answer["device_id"])
        return answer

    server.register_token_generator("default", generate)
    server.register_grant(CodeGrant, [S256Only(required=True)])
    server.register_grant(RefreshGrant)
    server.register_grant(DeviceGrant)
    server.register_endpoint(DeviceGrantEndpoint)
    return server


class _Credential(DeviceCredentialDict):
    """A stored device grant, expiring by the service's clock (not the wall clock)."""

    def __init__(self, doc: dict, clock):
        super().__init__(doc)
        self._clock = clock

    def is_expired(self):
        return self["expires_at"] <= self._clock()


class StoredPayload(OAuth2Payload):
    def __init__(self, query: str):
        self._datalist = defaultdict(list)
        for key, value in parse_qsl(query, keep_blank_values=True):
            self._datalist[key].append(value)
        self._data = {key: values[0] for key, values in self._datalist.items()}

    @property
    def data(self):
        return self._data

    @property
    def datalist(self):
        return self._datalist


def authorization_request(query: str, base_url: str) -> OAuth2Request:
    """A stored authorization request (its query string), to complete after the person signed
    in; authlib validates it again, exactly as when it arrived."""
    with _secure_transport():
        request = OAuth2Request("GET", f"{base_url}/oauth2/authorize?{query}")
    request.payload = StoredPayload(query)
    return request
