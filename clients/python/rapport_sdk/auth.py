"""Signing in (docs/sign-in.md) as the public client `rapport-cli`, through authlib's OAuth 2
client: the device authorization grant (RFC 8628) for a terminal, or the authorization code with
PKCE S256 on a loopback redirect (RFC 8252) for a desktop with a browser. Tokens are kept by
config.token_store (keyring or a 0600 file); the access token is refreshed a minute before it
expires, and each refresh keeps the rotated refresh token (the old one works no more).

The loop that polls the token endpoint during a device grant is this module's: authlib sends
each token request and reads its errors, but leaves the waiting (`interval`, `slow_down`) to
the caller.
"""
from __future__ import annotations

import base64
import json
import secrets
import threading
import time
import warnings
import webbrowser
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any, Callable
from urllib.parse import parse_qs, urlsplit

import httpx
from authlib.integrations.base_client.errors import OAuthError

with warnings.catch_warnings():  # authlib names a fork of httpx it prefers; this package speaks httpx
    warnings.simplefilter("ignore", DeprecationWarning)
    from authlib.integrations.httpx_client import OAuth2Client

from .config import TokenStore
from .errors import AuthError, NetworkError

CLIENT_ID = "rapport-cli"
SCOPE = "openid email"
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
EARLY_S = 60


@dataclass(frozen=True)
class DeviceCode:
    """What the person is shown: open `verification_uri` (or the complete one) and enter `user_code`."""
    user_code: str
    verification_uri: str
    verification_uri_complete: str
    expires_in: int
    interval: int
    device_code: str


def claims_of(id_token: str | None) -> dict[str, Any]:
    """The ID token's claims, read (not verified: the token came straight from the token
    endpoint over the connection the SDK opened, OpenID Connect Core §3.1.3.7) for display."""
    if not id_token or id_token.count(".") != 2:
        return {}
    payload = id_token.split(".")[1]
    try:
        return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except ValueError:
        return {}


