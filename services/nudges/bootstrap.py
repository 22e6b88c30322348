"""Wiring, done once per process: real adapters for the API and for the workers."""
from __future__ import annotations

from dataclasses import dataclass

from shared import db
from shared.settings import Settings, SettingsError
from shared.topics import PARTITIONS

from .adapters.documents import ALL_DOCUMENTS, IcsFeed, MemberClock, Nudge, ReadRecord, SyncReceipt
from .adapters.readmodel import MongoReadModel
from .adapters.schedule import MemberSchedule
from .adapters.store import NudgeStore
from .service_layer.coach import Eraser, make_eraser
from .service_layer.nudging import Clock, Nudges, utcnow


@dataclass
class Parts:
    settings: Settings
    read_model: MongoReadModel
    schedule: MemberSchedule
    store: NudgeStore
    nudges: Nudges
    eraser: Eraser
    clock: Clock


def knob(settings: Settings, name: str, default: int, lo: int, hi: int) -> int:
    """An optional NUDGES_* setting (see README), clamped to a sane range."""
    raw = settings.extra.get(f"NUDGES_{name}", "")
    try:
        return min(max(int(raw), lo), hi) if raw else default
    except ValueError:
        raise SettingsError({f"NUDGES_{name}": f"must be a whole number, got {raw!r}"}) from None


def bootstrap(settings: Settings, clock: Clock = utcnow) -> Parts:
    db.connect(settings)
    db.ensure_indexes(ALL_DOCUMENTS)
    read_model = MongoReadModel(ReadRecord._get_collection())
    schedule = MemberSchedule(MemberClock._get_collection(), knob(settings, "PARTITIONS", PARTITIONS, 1, 10_000))
    store = NudgeStore(Nudge._get_collection())
    eraser = make_eraser(read_model, store, IcsFeed._get_collection(), SyncReceipt._get_collection())
    return Parts(settings, read_model, schedule, store, Nudges(store, schedule, read_model, clock), eraser, clock)
