"""A person signing in, for tests: a browser session on the sign-in pages, PKCE, reading the
emailed code from Mailpit. Works with requests (over HTTP, e2e) and Flask's test client
(in-process) alike, through `Browser`."""
from __future__ import annotations

import base64
import hashlib
import html
import re
import secrets
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

LOOPBACK = "http://127.0.0.1:53117/callback"


def pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def field(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found, f"no {name} field in:\n{page[:2000]}"
    return html.unescape(found.group(1))


def query(location: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


@dataclass
class Response:
    status: int
    text: str
    headers: dict
    json: dict | None


class Browser:
    """GET/POST forms without following redirects; over `requests` (base URL) or a Flask client."""

    def __init__(self, client, base_url: str = ""):
        self.client, self.base_url = client, base_url

    def _wrap(self, r) -> Response:
        if hasattr(r, "get_json"):  # Flask's test response
            text, body = r.get_data(as_text=True), r.get_json(silent=True)
        else:
            text = r.text
            try:
                body = r.json()
            except ValueError:
                body = None
        return Response(getattr(r, "status_code", None), text, dict(r.headers), body)

    def get(self, path: str, params: dict | None = None, headers: dict | None = None) -> Response:
        if self.base_url:
            return self._wrap(self.client.get(self.base_url + path, params=params, headers=headers,
                                              allow_redirects=False, timeout=30))
        return self._wrap(self.client.get(path, query_string=params, headers=headers))

    def post(self, path: str, data: dict, headers: dict | None = None) -> Response:
        if self.base_url:
            return self._wrap(self.client.post(self.base_url + path, data=data, headers=headers,
                                               allow_redirects=False, timeout=30))
        return self._wrap(self.client.post(path, data=data, headers=headers))


def authorize_params(challenge: str, client_id: str = "rapport-cli", redirect_uri: str = LOOPBACK,
                     **more) -> dict:
    return {"response_type": "code", "client_id": client_id, "redirect_uri": redirect_uri, "scope": "openid email",
            "state": "s-" + secrets.token_hex(4), "nonce": "n-" + secrets.token_hex(4), "code_challenge": challenge,
            "code_challenge_method": "S256", **more}


def emailed(mailpit, email: str, before: int) -> tuple[str | None, str | None]:
    """The code and link of the newest mail to `email` after `before` earlier ones."""
    message = mailpit.wait_for(to=email, timeout=15, newer_than_count=before)
    text = mailpit.text(message["ID"])
    code = re.search(r"\b(\d{6})\b", text)
    link = re.search(r"(https?://\S+/signin/link\?\S+)", text)
    return (code.group(1) if code else None), (link.group(1) if link else None)


def start(browser: Browser, email: str, params: dict) -> tuple[str, Response]:
    """Open the authorization URL and ask for a code: (challenge id, the code page)."""
    page = browser.get("/oauth2/authorize", params)
    assert page.status == 200, page.text[:2000]
    sent = browser.post("/signin/email", {"pending": field(page.text, "pending"), "email": email})
    assert sent.status == 200, sent.text[:2000]
    return field(sent.text, "challenge"), sent


def sign_in(browser: Browser, mailpit, email: str, client_id: str = "rapport-cli",
            redirect_uri: str = LOOPBACK) -> dict:
    """The whole browser flow and the code exchange: the token answer."""
    verifier, challenge = pkce()
    params = authorize_params(challenge, client_id, redirect_uri)
    before = len(mailpit.messages(to=email))
    challenge_id, _ = start(browser, email, params)
    code, _ = emailed(mailpit, email, before)
    done = browser.post("/signin/code", {"challenge": challenge_id, "code": code})
    assert done.status == 302, done.text[:2000]
    back = query(done.headers["Location"])
    assert back["state"] == params["state"]
    tokens = browser.post("/oauth2/token", {"grant_type": "authorization_code", "code": back["code"],
                                            "redirect_uri": redirect_uri, "client_id": client_id,
                                            "code_verifier": verifier})
    assert tokens.status == 200, tokens.text
    return tokens.json


def refresh(browser: Browser, token: str, client_id: str = "rapport-cli") -> Response:
    return browser.post("/oauth2/token", {"grant_type": "refresh_token", "refresh_token": token,
                                          "client_id": client_id})


def url(path: str, params: dict) -> str:
    return f"{path}?{urlencode(params)}"
