"""The sync toolkit every scope shares (shared.syncing): result statuses, a record's capped
memory of its mutations, the pull cursor, the device a request syncs as."""
from datetime import datetime, timedelta, timezone

import pytest

from shared import pagination, syncing
from shared.contracts import sync
from shared.db import Scope
from shared.errors import Conflict, Invalid
from shared.problems import status_of

UTC = timezone.utc


def test_a_records_memory_keeps_the_newest_and_recalls_what_it_kept():
    memory = None
    for n in range(1, 40):
        memory = syncing.remember(memory, f"dev:m{n}", n, sync.APPLIED if n % 2 else sync.MERGED, 32)
    assert len(memory) == 32 and memory[0]["k"] == "dev:m8" and memory[-1] == {"k": "dev:m39", "v": 39, "s": "applied"}
    assert syncing.recall(memory, "dev:m7") is None  # trimmed
    assert syncing.recall(memory, "dev:m38") == {"k": "dev:m38", "v": 38, "s": "merged"}
    assert syncing.recall(["dev:old"], "dev:old") == {"k": "dev:old"}  # written before versions were kept


def test_a_resend_repeats_its_first_result():
    head = {"mutation_id": "m1", "id": "n1"}
    assert syncing.repeat({**head, "status": "applied", "version": 3}) == {
        **head, "status": "duplicate", "first_status": "applied", "version": 3}
    rejected = {**head, "status": "rejected", "reason": "not_found"}
    assert syncing.repeat(rejected) == rejected
    assert syncing.first_result(head, {"k": "d:m1", "v": 4, "s": "merged"}, 9) == {
        **head, "status": "duplicate", "first_status": "merged", "version": 4}
    assert set(sync.RESULT_STATUSES) == {"applied", "merged", "duplicate", "conflict", "rejected"}


ADA, GRACE = Scope("org-1", "ada"), Scope("org-1", "grace")


def test_the_pull_cursor_is_a_position_in_write_order_at_the_stores_precision():
    moment = datetime(2026, 12, 5, 2, 0, 0, 123000, tzinfo=UTC)
    cursor = syncing.encode_cursor(moment, "n-1", ADA)
    assert syncing.decode_cursor(cursor, ADA) == (moment, "n-1")
    assert pagination.decode(cursor, 3) == ["2026-12-05T02:00:00.123Z", "n-1", syncing.cursor_owner(ADA)]
    assert syncing.decode_cursor(None, ADA) is None and syncing.decode_cursor("", ADA) is None
    # cursors issued before the one format (isoformat with an offset) still read
    old = pagination.encode([(moment + timedelta(hours=1)).astimezone(timezone(timedelta(hours=1))).isoformat(), "x"])
    assert syncing.decode_cursor(old, ADA) == (moment + timedelta(hours=1), "x")


def test_the_pull_cursor_is_bound_to_its_member_and_one_issued_before_binding_still_reads():
    moment = datetime(2026, 12, 5, 2, 0, 0, 123000, tzinfo=UTC)
    with pytest.raises(Invalid) as err:
        syncing.decode_cursor(syncing.encode_cursor(moment, "n-1", ADA), GRACE)
    assert err.value.slug == "invalid-cursor"
    assert syncing.cursor_owner(ADA) != syncing.cursor_owner(Scope("org-2", "ada"))  # the organisation counts
    assert syncing.cursor_owner(Scope("org-1", "a")) != syncing.cursor_owner(Scope("org-1a", ""))  # no run-together
    unbound = pagination.encode_instant(moment, "n-1")  # what a pull answered before cursors were bound
    assert syncing.decode_cursor(unbound, ADA) == syncing.decode_cursor(unbound, GRACE) == (moment, "n-1")


@pytest.mark.parametrize("values", [["yesterday", "n-1"], [12, "n-1"], ["2026-12-05T02:00:00Z", {"$gt": ""}],
                                    ["2026-12-05T02:00:00Z"], ["2026-12-05T02:00:00Z", "n-1", 7],
                                    ["2026-12-05T02:00:00Z", "n-1", "", ""],
                                    ["yesterday", "n-1", syncing.cursor_owner(ADA)]])
def test_a_cursor_this_api_did_not_issue_is_invalid_input(values):
    with pytest.raises(Invalid) as err:
        syncing.decode_cursor(pagination.encode(values), ADA)
    assert err.value.slug == "invalid-cursor"
    with pytest.raises(Invalid):
        syncing.decode_cursor("%%%not-base64", ADA)


def test_a_request_syncs_as_the_device_its_token_was_signed_in_on():
    assert syncing.own_device("d-1", "d-1") == "d-1"      # a push (or a pull) naming the token's device
    assert syncing.own_device("d-1", None) == "d-1"       # a pull naming none: the token's device
    assert syncing.own_device("", None) is None           # an operator token's pull naming none: no device


@pytest.mark.parametrize(("session", "named"), [("d-1", "d-2"), ("", "d-1")])
def test_a_device_that_is_not_the_tokens_is_refused_409_with_what_to_do(session, named):
    """Another device than the token's, or any device with a token of none (an operator's):
    nothing to register any more; sign in on the device."""
    with pytest.raises(Conflict) as err:
        syncing.own_device(session, named)
    assert err.value.slug == "device-not-registered" and status_of(err.value) == 409
    assert "sign in on this device" in err.value.detail and named in err.value.detail
