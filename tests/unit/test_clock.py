"""shared.clock: the one clock and the one way an instant is written as text."""
from datetime import datetime, timedelta, timezone

from shared import clock, events, schema


def test_one_format_utc_milliseconds_z():
    berlin = timezone(timedelta(hours=1))
    assert clock.rfc3339(datetime(2026, 12, 5, 3, 0, 0, 123456, berlin)) == "2026-12-05T02:00:00.123Z"
    assert clock.rfc3339(datetime(2026, 12, 5, 2, 0)) == "2026-12-05T02:00:00.000Z"  # naive is UTC
    assert clock.parse_instant(clock.rfc3339(datetime(2026, 12, 5, 2, 0, 0, 5000))) == datetime(
        2026, 12, 5, 2, 0, 0, 5000, timezone.utc)


def test_api_fields_and_events_write_the_one_format():
    moment = datetime(2026, 5, 1, 9, 0, 0, 987654, timezone.utc)
    assert schema.UtcDateTime()._serialize(moment, "at", None) == clock.rfc3339(moment)
    assert not hasattr(events, "rfc3339") and not hasattr(schema, "iso_time")  # one name: clock.rfc3339
    event = events.Event(type="t", org_id="o", member_id="m", data={}, source="s")
    assert clock.parse_instant(event.occurred_at) and event.occurred_at == clock.rfc3339(
        clock.parse_instant(event.occurred_at))
