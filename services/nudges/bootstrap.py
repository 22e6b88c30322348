"""Wiring, done once per process: real adapters for the API and for the workers."""
from __future__ import annotations

from dataclasses import dataclass

from shared import clock as clocks
from shared import db
from shared.clock import Clock
from shared.settings import Settings

from .adapters.documents import ALL_DOCUMENTS, IcsFeed, MemberClock, Nudge, ReadRecord, SyncReceipt
from shared.readmodel import MongoReadModel
from .adapters.schedule import MemberSchedule
from .adapters.store import NudgeStore
from .config import NudgesConfig
from .service_layer.coach import Eraser, make_eraser
from .service_layer.feeds import Feeds
from .service_layer.nudging import Nudges
from .service_layer.sync import NudgeSync


@dataclass
class Parts:
    settings: Settings
    config: NudgesConfig
    read_model: MongoReadModel
    schedule: MemberSchedule
    store: NudgeStore
    nudges: Nudges
    sync: NudgeSync
    feeds: Feeds
    eraser: Eraser
    clock: Clock


def bootstrap(settings: Settings, clock: Clock = clocks.now) -> Parts:
    """Every part on the real store; the NUDGES_* settings are checked first (SettingsError)."""
    config = NudgesConfig.from_settings(settings)
    db.connect(settings)
    db.ensure_indexes(ALL_DOCUMENTS)
    read_model = MongoReadModel(ReadRecord._get_collection())
    schedule = MemberSchedule(MemberClock._get_collection(), config.partitions)
    store = NudgeStore(Nudge._get_collection())
    receipts = SyncReceipt._get_collection()
    eraser = make_eraser(read_model, store, IcsFeed._get_collection(), receipts)
    nudges = Nudges(store, schedule, read_model, clock)
    sync = NudgeSync(store, nudges, receipts, clock, lag=config.sync_lag, receipts_cap=config.sync_receipts)
    feeds = Feeds(IcsFeed._get_collection(), store, clock)
    return Parts(settings, config, read_model, schedule, store, nudges, sync, feeds, eraser, clock)
