"""Erasing a member removes their data from every service that follows account events."""
import threading
import time

from services.contacts.adapters.documents import ALL_DOCUMENTS as CONTACT_DOCUMENTS
from services.contacts.service_layer import records as contacts
from services.goals.adapters.documents import ALL_DOCUMENTS as GOAL_DOCUMENTS
from services.goals.adapters.store import MongoGoalStore
from services.goals.adapters.suggestions import MongoSuggestionStore
from services.goals.service_layer.goals import Goals
from services.goals.service_layer.planning import Planning
from shared import follower, kafka
from shared.db import Scope
from shared.events import new_event

ADA, BOB = Scope("org-1", "ada"), Scope("org-1", "bob")
goals = Goals(MongoGoalStore())  # the goals use cases on the connected database
planning = Planning(MongoGoalStore(), MongoSuggestionStore())


def _publish_erasure_twice(settings):
    erased = new_event("account.member_erased", org_id="org-1", member_id="ada", source="test",
                       data={"member_id": "ada", "erased_at": "2026-05-01T09:00:00Z"})
    producer = kafka.producer(settings, "test")
    for _ in range(2):  # delivered twice: still one effect, no error
        producer.send(settings.topic("rapport.accounts.v1"), key=b"ada", value=erased.to_bytes()).get(30)
    producer.close()


def _follow_until(runner, done):
    stop = threading.Event()
    thread = threading.Thread(target=runner.run, args=(stop,), daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not done() and time.monotonic() < deadline:
        time.sleep(0.1)
    stop.set()
    thread.join(30)


def _count(documents, member):
    return sum(d._get_collection().count_documents({"member_id": member}) for d in documents)


def test_goals_follower_erases_only_the_erased_members_goals_and_plan(kafka_topics, settings_for):
    settings = settings_for("goals")
    runner = follower.build(settings)  # connects the goals database
    for scope in (ADA, BOB):
        goals.create_goal(scope, {"title": "CTO", "horizon": "ultimate", "milestones": []})
        planning.put_plan(scope, {"style": "introvert"})
    _publish_erasure_twice(settings)
    _follow_until(runner, lambda: _count(GOAL_DOCUMENTS, "ada") == 0)
    assert _count(GOAL_DOCUMENTS, "ada") == 0
    assert _count(GOAL_DOCUMENTS, "bob") == 2


def test_contacts_follower_erases_only_the_erased_members_network(kafka_topics, settings_for):
    settings = settings_for("contacts")
    runner = follower.build(settings)
    for scope in (ADA, BOB):
        contacts.create_contact(scope, {"display_name": "Grace Hopper", "emails": ["grace@navy.test"]})
    before = _count(CONTACT_DOCUMENTS, "bob")
    assert _count(CONTACT_DOCUMENTS, "ada") > 0 and before > 0
    _publish_erasure_twice(settings)
    _follow_until(runner, lambda: _count(CONTACT_DOCUMENTS, "ada") == 0)
    assert _count(CONTACT_DOCUMENTS, "ada") == 0
    assert _count(CONTACT_DOCUMENTS, "bob") == before
