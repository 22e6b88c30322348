"""The change log's invariant, observed directly while writers race: the numbers visible at
any moment are exactly 1..n (a lower number never appears after a higher one was seen),
and every version is logged exactly once."""
import threading

from services.contacts.adapters.changelog import ChangeLog
from services.contacts.adapters.documents import ALL_DOCUMENTS
from shared import db
from shared.db import Scope

SCOPE = Scope("org-log", "m-log")
WRITERS = 6
APPENDS = 15


def test_visible_numbers_are_always_a_contiguous_prefix(settings_for):
    db.connect(settings_for("contacts"))
    db.ensure_indexes(ALL_DOCUMENTS)
    log = ChangeLog(SCOPE)
    errors: list[str] = []
    stop = threading.Event()
    observations = 0

    def writer(n: int):
        try:
            for i in range(APPENDS):
                ChangeLog(SCOPE).append([("contacts", f"w{n}-r{i}-{k}", 1) for k in range(1 + (n + i) % 4)])
        except Exception as exc:
            errors.append(repr(exc))

    def reader():
        nonlocal observations
        while not stop.is_set():
            seqs = sorted(d["seq"] for d in log.slots.find({}, {"seq": 1}))
            if seqs != list(range(1, len(seqs) + 1)):
                errors.append(f"not a prefix: {[s for a, s in zip(range(1, len(seqs) + 1), seqs) if a != s][:3]}")
                return
            observations += 1

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    watcher = threading.Thread(target=reader)
    watcher.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    stop.set()
    watcher.join(30)
    assert not errors, errors
    assert observations > 5
    slots = list(log.slots.find({}))
    expected = sum(1 + (n + i) % 4 for n in range(WRITERS) for i in range(APPENDS))
    assert len(slots) == expected == len({s["rid"] for s in slots})
    assert log.head()["seq"] == expected


def test_a_version_is_logged_once_however_often_it_is_appended(settings_for):
    db.connect(settings_for("contacts"))
    db.ensure_indexes(ALL_DOCUMENTS)
    log = ChangeLog(SCOPE)
    assert log.append([("contacts", "a", 1), ("contacts", "b", 1)]) == 2
    assert log.append([("contacts", "a", 1), ("contacts", "c", 1), ("contacts", "b", 1)]) == 3
    assert log.append([("contacts", "a", 1)]) is None
    assert [(s["seq"], s["rid"]) for s in log.read(0, 10)] == [(1, "a"), (2, "b"), (3, "c")]
    assert [s["rid"] for s in log.read(1, 1)] == ["b", "c"]   # limit + 1: the extra says "more"