class Session:
    """The member signed in on this profile: tokens from the store, refreshed when due."""

    def __init__(self, base_url: str, store: TokenStore, *, clock: Callable[[], float] = time.time,
                 sleep: Callable[[float], None] = time.sleep, timeout: float = 30.0,
                 transport: httpx.BaseTransport | None = None):
        self.base_url, self.store, self.clock, self.sleep = base_url.rstrip("/"), store, clock, sleep
        self.timeout = timeout
        self.transport = transport  # tests: an httpx.MockTransport
        self._lock = threading.Lock()
        self._meta: dict[str, Any] | None = None

    # -- endpoints ------------------------------------------------------------------------------

    def _oauth(self, **kw: Any) -> OAuth2Client:
        return OAuth2Client(client_id=CLIENT_ID, token_endpoint_auth_method="none", scope=SCOPE,
                            timeout=self.timeout, transport=self.transport, **kw)

    def _plain(self) -> httpx.Client:
        return httpx.Client(timeout=self.timeout, transport=self.transport)

    def metadata(self) -> dict[str, Any]:
        if self._meta is None:
            try:
                with self._plain() as client:
                    r = client.get(f"{self.base_url}/.well-known/openid-configuration")
            except httpx.TransportError as exc:
                raise NetworkError(f"cannot reach {self.base_url}: {exc}") from None
            if r.status_code != 200:
                raise AuthError("discovery_failed",
                                f"{self.base_url} is not a Rapport server (discovery answered {r.status_code})")
            self._meta = r.json()
        return self._meta

    # -- signing in -----------------------------------------------------------------------------

    def start_device_login(self) -> DeviceCode:
        try:
            with self._plain() as client:
                r = client.post(self.metadata()["device_authorization_endpoint"],
                                data={"client_id": CLIENT_ID, "scope": SCOPE})
        except httpx.TransportError as exc:
            raise NetworkError(str(exc)) from None
        body = r.json()
        if r.status_code != 200:
            raise AuthError(body.get("error", "error"), body.get("error_description", ""))
        return DeviceCode(body["user_code"], body["verification_uri"],
                          body.get("verification_uri_complete", body["verification_uri"]),
                          int(body["expires_in"]), int(body.get("interval", 5)), body["device_code"])

    def finish_device_login(self, code: DeviceCode) -> dict[str, Any]:
        """Poll until the person signed in (or the code expired, or they refused)."""
        interval, deadline = code.interval, self.clock() + code.expires_in
        with self._oauth() as client:
            while True:
                self.sleep(interval)
                try:
                    token = client.fetch_token(self.metadata()["token_endpoint"], grant_type=DEVICE_GRANT,
                                               device_code=code.device_code)
                    return self._keep(dict(token))
                except OAuthError as exc:
                    if exc.error == "authorization_pending" and self.clock() < deadline:
                        continue
                    if exc.error == "slow_down":
                        interval += 5
                        continue
                    raise AuthError(exc.error or "error", exc.description or "signing in did not finish") from None
                except httpx.TransportError as exc:
                    raise NetworkError(str(exc)) from None

    def browser_login(self, open_browser: Callable[[str], Any] = webbrowser.open,
                      timeout: float = 300) -> dict[str, Any]:
        """The authorization code with PKCE: a one-request server on 127.0.0.1 gets the code."""
        server = _Callback()
        redirect = f"http://127.0.0.1:{server.port}/callback"
        verifier = secrets.token_urlsafe(64)
        with self._oauth(redirect_uri=redirect, code_challenge_method="S256") as client:
            url, state = client.create_authorization_url(self.metadata()["authorization_endpoint"],
                                                         code_verifier=verifier, nonce=secrets.token_urlsafe(16))
            open_browser(url)
            callback = server.wait(timeout)
            if not callback:
                raise AuthError("timeout", "no answer from the browser in time; try `rapport login` (the device code)")
            params = parse_qs(urlsplit(callback).query)
            if params.get("state", [""])[0] != state:
                raise AuthError("invalid_state", "the browser came back with another sign-in's state")
            if "error" in params:
                raise AuthError(params["error"][0], params.get("error_description", [""])[0])
            try:
                token = client.fetch_token(self.metadata()["token_endpoint"], authorization_response=callback,
                                           code_verifier=verifier)
            except OAuthError as exc:
                raise AuthError(exc.error or "error", exc.description or "") from None
        return self._keep(dict(token))

    def _keep(self, token: dict[str, Any]) -> dict[str, Any]:
        claims = claims_of(token.get("id_token"))
        kept = self.store.load() or {}
        saved = {
            "access_token": token["access_token"],
            "refresh_token": token.get("refresh_token") or kept.get("refresh_token"),
            "expires_at": self.clock() + int(token.get("expires_in") or 900),
            "device_id": token.get("device_id") or kept.get("device_id") or claims.get("sid"),
            "member_id": claims.get("sub") or kept.get("member_id"), "email": claims.get("email") or kept.get("email"),
            "org_id": claims.get("org") or kept.get("org_id"), "base_url": self.base_url,
        }
        self.store.save(saved)
        return saved

    # -- using it -------------------------------------------------------------------------------

    def tokens(self) -> dict[str, Any]:
        saved = self.store.load()
        if not saved or saved.get("base_url", self.base_url) != self.base_url:
            raise AuthError("signed_out", f"not signed in to {self.base_url}: run `rapport login`")
        return saved

    def device_id(self) -> str | None:
        saved = self.store.load()
        return saved.get("device_id") if saved else None

    def access_token(self, force: bool = False) -> str:
        """A valid access token; refreshed first when it expires within a minute (or `force`)."""
        with self._lock:
            saved = self.tokens()
            if not force and saved["expires_at"] - EARLY_S > self.clock():
                return saved["access_token"]
            if not saved.get("refresh_token"):
                raise AuthError("signed_out", "the session has ended: run `rapport login`")
            try:
                with self._oauth() as client:
                    token = client.refresh_token(self.metadata()["token_endpoint"],
                                                 refresh_token=saved["refresh_token"])
            except OAuthError as exc:
                if exc.error == "invalid_grant":
                    self.store.clear()
                    raise AuthError("signed_out", "this device was signed out: run `rapport login`") from None
                raise AuthError(exc.error or "error", exc.description or "") from None
            except httpx.TransportError as exc:
                raise NetworkError(str(exc)) from None
            return self._keep(dict(token))["access_token"]

    def logout(self) -> bool:
        """End the device session on the server (when reachable) and forget the tokens. True when
        the server confirmed it."""
        saved = self.store.load()
        confirmed = False
        if saved and saved.get("refresh_token"):
            try:
                with self._oauth() as client:
                    r = client.revoke_token(self.metadata()["revocation_endpoint"], token=saved["refresh_token"],
                                            token_type_hint="refresh_token")
                confirmed = r.status_code == 200
            except (httpx.TransportError, NetworkError, AuthError, OAuthError):
                confirmed = False
        self.store.clear()
        return confirmed


class _Callback:
    """One request to http://127.0.0.1:<port>/callback, then the server stops."""

    def __init__(self) -> None:
        self.url: str | None = None
        done = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                if not self.path.startswith("/callback"):
                    self.send_error(404)
                    return
                outer.url = f"http://127.0.0.1:{outer.port}{self.path}"
                body = (b"<!doctype html><title>Rapport</title>"
                        b"<p>Signed in. You can close this tab and return to the terminal.")
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                done.set()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.done = done
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait(self, timeout: float) -> str | None:
        self.done.wait(timeout)
        self.server.shutdown()
        self.server.server_close()
        return self.url
