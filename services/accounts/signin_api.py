"""The front door: OAuth endpoints, the sign-in pages, discovery, JWKS, and the member's devices.

Browser pages (plain HTML, accessible, no JavaScript) — docs/sign-in.md walks through them:

- `GET /oauth2/authorize` validates the app's request (authlib) and asks for the email;
- `POST /signin/email` sends the one-time code (and link) and asks for it;
- `POST /signin/code` checks it (or asks which organisation) and completes: a redirect to the
  app with an authorization code, or "return to your terminal" for a device grant;
- `GET /signin/link` confirms an emailed link with one button (a mail scanner fetching the link
  signs nobody in), `POST /signin/link` completes like a code;
- `GET|POST /device` takes the user code of a device grant (RFC 8628) and goes on to the email;
- `GET /signin` (an invitation's link) sends the person to the web app with the address filled in.

Machine endpoints: `POST /oauth2/token`, `/oauth2/revoke` (RFC 7009: sign-out),
`/oauth2/device_authorization`; `GET /.well-known/openid-configuration`,
`/.well-known/oauth-authorization-server`, `/.well-known/jwks.json`; `GET /v1/devices`,
`DELETE /v1/devices/<id>` (the member's device sessions).

Long because the pages and the endpoints share one flow (pending request → code → completion)
that reads best in one place.
"""
from __future__ import annotations

import logging
from urllib.parse import urlencode

from authlib.oauth2 import OAuth2Error
from flask import Response, current_app, jsonify, redirect, request
from flask.views import MethodView
from jinja2 import Environment, PackageLoader, select_autoescape

from shared import urls
from shared.auth import current_principal, public
from shared.db import Scope
from shared.errors import Busy, DomainError
from shared.problems import status_of
from shared.web import Blueprint, accepts

from . import oauth, sso_api
from .domain.clients import metadata
from .api import SIGNIN_PATH
from .schemas import DevicePage, OAuthError, TokenOut
from .service_layer.sessions import REVOKED, SignedIn
from .service_layer.signin import normal_email

log = logging.getLogger(__name__)
FORM = "application/x-www-form-urlencoded"
EXTENSION = "rapport_signin"
HTML = {"text/html": {"schema": {"type": "string"}}}
PAGES = Environment(loader=PackageLoader("services.accounts", "templates"), autoescape=select_autoescape())
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache", "Content-Security-Policy":
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:; frame-ancestors 'none'",
            "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer"}

oauth_blp = Blueprint("oauth", __name__, description="OAuth 2.1 / OpenID Connect: tokens, discovery and keys")
pages_blp = Blueprint("signin", __name__, description="Sign-in pages (HTML, for a browser)")
devices_blp = Blueprint("devices", __name__, url_prefix="/v1/devices", description="The member's device sessions")


def _html(description: str) -> dict:
    return {"description": description, "content": HTML}


def parts():
    return current_app.extensions[EXTENSION]


def page(template: str, status: int = 200, **context) -> Response:
    return Response(PAGES.get_template(template).render(**context), status=status, mimetype="text/html",
                    headers=NO_STORE)


def refused(response: Response, error: DomainError) -> Response:
    """A page answering `error`; a transient one says when to try again (`Retry-After`)."""
    if isinstance(error, Busy):
        response.headers["Retry-After"] = str(error.retry_after)
    return response


def client_ip() -> str:
    """The client's address: the last X-Forwarded-For hop (the gateway sets exactly one,
    overwriting what the client sent), else the peer's."""
    forwarded = request.headers.get("X-Forwarded-For", "")
    return forwarded.split(",")[-1].strip() or request.remote_addr or ""


# -- the shared flow --------------------------------------------------------------------------

def complete(pending: str, member: dict) -> Response:
    """Finish the sign-in `pending` for `member` (a code, a link or an organisation's own
    provider proved who they are): the app gets its authorization code, or the terminal its
    device grant."""
    p = parts()
    kind, _, value = pending.partition(":")
    if kind == "authorize":
        req = oauth.authorization_request(value, urls.public_base())
        try:
            grant = p.server.get_authorization_grant(req)
        except OAuth2Error as exc:
            return page("message.html", 400, title="Sign-in failed", message=exc.get_error_description())
        return p.server.create_authorization_response(request=req, grant_user=SignedIn(member), grant=grant)
    if kind == "device":
        grant = p.signin_store.device_grant_by_user_code(value)
        decided = grant and p.signin_store.decide_device_grant(grant["_id"], p.clock(), "approved",
                                                               Scope(member["org_id"], member["_id"]))
        if not decided:
            return page("message.html", 400, title="Code expired",
                        message="This code has expired or was used. Start again in your terminal.")
        return page("message.html", title="Signed in", message="You are signed in. Return to your terminal.")
    return page("message.html", 400, title="Sign-in failed", message="This sign-in cannot be completed; start again.")


