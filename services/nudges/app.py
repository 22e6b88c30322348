"""Application factory of the nudges API (the workers are `services.nudges.worker`)."""
from __future__ import annotations

from shared.settings import Settings, load_settings
from shared.web import service_app

from .adapters.documents import ALL_DOCUMENTS, IcsFeed, SyncReceipt
from .api import blp, feeds_blp, sync_blp
from .bootstrap import bootstrap, knob
from .service_layer.feeds import Feeds
from .service_layer.nudging import Clock, utcnow
from .service_layer.sync import SYNC_LAG, NudgeSync


def create_app(settings: Settings | None = None, clock: Clock = utcnow):
    settings = settings or load_settings("nudges")
    parts = bootstrap(settings, clock)
    parts.sync = NudgeSync(parts.store, parts.nudges, SyncReceipt._get_collection(), clock,
                           lag=_lag(settings))  # type: ignore[attr-defined]
    parts.feeds = Feeds(IcsFeed._get_collection(), parts.store, clock)  # type: ignore[attr-defined]
    return service_app(
        "nudges", settings=settings, title="Rapport nudges",
        description="Nudges — timely, explained suggestions — their lifecycle, mobile sync and calendar feed.",
        documents=ALL_DOCUMENTS, blueprints=[blp, sync_blp, feeds_blp], extensions={"rapport_nudges": parts})


def _lag(settings: Settings):
    from datetime import timedelta
    return timedelta(milliseconds=knob(settings, "SYNC_LAG_MS", int(SYNC_LAG.total_seconds() * 1000), 0, 60_000))
