"""Rapport's own OAuth clients and what each may do. Pure: no I/O.

Every client is public (no secret: an app on a phone, a browser or a terminal cannot keep one),
so each must use PKCE S256 (services/accounts/oauth.py). Redirect URIs match exactly, except
that a native client's loopback redirect may use any port (RFC 8252 §7.3): the CLI and the SDK
listen on a port of their own choosing for the one redirect.

| client | grants | redirect URIs |
|---|---|---|
| `rapport-web` | authorization code, refresh token | the web app's (ACCOUNTS_WEB_REDIRECT_URIS) |
| `rapport-cli` | authorization code, device code (RFC 8628), refresh token | `http://127.0.0.1:<port>/callback` |
| `rapport-sdk` | the same as the CLI | the same (also `http://[::1]:<port>/callback`) |
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import urlsplit

AUTHORIZATION_CODE = "authorization_code"
REFRESH_TOKEN = "refresh_token"
DEVICE_CODE = "urn:ietf:params:oauth:grant-type:device_code"
SCOPES = ("openid", "email", "profile", "offline_access")
DEFAULT_SCOPE = "openid email profile"
LOOPBACK_HOSTS = ("127.0.0.1", "[::1]")
LOOPBACK_PATH = "/callback"


@dataclass(frozen=True)
class Client:
    """A public client, in the shape authlib's grants ask of one (authlib ClientMixin)."""

    client_id: str
    name: str
    grant_types: tuple[str, ...]
    redirect_uris: tuple[str, ...] = ()
    loopback: bool = False  # native: http://127.0.0.1:<port>/callback (RFC 8252 §7.3)

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> None:
        return None  # OAuth 2.1: the request always names its redirect URI

    def get_allowed_scope(self, scope: str | None) -> str:
        asked = (scope or DEFAULT_SCOPE).split()
        return " ".join(s for s in asked if s in SCOPES)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        if redirect_uri in self.redirect_uris:
            return True
        return self.loopback and is_loopback_redirect(redirect_uri)

    def check_client_secret(self, client_secret: str) -> bool:
        return False  # public clients have none

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method == "none"

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type in self.grant_types


def is_loopback_redirect(uri: str) -> bool:
    """`http://127.0.0.1:<port>/callback` or `http://[::1]:<port>/callback`, nothing more."""
    try:
        parts = urlsplit(uri)
        port = parts.port
    except ValueError:
        return False
    host = parts.netloc.rsplit(":", 1)[0] if port else parts.netloc
    return (parts.scheme == "http" and host in LOOPBACK_HOSTS and parts.path == LOOPBACK_PATH
            and not parts.query and not parts.fragment and "@" not in parts.netloc)


def first_party(web_redirect_uris: tuple[str, ...]) -> dict[str, Client]:
    native = (AUTHORIZATION_CODE, DEVICE_CODE, REFRESH_TOKEN)
    clients = [
        Client("rapport-web", "Rapport web app", (AUTHORIZATION_CODE, REFRESH_TOKEN), web_redirect_uris),
        Client("rapport-cli", "Rapport command line", native, loopback=True),
        Client("rapport-sdk", "Rapport Python SDK", native, loopback=True),
    ]
    return {c.client_id: c for c in clients}


def metadata(issuer: str, url: Callable[[str], str]) -> dict[str, Any]:
    """RFC 8414 / OpenID Connect Discovery metadata of this server."""
    return {
        "issuer": issuer,
        "authorization_endpoint": url("/oauth2/authorize"),
        "token_endpoint": url("/oauth2/token"),
        "device_authorization_endpoint": url("/oauth2/device_authorization"),
        "revocation_endpoint": url("/oauth2/revoke"),
        "jwks_uri": url("/.well-known/jwks.json"),
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": [AUTHORIZATION_CODE, REFRESH_TOKEN, DEVICE_CODE],
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": ["none"],
        "revocation_endpoint_auth_methods_supported": ["none"],
        "scopes_supported": list(SCOPES),
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["ES256"],
        "claims_supported": ["sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "sid", "org", "email",
                             "email_verified", "name"],
        "authorization_response_iss_parameter_supported": False,
    }
