import pytest

from shared import pagination, problems
from shared.errors import Invalid


def test_cursor_round_trip():
    assert pagination.decode(pagination.encode(["abc", 3]), 2) == ["abc", 3]
    assert pagination.decode(None, 1) is None


@pytest.mark.parametrize("bad", ["!!!", "bm90IGpzb24", pagination.encode(["a"])])
def test_foreign_cursors_are_a_clear_400(bad):
    with pytest.raises(Invalid) as err:
        pagination.decode(bad, 2)
    assert err.value.slug == "invalid-cursor" and problems.status_of(err.value) == 400


def test_an_instant_cursor_keeps_the_stores_precision_and_reads_older_spellings():
    from datetime import datetime, timedelta, timezone
    moment = datetime(2026, 12, 5, 2, 0, 0, 123000, tzinfo=timezone.utc)
    cursor = pagination.encode_instant(moment, "n-1")
    assert pagination.decode(cursor, 2) == ["2026-12-05T02:00:00.123Z", "n-1"]
    assert pagination.decode_instant(cursor) == (moment, "n-1") and pagination.decode_instant(None) is None
    plus_one = timezone(timedelta(hours=1))
    assert pagination.decode_instant(pagination.encode([moment.astimezone(plus_one).isoformat(), "n-1"])) == (
        moment, "n-1")
    for values in (["soon", "n-1"], [1, "n-1"], ["2026-12-05T02:00:00Z", ["n-1"]]):
        with pytest.raises(Invalid, match="not one this API issued"):
            pagination.decode_instant(pagination.encode(values))
