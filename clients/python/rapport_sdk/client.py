"""`Rapport`: the typed client of the whole API through the gateway.

    from rapport_sdk import Rapport

    rapport = Rapport("https://rapport.example", token=lambda force: tokens.access(force))
    for contact in rapport.contacts.list(tag="climbing"):
        print(contact.name)
    job = rapport.imports.wait(rapport.imports.create(csv_text, "text/csv", "Connections.csv").id)

Every call goes through one `Http` (timeouts, retries, the token, errors as `ProblemError`
subclasses); answers are the generated models (`rapport_sdk._generated.<service>.models`, each with
`.to_dict()`); listings are iterators over every page. Bodies are generated models or plain dicts.
"""
from __future__ import annotations

from .api._base import Caller
from .api.accounts import Audit, Devices, Members, Org
from .api.contacts import Contacts, Duplicates, Exports, Gatherings, Imports, Interactions
from .api.goals import Goals, Objectives, Plan, Reviews
from .api.nudges import Feeds, Nudges
from .api.sync import Sync
from .http import Http, TokenSource


class Rapport:
    """The API's resource groups over one `Http` (pass `http` to share or configure it)."""

    def __init__(self, base_url: str, token: TokenSource | None = None, *, http: Http | None = None,
                 timeout: float = 30.0):
        self.http = http if http is not None else Http(base_url, token, timeout=timeout)
        caller = Caller(self.http)
        # contacts
        self.contacts = Contacts(caller)
        self.interactions = Interactions(caller)
        self.gatherings = Gatherings(caller)
        self.duplicates = Duplicates(caller)
        self.imports = Imports(caller)
        self.exports = Exports(caller)
        # nudges
        self.nudges = Nudges(caller)
        self.feeds = Feeds(caller)
        # goals
        self.goals = Goals(caller)
        self.plan = Plan(caller)
        self.objectives = Objectives(caller)
        self.reviews = Reviews(caller)
        # accounts
        self.members = Members(caller)
        self.devices = Devices(caller)
        self.audit = Audit(caller)
        self.org = Org(caller)
        # offline sync, raw
        self.sync = Sync(caller)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> Rapport:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