def ask_email(pending: str, status: int = 200, error: str | None = None, email: str | None = None,
              intro: str | None = None) -> Response:
    return page("email.html", status, title="Sign in to Rapport", pending=pending, action=urls.public_url(
        "/signin/email"), error=error, email=email, intro=intro)


def ask_code(challenge: str, email: str, status: int = 200, error: str | None = None) -> Response:
    return page("code.html", status, title="Check your email", challenge=challenge, email=email, error=error,
                minutes=parts().config.code_ttl_seconds // 60, action=urls.public_url("/signin/code"))


def _verified(verified, challenge: str, secret_name: str, secret: str) -> Response:
    if verified.done:
        return complete(verified.pending, verified.members[0])
    if not verified.members:
        return page("message.html", 403, title="No active membership",
                    message="This address has no active membership any more. Ask your organisation's admin.")
    orgs = {o["_id"]: o["name"] for o in (parts().accounts_store.org(m["org_id"]) for m in verified.members) if o}
    members = [{"id": m["_id"], "org": orgs.get(m["org_id"], m["org_id"])} for m in verified.members]
    action = urls.public_url("/signin/code" if secret_name == "code" else "/signin/link")
    return page("choose.html", title="Choose an organisation", challenge=challenge, members=members,
                secret_name=secret_name, secret=secret, action=action)


# -- pages ------------------------------------------------------------------------------------

@pages_blp.route("/oauth2/authorize")
class Authorize(MethodView):
    @public
    @pages_blp.doc(summary="Start a sign-in (authorization code + PKCE S256)", responses={
        "200": _html("the sign-in page (HTML)"),
        "302": _html("an OAuth error sent back to the app's redirect URI (RFC 6749 §4.1.2.1)"),
        "400": _html("an unknown client or redirect URI: an HTML error page (never a redirect)")})
    def get(self):
        """Validates the request (client, exact redirect URI, PKCE S256, scope) and shows the
        email form; `login_hint` fills in the address."""
        p = parts()
        try:
            p.server.get_consent_grant(end_user=None)
        except OAuth2Error as exc:
            if exc.redirect_uri:
                return p.server.handle_error_response(None, exc)
            return page("message.html", 400, title="This sign-in link is not valid",
                        message=exc.get_error_description() or exc.error)
        return ask_email("authorize:" + request.query_string.decode(), email=request.args.get("login_hint"))


@pages_blp.route("/signin/email")
class Email(MethodView):
    @public
    @accepts(FORM)
    @pages_blp.doc(summary="Email a one-time code", responses={
        "200": _html("the code page (the same whether or not the address is a member's)"),
        "303": _html("to the organisation's own provider, when the address's domain signs in there"),
        "400": _html("no sign-in to continue (start from the app again)"),
        "422": _html("not an email address (the form again)"),
        "429": _html("too many codes for this address or network (the form again)"),
        "503": _html("mail cannot be sent right now")})
    def post(self):
        pending, email = request.form.get("pending", ""), request.form.get("email", "")
        if pending.partition(":")[0] not in ("authorize", "device"):
            return page("message.html", 400, title="Sign-in failed", message="Start the sign-in from the app again.")
        try:
            sso = parts().sso_redirect(email, pending)
            if sso is not None:
                return redirect(sso, 303)
            challenge = parts().signin.request_code(email, client_ip(), pending, _link_url)
        except DomainError as exc:
            # 422 a bad address, 429 too many codes, 503 mail or the provider away
            return refused(ask_email(pending, status_of(exc), exc.detail, email), exc)
        return ask_code(challenge, normal_email(email))


def _link_url(challenge: str, token: str) -> str:
    return urls.public_url("/signin/link?" + urlencode({"c": challenge, "t": token}))


@pages_blp.route("/signin/code")
class Code(MethodView):
    @public
    @accepts(FORM)
    @pages_blp.doc(summary="Check a one-time code and complete the sign-in", responses={
        "302": _html("to the app with an authorization code"),
        "200": _html("which organisation (several memberships), or 'return to your terminal'"),
        "400": _html("the sign-in to complete is no longer valid (start again from the app)"),
        "403": _html("the address has no active membership any more"),
        "422": _html("a wrong code (the form again, with the tries left)"),
        "410": _html("the code expired, was used or is locked after 5 wrong tries")})
    def post(self):
        challenge, code = request.form.get("challenge", ""), request.form.get("code", "")
        try:
            verified = parts().signin.verify_code(challenge, code, request.form.get("member_id") or None)
        except DomainError as exc:
            found = parts().signin_store.challenge(challenge)
            if exc.slug == "wrong-code" and found:
                return ask_code(challenge, found["email"], 422, exc.detail)
            return page("message.html", 410, title="Code expired", message=exc.detail)
        return _verified(verified, challenge, "code", code)


@pages_blp.route("/signin/link")
class Link(MethodView):
    @public
    @pages_blp.doc(summary="Confirm an emailed sign-in link",
                   responses={"200": _html("one button"), "410": _html("no such link")})
    def get(self):
        found = parts().signin_store.challenge(request.args.get("c", ""))
        if found is None:
            return page("message.html", 410, title="Link expired", message="This link has expired; ask for a new one.")
        return page("link.html", title="Sign in", email=found["email"], challenge=found["_id"],
                    token=request.args.get("t", ""), action=urls.public_url("/signin/link"))

    @public
    @accepts(FORM)
    @pages_blp.doc(summary="Complete a sign-in with an emailed link", responses={
        "302": _html("to the app with an authorization code"),
        "200": _html("which organisation (several memberships), or 'return to your terminal'"),
        "400": _html("the sign-in to complete is no longer valid (start again from the app)"),
        "403": _html("the address has no active membership any more"),
        "410": _html("the link expired, was used, or is wrong")})
    def post(self):
        challenge, token = request.form.get("challenge", ""), request.form.get("token", "")
        try:
            verified = parts().signin.verify_link(challenge, token, request.form.get("member_id") or None)
        except DomainError as exc:
            return page("message.html", 410, title="Link expired", message=exc.detail)
        return _verified(verified, challenge, "token", token)


@pages_blp.route("/device")
class Device(MethodView):
    @public
    @pages_blp.doc(summary="Enter a device grant's user code (RFC 8628)", responses={"200": _html("the form")})
    def get(self):
        return page("device.html", title="Sign in a terminal", user_code=request.args.get("user_code"),
                    action=urls.public_url("/device"))

    @public
    @accepts(FORM)
    @pages_blp.doc(summary="Check a user code and ask for the email", responses={
        "200": _html("the email form"), "404": _html("no such code (the form again)")})
    def post(self):
        code = request.form.get("user_code", "").strip().upper()
        p = parts()
        grant = p.signin_store.device_grant_by_user_code(code) if code else None
        if grant is None or grant.get("decision") or grant["expires_at"] <= p.clock():
            return page("device.html", 404, title="Sign in a terminal", user_code=code,
                        error="That code is not valid any more; check your terminal.",
                        action=urls.public_url("/device"))
        return ask_email("device:" + code, intro="Sign in to let the terminal act for you.")


SSO_REFUSALS = {
    "sso-login-expired": "This sign-in has expired",
    "sso-domain-not-allowed": "Your address does not sign in here",
    "sso-email-unverified": "Your email address is not verified",
    "member-inactive": "Your membership has ended",
    "sso-provider-unavailable": "Your organisation's sign-in is unavailable",
}


@pages_blp.route(sso_api.CALLBACK_PATH)
class SsoCallback(MethodView):
    @public
    @pages_blp.doc(summary="Back from the organisation's own provider (`state`, `code` or `error`)", responses={
        "302": _html("to the app with an authorization code, as after an emailed code"),
        "200": _html("'return to your terminal' (a device grant)"),
        "400": _html("the sign-in expired or was used (`state`)"),
        "403": _html("refused: an address outside the organisation's domains, an unverified address, an "
                     "ended membership, a bad ID token, or the provider said no; no member is created"),
        "503": _html("the provider could not be reached")})
    def get(self):
        args, sso = request.args, parts().sso
        try:
            if "error" in args:
                sso.abandon(args.get("state", ""), args.get("error", ""))
            pending, member = sso.finish(args.get("state", ""), args.get("code", ""),
                                         sso_api.callback_url())
        except DomainError as exc:
            log.info("organisation sign-in refused", extra={"slug": exc.slug})
            return refused(page("message.html", status_of(exc), title=SSO_REFUSALS.get(exc.slug, "You could not be "
                                "signed in"), message=exc.detail[:1].upper() + exc.detail[1:] + "."), exc)
        return complete(pending, member)


@pages_blp.route(SIGNIN_PATH)
class Start(MethodView):
    @public
    @pages_blp.doc(summary="An invitation's link: on to the web app's sign-in", responses={
        "302": _html("to the web app, which starts the authorization request")})
    def get(self):
        hint = request.args.get("login_hint", "")
        target = parts().app_url + ("?" + urlencode({"login_hint": hint}) if hint else "")
        return redirect(target, 302)


# -- machine endpoints ------------------------------------------------------------------------

@oauth_blp.route("/oauth2/token")
class Token(MethodView):
    @public
    @accepts(FORM)
    @oauth_blp.doc(summary="Tokens: authorization_code (+ code_verifier), refresh_token, device_code")
    @oauth_blp.response(200, TokenOut, description="tokens (RFC 6749 §5.1)")
    @oauth_blp.alt_response(400, schema=OAuthError, content_type="application/json",
                            description="an OAuth error (RFC 6749 §5.2): invalid_grant (a wrong, used, expired or "
                                        "another client's code or refresh token; a reused refresh token also ends "
                                        "its session), invalid_request (e.g. no code_verifier), authorization_pending, "
                                        "slow_down, expired_token, access_denied (device grant)")
    @oauth_blp.alt_response(401, schema=OAuthError, content_type="application/json", description="invalid_client")
    def post(self):
        return parts().server.create_token_response()


@oauth_blp.route("/oauth2/revoke")
class Revoke(MethodView):
    @public
    @accepts(FORM)
    @oauth_blp.doc(summary="Sign out: revoke a refresh token and its device session (RFC 7009)",
                   responses={"200": {"description": "revoked (also for a token that was not valid)"}})
    @oauth_blp.alt_response(400, schema=OAuthError, content_type="application/json",
                            description="invalid_request: no token or no known client_id")
    def post(self):
        token, client_id = request.form.get("token", ""), request.form.get("client_id", "")
        if not token or client_id not in parts().clients:
            return jsonify(error="invalid_request", error_description="send token and a known client_id"), 400
        if request.form.get("token_type_hint", "refresh_token") == "refresh_token":
            parts().sessions.revoke_refresh_token(token, client_id)
        return Response(status=200, headers={"Cache-Control": "no-store"})


@oauth_blp.route("/oauth2/device_authorization")
class DeviceAuthorization(MethodView):
    @public
    @accepts(FORM)
    @oauth_blp.doc(summary="Start a device grant (RFC 8628)", responses={
        "200": {"description": "device_code, user_code, verification_uri(_complete), expires_in, interval"}})
    @oauth_blp.alt_response(400, schema=OAuthError, content_type="application/json",
                            description="invalid_request, or unauthorized_client (a client without the device grant)")
    @oauth_blp.alt_response(401, schema=OAuthError, content_type="application/json", description="invalid_client")
    def post(self):
        return parts().server.create_endpoint_response("device_authorization")


def _metadata() -> Response:
    p = parts()
    response = jsonify(metadata(p.issuer, urls.public_url))
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


@oauth_blp.route("/.well-known/openid-configuration")
class OpenIdConfiguration(MethodView):
    @public
    @oauth_blp.doc(summary="OpenID Connect Discovery", responses={"200": {"description": "provider metadata"}})
    def get(self):
        return _metadata()


@oauth_blp.route("/.well-known/oauth-authorization-server")
class AuthorizationServerMetadata(MethodView):
    @public
    @oauth_blp.doc(summary="OAuth 2.0 Authorization Server Metadata (RFC 8414)",
                   responses={"200": {"description": "server metadata"}})
    def get(self):
        return _metadata()


@oauth_blp.route("/.well-known/jwks.json")
class Jwks(MethodView):
    @public
    @oauth_blp.doc(summary="The public keys access tokens are signed with (every key whose tokens may still be valid)",
                   responses={"200": {"description": "a JWK Set of ES256 keys"}})
    def get(self):
        response = jsonify(parts().keys.jwks())
        response.headers["Cache-Control"] = "public, max-age=300"
        return response


# -- the member's devices ---------------------------------------------------------------------

@devices_blp.route("")
class Devices(MethodView):
    @devices_blp.response(200, DevicePage)
    def get(self):
        """The member's device sessions (one per sign-in still valid); `current` marks this token's."""
        principal = current_principal()
        items = parts().sessions.list(Scope.of(principal))
        return {"items": [{**d, "current": d["_id"] == principal.device_id} for d in items]}


@devices_blp.route("/<device_id>")
class OneDevice(MethodView):
    @devices_blp.response(204)
    @devices_blp.alt_response(404, description="no such device session of this member")
    def delete(self, device_id):
        """End a device session: its refresh tokens stop working now, its access tokens as soon as
        each service has `account.device_revoked` (seconds)."""
        parts().sessions.revoke(Scope.of(current_principal()), device_id, REVOKED)
        return None


BLUEPRINTS = [oauth_blp, pages_blp, devices_blp]
