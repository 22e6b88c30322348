import json

import pytest

from shared.events import Event, EventError, contract_for, contracts, deterministic_id, new_event, read_data


@pytest.mark.parametrize("c", contracts(), ids=lambda c: f"{c.type}-v{c.version}")
def test_each_contract_sample_is_valid_for_producers_and_consumers(c):
    event = new_event(c.type, org_id="org-1", member_id="m-1", data=c.sample, source="test", version=c.version)
    round_tripped = Event.from_bytes(event.to_bytes())
    assert round_tripped == event
    assert read_data(round_tripped) is not None


def test_consumers_ignore_unknown_fields_and_read_newer_versions_leniently():
    sample = contract_for("contact.created", 1).sample
    newer = Event(type="contact.created", org_id="o", member_id="m", source="future", schema_version=7,
                  data={**sample, "shiny_new_field": 1})
    data = read_data(newer)
    assert data["display_name"] == sample["display_name"] and "shiny_new_field" not in data


def test_unknown_types_are_skipped():
    assert read_data(Event(type="contact.teleported", org_id="o", member_id="m", source="x", data={})) is None


def test_producers_cannot_break_a_contract():
    with pytest.raises(EventError, match="breaks its contract"):
        new_event("contact.created", org_id="o", member_id="m", data={"display_name": 3}, source="x")
    with pytest.raises(EventError, match="no contract"):
        new_event("contact.teleported", org_id="o", member_id="m", data={}, source="x")


@pytest.mark.parametrize("raw, message", [
    (b"not json", "not JSON"),
    (b"[1,2]", "JSON object"),
    (json.dumps({"type": "x"}).encode(), "lacks"),
    (json.dumps({"id": "1", "type": "x", "org_id": "o", "source": "s", "occurred_at": "t",
                 "schema_version": 0}).encode(), "schema_version"),
])
def test_malformed_envelopes(raw, message):
    with pytest.raises(EventError, match=message):
        Event.from_bytes(raw)


def test_key_is_member_then_org_and_headers_carry_cloudevents_attributes():
    e = Event(type="t", org_id="o", member_id="m", source="s", data={})
    assert e.key == "m"
    assert Event(type="t", org_id="o", member_id=None, source="s", data={}).key == "o"
    headers = dict(e.headers())
    assert headers["ce_id"] == e.id.encode() and headers["ce_type"] == b"t"


def test_deterministic_ids():
    assert deterministic_id("e1", "rule") == deterministic_id("e1", "rule") != deterministic_id("e2", "rule")
