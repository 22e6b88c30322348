"""HTTP routes of the contacts service: thin, the work is in `service`."""
from flask import g
from flask.views import MethodView
from flask_smorest import Blueprint

from shared.auth import current_principal
from shared.db import Scope

from . import service
from .schemas import ContactIn, ContactListArgs, ContactOut, ContactPage

blp = Blueprint("contacts", __name__, url_prefix="/v1/contacts", description="People in the member's network")


@blp.route("")
class Contacts(MethodView):
    @blp.arguments(ContactListArgs, location="query")
    @blp.response(200, ContactPage)
    def get(self, args):
        """List contacts (cursor pagination)."""
        items, next_cursor = service.list_contacts(Scope.of(current_principal()), args["limit"], args["cursor"])
        return {"items": items, "next_cursor": next_cursor}

    @blp.arguments(ContactIn)
    @blp.response(201, ContactOut)
    def post(self, data):
        """Capture a contact; publishes `contact.created`."""
        return service.create_contact(Scope.of(current_principal()), data, g.correlation_id)


@blp.route("/<contact_id>")
class ContactById(MethodView):
    @blp.response(200, ContactOut)
    def get(self, contact_id):
        """One contact; another member's contact is a 404."""
        return service.get_contact(Scope.of(current_principal()), contact_id)
