"""HTTP routes of organisation sign-in (service_layer/sso.py): thin views.

- `GET`, `PUT`, `DELETE /v1/org/sso`: an admin's own organisation's OpenID provider (the
  organisation is always the token's; the client secret is write-only).
- `GET /signin/sso/callback`: where the provider sends the browser back. Not an API route
  but a page (`pages`, a plain Flask blueprint outside the OpenAPI document): the sign-in is
  finished and handed, with the login's `pending`, to the sign-in core
  (`app.extensions["rapport_signin_complete"](pending, member)`, which answers the browser);
  a refusal is a small HTML page with the refusal's status, since a person with
  a browser is on the other end, not a client that reads problem documents.
"""
from __future__ import annotations

import logging
from html import escape

from flask import Blueprint as PageBlueprint
from flask import Response, current_app, request
from flask.views import MethodView

from shared import urls
from shared.auth import current_principal, public, require_role
from shared.errors import Busy, DomainError
from shared.problems import status_of
from shared.web import Blueprint

from .schemas import SsoConfigIn, SsoConfigOut
from .service_layer.sso import Sso

EXTENSION = "rapport_sso"
SIGNIN_COMPLETE = "rapport_signin_complete"  # (pending, member) -> the response that ends the sign-in
CALLBACK_PATH = "/signin/sso/callback"
SIGNIN_PATH = "/signin"
log = logging.getLogger(__name__)


def service() -> Sso:
    return current_app.extensions[EXTENSION]


def callback_url() -> str:
    """The redirect URI to register with a provider: the callback on the public base URL."""
    return urls.public_base() + CALLBACK_PATH


blp = Blueprint("org_sso", __name__, description="An organisation's own OpenID provider for its members' sign-in")
pages = PageBlueprint("sso_pages", __name__)


def _answer(config: dict) -> dict:
    return {**config, "redirect_uri": callback_url()}


@blp.route("/v1/org/sso")
class OrgSso(MethodView):
    decorators = [require_role("admin")]

    @blp.response(200, SsoConfigOut)
    @blp.alt_response(404, description="the organisation signs in by email code (no provider configured)")
    def get(self):
        """The admin's organisation's provider (never its client secret)."""
        return _answer(service().config(current_principal().org_id))

    @blp.arguments(SsoConfigIn)
    @blp.response(200, SsoConfigOut)
    @blp.alt_response(409, description="`sso-domain-taken`: another organisation signs in one of these domains")
    @blp.alt_response(422, description="`validation-error`: a bad field, or the issuer's discovery document "
                                       "cannot be fetched or names another issuer (`errors.issuer` says which)")
    def put(self, data):
        """Set the admin's organisation's provider; checked by fetching its discovery document first."""
        return _answer(service().configure(current_principal().org_id, data["issuer"], data["client_id"],
                                           data["client_secret"], data["allowed_domains"]))

    @blp.response(204)
    def delete(self):
        """Members sign in by email code again (idempotent)."""
        service().remove(current_principal().org_id)


@pages.get(CALLBACK_PATH)
@public
def callback():
    """The provider sends the browser back here with `state` and `code` (or `error`)."""
    args = request.args
    try:
        if "error" in args:
            service().abandon(args.get("state", ""), args.get("error", ""))
        pending, member = service().finish(args.get("state", ""), args.get("code", ""), callback_url())
    except DomainError as exc:
        log.info("organisation sign-in refused", extra={"slug": exc.slug})
        return refusal_page(exc)
    complete = current_app.extensions.get(SIGNIN_COMPLETE)
    if complete is None:
        log.error("organisation sign-in finished, but nothing completes it (%s is not set)", SIGNIN_COMPLETE)
        return refusal_page(Busy("signing in through your organisation is not available here yet",
                                 slug="sso-provider-unavailable"))
    return complete(pending, member)


REFUSAL_TITLES = {
    "sso-login-expired": "This sign-in has expired",
    "sso-domain-not-allowed": "Your address does not sign in here",
    "sso-email-unverified": "Your email address is not verified",
    "member-inactive": "Your membership has ended",
    "sso-provider-unavailable": "Your organisation's sign-in is unavailable",
}


def refusal_page(error: DomainError) -> Response:
    """A plain page saying why, with the refusal's status (shared.problems' mapping)."""
    title = REFUSAL_TITLES.get(error.slug, "You could not be signed in")
    body = f"""<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} – Rapport</title></head>
<body>
<main>
<h1>{escape(title)}</h1>
<p role="alert">{escape(error.detail[:1].upper() + error.detail[1:])}.</p>
<p><a href="{escape(urls.public_base() + SIGNIN_PATH)}">Back to sign-in</a></p>
</main>
</body>
</html>
"""
    response = Response(body, status=status_of(error), mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"  # the address holds the provider's code
    response.headers["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'"
    response.headers["X-Content-Type-Options"] = "nosniff"
    if isinstance(error, Busy):
        response.headers["Retry-After"] = str(error.retry_after)
    return response
