"""Application factory of the nudges API (the workers are `services.nudges.worker`)."""
from __future__ import annotations

from shared import clock as clocks
from shared.clock import Clock
from shared.settings import Settings, load_settings
from shared.web import service_app

from .adapters.documents import ALL_DOCUMENTS
from .api import blp, feeds_blp, sync_blp
from .bootstrap import bootstrap


def create_app(settings: Settings | None = None, clock: Clock = clocks.now):
    settings = settings or load_settings("nudges")
    parts = bootstrap(settings, clock)
    return service_app(
        "nudges", settings=settings, title="Rapport nudges",
        description="Nudges — timely, explained suggestions — their lifecycle, mobile sync and calendar feed.",
        documents=ALL_DOCUMENTS, blueprints=[blp, sync_blp, feeds_blp], extensions={"rapport_nudges": parts})
