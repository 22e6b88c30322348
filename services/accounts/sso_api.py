"""HTTP routes of organisation sign-in (service_layer/sso.py): thin views.

- `GET`, `PUT`, `DELETE /v1/org/sso`: an admin's own organisation's OpenID provider (the
  organisation is always the token's; the client secret is write-only).
- the browser's way back from the provider, `GET /signin/sso/callback`, is a sign-in page
  (signin_api.py).
"""
from __future__ import annotations

from flask import current_app
from flask.views import MethodView

from shared import urls
from shared.auth import current_principal, require_role
from shared.web import Blueprint

from .schemas import SsoConfigIn, SsoConfigOut
from .service_layer.sso import Sso

EXTENSION = "rapport_sso"
CALLBACK_PATH = "/signin/sso/callback"


def service() -> Sso:
    return current_app.extensions[EXTENSION]


def callback_url() -> str:
    """The redirect URI to register with a provider: the callback on the public base URL."""
    return urls.public_base() + CALLBACK_PATH


blp = Blueprint("org_sso", __name__, description="An organisation's own OpenID provider for its members' sign-in")


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
        principal = current_principal()
        return _answer(service().configure(principal.org_id, principal.member_id, data["issuer"], data["client_id"],
                                           data["client_secret"], data["allowed_domains"]))

    @blp.response(204)
    def delete(self):
        """Members sign in by email code again (idempotent)."""
        principal = current_principal()
        service().remove(principal.org_id, principal.member_id)
