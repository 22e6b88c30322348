"""The filter subset checked next to a read by `_id` (shared.docfilter), case by case.
tests/integration/test_write_guards.py compares it with the server's own answers."""
from datetime import datetime, timedelta, timezone

import pytest

from shared.docfilter import matches

NOW = datetime(2026, 5, 1, 9, tzinfo=timezone.utc)
DOC = {"_id": "c-1", "org_id": "o", "member_id": "m", "version": 3, "deleted": False, "until": NOW,
       "owner": None, "a": {"contacts": {"c1": {"v": 2}}}, "tags": ["x"], "score": 1.5, "flag": True}


@pytest.mark.parametrize("filter, expected", [
    ({}, True),
    ({"org_id": "o", "member_id": "m", "version": 3}, True),
    ({"org_id": "o", "member_id": "other"}, False),            # another member's document
    ({"version": 3.0}, True),                                  # numbers compare across int and float
    ({"version": "3"}, False),                                 # ... but not with strings
    ({"flag": 1}, False),                                      # a boolean is not a number
    ({"deleted": {"$ne": True}}, True),
    ({"missing": {"$ne": True}}, True),                        # $ne matches a missing field
    ({"owner": None}, True), ({"missing": None}, True), ({"version": None}, False),
    ({"until": {"$lt": NOW + timedelta(seconds=1)}}, True),
    ({"until": {"$lt": NOW}}, False), ({"until": {"$lte": NOW}}, True),
    ({"missing": {"$lt": NOW}}, False),                        # comparisons never match a missing field
    ({"owner": {"$lt": NOW}}, False),                          # ... nor null
    ({"version": {"$lt": NOW}}, False),                        # ... nor another kind of value
    ({"a.contacts.c1.v": {"$not": {"$gte": 2}}}, False),
    ({"a.contacts.c1.v": {"$not": {"$gte": 3}}}, True),
    ({"a.contacts.c9.v": {"$not": {"$gte": 3}}}, True),        # missing: $not matches
    ({"$or": [{"owner": "w-1"}, {"until": {"$lt": NOW + timedelta(1)}}]}, True),
    ({"$or": [{"owner": "w-1"}, {"until": {"$lt": NOW}}]}, False),
    ({"$and": [{"version": {"$gte": 3}}, {"version": {"$lte": 3}}]}, True),
    ({"version": {"$in": [1, 3]}}, True), ({"version": {"$nin": [1, 3]}}, False),
    ({"owner": {"$exists": True}}, True), ({"missing": {"$exists": True}}, False),
    ({"version": {"$gt": 2, "$lt": 4}}, True), ({"score": {"$gte": 2}}, False),
])
def test_what_it_can_tell(filter, expected):
    assert matches(DOC, filter) is expected


@pytest.mark.parametrize("filter", [
    {"tags": "x"},                                             # equality on an array field
    {"tags.0": "x"},                                           # a path through an array
    {"a": {"contacts": {}}},                                   # equality with a document
    {"$where": "this.version > 1"},                            # operators it does not know
    {"version": {"$mod": [2, 1]}},
    {"flag": {"$gt": False}},
    {"until": {"$lt": NOW.replace(tzinfo=None)}},              # naive against aware time
    {"tags": None}, {"tags": {"$ne": None}}, {"tags": {"$in": [None]}},  # arrays may hold null
    {"version": {"$gte": None}},                               # null in a range
    {"score": float("nan")},
])
def test_what_it_leaves_to_the_server(filter):
    assert matches(DOC, filter) is None
