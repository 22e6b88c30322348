"""Application factory of the accounts service (`gunicorn 'services.accounts.app:create_app()'`)."""
from shared import clock as clocks
from shared.clock import Clock
from shared.settings import Settings, load_settings
from shared.web import REVOCATIONS, service_app

from .adapters.audit import MongoAuditLog
from .adapters.documents import ALL_DOCUMENTS
from .adapters.mail import Mailer, SmtpMailer
from .adapters.store import MongoAccountStore
from .api import ADMIN_EXTENSION, BLUEPRINTS, EXTENSION
from .config import AccountsConfig
from .service_layer.accounts import Accounts
from .service_layer.admin import Admin, Audit

MAILER = "rapport_mailer"  # the app's mailer (tests inject OutboxMailer), shared by whatever sends mail


def create_app(settings: Settings | None = None, clock: Clock = clocks.now, mailer: Mailer | None = None):
    settings = settings or load_settings("accounts")
    mailer = mailer or SmtpMailer(AccountsConfig.from_settings(settings).smtp)
    accounts = Accounts(MongoAccountStore(), clock)
    admin = Admin(accounts, Audit(MongoAuditLog(), accounts, clock), mailer, clock)
    return service_app("accounts", settings=settings, title="Rapport accounts",
                       description="Organisations, members, roles and tokens; what admins did (the audit log).",
                       documents=ALL_DOCUMENTS, blueprints=BLUEPRINTS,
                       # accounts decides from its own member documents, not from events
                       extensions={EXTENSION: accounts, ADMIN_EXTENSION: admin, MAILER: mailer,
                                   REVOCATIONS: accounts.revoked})
