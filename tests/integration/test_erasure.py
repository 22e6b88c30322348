"""Erasing a member removes their data from the services that follow account events."""
import threading
import time

from services.goals import service as goals
from services.goals.adapters.documents import Goal, Plan
from shared import follower, kafka
from shared.db import Scope
from shared.events import new_event

ADA, BOB = Scope("org-1", "ada"), Scope("org-1", "bob")


def test_member_erased_event_deletes_their_goals_and_plan_only(kafka_topics, settings_for):
    settings = settings_for("goals")
    runner = follower.build(settings)  # connects the goals database
    for scope in (ADA, BOB):
        goals.create_goal(scope, {"title": "CTO", "horizon": "ultimate", "milestones": []})
        goals.put_plan(scope, {"style": "introvert"})
    erased = new_event("account.member_erased", org_id="org-1", member_id="ada", source="test",
                       data={"member_id": "ada", "erased_at": "2026-05-01T09:00:00Z"})
    producer = kafka.producer(settings, "test")
    for _ in range(2):  # delivered twice: still one effect, no error
        producer.send(settings.topic("rapport.accounts.v1"), key=b"ada", value=erased.to_bytes()).get(30)
    producer.close()

    stop = threading.Event()
    thread = threading.Thread(target=runner.run, args=(stop,), daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while Goal._get_collection().count_documents({"member_id": "ada"}) and time.monotonic() < deadline:
        time.sleep(0.1)
    stop.set()
    thread.join(30)
    for document in (Goal, Plan):
        assert document._get_collection().count_documents({"member_id": "ada"}) == 0
        assert document._get_collection().count_documents({"member_id": "bob"}) == 1
