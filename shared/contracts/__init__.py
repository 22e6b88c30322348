"""Every integration event contract, registered once per type and version.

Each module registers its service's events with `shared.events.contract`. Samples double
as the fixtures that producer and consumer tests share.
"""
from . import accounts, contacts, goals, nudges  # noqa: F401
